import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { cedarSchema } from "../lib/cedar/schema";
import { loadBlueprints } from "../lib/config/blueprints";
import { TARGET_AUTH, TARGET_KINDS, type TargetKind, authOf, kindsOf } from "../lib/config/target-format";
import { toolCatalog } from "../lib/config/target-tools";
import {
  SMITHY_STATEMENT_SID,
  TARGET_CREDENTIAL_STATEMENTS,
  GATEWAY_ROLE_STATEMENTS,
  smithyStatements,
} from "../modules/platform/modules/agentcore/permissions";
import { policyScenarios } from "../scripts/policies-test";
import { type Policy, actionsOf, identityDecision, unknownActions } from "./helpers/iam";
import { conformanceErrors, pinnedSchema } from "./helpers/provider-schema";
import {
  FIXTURE as PLAIN_FIXTURE,
  fixtureSynth,
  type Json,
  ROOT,
  type Synthesized,
  synthProject,
} from "./helpers/synth";
import {
  type TerraformTool,
  bodyAsHcl,
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  probeAttributes,
  unsupportedTypes,
} from "./helpers/terraform";
import { childOf, validationErrors } from "./helpers/validate-together";

/**
 * Gateway targets beyond Lambda (issue 15): the tests' own project with a target of every kind and
 * every outbound auth (`fixtures/targets-project`), and the plain project, whose only target is a
 * Lambda function, so that each capability is shown present when asked and completely absent
 * otherwise. docs/adr/0008-gateway-target-kinds.md records the decisions.
 */
const FIXTURE = path.join(ROOT, "__tests__", "fixtures", "targets-project");
const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const MODULE = "platform/modules/agentcore";

/** A project's target files as an HCL caller passes them: `yamldecode` of each, by name. */
const targetFiles = (project: string): Record<string, Json> => {
  const dir = path.join(project, "blueprints", "gateway", "targets");
  return Object.fromEntries(
    fs.readdirSync(dir).map((f) => [f.replace(/\.yaml$/, ""), parse(fs.readFileSync(path.join(dir, f), "utf8"))]),
  );
};
const TARGETS = targetFiles(FIXTURE);
const PLAIN_TARGETS = targetFiles(PLAIN_FIXTURE);

const ASSISTANT_ARN = TARGETS.Assistant.agent_runtime.runtime_arn as string;
const HELPDESK_ARN = TARGETS.Helpdesk.agent_runtime.runtime_arn as string;

let out: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  out = fixtureSynth("targets");
  plain = synthProject();
});
const platformOf = (s: Synthesized) => s.stack("platform");
const GW = "platform_gateway_agentcore";

describe("a project with every kind of target synthesizes", () => {
  test("one target per file, each exactly one kind, every kind and every outbound auth present", () => {
    const targets = platformOf(out).locals[`${GW}_gateway_targets`];
    expect(Object.keys(targets).sort()).toEqual([
      "Assistant",
      "Catalog",
      "Docs",
      "Helpdesk",
      "Orders",
      "RefundTool",
      "Tables",
    ]);
    const kinds = Object.fromEntries(Object.entries(targets as Record<string, Json>).map(([k, t]) => [k, kindsOf(t)]));
    expect(kinds).toEqual({
      Assistant: ["agent_runtime"],
      Catalog: ["openapi"],
      Docs: ["mcp_server"],
      Helpdesk: ["agent_runtime"],
      Orders: ["openapi"],
      RefundTool: ["lambda"],
      Tables: ["smithy"],
    });
    expect(new Set(Object.values(kinds).flat())).toEqual(new Set(TARGET_KINDS));
    const auths = Object.fromEntries(Object.entries(targets as Record<string, Json>).map(([k, t]) => [k, authOf(t)]));
    expect(auths).toEqual({
      Assistant: "gateway_iam_role",
      Catalog: "api_key",
      Docs: "oauth",
      Helpdesk: "cognito",
      Orders: "oauth",
      RefundTool: "gateway_iam_role",
      Tables: "gateway_iam_role",
    });
  });

  test("every resource, data source and ephemeral resource of each stack and module matches the pinned schema", () => {
    const schema = pinnedSchema();
    const docs: [string, Json][] = [
      ...out.stacks.map((s) => [`stack ${s}: `, out.stack(s)] as [string, Json]),
      ...Object.entries(out.module(MODULE).tree()).map(([f, j]) => [`module ${MODULE}/${f}: `, j] as [string, Json]),
    ];
    expect(docs.flatMap(([where, json]) => conformanceErrors(json, schema, where))).toEqual([]);
    // The blocks this work adds are there to be checked.
    const target = platformOf(out).resource.aws_bedrockagentcore_gateway_target[`${GW}_targets_target`];
    expect(Object.keys(target.target_configuration[0].mcp[0].dynamic).sort()).toEqual([
      "lambda",
      "mcp_server",
      "open_api_schema",
      "smithy_model",
    ]);
    expect(Object.keys(target.dynamic.credential_provider_configuration.content.dynamic).sort()).toEqual([
      "api_key",
      "gateway_iam_role",
      "oauth",
    ]);
    expect(Object.keys(platformOf(out).ephemeral.aws_ssm_parameter).sort()).toEqual([
      `${GW}_credentials_target_api_key`,
      `${GW}_credentials_target_client_id`,
      `${GW}_credentials_target_client_secret`,
    ]);
  });

  test("a misspelt attribute inside the new dynamic blocks is named with its path", () => {
    const stack = JSON.parse(JSON.stringify(platformOf(out)));
    const target = stack.resource.aws_bedrockagentcore_gateway_target[`${GW}_targets_target`];
    const apiKey = target.dynamic.credential_provider_configuration.content.dynamic.api_key.content;
    apiKey.credential_header = apiKey.credential_parameter_name;
    delete apiKey.credential_parameter_name;
    target.target_configuration[0].mcp[0].dynamic.smithy_model.content.dynamic.s3.content.url = "x";
    expect(conformanceErrors(stack, pinnedSchema())).toEqual([
      expect.stringContaining(
        "dynamic.credential_provider_configuration.content.dynamic.api_key.content.credential_header: " +
          'no attribute or block "credential_header"',
      ),
      expect.stringContaining('dynamic.smithy_model.content.dynamic.s3.content.url: no attribute or block "url"'),
    ]);
  });

  test("no secret read at synthesis: write-only values from ephemeral reads, versioned by parameter metadata", () => {
    const p = platformOf(out);
    const apiKey =
      p.resource.aws_bedrockagentcore_api_key_credential_provider[`${GW}_credentials_target_api_key_provider`];
    expect(apiKey).not.toHaveProperty("api_key");
    expect(apiKey.api_key_wo).toBe(`\${ephemeral.aws_ssm_parameter.${GW}_credentials_target_api_key[each.key].value}`);
    expect(apiKey.api_key_wo_version).toBe(
      `\${data.aws_ssm_parameter.${GW}_credentials_target_api_key_version[each.key].version}`,
    );
    const custom =
      p.resource.aws_bedrockagentcore_oauth2_credential_provider[`${GW}_credentials_target_oauth2_provider`]
        .oauth2_provider_config[0].custom_oauth2_provider_config[0];
    expect(custom).not.toHaveProperty("client_id");
    expect(custom).not.toHaveProperty("client_secret");
    expect(custom.client_secret_wo).toBe(
      `\${ephemeral.aws_ssm_parameter.${GW}_credentials_target_client_secret[each.key].value}`,
    );
    for (const [name, e] of Object.entries(p.ephemeral.aws_ssm_parameter as Record<string, Json>))
      expect([name, e.with_decryption]).toEqual([name, true]);
    for (const [name, d] of Object.entries(p.data.aws_ssm_parameter as Record<string, Json>).filter(([n]) =>
      n.includes("_target_"),
    ))
      expect([name, d.with_decryption]).toEqual([name, false]);
  });
});

