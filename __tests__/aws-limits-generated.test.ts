import { type Synthesized, synthProject } from "./helpers/synth";
import { type TerraformTool, describeWithTerraform, prepareTerraform } from "./helpers/terraform";
import { type AwsFieldPath, awsLimit } from "../lib/aws-limits";
import { inputChecks } from "./helpers/module-inputs";
import { awsValueProblem, portablePattern } from "../lib/aws-checks";
import { AWS_NAMES, nameProblem } from "../lib/naming";
import { agentSpecSchema } from "../lib/config/blueprints";
import { gatewayTargetSpecSchema } from "../lib/config/gateway-targets";
import { NESTED_TOOL_TYPES, TOOL_TYPES } from "../lib/config/target-format";

/**
 * Boundary cases generated from AWS's model (lib/aws-limits-table.json) for the fields that are
 * checked on both paths with a length, a size or an enum from the table: for each, the edge values
 * AWS accepts are accepted and the smallest violations refused, by the zod schema of synthesis
 * (naming the field) and by the module's variable validation at plan (naming the entry and the
 * attribute). The bounds come from the table, never from the code under test; each field only says
 * how to build a value of a given length (or size) that is otherwise valid. One plan per module
 * holds every case, one `module "case_<n>"` each.
 */

interface WiredField {
  readonly path: AwsFieldPath;
  /** What is bounded: characters (`length`), items or entries (`size`), or the allowed values (`enum`). */
  readonly kind: "length" | "size" | "enum";
  /** The module that checks the field at plan, the input the entry goes in, and the words of its refusal. */
  readonly module: "agents" | "platform/modules/agentcore";
  readonly refused: string;
  /** An otherwise valid value of `n` characters or entries (kind `length`/`size`), or the value itself (`enum`). */
  readonly value: (n: number | string) => unknown;
  /** The module input entry (an agent, a target) holding the value. */
  readonly entry: (value: unknown) => Record<string, unknown>;
  /** The smallest length a value can have: AWS's minimum, or what the value's form needs (a URI's scheme). */
  readonly shortest?: number;
  /** Values of a valid length that break AWS's pattern or enum. */
  readonly broken?: readonly unknown[];
  /** Bounds AWS states in the pattern instead of a length (`^s3://.{1,2043}$`), read from the table's pattern. */
  readonly boundsFromPattern?: (pattern: string) => { min: number; max: number };
  /** Enum values the project refuses on purpose (DELIBERATE_STRICTNESS or a Terraform type limit). */
  readonly narrower?: readonly string[];
}

const agent = (more: Record<string, unknown>) => ({ description: "x", models: ["amazon.nova-lite-v1:0"], ...more });
const authorizer = (scopes: unknown) => ({
  authorizer: { discovery_url: "https://id.example.com/.well-known/openid-configuration", allowed_scopes: scopes },
});
const target = (more: Record<string, unknown>) => ({ description: "x", ...more });
const mcp = (auth: Record<string, unknown>) =>
  target({ mcp_server: { endpoint: "https://docs.example.com/mcp" }, auth, tools: [{ name: "search" }] });
const oauth = (more: Record<string, unknown>) =>
  mcp({ oauth: { discovery_url: "https://login.example.com/.well-known/openid-configuration", ...more } });
const pad = (head: string, n: number, tail = "", fill = "a") =>
  `${head}${fill.repeat(n - head.length - tail.length)}${tail}`;
const entries = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, "v"]));
const REGISTRY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/";
const lambdaTool = (type: unknown, nested?: Record<string, unknown>) =>
  target({
    lambda: { function: "tools" },
    tools: [
      {
        name: "lookup",
        description: "x",
        input_schema: { type: "object", properties: { arg: { type, description: "x", ...nested } } },
      },
    ],
  });

const PROVIDER = "CreateGatewayTarget.credentialProviderConfigurations[].credentialProvider";

