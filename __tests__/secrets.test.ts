import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { agentBlueprintSchema } from "../lib/config/blueprints";
import { environmentSchema } from "../lib/config/environment";
import { gatewayTargetSchema } from "../lib/config/gateway-targets";
import { workflowBlueprintSchema } from "../lib/config/workflows";
import { loadYamlFile } from "../lib/config/yaml-file";
import { secretValueKind } from "../lib/secrets";
import { ROOT, synthProject } from "./helpers/synth";
import {
  type TerraformTool,
  describeWithTerraform,
  isolate,
  offlineProvider,
  prepareTerraform,
} from "./helpers/terraform";

/**
 * Secrets in free text (lib/config/free-text.ts, lib/secrets-hcl.ts): a canary secret in any
 * string a user writes is refused at synthesis and at plan, and shown in neither message.
 * `__tests__/launcher.test.ts` shows that a refused canary reaches no output, log or cache.
 */
const CANARY = "C4NARY7F3E9A1C00";
/** The canary in the shape of each kind of secret. */
const SECRET = {
  awsKey: `AKIA${CANARY}`,
  apiKey: `sk-ant-api03-${CANARY}-x`,
  slack: `xoxb-${CANARY}`,
  jwt: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjcm0ifQ.${CANARY}`,
  stripe: `rk_live_${CANARY}`,
  gitlab: `glpat-${CANARY}-abc`,
  password: `https://bot:${CANARY}@mcp.example.com/mcp`,
  userInfo: `https://${CANARY}@mcp.example.com/mcp`,
};
const MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

test("each canary has the shape of a secret", () => {
  for (const [name, s] of Object.entries(SECRET)) expect([name, secretValueKind(s)]).not.toEqual([name, undefined]);
});

// --- synthesis: every string of every input file -------------------------------------------------

const FIXTURES = path.join(ROOT, "__tests__", "fixtures");
/** Input files of the test projects, each with its schema: together they use every field of every format. */
const FILES: { file: string; text: string; schema: unknown }[] = [
  ["project/config/environments/example.yaml", environmentSchema],
  ["targets-project/config/environments/example.yaml", environmentSchema],
  ...["project", "capabilities"].flatMap((p) =>
    fs
      .readdirSync(path.join(FIXTURES, p, "blueprints", "agents"))
      .map((f): [string, unknown] => [`${p}/blueprints/agents/${f}`, agentBlueprintSchema]),
  ),
  ...fs
    .readdirSync(path.join(FIXTURES, "targets-project", "blueprints", "gateway", "targets"))
    .map((f): [string, unknown] => [`targets-project/blueprints/gateway/targets/${f}`, gatewayTargetSchema]),
  ["project/blueprints/workflows/refund-review.yaml", workflowBlueprintSchema],
]
  .map(([file, schema]) => ({
    file: file as string,
    text: fs.readFileSync(path.join(FIXTURES, file as string), "utf8"),
    schema,
  }))
  .concat(
    // The outbound auths no fixture uses.
    [
      "name: Search\ndescription: Searches.\nmcp_server: { endpoint: https://search.example.com/mcp }\n" +
        "auth:\n  api_key: { prefix: Bearer, parameter_name: x-api-key }\ntools: [{ name: search }]\n",
      "name: Crm\ndescription: The CRM.\nopenapi: { s3: { uri: s3://acme-dev-api-specs/crm.json } }\nauth:\n" +
        "  oauth:\n    discovery_url: https://login.example.com/.well-known/openid-configuration\n" +
        "    scopes: [crm.read]\n    custom_parameters: { audience: crm }\ntools: [{ name: getCustomer }]\n",
    ].map((text, i) => ({ file: `extra/targets/T${i}.yaml`, text, schema: gatewayTargetSchema })),
  );

/** The path of every string scalar of a YAML document (values and list items, not keys). */
function stringPaths(node: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (isMap(node))
    return node.items.flatMap((p) => stringPaths(p.value, [...at, String(isScalar(p.key) ? p.key.value : p.key)]));
  if (isSeq(node)) return node.items.flatMap((item, i) => stringPaths(item, [...at, i]));
  return isScalar(node) && typeof node.value === "string" ? [at] : [];
}