describe("the Cedar schema covers the tools of every kind of target", () => {
  const blueprints = () => loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE);
  const actions = () =>
    (cedarSchema(toolCatalog(blueprints().gatewayTargets), "OAuthUser") as any).AgentCore.actions as Record<
      string,
      Json
    >;

  test("inline OpenAPI: one action per operationId, Smithy per operation; declared tools for S3, MCP, runtimes", () => {
    const tools = Object.keys(actions())
      .filter((a) => a.includes("___"))
      .sort();
    expect(tools).toEqual([
      "Assistant___research",
      "Catalog___createProduct",
      "Catalog___getProduct",
      "Catalog___listProducts",
      "Docs___search_docs",
      "Helpdesk___open_ticket",
      "Orders___getOrder",
      "Orders___listOrders",
      "RefundTool___get_order",
      "RefundTool___process_refund",
      // DeleteTable is an operation shape the service does not bind: no tool.
      "Tables___GetItem",
    ]);
    for (const t of ["Assistant", "Catalog", "Docs", "Helpdesk", "Orders", "RefundTool", "Tables"])
      expect(actions()[t]).toEqual({ memberOf: [{ id: "CallTool" }] });
  });

  test("tool inputs: an operation's path/query parameters and JSON body, a Smithy operation's input members", () => {
    const input = (action: string) => actions()[action].appliesTo.context.attributes.input;
    expect(Object.keys(input("Catalog___getProduct").attributes).sort()).toEqual(["currency", "sku"]);
    expect([
      input("Catalog___getProduct").attributes.sku.required,
      input("Catalog___getProduct").attributes.currency.required,
    ]).toEqual([true, false]);
    expect(Object.keys(input("Catalog___createProduct").attributes).sort()).toEqual(["price", "sku", "tags"]);
    expect(Object.keys(input("Tables___GetItem").attributes).sort()).toEqual(["ConsistentRead", "Limit", "TableName"]);
    expect(input("Tables___GetItem").attributes.ConsistentRead.required).toBe(false);
  });

  test("the fixture's policies validate against that schema and every scenario gives its expected decision", () => {
    const results = policyScenarios(FIXTURE, path.join(FIXTURE, "config", "environments", "example.yaml"));
    expect(results.length).toBe(8);
    expect(results.filter((r) => r.actual !== r.expected)).toEqual([]);
    expect(new Set(results.map((r) => r.actual))).toEqual(new Set(["allow", "deny"]));
  });
});

describe("least privilege: the statement tables", () => {
  test("target-credential and runtime-invoke statements are in their tables, with actions AWS has", async () => {
    expect(TARGET_CREDENTIAL_STATEMENTS.map((s) => s.sid)).toEqual([
      "TargetWorkloadAccessToken",
      "TargetApiKeys",
      "TargetOAuth2Tokens",
      "TargetCredentialSecrets",
    ]);
    const invoke = GATEWAY_ROLE_STATEMENTS.find((s) => s.sid === "InvokeTargetRuntimes");
    expect(invoke?.actions).toEqual(["bedrock-agentcore:InvokeAgentRuntime"]);
    expect(
      await unknownActions([...TARGET_CREDENTIAL_STATEMENTS.flatMap((s) => s.actions), ...invoke!.actions]),
    ).toEqual([]);
    // No wildcard action in either.
    expect(
      [...TARGET_CREDENTIAL_STATEMENTS.flatMap((s) => s.actions), ...invoke!.actions].filter((a) => a.includes("*")),
    ).toEqual([]);
  });

  test("the Smithy target's actions exist, and its statements are numbered from SMITHY_STATEMENT_SID", async () => {
    const rendered = smithyStatements(TARGETS.Tables.smithy.permissions);
    expect(rendered).toEqual([
      {
        Sid: `${SMITHY_STATEMENT_SID}1`,
        Effect: "Allow",
        Action: ["dynamodb:GetItem"],
        Resource: [`arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/acme-dev-orders`],
      },
    ]);
    expect(await unknownActions(rendered.flatMap((s) => s.Action))).toEqual([]);
  });
});

describe("complete absence when not asked: the plain project, whose only target is a Lambda function", () => {
  test("its targets are Lambda with the gateway role; nothing selects them for credentials, Smithy or runtimes", () => {
    const targets = platformOf(plain).locals[`${GW}_gateway_targets`] as Record<string, Json>;
    expect(Object.keys(targets)).toEqual(["RefundTool"]);
    expect(Object.values(targets).map((t) => [kindsOf(t), authOf(t)])).toEqual([[["lambda"], "gateway_iam_role"]]);
  });
});