const FIELDS: readonly WiredField[] = [
  {
    path: "CreateAgentRuntime.agentRuntimeArtifact.containerConfiguration.containerUri",
    kind: "length",
    module: "agents",
    refused: "have an invalid image_uri",
    value: (n) => pad(REGISTRY, n as number, ":v1", "r"),
    entry: (v) => agent({ image_uri: v }),
    shortest: `${REGISTRY}r:v1`.length,
    broken: [`${REGISTRY}Repo:v1`, `public.ecr.aws/${"r".repeat(10)}:v1`],
  },
  {
    path: "CreateAgentRuntime.authorizerConfiguration.customJWTAuthorizer.allowedScopes[]",
    kind: "length",
    module: "agents",
    refused: "have an authorizer whose allowed_scopes AWS refuses",
    value: (n) => "s".repeat(n as number),
    entry: (v) => agent(authorizer([v])),
    broken: ["read write", 'say"hi', "back\\slash", "café"],
  },
  {
    path: "CreateGatewayTarget.targetConfiguration.mcp.openApiSchema.s3.uri",
    kind: "length",
    module: "platform/modules/agentcore",
    refused: "or an s3.uri that is not an S3 object URI",
    value: (n) => pad("s3://docs-bucket/", n as number, ".yaml", "k"),
    entry: (v) => target({ openapi: { s3: { uri: v } }, auth: { none: true }, tools: [{ name: "search" }] }),
    shortest: "s3://docs-bucket/k.yaml".length,
    boundsFromPattern: (pattern) => {
      const [, min, max] = /^\^s3:\/\/\.\{(\d+),(\d+)\}\$$/.exec(pattern)!;
      return { min: 5 + Number(min), max: 5 + Number(max) };
    },
    broken: ["https://docs-bucket/api.yaml"],
  },
  {
    path: `${PROVIDER}.apiKeyCredentialProvider.credentialPrefix`,
    kind: "length",
    module: "platform/modules/agentcore",
    refused: "have an auth.api_key.prefix AWS refuses",
    value: (n) => "p".repeat(n as number),
    entry: (v) => mcp({ api_key: { prefix: v } }),
  },
  {
    path: `${PROVIDER}.oauthCredentialProvider.scopes[]`,
    kind: "length",
    module: "platform/modules/agentcore",
    refused: "have auth.oauth.scopes AWS refuses",
    value: (n) => "s".repeat(n as number),
    entry: (v) => oauth({ scopes: [v] }),
  },
  {
    path: `${PROVIDER}.oauthCredentialProvider.customParameters`,
    kind: "size",
    module: "platform/modules/agentcore",
    refused: "have auth.oauth.custom_parameters AWS refuses",
    value: (n) => entries(n as number),
    entry: (v) => oauth({ custom_parameters: v }),
  },
  {
    path: `${PROVIDER}.oauthCredentialProvider.customParameters{key}`,
    kind: "length",
    module: "platform/modules/agentcore",
    refused: "have auth.oauth.custom_parameters AWS refuses",
    value: (n) => "k".repeat(n as number),
    entry: (v) => oauth({ custom_parameters: { [v as string]: "v" } }),
  },
  {
    path: `${PROVIDER}.oauthCredentialProvider.customParameters{value}`,
    kind: "length",
    module: "platform/modules/agentcore",
    refused: "have auth.oauth.custom_parameters AWS refuses",
    value: (n) => "v".repeat(n as number),
    entry: (v) => oauth({ custom_parameters: { audience: v } }),
  },
  {
    path: "CreateGatewayTarget.targetConfiguration.mcp.lambda.toolSchema.inlinePayload[].inputSchema.type",
    kind: "enum",
    module: "platform/modules/agentcore",
    refused: "have tool arguments of a type AgentCore does not take",
    value: (v) => v,
    entry: (v) => lambdaTool(v),
    broken: ["str", "Object", "null"],
  },
  {
    // An array's items: the same SchemaType (the table lists the recursive schema once); the project
    // leaves out `object` there, as Terraform types cannot recurse.
    path: "CreateGatewayTarget.targetConfiguration.mcp.lambda.toolSchema.inlinePayload[].inputSchema.type",
    kind: "enum",
    module: "platform/modules/agentcore",
    refused: "have tool arguments of a type AgentCore does not take",
    value: (v) => v,
    entry: (v) => lambdaTool("array", { items: { type: v } }),
    broken: ["str"],
    narrower: TOOL_TYPES.filter((t) => !(NESTED_TOOL_TYPES as readonly string[]).includes(t)),
  },
];