test("a canary secret in any string of any input file is refused, naming its field, and never shown", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-secrets-"));
  let refused = 0;
  const named: string[] = [];
  for (const { file, text, schema } of FILES) {
    // Valid as it is: what follows is the canary's doing.
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    expect(() => loadYamlFile(path.join(dir, file), schema as never, dir)).not.toThrow();
    for (const at of stringPaths(parseDocument(text).contents)) {
      const doc = parseDocument(text);
      const value = String(doc.getIn(at));
      // Inside longer text (a document, a prompt) as well as alone.
      doc.setIn(at, value.length > 40 ? `${value}\n# ${SECRET.apiKey}\n` : SECRET.apiKey);
      const copy = path.join(dir, file);
      fs.writeFileSync(copy, doc.toString());
      let message = "";
      try {
        loadYamlFile(copy, schema as never, dir);
      } catch (e) {
        message = (e as Error).message;
      }
      const field = at.join(".");
      // Refused, naming the field (or, for a check of the schema, the field or list holding it).
      expect([field, message]).toEqual([field, expect.stringContaining(`${file}: ${at[0]}`)]);
      expect([field, message]).toEqual([field, expect.not.stringContaining(CANARY)]);
      if (message.includes(`${file}: ${field} (line `)) named.push(`${file}: ${field}`);
      refused++;
    }
  }
  // Every format's free text is among them: the walk is generic, not a list of fields.
  for (const field of [
    "tags.Owner",
    "description",
    "memory.strategies.\\d+.override.extraction.prompt",
    "auth.api_key.prefix",
    "mcp_server.endpoint",
    "auth.oauth.custom_parameters.audience",
    "openapi.inline",
    "tools.0.input_schema.properties.order_id.description",
    "steps.triage.input.mode",
    "triggers.event_pattern.source.0",
  ])
    expect([field, named.some((r) => new RegExp(`: ${field}$`).test(r))]).toEqual([field, true]);
  expect(refused).toBeGreaterThan(150);
  expect(named.length).toBeGreaterThan(100);
});

// --- plan: the modules' variable validations ----------------------------------------------------

/**
 * A plan of a module's variables alone (its validations are under test), planned provider-free and
 * called as a Terraform-native team calls it: from a root whose values come from a file
 * (`jsondecode(file(...))`), so that what terraform quotes of the call is the caller's expression
 * and every word of a failed plan's output comes from the module. Returns the whole output.
 */
function failedPlan(module: string, vars: Record<string, unknown>, tool: TerraformTool): string {
  const tree = synthProject().module(module).tree();
  const input = 'jsondecode(file("${path.module}/input.json"))';
  const call = Object.fromEntries(Object.keys(vars).map((v) => [v, `\${${input}.${v}}`]));
  const root = {
    "main.tf.json": { module: { under_test: { source: "./under-test", ...call } } },
    ...Object.fromEntries(Object.entries(isolate(tree, () => false)).map(([f, body]) => [`under-test/${f}`, body])),
    "provider.tf.json": offlineProvider("us-east-1"),
  };
  const tf = prepareTerraform(root, tool);
  fs.writeFileSync(path.join(tf.dir, "input.json"), JSON.stringify(vars));
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false"]);
  expect(plan.status).not.toBe(0);
  return (plan.stdout + plan.stderr).replace(/\s+/g, " ");
}

describeWithTerraform("the modules' validations refuse secrets in free text at plan", (tool) => {
  test("agents: prompts, descriptions, URLs, image tags; each agent with the attributes that hold one", () => {
    const agent = (extra: object) => ({ description: "x", models: [MODEL], ...extra });
    const strategy = (prompt: string) => ({
      name: "custom",
      type: "CUSTOM",
      namespace: "/facts/{actorId}",
      override: { type: "SEMANTIC_OVERRIDE", extraction: { model: MODEL, prompt } },
    });
    const oauth = (discovery_url: string) => ({ api_keys: [], oauth2: [{ name: "crm", discovery_url }] });
    const agents = {
      prompted: agent({ memory: { strategies: [strategy(`Tag facts for the CRM (key ${SECRET.apiKey}).`)] } }),
      described: agent({ description: `Calls the CRM as ${SECRET.jwt}` }),
      issuer: agent({ credentials: oauth(`https://${CANARY}@login.example.com/.well-known/openid-configuration`) }),
      tagged: agent({ image_tag: SECRET.gitlab }),
      named: agent({ environment: { LOG_LEVEL: "info", [SECRET.awsKey]: "x" } }),
      clean: agent({ description: "Escalates to support@example.com, see https://example.com/faq." }),
    };
    const output = failedPlan(
      "agents",
      {
        name_prefix: "zeta",
        environment: "qa",
        account_id: "123456789012",
        permissions_boundary_arn: "arn:aws:iam::123456789012:policy/zeta-qa-role-boundary",
        ssm_root_path: "/zeta/qa",
        gateway_role_arn: "arn:aws:iam::123456789012:role/zeta-qa-agentcore-gateway",
        runtime_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        agents,
      },
      tool,
    );
    expect(output).toContain(
      "Agents described (description), issuer (credentials), named (environment), prompted (memory), " +
        "tagged (image_tag) " +
        "have text that looks like a secret",
    );
    expect(output).not.toContain(CANARY);
  });
});

