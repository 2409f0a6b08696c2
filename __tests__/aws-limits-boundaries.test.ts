import { type Json, type Synthesized, synthProject } from "./helpers/synth";
import { inputChecks } from "./helpers/module-inputs";
import {
  type TerraformTool,
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
} from "./helpers/terraform";
import { awsLimit } from "../lib/aws-limits";
import { awsValueProblem } from "../lib/aws-checks";
import { gatewayNameProblem } from "../modules/platform/modules/agentcore/names";
import { STATEMENT_LENGTH } from "../lib/cedar/policies";
import { tagMap } from "../lib/config/environment";

/**
 * The fields wired to AWS's model (lib/aws-limits-table.json), at their edges: the longest or
 * edge value AWS accepts is accepted, the smallest violation refused, at synthesis (the
 * TypeScript checks) and at plan (the modules' variable validations). The plan cases of one
 * module are batched: one root, one `module "case_<n>"` per case, one plan.
 */

interface PlanCase {
  readonly name: string;
  readonly vars: Record<string, unknown>;
  /** A part of the message the plan must fail with; absent: the case plans. */
  readonly refused?: string;
}

/**
 * Plans every case as a call of a module made of `variables` alone (validations need nothing
 * else) and returns the messages of each case, by case index.
 */
function planCases(tool: TerraformTool, checks: Record<string, Json>, cases: readonly PlanCase[]): string[][] {
  const module = Object.fromEntries(cases.map((c, i) => [`case_${i}`, { source: "./m", ...c.vars }]));
  const files = Object.fromEntries(Object.entries(checks).map(([file, body]) => [`m/${file}`, body]));
  const tf = prepareTerraform({ ...files, "main.tf.json": { module } }, tool);
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-json"]);
  const messages: string[][] = cases.map(() => []);
  for (const line of plan.stdout.split("\n")) {
    if (!line.includes('"diagnostic"')) continue;
    const d = JSON.parse(line).diagnostic;
    const at = /module(?:\.| ")case_(\d+)/.exec(d.snippet?.context ?? "");
    if (d.severity !== "error") continue;
    const message = `${d.summary}: ${d.detail}`.replace(/\s+/g, " ");
    // The value checks of a strict input run in modules/inputs, whose errors name no case: such an
    // error belongs to the cases whose refusal it is (their entries have their own names).
    const owners = at
      ? [Number(at[1])]
      : cases.flatMap((c, i) => (c.refused && message.includes(c.refused) ? [i] : []));
    if (owners.length === 0) throw new Error(`an error of no case: ${message}`);
    for (const i of owners) messages[i].push(message);
  }
  return messages;
}

/** Each case's outcome: "accepted", or the refusal it expects and whether the plan gave it. */
function expectCases(cases: readonly PlanCase[], messages: string[][]): void {
  const outcome = (c: PlanCase, m: string[]) =>
    c.refused === undefined
      ? m.length === 0
        ? "accepted"
        : m.join(" | ")
      : m.some((x) => x.includes(c.refused!))
        ? `refused: ${c.refused}`
        : m.join(" | ") || "accepted";
  expect(cases.map((c, i) => [c.name, outcome(c, messages[i])])).toEqual(
    cases.map((c) => [c.name, c.refused === undefined ? "accepted" : `refused: ${c.refused}`]),
  );
}

const variablesOf = (out: Synthesized, module: string, names: readonly string[]): Record<string, Json> =>
  inputChecks(out, module, names);

// --- CreateGateway.name: `<name_prefix>-<environment>-gateway` -----------------------------------

const GATEWAY_NAME_CASES: { name: string; prefix: string; env: string; ok: boolean }[] = [
  { name: "the longest prefix and environment", prefix: "acme-platform-eu", env: "production", ok: true },
  { name: "single hyphens", prefix: "a-b-c", env: "dev", ok: true },
  { name: "a double hyphen in the prefix", prefix: "acme--eu", env: "dev", ok: false },
];

describe("gateway name at synthesis", () => {
  test("the pattern is AWS's", () => {
    expect(awsLimit("CreateGateway.name").pattern).toBe("^([0-9a-zA-Z][-]?){1,48}$");
  });
  test.each(GATEWAY_NAME_CASES)("$name", ({ prefix, env, ok }) => {
    const problem = gatewayNameProblem(prefix, env);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toContain(`makes the gateway name "${prefix}-${env}-gateway", which does not match`);
    expect(awsValueProblem("CreateGateway.name", `${prefix}-${env}-gateway`) === undefined).toBe(ok);
  });
});

/** The gateway module's resources the policies need, planned provider-free. */
const POLICY_PART = /^aws_(bedrockagentcore_(policy|policy_engine|gateway)|iam_role|iam_role_policy|cognito_.*)$/;
/** Role policies that read attributes only the provider computes (as in platform.test.ts). */
const PROVIDER_ONLY = /^agentcore_gateway_(oauth2_token|target_credentials)$/;

/** The gateway module's gateway, engine and policies, without the targets the policies wait for. */
function gatewayPart(tree: Record<string, Json>): Record<string, Json> {
  const planned = isolate(tree, (type, name) => POLICY_PART.test(type) && !PROVIDER_ONLY.test(name));
  for (const body of Object.values(planned))
    for (const block of Object.values(body.resource?.aws_bedrockagentcore_policy ?? {}))
      delete (block as Json).depends_on;
  return planned;
}

describeWithTerraform("fields wired to AWS's model, at plan", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });

  test("gateway name: the gateway and platform modules refuse what AWS refuses", () => {
    const cases = ["platform/modules/agentcore", "platform"].flatMap((module) =>
      GATEWAY_NAME_CASES.map((c) => ({
        module,
        name: `${module}: ${c.name}`,
        vars: { name_prefix: c.prefix, environment: c.env },
        refused: c.ok ? undefined : `make the gateway name ${c.prefix}-${c.env}-gateway, which AWS refuses`,
      })),
    );
    for (const module of ["platform/modules/agentcore", "platform"]) {
      const own = cases.filter((c) => c.module === module);
      expectCases(own, planCases(tool, variablesOf(out, module, ["name_prefix", "environment"]), own));
    }
  });

  test("Cedar statements: counted with the gateway's ARN in place of {{GATEWAY_ARN}}, in one plan", () => {
    // The ARN the gateway of acme/dev in us-east-1 gets: its id is the name and 10 characters.
    const arn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234";
    const withGateway = (sent: number) => {
      const head =
        'permit(principal, action, resource == AgentCore::Gateway::"{{GATEWAY_ARN}}") when { principal.hasTag("';
      const tail = '") };';
      return `${head}${"x".repeat(sent - (head.length + tail.length - "{{GATEWAY_ARN}}".length + arn.length))}${tail}`;
    };
    const policies = {
      Longest: withGateway(STATEMENT_LENGTH.max),
      OneOver: withGateway(STATEMENT_LENGTH.max + 1),
      // Without the placeholder: 35 and 34 characters.
      Shortest: "permit(principal,action,resource );",
      OneUnder: "permit(principal,action,resource);",
    };
    expect(STATEMENT_LENGTH).toEqual({ min: 35, max: 10_000 });
    const tree = out.module("platform/modules/agentcore").tree();
    // The two role policies that read provider-only attributes of the gateway are left out (as in platform.test.ts).
    const planned = gatewayPart(tree);
    const tf = prepareTerraform({ ...planned, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const vars = { name_prefix: "acme", environment: "dev", account_id: "123456789012", kms_key_arn: "" };
    const message = planError(tf, { ...vars, policy_engine_mode: "LOG_ONLY", policies });
    const refused = [...message.matchAll(/Policy (\w+) is (\d+) characters as AgentCore receives it/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(refused.sort()).toEqual([
      ["OneOver", 10_001],
      ["OneUnder", 34],
    ]);
    expect(message).toContain(`replaced by the gateway's ARN, ${arn.length} characters); AgentCore accepts 35-10000`);
  });
});

describeWithTerraform("custom JWT audiences and clients at plan", (tool) => {
  test("an empty list is sent as null (AWS: at least one item when sent), a list of one as it is", () => {
    const tree = synthProject().module("platform/modules/agentcore").tree();
    const planned = gatewayPart(tree);
    const tf = prepareTerraform({ ...planned, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const jwtOf = (vars: Record<string, unknown>) => {
      const resources = planResources(tf, {
        name_prefix: "acme",
        environment: "dev",
        account_id: "123456789012",
        kms_key_arn: "",
        enable_cognito: false,
        authorizer_type: "CUSTOM_JWT",
        jwt_discovery_url: "https://issuer.example.com/.well-known/openid-configuration",
        ...vars,
      });
      const gateway = resources.find((r) => r.type === "aws_bedrockagentcore_gateway")!;
      return gateway.values.authorizer_configuration[0].custom_jwt_authorizer[0];
    };
    expect(jwtOf({})).toMatchObject({ allowed_audience: null, allowed_clients: null });
    expect(jwtOf({ jwt_allowed_audiences: ["api"], jwt_allowed_clients: [] })).toMatchObject({
      allowed_audience: ["api"],
      allowed_clients: null,
    });
    expect(awsLimit("CreateGateway.authorizerConfiguration.customJWTAuthorizer.allowedAudience").size).toEqual({
      min: 1,
    });
  });
});

// --- CreateAgentRuntime.environmentVariables: entries, names, values ------------------------------

const AGENTS_MODULE_VARS = {
  name_prefix: "zeta",
  environment: "qa",
  account_id: "123456789012",
  permissions_boundary_arn: "arn:aws:iam::123456789012:policy/zeta-qa-role-boundary",
  ssm_root_path: "/zeta/qa",
  gateway_role_arn: "arn:aws:iam::123456789012:role/zeta-qa-agentcore-gateway",
  runtime_kms_key_arn: "arn:aws:kms:eu-west-1:123456789012:key/55555555-5555-5555-5555-555555555555",
};
const variables = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`VAR_${i}`, `v${i}`]));
const agentWith = (environment: Record<string, string>, more: Record<string, unknown> = {}) => ({
  description: "x",
  models: ["amazon.nova-lite-v1:0"],
  environment,
  ...more,
});

describeWithTerraform("runtime environment at plan", (tool) => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("agents").tree();
  });
  const prepare = () => {
    // Credential providers read SSM parameters, which a provider-free plan cannot: the agents here have none.
    const files = isolate(tree, (type) => !type.includes("credential_provider"));
    return prepareTerraform({ ...files, "provider.tf.json": offlineProvider("eu-west-1") }, tool);
  };

  test("the count holds the platform's variables: AWS's 50 plan, 51 fail, naming the agent", () => {
    // The gateway URL and one inference key set: every runtime gets 4 of the platform's; a memory adds its id.
    const vars = {
      enable_gateway_url: true,
      gateway_url: "https://gw.example.com/mcp",
      litellm_api_key: "sk-test-value",
    };
    const memory = { memory: { strategies: [{ name: "facts", type: "SEMANTIC", namespace: "/facts" }] } };
    const agents = {
      edge: agentWith(variables(46)),
      over: agentWith(variables(47)),
      "memory-edge": agentWith(variables(45), memory),
      "memory-over": agentWith(variables(46), memory),
    };
    const message = planError(prepare(), { ...AGENTS_MODULE_VARS, ...vars, agents });
    const refused = [...message.matchAll(/Agent ([a-z-]+) has (\d+) environment variables/g)].map((m) => [m[1], m[2]]);
    expect(refused.sort()).toEqual([
      ["memory-over", "51"],
      ["over", "51"],
    ]);
  });

  test("nothing optional set (nothing sensitive): the platform adds 2, so 48 of its own plan, 49 fail", () => {
    const agents = { edge: agentWith(variables(48)), over: agentWith(variables(49)) };
    const message = planError(prepare(), { ...AGENTS_MODULE_VARS, agents });
    expect([...message.matchAll(/Agent ([a-z-]+) has (\d+) environment variables/g)].map((m) => m[1])).toEqual([
      "over",
    ]);
    expect(message).toContain("Agent over has 51 environment variables");
  });

  test("names and values: AWS's 100 and 5,000 characters plan, 101 and 5,001 fail, naming the agents", () => {
    const tf = prepare();
    const ok = { longest: agentWith({ [`A${"N".repeat(99)}`]: "v".repeat(5000) }) };
    expect(planError(tf, { ...AGENTS_MODULE_VARS, agents: { ...ok, over: agentWith(variables(49)) } })).toContain(
      "Agent over has 51",
    );
    const message = planError(tf, {
      ...AGENTS_MODULE_VARS,
      agents: {
        ...ok,
        "long-name": agentWith({ [`A${"N".repeat(100)}`]: "x" }),
        "long-value": agentWith({ V: "v".repeat(5001) }),
        lower: agentWith({ log_level: "x" }),
      },
    });
    expect(message).toContain(
      "Agents long-name, lower have environment variable names that break the rule: environment variable names " +
        "must be UPPER_SNAKE_CASE, 1-100 characters",
    );
    expect(message).toContain("Agents long-value have environment values longer than 5000 characters");
  });
});