/** HCL values the probes put in place of resources the offline provider cannot plan. */
const PROVIDER_SUBSTITUTES: Record<string, string> = {
  ["aws_bedrockagentcore_api_key_credential_provider.agentcore_credentials_target_api_key_provider" +
    "[each.key].credential_provider_arn"]:
    `"arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/` +
    'acme-dev-${each.key}"',
  ["aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_target_oauth2_provider" +
    "[each.key].credential_provider_arn"]:
    `"arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/` +
    'acme-dev-${each.key}"',
  "one(aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_m2m.*.credential_provider_arn)":
    `"arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/` +
    'acme-dev-gateway-m2m"',
};

describeWithTerraform("gateway targets planned by terraform", (tool: TerraformTool) => {
  const moduleVars = {
    name_prefix: "acme",
    environment: "dev",
    account_id: ACCOUNT,
    kms_key_arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    enable_cognito: true,
    cognito_scopes: ["invoke"],
  };
  // What the offline provider (no AgentCore types) can plan: roles and their policies, except those naming
  // AgentCore resources.
  const iamOnly = (type: string, name: string) =>
    ["aws_iam_role", "aws_iam_role_policy"].includes(type) &&
    !["agentcore_gateway_oauth2_token", "agentcore_gateway_target_credentials"].includes(name);
  const tree = () => out.module(MODULE).tree();
  const plan = (vars: Record<string, unknown>) => {
    const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
    return planResources(tf, { ...moduleVars, ...vars });
  };
  const probeTargets = (targets: Record<string, Json>) =>
    Object.fromEntries(
      probeAttributes(
        tree(),
        [
          {
            type: "aws_bedrockagentcore_gateway_target",
            name: "agentcore_targets_target",
            attributes: ["target_configuration", "dynamic"],
          },
        ],
        { ...moduleVars, gateway_targets: targets },
        iamOnly,
        tool,
        PROVIDER_SUBSTITUTES,
      )["aws_bedrockagentcore_gateway_target.agentcore_targets_target"].map((r) => [r.key as string, r.input]),
    ) as Record<string, { target_configuration: Json[]; credential_provider_configuration: Json[] }>;

  /** Evaluates HCL expressions over the module's variables and locals with terraform (plan outputs). */
  const evaluate = (expressions: Record<string, string>, vars: Record<string, unknown>) => {
    const tf = prepareTerraform(
      {
        ...isolate(tree(), () => false),
        "provider.tf.json": offlineProvider(REGION),
        "probe.tf.json": {
          output: Object.fromEntries(Object.entries(expressions).map(([k, e]) => [k, { value: `\${${e}}` }])),
        },
      },
      tool,
    );
    fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify({ ...moduleVars, ...vars }));
    const r = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"]);
    if (r.status !== 0) throw new Error(`terraform plan failed:\n${r.stdout}\n${r.stderr}`);
    const planned = JSON.parse(tf.run(["show", "-json", "plan.bin"]).stdout).planned_values.outputs;
    return Object.fromEntries(Object.keys(expressions).map((k) => [k, planned[k].value]));
  };
  /** A `for_each` body of the module (JSON-syntax template text) as an expression over `{ for k, v in <for_each> }`. */
  const perInstance = (body: Json, attribute: string) => {
    const strip = (s: string) => s.replace(/^\$\{([\s\S]*)\}$/, "$1");
    return `{ for k, v in ${strip(body.for_each)} : k => ${bodyAsHcl(body[attribute], [
      [/\beach\.key\b/g, "k"],
      [/\beach\.value\b/g, "v"],
    ])} }`;
  };

  test("the platform stack with every target kind validates but for AgentCore types the offline provider lacks", () => {
    // Validated with every other stack, module and example in one run (helpers/global-setup.ts).
    const { skipped, errors } = validationErrors(childOf.targetsPlatform);
    if (skipped) throw new Error(`the shared terraform validate did not run: ${skipped}`);
    for (const e of errors)
      expect(e).toMatch(
        new RegExp(
          "^Invalid resource type: The provider hashicorp/aws does not support resource type " +
            '"aws_bedrockagentcore_[a-z0-9_]+"',
        ),
      );
    const missing = unsupportedTypes({ stack: platformOf(out) }, tool);
    if (missing.length === 0) expect(errors).toEqual([]);
  });

  let probed: ReturnType<typeof probeTargets>;
  beforeAll(() => {
    probed = probeTargets(TARGETS);
  });
  const mcp = (t: string) => probed[t].target_configuration[0].mcp[0];
  const blocksOf = (t: string) =>
    Object.entries(mcp(t))
      .filter(([, v]) => Array.isArray(v) && v.length > 0)
      .map(([k]) => k);

  test.each([
    ["RefundTool", "lambda"],
    ["Catalog", "open_api_schema"],
    ["Orders", "open_api_schema"],
    ["Tables", "smithy_model"],
    ["Docs", "mcp_server"],
    ["Assistant", "mcp_server"],
    ["Helpdesk", "mcp_server"],
  ])("%s has its kind's block (%s) and only it", (target, block) => {
    expect(blocksOf(target)).toEqual([block]);
  });

  test("documents: inline payloads as given, S3 locations by URI", () => {
    expect(mcp("Catalog").open_api_schema).toEqual([
      { inline_payload: [{ payload: TARGETS.Catalog.openapi.inline }], s3: [] },
    ]);
    expect(mcp("Orders").open_api_schema).toEqual([
      {
        inline_payload: [],
        s3: [{ uri: "s3://acme-dev-api-specs/orders/openapi.json", bucket_owner_account_id: null }],
      },
    ]);
    expect(mcp("Tables").smithy_model).toEqual([
      { inline_payload: [{ payload: TARGETS.Tables.smithy.inline }], s3: [] },
    ]);
  });

  test("MCP endpoints: servers' as given; runtimes' URL-encoded invocation URL at its qualifier and partition", () => {
    expect(mcp("Docs").mcp_server).toEqual([{ endpoint: "https://docs.example.com/mcp" }]);
    expect(mcp("Assistant").mcp_server).toEqual([
      {
        endpoint:
          `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${encodeURIComponent(ASSISTANT_ARN)}` +
          "/invocations?qualifier=DEFAULT",
      },
    ]);
    expect(mcp("Helpdesk").mcp_server).toEqual([
      {
        endpoint:
          `https://bedrock-agentcore.us-east-1.amazonaws.com/runtimes/${encodeURIComponent(HELPDESK_ARN)}` +
          "/invocations?qualifier=live",
      },
    ]);
    const china = "arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:runtime/cn_mcp-AbCdEf1234";
    const cn = probeTargets({
      China: { description: "A runtime in China.", agent_runtime: { runtime_arn: china }, tools: [{ name: "ask" }] },
    });
    expect(cn.China.target_configuration[0].mcp[0].mcp_server).toEqual([
      {
        endpoint:
          `https://bedrock-agentcore.cn-north-1.amazonaws.com.cn/runtimes/${encodeURIComponent(china)}` +
          "/invocations?qualifier=DEFAULT",
      },
    ]);
    expect(cn.China.credential_provider_configuration).toEqual([
      { gateway_iam_role: [{ service: "bedrock-agentcore", region: "cn-north-1" }], api_key: [], oauth: [] },
    ]);
  });

  const cpc = (t: string) => probed[t].credential_provider_configuration;
  test("outbound auth: the gateway role for Lambda and known-service Smithy, SigV4 in the runtime's region", () => {
    for (const t of ["RefundTool", "Tables"])
      expect(cpc(t)).toEqual([{ gateway_iam_role: [{ service: null, region: null }], api_key: [], oauth: [] }]);
    expect(cpc("Assistant")).toEqual([
      { gateway_iam_role: [{ service: "bedrock-agentcore", region: "us-east-1" }], api_key: [], oauth: [] },
    ]);
  });

  test("outbound auth: the target's own API key and OAuth2 credential providers; the gateway's Cognito client", () => {
    expect(cpc("Catalog")).toEqual([
      {
        gateway_iam_role: [],
        api_key: [
          {
            provider_arn:
              `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/` +
              "acme-dev-Catalog",
            credential_location: "HEADER",
            credential_parameter_name: "X-Api-Key",
            credential_prefix: null,
          },
        ],
        oauth: [],
      },
    ]);
    expect(cpc("Docs")).toEqual([
      {
        gateway_iam_role: [],
        api_key: [],
        oauth: [
          {
            provider_arn:
              `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/` +
              "acme-dev-Docs",
            scopes: ["docs.read"],
            custom_parameters: null,
          },
        ],
      },
    ]);
    expect(cpc("Orders")[0].oauth[0].provider_arn).toMatch(/oauth2credentialprovider\/acme-dev-Orders$/);
    expect(cpc("Helpdesk")).toEqual([
      {
        gateway_iam_role: [],
        api_key: [],
        oauth: [
          {
            provider_arn:
              `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/` +
              "acme-dev-gateway-m2m",
            scopes: ["acme-dev-gateway/invoke"],
            custom_parameters: null,
          },
        ],
      },
    ]);
  });

  test("outbound auth: SigV4 with the service and region an MCP or OpenAPI target names, an MCP API key, none", () => {
    const extra = probeTargets({
      Signed: {
        description: "Behind a Lambda function URL.",
        mcp_server: { endpoint: "https://abc.lambda-url.eu-west-1.on.aws/mcp" },
        auth: { gateway_iam_role: { service: "lambda", region: "eu-west-1" } },
        tools: [{ name: "run" }],
      },
      Api: {
        description: "Behind API Gateway.",
        openapi: { s3: { uri: "s3://acme-dev-api-specs/api.yaml", bucket_owner_account_id: "111122223333" } },
        auth: { gateway_iam_role: { service: "execute-api" } },
        tools: [{ name: "listThings" }],
      },
      Keyed: {
        description: "A hosted MCP server.",
        mcp_server: { endpoint: "https://mcp.example.com" },
        auth: { api_key: { location: "QUERY_PARAMETER", parameter_name: "key", prefix: "Token" } },
        tools: [{ name: "find" }],
      },
      Open: {
        description: "A public MCP server.",
        mcp_server: { endpoint: "https://public.example.com/mcp" },
        auth: { none: true },
        tools: [{ name: "search" }],
      },
    });
    expect(extra.Signed.credential_provider_configuration).toEqual([
      { gateway_iam_role: [{ service: "lambda", region: "eu-west-1" }], api_key: [], oauth: [] },
    ]);
    expect(extra.Api.credential_provider_configuration).toEqual([
      { gateway_iam_role: [{ service: "execute-api", region: null }], api_key: [], oauth: [] },
    ]);
    expect(extra.Api.target_configuration[0].mcp[0].open_api_schema).toEqual([
      {
        inline_payload: [],
        s3: [{ uri: "s3://acme-dev-api-specs/api.yaml", bucket_owner_account_id: "111122223333" }],
      },
    ]);
    expect(extra.Keyed.credential_provider_configuration[0].api_key).toEqual([
      {
        provider_arn:
          `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/` +
          "acme-dev-Keyed",
        credential_location: "QUERY_PARAMETER",
        credential_parameter_name: "key",
        credential_prefix: "Token",
      },
    ]);
    expect(extra.Open.credential_provider_configuration).toEqual([]);
  });

  test("locals that select targets by kind and auth, and the auth each target uses, as terraform computes them", () => {
    const selections = [
      "lambda_targets",
      "smithy_targets",
      "api_key_targets",
      "oauth_targets",
      "cognito_targets",
      "iam_runtime_targets",
      "gateway_target_endpoints",
    ];
    const v = evaluate(
      {
        auth: "local.agentcore_gateway_target_auth",
        ...Object.fromEntries(selections.map((n) => [n, `keys(local.agentcore_${n})`])),
      },
      { gateway_targets: TARGETS },
    );
    // The same answers as the TypeScript reading of the blueprints (authOf, kindsOf).
    expect(v.auth).toEqual(Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, authOf(t)])));
    expect(v).toMatchObject({
      lambda_targets: ["RefundTool"],
      smithy_targets: ["Tables"],
      api_key_targets: ["Catalog"],
      oauth_targets: ["Docs", "Orders"],
      cognito_targets: ["Helpdesk"],
      iam_runtime_targets: ["Assistant"],
      gateway_target_endpoints: ["Assistant", "Docs", "Helpdesk"],
    });
    // An explicit auth wins over the kind's default; none is an auth of its own.
    const explicit = evaluate(
      { auth: "local.agentcore_gateway_target_auth" },
      {
        gateway_targets: {
          Rt: {
            description: "x",
            agent_runtime: { runtime_arn: ASSISTANT_ARN },
            auth: { oauth: { discovery_url: "https://login.example.com/.well-known/openid-configuration" } },
            tools: [{ name: "a" }],
          },
          Open: {
            description: "x",
            openapi: { s3: { uri: "s3://acme-dev-api-specs/x.json" } },
            auth: { none: true },
            tools: [{ name: "a" }],
          },
        },
      },
    );
    expect(explicit.auth).toEqual({ Rt: "oauth", Open: "none" });
  });

  test("credential providers per api_key/oauth target: <prefix>-<env>-<Target>, from SSM, re-sent per version", () => {
    const files = tree();
    const credentials = files["credentials.tf.json"];
    const eph = credentials.ephemeral.aws_ssm_parameter;
    const data = credentials.data.aws_ssm_parameter;
    const provider =
      credentials.resource.aws_bedrockagentcore_api_key_credential_provider
        .agentcore_credentials_target_api_key_provider;
    const oauth =
      credentials.resource.aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_target_oauth2_provider;
    const v = evaluate(
      {
        api_key_providers: perInstance(provider, "name"),
        oauth_providers: perInstance(oauth, "name"),
        api_key_arns: perInstance(eph.agentcore_credentials_target_api_key, "arn"),
        client_id_arns: perInstance(eph.agentcore_credentials_target_client_id, "arn"),
        client_secret_names: perInstance(data.agentcore_credentials_target_client_secret_version, "name"),
        discovery: `{ for k, v in local.agentcore_oauth_targets : k => v.auth.oauth.discovery_url }`,
      },
      { gateway_targets: TARGETS, ssm_root_path: "/acme/dev" },
    );
    expect(v.api_key_providers).toEqual({ Catalog: "acme-dev-Catalog" });
    expect(v.oauth_providers).toEqual({ Docs: "acme-dev-Docs", Orders: "acme-dev-Orders" });
    expect(v.api_key_arns).toEqual({
      Catalog: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/acme/dev/gateway/targets/Catalog/api-key`,
    });
    expect(v.client_id_arns).toEqual({
      Docs: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/acme/dev/gateway/targets/Docs/oauth/client-id`,
      Orders: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/acme/dev/gateway/targets/Orders/oauth/client-id`,
    });
    expect(v.client_secret_names).toEqual({
      Docs: "/acme/dev/gateway/targets/Docs/oauth/client-secret",
      Orders: "/acme/dev/gateway/targets/Orders/oauth/client-secret",
    });
    expect(v.discovery).toEqual({
      Docs: TARGETS.Docs.auth.oauth.discovery_url,
      Orders: TARGETS.Orders.auth.oauth.discovery_url,
    });
    // Without ssm_root_path: /<name_prefix>/<environment>.
    expect(
      evaluate(
        { names: perInstance(data.agentcore_credentials_target_api_key_version, "name") },
        { gateway_targets: TARGETS },
      ).names,
    ).toEqual({ Catalog: "/acme/dev/gateway/targets/Catalog/api-key" });

    const versions = (apiKey: number, id: number, secret: number) =>
      probeAttributes(
        files,
        [
          {
            type: "aws_bedrockagentcore_api_key_credential_provider",
            name: "agentcore_credentials_target_api_key_provider",
            attributes: ["api_key_wo_version"],
          },
          {
            type: "aws_bedrockagentcore_oauth2_credential_provider",
            name: "agentcore_credentials_target_oauth2_provider",
            attributes: ["oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"],
          },
        ],
        { ...moduleVars, gateway_targets: TARGETS },
        iamOnly,
        tool,
        {
          "data.aws_ssm_parameter.agentcore_credentials_target_api_key_version[each.key].version": String(apiKey),
          "data.aws_ssm_parameter.agentcore_credentials_target_client_id_version[each.key].version": String(id),
          "data.aws_ssm_parameter.agentcore_credentials_target_client_secret_version[each.key].version": String(secret),
        },
      );
    const first = versions(1, 1, 1);
    expect(
      first["aws_bedrockagentcore_api_key_credential_provider.agentcore_credentials_target_api_key_provider"].map(
        (r) => [r.key, r.input.api_key_wo_version],
      ),
    ).toEqual([["Catalog", 1]]);
    const oauthVersion = (p: typeof first) =>
      p["aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_target_oauth2_provider"].map(
        (r) => r.input["oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"],
      );
    expect(oauthVersion(first)).toEqual([2, 2]);
    // A rotated client secret (its parameter's version grows) changes the write-only version.
    expect(oauthVersion(versions(1, 1, 2))).toEqual([3, 3]);
  });

  test("Lambda targets only: no credential provider, SSM read, credentials/Smithy policy, runtime invoke", async () => {
    const files = tree();
    const credentials = files["credentials.tf.json"];
    const gateway = files["gateway.tf.json"].resource.aws_iam_role_policy;
    const apiKeyProvider =
      credentials.resource.aws_bedrockagentcore_api_key_credential_provider
        .agentcore_credentials_target_api_key_provider;
    const oauthProvider =
      credentials.resource.aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_target_oauth2_provider;
    const v = evaluate(
      {
        api_key_providers: apiKeyProvider.for_each.slice(2, -1),
        oauth_providers: oauthProvider.for_each.slice(2, -1),
        ssm_reads:
          "concat(" +
          [
            ...Object.values(credentials.ephemeral.aws_ssm_parameter),
            ...Object.values(credentials.data.aws_ssm_parameter),
          ]
            .map((b: any) => `keys(${b.for_each.slice(2, -1)})`)
            .join(", ") +
          ")",
        target_credentials_count: gateway.agentcore_gateway_target_credentials.count.slice(2, -1),
        smithy_policies: gateway.agentcore_gateway_smithy_target.for_each.slice(2, -1),
        lambda_permissions: files[
          "targets.tf.json"
        ].resource.aws_lambda_permission.agentcore_targets_invoke.for_each.slice(2, -1),
        endpoints: "local.agentcore_gateway_target_endpoints",
      },
      { gateway_targets: PLAIN_TARGETS },
    );
    expect(v).toEqual({
      api_key_providers: {},
      oauth_providers: {},
      ssm_reads: [],
      target_credentials_count: 0,
      smithy_policies: {},
      lambda_permissions: { RefundTool: expect.anything() },
      endpoints: {},
    });
    const planned = plan({ gateway_targets: PLAIN_TARGETS });
    expect(
      planned
        .filter((r) => r.type === "aws_iam_role_policy")
        .map((r) => r.address)
        .sort(),
    ).toEqual(["aws_iam_role_policy.agentcore_gateway_permissions"]);
    const permissions = JSON.parse(
      planned.find((r) => r.address === "aws_iam_role_policy.agentcore_gateway_permissions")!.values.policy,
    ) as Policy;
    expect(permissions.Statement.map((s) => s.Sid)).not.toContain("InvokeTargetRuntimes");
    expect(actionsOf(permissions)).not.toContain("bedrock-agentcore:GetResourceApiKey");
    // The role invokes the platform's own runtimes (seed 002) and no other.
    expect(
      await identityDecision([permissions], "bedrock-agentcore:InvokeAgentRuntime", ASSISTANT_ARN, "111122223333"),
    ).toBe("ImplicitlyDenied");
    expect(await identityDecision([permissions], "bedrock-agentcore:InvokeAgentRuntime", HELPDESK_ARN)).toBe(
      "ImplicitlyDenied",
    );
  });

  describe("the gateway role with every kind of target", () => {
    let planned: ReturnType<typeof plan>;
    let credentialsPolicy: Policy;
    const SECRET = (name: string) =>
      `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:bedrock-agentcore-identity!default/${name}-AbCdEf`;
    const WORKLOAD =
      `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:workload-identity-directory/default/workload-identity/` +
      "acme-dev-gateway-abcdef1234";
    beforeAll(() => {
      planned = plan({ gateway_targets: TARGETS });
      const provider = (secretAttr: string, keys: string[]) =>
        "{ " +
        keys
          .map((k) => `${k} = { ${secretAttr} = [{ secret_arn = ${JSON.stringify(SECRET(`acme-dev-${k}`))} }] }`)
          .join(", ") +
        " }";
      const apiKeyProviders = `values(${provider("api_key_secret_arn", ["Catalog"])})`;
      const oauthProviders = `values(${provider("client_secret_arn", ["Docs", "Orders"])})`;
      const m2m = `[{ client_secret_arn = [{ secret_arn = ${JSON.stringify(SECRET("acme-dev-gateway-m2m"))} }] }] : p`;
      const probe = probeAttributes(
        tree(),
        [{ type: "aws_iam_role_policy", name: "agentcore_gateway_target_credentials", attributes: ["policy"] }],
        { ...moduleVars, gateway_targets: TARGETS },
        iamOnly,
        tool,
        {
          "aws_bedrockagentcore_gateway.agentcore_gateway_gateway.workload_identity_details[0].workload_identity_arn":
            JSON.stringify(WORKLOAD),
          "values(aws_bedrockagentcore_api_key_credential_provider.agentcore_credentials_target_api_key_provider)":
            apiKeyProviders,
          "values(aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_target_oauth2_provider)":
            oauthProviders,
          "aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_m2m : p": m2m,
        },
      );
      const [only] = probe["aws_iam_role_policy.agentcore_gateway_target_credentials"];
      credentialsPolicy = JSON.parse(only.input.policy);
    });
    const permissions = () =>
      JSON.parse(
        planned.find((r) => r.address === "aws_iam_role_policy.agentcore_gateway_permissions")!.values.policy,
      ) as Policy;

    test("the target-credentials policy holds the table's Sids, scoped to the targets' providers and secrets", () => {
      expect(credentialsPolicy.Statement.map((s) => s.Sid).sort()).toEqual(
        [...TARGET_CREDENTIAL_STATEMENTS.map((s) => s.sid)].sort(),
      );
      const bySid = Object.fromEntries(credentialsPolicy.Statement.map((s) => [s.Sid, s]));
      expect(bySid.TargetApiKeys.Resource).toEqual([
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default`,
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/acme-dev-Catalog`,
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:workload-identity-directory/default`,
        WORKLOAD,
      ]);
      expect(bySid.TargetCredentialSecrets.Resource).toEqual([
        SECRET("acme-dev-Catalog"),
        SECRET("acme-dev-Docs"),
        SECRET("acme-dev-Orders"),
        SECRET("acme-dev-gateway-m2m"),
      ]);
    });

    test.each([
      [
        "bedrock-agentcore:GetResourceApiKey",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/acme-dev-Catalog`,
        "Allowed",
      ],
      [
        "bedrock-agentcore:GetResourceApiKey",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/apikeycredentialprovider/` +
          "acme-dev-support-zendesk",
        "ImplicitlyDenied",
      ],
      [
        "bedrock-agentcore:GetResourceOauth2Token",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/acme-dev-Docs`,
        "Allowed",
      ],
      [
        "bedrock-agentcore:GetResourceOauth2Token",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/acme-dev-Orders`,
        "Allowed",
      ],
      [
        "bedrock-agentcore:GetResourceOauth2Token",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/acme-dev-Catalog`,
        "ImplicitlyDenied",
      ],
      [
        "bedrock-agentcore:GetResourceOauth2Token",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:token-vault/default/oauth2credentialprovider/` +
          "acme-dev-research-github",
        "ImplicitlyDenied",
      ],
      ["secretsmanager:GetSecretValue", SECRET("acme-dev-Docs"), "Allowed"],
      ["secretsmanager:GetSecretValue", SECRET("acme-dev-support-zendesk"), "ImplicitlyDenied"],
      ["bedrock-agentcore:GetWorkloadAccessToken", WORKLOAD, "Allowed"],
      [
        "bedrock-agentcore:GetWorkloadAccessToken",
        `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:workload-identity-directory/default/workload-identity/` +
          "acme-dev-support",
        "ImplicitlyDenied",
      ],
    ])("the gateway %s %s: %s", async (action, resource, decision) => {
      expect(await identityDecision([permissions(), credentialsPolicy], action, resource)).toBe(decision);
    });

    test.each([
      [ASSISTANT_ARN, "Allowed"],
      [`${ASSISTANT_ARN}/runtime-endpoint/DEFAULT`, "Allowed"],
      [`${ASSISTANT_ARN}/runtime-endpoint/live`, "ImplicitlyDenied"],
      // Helpdesk is called with a Cognito token, not signed with the role.
      [HELPDESK_ARN, "ImplicitlyDenied"],
      ["arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/other_mcp-ZzZzZz9999", "ImplicitlyDenied"],
    ])("InvokeAgentRuntime on %s: %s", async (resource, decision) => {
      expect(permissions().Statement.find((s) => s.Sid === "InvokeTargetRuntimes").Resource).toEqual([
        ASSISTANT_ARN,
        `${ASSISTANT_ARN}/runtime-endpoint/DEFAULT`,
      ]);
      // Every policy of the role, each runtime simulated in its own account (the identity policy's scope is what is
      // tested).
      const all = planned
        .filter((r) => r.type === "aws_iam_role_policy")
        .map((r) => JSON.parse(r.values.policy) as Policy);
      expect(
        await identityDecision(
          [...all, credentialsPolicy],
          "bedrock-agentcore:InvokeAgentRuntime",
          resource,
          resource.split(":")[4],
        ),
      ).toBe(decision);
    });

    test("the Smithy target's own policy: what it lists and nothing else", async () => {
      const smithy = planned.filter((r) => r.address.startsWith("aws_iam_role_policy.agentcore_gateway_smithy_target"));
      expect(smithy.map((r) => [r.index, r.values.name])).toEqual([["Tables", "gateway-smithy-Tables"]]);
      const policy = JSON.parse(smithy[0].values.policy) as Policy;
      expect(policy.Statement).toEqual(smithyStatements(TARGETS.Tables.smithy.permissions));
      const table = (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
      expect(await identityDecision([policy], "dynamodb:GetItem", table("acme-dev-orders"))).toBe("Allowed");
      expect(await identityDecision([policy], "dynamodb:GetItem", table("acme-dev-payments"))).toBe("ImplicitlyDenied");
      expect(await identityDecision([policy], "dynamodb:DeleteTable", table("acme-dev-orders"))).toBe(
        "ImplicitlyDenied",
      );
    });
  });

  describe("the module's validation of gateway_targets rejects at plan time", () => {
    const lambda = PLAIN_TARGETS.RefundTool;
    test.each([
      [
        "two kinds in one target",
        { Both: { ...lambda, openapi: { s3: { uri: "s3://acme-dev-api-specs/x.json" } } } },
        "Gateway targets Both need exactly one of lambda, openapi, smithy, mcp_server, agent_runtime",
      ],
      [
        "no kind at all",
        { Nothing: { description: "x", tools: [{ name: "a" }] } },
        "Gateway targets Nothing need exactly one of lambda, openapi, smithy, mcp_server, agent_runtime",
      ],
      [
        "an auth the kind does not allow (api_key on a Lambda target)",
        { Keyed: { ...lambda, auth: { api_key: {} } } },
        "Gateway targets Keyed (lambda, api_key) have an outbound auth their kind does not support",
      ],
      [
        "an OpenAPI target without auth",
        {
          Api: { description: "x", openapi: { s3: { uri: "s3://acme-dev-api-specs/x.json" } }, tools: [{ name: "a" }] },
        },
        "Gateway targets Api (openapi, no auth) have an outbound auth their kind does not support",
      ],
      [
        "a non-https MCP endpoint",
        { Plain: { description: "x", mcp_server: { endpoint: "http://mcp.example.com" }, auth: { none: true } } },
        "Gateway targets Plain have an mcp_server.endpoint that is not an https URL",
      ],
      [
        "an MCP server signed without a service",
        {
          Signed: {
            description: "x",
            mcp_server: { endpoint: "https://mcp.example.com" },
            auth: { gateway_iam_role: {} },
          },
        },
        "Gateway targets Signed have a SigV4 service that does not fit their kind",
      ],
      [
        "a malformed runtime ARN",
        {
          Rt: {
            description: "x",
            agent_runtime: { runtime_arn: "arn:aws:bedrock-agentcore:us-east-1:123456789012:agent/x" },
          },
        },
        "Gateway targets Rt have an agent_runtime whose runtime_arn is not the ARN of an AgentCore runtime",
      ],
      [
        "a Smithy target without permissions",
        { Sm: { description: "x", smithy: { s3: { uri: "s3://acme-dev-api-specs/m.json" } } } },
        "Gateway targets Sm have smithy.permissions that are empty",
      ],
    ])("%s", (_name, targets, message) => {
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      expect(planError(tf, { ...moduleVars, gateway_targets: targets })).toContain(message);
    });

    test("regions AWS does not have, or of another partition: runtime ARNs and SigV4 regions, in one plan", () => {
      const runtime = (arn: string) => ({
        description: "x",
        agent_runtime: { runtime_arn: arn },
        tools: [{ name: "a" }],
      });
      const signed = (region: string) => ({
        description: "x",
        mcp_server: { endpoint: "https://mcp.example.com" },
        auth: { gateway_iam_role: { service: "execute-api", region } },
        tools: [{ name: "a" }],
      });
      const targets = {
        NoRegion: runtime("arn:aws:bedrock-agentcore:us-east-9:123456789012:runtime/assistant-abcdef1234"),
        OtherPartition: runtime("arn:aws-cn:bedrock-agentcore:us-east-1:123456789012:runtime/assistant-abcdef1234"),
        China: runtime("arn:aws-cn:bedrock-agentcore:cn-north-1:123456789012:runtime/assistant-abcdef1234"),
        SignedNowhere: signed("eu-west-9"),
        SignedInIreland: signed("eu-west-1"),
      };
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      const error = planError(tf, { ...moduleVars, gateway_targets: targets });
      expect(error).toContain(
        "Gateway targets NoRegion (aws, us-east-9), OtherPartition (aws-cn, us-east-1) have an " +
          "agent_runtime.runtime_arn whose region is not a region AWS has, or not one of the ARN's partition " +
          "(arn:<partition>:bedrock-agentcore:<region>:...; aws: af-south-1,",
      );
      expect(error).toContain("aws-cn: cn-north-1, cn-northwest-1;");
      expect(error).toContain(
        "Gateway targets SignedNowhere (eu-west-9) have an auth.gateway_iam_role.region that is not a region AWS has",
      );
      // Keys are listed in order: China and SignedInIreland would come first, were they refused.
      expect(error).not.toContain("Gateway targets China");
      expect(error).not.toContain("Gateway targets SignedInIreland");
    });

    test("a Lambda function given with the <name_prefix>-<environment>- prefix the module adds", () => {
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      const targets = {
        Doubled: { ...lambda, lambda: { function: "acme-dev-refunds" } },
        OtherPrefix: { ...lambda, lambda: { function: "acme-prod-refunds" } },
      };
      const error = planError(tf, { ...moduleVars, gateway_targets: targets });
      expect(error).toContain(
        "Gateway targets Doubled (acme-dev-acme-dev-refunds) have a lambda.function that already starts with " +
          "<name_prefix>-<environment>-, which the module puts before it (the name would hold it twice); " +
          "drop the prefix.",
      );
    });

    test("inline OpenAPI documents without servers, with oneOf/anyOf/allOf, or with an open host variable", () => {
      const api = (doc: Json) => ({
        description: "x",
        openapi: {
          inline: JSON.stringify({ openapi: "3.0.1", paths: { "/a": { get: { operationId: "a" } } }, ...doc }),
        },
        auth: { none: true },
      });
      const server = (url: string, variables?: Json) => ({ servers: [{ url, ...(variables ? { variables } : {}) }] });
      const schema = (s: Json) => ({ components: { schemas: { A: s } } });
      const targets = {
        NoServers: api({}),
        RelativeServer: api(server("/v1")),
        OneOf: api({ ...server("https://a.example.com"), ...schema({ oneOf: [{ type: "string" }] }) }),
        AllOf: api({ ...server("https://a.example.com"), ...schema({ allOf: [{ type: "object" }] }) }),
        AnyHost: api(server("https://{host}/v1")),
        AnyTenant: api(server("https://{tenant}.example.com", { tenant: { default: "a" } })),
        ListedTenant: api(server("https://{tenant}.example.com/{version}", { tenant: { enum: ["a", "b"] } })),
      };
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      const error = planError(tf, { ...moduleVars, gateway_targets: targets });
      expect(error).toContain(
        "Gateway targets NoServers, RelativeServer have an inline OpenAPI document without servers, or with a " +
          "server without an absolute url",
      );
      expect(error).toContain(
        "Gateway targets AllOf, OneOf have an inline OpenAPI document that uses oneOf, anyOf, allOf, which the " +
          "gateway's OpenAPI targets do not support",
      );
      expect(error).toContain(
        "Gateway targets AnyHost, AnyTenant have an inline OpenAPI server whose host holds a {variable} without an " +
          "enum: its value could send the gateway's requests to any host",
      );
    });

    test("a Cognito domain prefix with a word Cognito refuses: the default, from name_prefix, or a given one", () => {
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      expect(planError(tf, { ...moduleVars, name_prefix: "laws" })).toContain(
        'cognito_domain_prefix is empty, so the Cognito domain prefix is "laws-dev-<account_id>", which contains a ' +
          "word Cognito refuses in domain prefixes (aws, amazon, cognito): set cognito_domain_prefix, or choose " +
          "another name_prefix or environment.",
      );
      expect(planError(tf, { ...moduleVars, cognito_domain_prefix: "acme-amazon-dev" })).toContain(
        "cognito_domain_prefix must be empty or 1-63 lowercase letters, digits and hyphens, not starting or ending " +
          "with a hyphen, without aws, amazon, cognito (Cognito refuses them).",
      );
      expect(
        planResources(tf, { ...moduleVars, name_prefix: "laws", cognito_domain_prefix: "team-login" }).length,
      ).toBeGreaterThan(0);
    });

    test("target names that differ only by case", () => {
      const tf = prepareTerraform({ ...isolate(tree(), iamOnly), "provider.tf.json": offlineProvider(REGION) }, tool);
      const targets = { RefundTool: lambda, Refundtool: lambda, Orders: lambda };
      expect(planError(tf, { ...moduleVars, gateway_targets: targets })).toContain(
        "Gateway targets RefundTool, Refundtool have names that differ from another target's only by case",
      );
    });

    test("the fixture's targets and the auth table's every allowed pair pass it", () => {
      const docs: Record<TargetKind, Json> = {
        lambda: { lambda: { function: "refunds" }, tools: lambda.tools },
        openapi: { openapi: { s3: { uri: "s3://acme-dev-api-specs/x.json" } }, tools: [{ name: "a" }] },
        smithy: {
          smithy: {
            s3: { uri: "s3://acme-dev-api-specs/m.json" },
            permissions: [{ actions: ["dynamodb:GetItem"], resources: ["*"] }],
          },
          tools: [{ name: "a" }],
        },
        mcp_server: { mcp_server: { endpoint: "https://mcp.example.com" }, tools: [{ name: "a" }] },
        agent_runtime: { agent_runtime: { runtime_arn: ASSISTANT_ARN }, tools: [{ name: "a" }] },
      };
      const auth = (kind: TargetKind, a: string): Json => {
        if (a === "gateway_iam_role")
          return { gateway_iam_role: ["openapi", "mcp_server"].includes(kind) ? { service: "execute-api" } : {} };
        if (a === "api_key") return { api_key: {} };
        if (a === "oauth")
          return { oauth: { discovery_url: "https://login.example.com/.well-known/openid-configuration" } };
        return { [a]: true };
      };
      const all: Record<string, Json> = { ...TARGETS };
      for (const kind of TARGET_KINDS)
        for (const a of TARGET_AUTH[kind].allowed)
          all[`${kind}_${a}`.replace(/(^|_)([a-z])/g, (_m, _s, c: string) => c.toUpperCase())] = {
            description: "x",
            ...docs[kind],
            auth: auth(kind, a),
          };
      expect(plan({ gateway_targets: all }).length).toBeGreaterThan(0);
    });
  });
});