interface Case {
  readonly field: WiredField;
  readonly name: string;
  readonly value: unknown;
  readonly accepted: boolean;
}

/** The generated cases of one field: edges of its length or size, its enum, and its broken values. */
function casesOf(field: WiredField): Case[] {
  const limit = awsLimit(field.path);
  const at = (name: string, value: unknown, accepted: boolean): Case => ({ field, name, value, accepted });
  if (field.kind === "enum") {
    const allowed = (limit.enum ?? []).map(String);
    if (allowed.length === 0) throw new Error(`${field.path} has no enum in the table`);
    return [
      ...allowed.map((v) => at(`"${v}"`, field.value(v), !field.narrower?.includes(v))),
      ...(field.broken ?? []).map((v) =>
        at(`${JSON.stringify(v)} (not in AWS's enum)`, field.value(v as string), false),
      ),
    ];
  }
  const bounds =
    field.boundsFromPattern && limit.pattern ? field.boundsFromPattern(limit.pattern) : limit[field.kind as "length"];
  if (bounds?.max === undefined) throw new Error(`${field.path} has no maximum ${field.kind} in the table`);
  const min = Math.max(bounds.min ?? 0, field.shortest ?? 0);
  const unit = field.kind === "length" ? "characters" : "entries";
  const cases = [
    at(`${bounds.max} ${unit} (AWS's maximum)`, field.value(bounds.max), true),
    at(`${bounds.max + 1} ${unit}`, field.value(bounds.max + 1), false),
    at(`${min} ${unit} (the shortest)`, field.value(min), true),
  ];
  // Below AWS's own minimum; a value that needs more (a URI's scheme) is refused by the pattern already.
  if ((bounds.min ?? 0) > 0 && field.shortest === undefined)
    cases.push(at(`${bounds.min! - 1} ${unit}`, field.value(bounds.min! - 1), false));
  for (const v of field.broken ?? []) cases.push(at(`${JSON.stringify(v)} (AWS's pattern)`, v, false));
  return cases;
}

const CASES = FIELDS.flatMap(casesOf);
const describeCase = (c: Case) => `${c.field.path}: ${c.name} is ${c.accepted ? "accepted" : "refused"}`;

const entryOf = (c: Case) => c.field.entry(c.value);

describe("generated boundaries at synthesis", () => {
  test.each(CASES.map((c) => [describeCase(c), c] as const))("%s", (_, c) => {
    const schema = c.field.module === "agents" ? agentSpecSchema : gatewayTargetSpecSchema;
    const result = schema.safeParse(entryOf(c));
    if (c.accepted) expect(result.error?.issues ?? []).toEqual([]);
    else {
      expect(result.success).toBe(false);
      // The refusal names a field (a path into the entry), never the entry as a whole.
      expect(result.error!.issues.some((i) => i.path.length > 0)).toBe(true);
    }
  });
});

const MODULE_VARS: Record<WiredField["module"], Record<string, unknown>> = {
  agents: {
    name_prefix: "zeta",
    environment: "qa",
    account_id: "123456789012",
    permissions_boundary_arn: "arn:aws:iam::123456789012:policy/zeta-qa-role-boundary",
    ssm_root_path: "/zeta/qa",
    gateway_role_arn: "arn:aws:iam::123456789012:role/zeta-qa-agentcore-gateway",
    runtime_kms_key_arn: "arn:aws:kms:eu-west-1:123456789012:key/55555555-5555-5555-5555-555555555555",
  },
  "platform/modules/agentcore": {
    name_prefix: "acme",
    environment: "dev",
    account_id: "123456789012",
    kms_key_arn: "",
  },
};
const INPUT: Record<WiredField["module"], string> = {
  agents: "agents",
  "platform/modules/agentcore": "gateway_targets",
};