// --- TagResource.tags: AgentCore's ASCII grammar (synthesis only: the modules take no tags) ------

describe("tags at synthesis", () => {
  const parse = (tags: Record<string, string>) => tagMap.safeParse(tags).success;
  test("AWS's longest key and value with every character its pattern allows are accepted", () => {
    expect(parse({ [`${"K".repeat(116)} ._:/=+-@Aa9`]: `${"v".repeat(244)} ._:/=+-@Aa9` })).toBe(true);
    // Java's \s: tab, newline, vertical tab, form feed, carriage return and space.
    expect(parse({ Team: "a\tb\nc\u000bd\fe\rf g" })).toBe(true);
    expect(parse({ Team: "" })).toBe(true);
  });
  test("the smallest violations are refused", () => {
    expect(parse({ ["K".repeat(129)]: "v" })).toBe(false);
    expect(parse({ Team: "v".repeat(257) })).toBe(false);
    expect(parse({ "": "v" })).toBe(false);
    expect(parse({ Équipe: "v" })).toBe(false);
    expect(parse({ Team: "équipe" })).toBe(false);
    // A Unicode space is not one of Java's \s (JavaScript's \s would take it).
    expect(parse({ Team: "a\u00a0b" })).toBe(false);
    expect(parse({ Team: "a#b" })).toBe(false);
  });
});