describeWithTerraform("the gateway and workflows modules refuse secrets in free text at plan", (tool) => {
  test("gateway targets: api_key prefixes, endpoint URLs, descriptions, OAuth parameters; policies", () => {
    const mcp = (endpoint: string, auth: object, description = "x") => ({
      description,
      mcp_server: { endpoint },
      auth,
      tools: [{ name: "search" }],
    });
    const oauth = (custom_parameters: Record<string, string>) => ({
      oauth: { discovery_url: "https://login.example.com/.well-known/openid-configuration", custom_parameters },
    });
    const gateway_targets = {
      Prefixed: mcp("https://mcp.example.com/mcp", { api_key: { prefix: `Bearer ${SECRET.slack}` } }),
      Password: mcp(SECRET.password, { none: true }),
      UserInfo: mcp(SECRET.userInfo, { none: true }),
      Described: mcp("https://mcp.example.com/mcp", { none: true }, `Refunds with ${SECRET.stripe}`),
      Keyed: mcp("https://mcp.example.com/mcp", oauth({ [SECRET.awsKey]: "x" })),
      Named: mcp(
        "https://mcp.example.com/mcp",
        oauth({ audience: "crm", client_secret: `q8${CANARY}`, apiToken: `t9${CANARY}`, max_tokens: "4096" }),
      ),
      [SECRET.awsKey]: mcp("https://mcp.example.com/mcp", { none: true }),
      Clean: mcp("https://mcp.example.com/mcp", oauth({ audience: "crm", token_url: "https://login.example.com/t" })),
    };
    const policies = {
      Leak: `// callers send ${SECRET.apiKey}\npermit(principal, action, resource is AgentCore::Gateway);`,
    };
    const output = failedPlan(
      "platform/modules/agentcore",
      {
        name_prefix: "acme",
        environment: "dev",
        kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        // Without the policies: their own checks fail in terraform's validation walk, before the
        // targets' value checks in modules/inputs run (docs/adr/0010-strict-module-inputs.md).
        gateway_targets,
      },
      tool,
    );
    expect(output).toContain(
      "Gateway targets (a key that looks like a secret), Described (description), Keyed (auth), " +
        "Password (mcp_server), Prefixed (auth), UserInfo (mcp_server) have text that looks like a secret",
    );
    expect(output).toContain(
      "Gateway targets Named (apiToken, client_secret) have auth.oauth.custom_parameters whose names say " +
        "they hold a secret",
    );
    expect(output).not.toContain(CANARY);
    // The policies' validation reads gateway_targets, which terraform validates first: a plan of its own.
    const policyOutput = failedPlan(
      "platform/modules/agentcore",
      { name_prefix: "acme", environment: "dev", kms_key_arn: KMS_KEY, gateway_targets: {}, policies },
      tool,
    );
    expect(policyOutput).toContain("Policies Leak hold text that looks like a secret");
    expect(policyOutput).not.toContain(CANARY);
  });

  test("workflows: descriptions, payload literals of the definition, event patterns", () => {
    const definition = (parameters: object) =>
      JSON.stringify({ StartAt: "a", States: { a: { Type: "Pass", Parameters: parameters, End: true } } });
    const workflows = {
      described: { description: `Reviews refunds with ${SECRET.gitlab}`, definition: definition({ mode: "x" }) },
      literal: { definition: definition({ mode: SECRET.awsKey, url: "https://example.com", note: "a@b" }) },
      pattern: {
        definition: definition({ mode: "x" }),
        triggers: { event_pattern: JSON.stringify({ source: ["acme"], detail: { url: [SECRET.password] } }) },
      },
      clean: {
        description: "Reviews refunds; questions to ops@example.com.",
        definition: definition({ "endpoint.$": "$.endpoint", url: "https://example.com/x", note: "a@b" }),
      },
    };
    const output = failedPlan(
      "workflows",
      {
        name_prefix: "acme",
        environment: "dev",
        agent_runtime_arns: {},
        permissions_boundary_arn: "arn:aws:iam::123456789012:policy/b",
        logs_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/k",
        workflows,
      },
      tool,
    );
    expect(output).toContain(
      "Workflows described (description), literal (definition), pattern (triggers) have text that looks like a secret",
    );
    expect(output).not.toContain(CANARY);
  });
});