/**
 * Each call's inputs as a call of a root made of the module's input checks alone; the errors by
 * call. Calls that set the module's structured input are planned apart from the others: its value
 * checks run in the `modules/inputs` child, which Terraform does not reach when another call's
 * variable validation already failed.
 */
function planModule(
  tool: TerraformTool,
  out: Synthesized,
  module: WiredField["module"],
  calls: readonly Record<string, unknown>[],
): string[][] {
  const messages: string[][] = calls.map(() => []);
  const structured = calls.map((c) => INPUT[module] in c);
  for (const group of [true, false]) {
    const indices = calls.flatMap((_, i) => (structured[i] === group ? [i] : []));
    if (indices.length === 0) continue;
    const found = planOnce(
      tool,
      out,
      module,
      indices.map((i) => calls[i]),
    );
    for (const [n, i] of indices.entries()) messages[i].push(...found[n]);
  }
  return messages;
}

function planOnce(
  tool: TerraformTool,
  out: Synthesized,
  module: WiredField["module"],
  calls: readonly Record<string, unknown>[],
): string[][] {
  const names = Object.keys(out.module(module).file("variables.tf.json").variable);
  const checks = Object.fromEntries(Object.entries(inputChecks(out, module, names)).map(([f, b]) => [`m/${f}`, b]));
  // Each call's entry is named for its case: the value checks of `modules/inputs` name the entry, not the call.
  const entryKey = (i: number) => (module === "agents" ? `c${i}` : `Case${i}`);
  const named = (c: Record<string, unknown>, i: number) => {
    const entries = c[INPUT[module]] as Record<string, unknown> | undefined;
    if (entries === undefined) return c;
    return { ...c, [INPUT[module]]: Object.fromEntries(Object.values(entries).map((e) => [entryKey(i), e])) };
  };
  const blocks = Object.fromEntries(
    calls.map((c, i) => [`case_${i}`, { source: "./m", ...MODULE_VARS[module], ...named(c, i) }]),
  );
  const tf = prepareTerraform({ ...checks, "main.tf.json": { module: blocks } }, tool);
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-json"]);
  const messages: string[][] = calls.map(() => []);
  for (const line of plan.stdout.split("\n")) {
    if (!line.includes('"diagnostic"')) continue;
    const d = JSON.parse(line).diagnostic;
    if (d.severity !== "error") continue;
    const message = `${d.summary}: ${d.detail}`.replace(/\s+/g, " ");
    const at =
      /module(?:\.| ")case_(\d+)/.exec(d.snippet?.context ?? "") ??
      (module === "agents" ? /\bc(\d+)\b/ : /\bCase(\d+)\b/).exec(message);
    if (!at) throw new Error(`an error of no case: ${message}`);
    messages[Number(at[1])].push(message);
  }
  return messages;
}

const entryCall = (c: Case) => ({
  [INPUT[c.field.module]]: { [c.field.module === "agents" ? "edge" : "Edge"]: entryOf(c) },
});

/**
 * Module inputs AWS takes as one field, checked at plan only (the deploy stacks pass the platform's
 * own keys): an ARN AWS's pattern accepts, empty (not sent), and what the pattern refuses.
 */
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555";
const INPUT_CASES: readonly {
  module: WiredField["module"];
  input: string;
  path: AwsFieldPath;
  accepted: readonly string[];
  refused: readonly string[];
}[] = [
  {
    module: "agents",
    input: "data_kms_key_arn",
    path: "CreateMemory.encryptionKeyArn",
    accepted: ["", KEY_ARN, "arn:aws:kms:us-east-1:123456789012:alias/data"],
    refused: ["alias/data", "11111111-2222-3333-4444-555555555555", "arn:aws:kms:us-east-1:123456789012:/key"],
  },
  {
    module: "platform/modules/agentcore",
    input: "kms_key_arn",
    path: "CreateGateway.kmsKeyArn",
    accepted: ["", KEY_ARN, "arn:aws-cn:kms:cn-north-1:123456789012:key/11111111-2222-3333-4444-555555555555"],
    refused: ["arn:aws:kms:us-east-1:123456789012:alias/platform", `${KEY_ARN}0`, "alias/platform"],
  },
];

describe("AgentCore name rules come from the table", () => {
  const RULES: readonly [keyof typeof AWS_NAMES, AwsFieldPath][] = [
    ["runtime", "CreateAgentRuntime.agentRuntimeName"],
    ["memory", "CreateMemory.name"],
    ["codeInterpreter", "CreateCodeInterpreter.name"],
    ["browser", "CreateBrowser.name"],
    ["credentialProvider", "CreateOauth2CredentialProvider.name"],
    ["policy", "CreatePolicy.name"],
    ["policyEngine", "CreatePolicyEngine.name"],
    ["gatewayTarget", "CreateGatewayTarget.name"],
  ];
  test.each(RULES)("%s agrees with %s at its edges", (rule, path) => {
    const r = AWS_NAMES[rule];
    const names = [
      "a".repeat(r.max),
      "a".repeat(r.max + 1),
      "a".repeat(r.min),
      "a-b".repeat(Math.ceil(r.max / 3)).slice(0, r.max),
      "a_b",
      "9abc",
      "a--b",
      "a b",
      `${"a".repeat(r.max - 1)}-`,
    ];
    expect(names.map((n) => nameProblem(r, n) === undefined)).toEqual(
      names.map((n) => awsValueProblem(path, n) === undefined),
    );
  });
});

describeWithTerraform("AWS's patterns in Terraform", (tool) => {
  test("every pattern of the table, made portable, compiles in RE2 and means what Java means", () => {
    const table = require("../lib/aws-limits-table.json") as { fields: Record<string, { pattern?: string }> };
    const patterns = [...new Set(Object.values(table.fields).flatMap((f) => (f.pattern ? [f.pattern] : [])))];
    expect(patterns.length).toBeGreaterThan(20);
    // regexall fails on a pattern RE2 refuses (a can(regex()) would only say "no match").
    const output = Object.fromEntries(
      patterns.map((p, i) => [`p${i}`, { value: `\${length(regexall(${JSON.stringify(portablePattern(p))}, ""))}` }]),
    );
    const tf = prepareTerraform({ "main.tf.json": { output } }, tool);
    const plan = tf.run(["plan", "-input=false", "-no-color", "-json"]);
    const errors = plan.stdout
      .split("\n")
      .filter((l) => l.includes('"diagnostic"') && l.includes('"error"'))
      .map((l) => JSON.parse(l).diagnostic.detail);
    expect(errors).toEqual([]);
    // Counts over RE2's 1,000 are split, and mean the same in JavaScript.
    expect(portablePattern("^s3://.{1,2043}$")).toBe("^s3://.{1,1000}.{0,1000}.{0,43}$");
    const split = new RegExp(portablePattern("^(ab){3,1500}$"));
    expect([split.test("ab".repeat(1500)), split.test("ab".repeat(1501)), split.test("ab".repeat(2))]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describeWithTerraform("generated boundaries at plan", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });

  test("stricter on purpose: the plan refuses what synthesis refuses", () => {
    const longText = "d".repeat(501);
    const agentCases = [
      {
        vars: {
          agents: {
            edge: agent({ ...authorizer([]), authorizer: { ...authorizer([]).authorizer, allowed_audiences: [""] } }),
          },
        },
        refused: "allowed_audiences or allowed_clients hold an empty string",
      },
      { vars: { agents: { edge: agent(authorizer(["read"])) } } },
    ];
    const targetCases = [
      { vars: { jwt_allowed_audiences: [""] }, refused: "jwt_allowed_audiences holds an empty string" },
      { vars: { jwt_allowed_clients: ["", "app"] }, refused: "jwt_allowed_clients holds an empty string" },
      {
        vars: { gateway_targets: { Edge: lambdaTool("string", { description: longText }) } },
        refused: "tool arguments whose names",
      },
      {
        vars: {
          gateway_targets: {
            Edge: target({
              lambda: { function: "tools" },
              tools: [{ name: "lookup", description: longText, input_schema: { type: "object", properties: {} } }],
            }),
          },
        },
        refused: "have tool descriptions that are not",
      },
      {
        vars: {
          gateway_targets: {
            Edge: target({
              lambda: { function: "tools" },
              tools: [
                {
                  name: "lookup",
                  description: "x",
                  input_schema: { type: "object", properties: { "1st": { type: "string" } } },
                },
              ],
            }),
          },
        },
        refused: "tool arguments whose names are not identifiers",
      },
      { vars: { gateway_targets: { Edge: lambdaTool("string", { description: "d".repeat(500) }) } } },
    ];
    for (const [module, cases] of [
      ["agents", agentCases],
      ["platform/modules/agentcore", targetCases],
    ] as const) {
      const messages = planModule(
        tool,
        out,
        module,
        cases.map((c) => c.vars),
      );
      expect(
        cases.map((c, i) => [
          c.refused ?? "accepted",
          messages[i].some((m) => c.refused !== undefined && m.includes(c.refused)) ||
            (c.refused === undefined && messages[i].length === 0),
        ]),
      ).toEqual(cases.map((c) => [c.refused ?? "accepted", true]));
      // The same inputs at synthesis.
      for (const c of cases) {
        const entries = Object.values(
          (c.vars as Record<string, Record<string, unknown>>).agents ??
            (c.vars as Record<string, Record<string, unknown>>).gateway_targets ??
            {},
        );
        const schema = module === "agents" ? agentSpecSchema : gatewayTargetSpecSchema;
        for (const e of entries) expect(schema.safeParse(e).success).toBe(c.refused === undefined);
      }
    }
  });

  for (const module of ["agents", "platform/modules/agentcore"] as const) {
    test(`${module}: every case of its fields and inputs, in one plan`, () => {
      const cases = CASES.filter((c) => c.field.module === module);
      const inputs = INPUT_CASES.filter((i) => i.module === module).flatMap((i) => [
        ...i.accepted.map((v) => ({ name: `${i.input} = "${v}" (${i.path})`, vars: { [i.input]: v }, accepted: true })),
        ...i.refused.map((v) => ({ name: `${i.input} = "${v}" (${i.path})`, vars: { [i.input]: v }, accepted: false })),
      ]);
      expect(inputs.length).toBeGreaterThan(0);
      const messages = planModule(tool, out, module, [...cases.map(entryCall), ...inputs.map((i) => i.vars)]);
      const entryOutcome = (c: Case, m: string[]) => {
        if (c.accepted) return m.length === 0 ? "accepted" : m.join(" | ");
        return m.some((x) => x.includes(c.field.refused)) ? "refused" : m.join(" | ") || "accepted";
      };
      const inputOutcome = (i: (typeof inputs)[number], m: string[]) => {
        if (i.accepted) return m.length === 0 ? "accepted" : m.join(" | ");
        const input = Object.keys(i.vars)[0];
        return m.some((x) => x.includes(`${input} must be empty or`)) ? "refused" : m.join(" | ") || "accepted";
      };
      const expected = (accepted: boolean) => (accepted ? "accepted" : "refused");
      expect([
        ...cases.map((c, i) => `${describeCase(c)}: ${entryOutcome(c, messages[i])}`),
        ...inputs.map((x, i) => `${x.name}: ${inputOutcome(x, messages[cases.length + i])}`),
      ]).toEqual([
        ...cases.map((c) => `${describeCase(c)}: ${expected(c.accepted)}`),
        ...inputs.map((x) => `${x.name}: ${expected(x.accepted)}`),
      ]);
    });
  }
});