describeWithTerraform("memory event expiry at plan", (tool) => {
  test("AWS's 3 days plan, 2 fail, naming the agent", () => {
    const tree = synthProject().module("agents").tree();
    const files = isolate(tree, (type) => !type.includes("credential_provider"));
    const tf = prepareTerraform({ ...files, "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    const memory = (days: number) => agentWith({}, { memory: { event_expiry_days: days } });
    expect(planResources(tf, { ...AGENTS_MODULE_VARS, agents: { shortest: memory(3) } }).length).toBeGreaterThan(0);
    expect(planError(tf, { ...AGENTS_MODULE_VARS, agents: { shortest: memory(3), short: memory(2) } })).toContain(
      "Agents short have a memory whose event_expiry_days is not 3-365",
    );
  });
});

// --- oauthCredentialProvider.scopes: Cognito's derived scopes and a target's own ----------------

describeWithTerraform("OAuth scopes at plan", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });
  const docs = (name: string, scopes: string[]) => ({
    [name]: {
      description: "x",
      mcp_server: { endpoint: "https://docs.example.com/mcp" },
      auth: { oauth: { discovery_url: "https://login.example.com/.well-known/openid-configuration", scopes } },
      tools: [{ name: "search" }],
    },
  });
  const many = (n: number, length: number) => Array.from({ length: n }, (_, i) => `${i}`.padStart(length, "s"));

  test("cognito_scopes: <gateway>/<scope> of 64 characters plans, 65 fails; 100 scopes plan, 101 fail", () => {
    const base = { name_prefix: "acme", environment: "dev" };
    const refused = "cognito_scopes make scopes AWS refuses";
    const cases: PlanCase[] = [
      { name: "64 characters", vars: { ...base, cognito_scopes: ["s".repeat(47)] } },
      { name: "65 characters", vars: { ...base, cognito_scopes: ["s".repeat(48)] }, refused },
      { name: "100 scopes", vars: { ...base, cognito_scopes: many(100, 3) } },
      { name: "101 scopes", vars: { ...base, cognito_scopes: many(101, 3) }, refused },
    ];
    const module = "platform/modules/agentcore";
    expectCases(
      cases,
      planCases(tool, variablesOf(out, module, ["name_prefix", "environment", "cognito_scopes"]), cases),
    );
  });

  test("a target's auth.oauth.scopes: 100 of 64 characters plan, 101 scopes or 65 characters fail", () => {
    const base = { name_prefix: "acme", environment: "dev" };
    const refused = (target: string) => `Gateway targets ${target} have auth.oauth.scopes AWS refuses`;
    const cases: PlanCase[] = [
      { name: "100 of 64 characters", vars: { ...base, gateway_targets: docs("Docs", many(100, 64)) } },
      {
        name: "101 scopes",
        vars: { ...base, gateway_targets: docs("ManyScopes", many(101, 3)) },
        refused: refused("ManyScopes"),
      },
      {
        name: "65 characters",
        vars: { ...base, gateway_targets: docs("LongScope", ["s".repeat(65)]) },
        refused: refused("LongScope"),
      },
      {
        name: "an empty scope",
        vars: { ...base, gateway_targets: docs("EmptyScope", [""]) },
        refused: refused("EmptyScope"),
      },
    ];
    const names = ["name_prefix", "environment", "gateway_targets", "enable_cognito"];
    expectCases(cases, planCases(tool, variablesOf(out, "platform/modules/agentcore", names), cases));
  });
});
