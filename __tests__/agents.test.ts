import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AwsContext } from "../lib/aws-context";
import { AGENT_FEATURES, AgentFeature } from "../lib/config/blueprints";
import { renderStatements } from "../lib/iam/statement-table";
import { AGENT_ROLE_STATEMENTS, AgentEnvironmentInputs, AgentRoleContext, CODEBUILD_ROLE_STATEMENTS, DEPLOYER_STATEMENTS, agentRows } from "../modules/agents/permissions";
import { AGENTS_MODULE } from "../modules/agents";
import { Policy, actionsOf, identityDecision, trustDecision, unknownActions } from "./helpers/iam";
import { Json, ROOT, Synthesized, scratchProject, snapshotTree, synthProject } from "./helpers/synth";
import { describeWithTerraform, isolate, offlineProvider, planResources, prepareTerraform } from "./helpers/terraform";

const ACCOUNT = "123456789012";

/** Seed 002, "Always present", as the seed states it (development setting). */
const SEED_ALWAYS = ["BedrockInvoke", "AgentCoreActions", "EcrAuth", "EcrPull", "CloudWatchLogs", "XRayTracing", "EvaluationAndGatewayRoleAccess", "SsmParameterRead"];

/** Seed 002, "Conditional": Sid, the blueprint feature, the input, a value, and the exact grant. */
const SEED_CONDITIONAL: { sid: string; feature: AgentFeature; input: keyof AgentEnvironmentInputs; value: string | string[]; actions: string[]; resources: string[] }[] = [
  { sid: "ArtifactsBucketAccess", feature: "artifacts_bucket", input: "artifacts_bucket_arn", value: "arn:aws:s3:::acme-dev-artifacts", actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], resources: ["arn:aws:s3:::acme-dev-artifacts", "arn:aws:s3:::acme-dev-artifacts/*"] },
  { sid: "ExtraS3ReadAccess", feature: "extra_s3_read", input: "extra_s3_read_bucket_arns", value: ["arn:aws:s3:::shared-a", "arn:aws:s3:::shared-b"], actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::shared-a", "arn:aws:s3:::shared-b", "arn:aws:s3:::shared-a/*", "arn:aws:s3:::shared-b/*"] },
  { sid: "PlatformKmsDecrypt", feature: "platform_kms", input: "platform_artifacts_kms_key_arn", value: "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: ["arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111"] },
  { sid: "DomainKmsDecrypt", feature: "domain_kms", input: "domain_artifacts_kms_key_arn", value: "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: ["arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"] },
  { sid: "StorageKmsAccess", feature: "storage_kms", input: "storage_kms_key_arn", value: "arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: ["arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333"] },
  { sid: "PromptRegistryInvoke", feature: "prompt_registry", input: "prompt_registry_function_arn", value: "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-prompts", actions: ["lambda:InvokeFunction"], resources: ["arn:aws:lambda:us-east-1:123456789012:function:acme-dev-prompts"] },
  { sid: "ArtifactsCatalogAccess", feature: "artifacts_catalog", input: "artifacts_table_name", value: "acme-dev-artifacts", actions: ["dynamodb:PutItem"], resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-artifacts"] },
  { sid: "ArtifactsCatalogKMS", feature: "artifacts_catalog", input: "data_kms_key_arn", value: "arn:aws:kms:us-east-1:123456789012:key/44444444-4444-4444-4444-444444444444", actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], resources: ["arn:aws:kms:us-east-1:123456789012:key/44444444-4444-4444-4444-444444444444"] },
  { sid: "IdempotencyTableAccess", feature: "idempotency_table", input: "idempotency_table_name", value: "acme-dev-idempotency", actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-idempotency"] },
  { sid: "EvaluationTableAccess", feature: "evaluation_table", input: "evaluation_table_name", value: "acme-dev-evaluations", actions: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"], resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-evaluations", "arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-evaluations/index/*"] },
];

const EMPTY_INPUTS: AgentEnvironmentInputs = {
  artifacts_bucket_arn: "",
  extra_s3_read_bucket_arns: [],
  platform_artifacts_kms_key_arn: "",
  domain_artifacts_kms_key_arn: "",
  storage_kms_key_arn: "",
  prompt_registry_function_arn: "",
  artifacts_table_name: "",
  data_kms_key_arn: "",
  idempotency_table_name: "",
  evaluation_table_name: "",
};
const ALL_INPUTS = Object.fromEntries(SEED_CONDITIONAL.map((r) => [r.input, r.value])) as unknown as AgentEnvironmentInputs;

/** The statements Terraform keeps for a given environment, read with literal values (no terraform needed). */
function roleStatements(key: string, features: AgentFeature[], inputs: AgentEnvironmentInputs, mode: "development" | "production", extra: Partial<AgentRoleContext> = {}): Json[] {
  const stack = new TerraformStack(new App({ outdir: fs.mkdtempSync("/tmp/agentcore-unit-") }), "unit");
  const aws = new AwsContext(stack, "ctx", { accountId: ACCOUNT, region: "us-east-1" });
  const ctx: AgentRoleContext = {
    aws,
    key,
    runtimeName: `acme_dev_${key}`,
    repositoryArn: `arn:aws:ecr:us-east-1:123456789012:repository/acme-dev-${key}`,
    logGroupName: `/aws/bedrock-agentcore/acme-dev-${key}`,
    ssmRootPath: "/acme/dev",
    gatewayRoleArn: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
    models: ["anthropic.claude-3-5-haiku-20241022-v1:0"],
    apiKeyProviders: [],
    oauth2Providers: [],
    inputs,
    ...extra,
  };
  const kept = agentRows(features, ctx).filter((row) => {
    if (row.mode && row.mode !== mode) return false;
    if (!row.whenSet) return true;
    const v = inputs[row.whenSet];
    return Array.isArray(v) ? v.length > 0 : v !== "";
  });
  return renderStatements(kept, ctx).map((s) => ({ ...s, Resource: s.Resource === undefined ? undefined : [s.Resource].flat() }));
}

describe("per-agent role statements (seed 002 tables)", () => {
  test("a blueprint with no features gets exactly the always-present Sids", () => {
    expect(roleStatements("plain", [], ALL_INPUTS, "development").map((s) => s.Sid).sort()).toEqual([...SEED_ALWAYS].sort());
  });

  test.each(SEED_CONDITIONAL)("$sid: present with feature $feature and $input set, with exactly its grant", (row) => {
    const statements = roleStatements("one", [row.feature], { ...EMPTY_INPUTS, [row.input]: row.value }, "development");
    const added = statements.filter((s) => !SEED_ALWAYS.includes(s.Sid));
    expect(added).toEqual([{ Sid: row.sid, Effect: "Allow", Action: row.actions.length === 1 ? row.actions[0] : row.actions, Resource: expect.arrayContaining(row.resources) }]);
    expect(added[0].Resource).toHaveLength(row.resources.length);
  });

  test.each(SEED_CONDITIONAL)("$sid: absent when $input is empty, and absent without the feature", (row) => {
    expect(roleStatements("one", [row.feature], EMPTY_INPUTS, "development").map((s) => s.Sid)).not.toContain(row.sid);
    const otherFeatures = AGENT_FEATURES.filter((f) => f !== row.feature);
    expect(roleStatements("one", otherFeatures, ALL_INPUTS, "development").map((s) => s.Sid)).not.toContain(row.sid);
  });

  test("production replaces bedrock:* and bedrock-agentcore:* with the declared models and the agent's own identities", () => {
    const prod = roleStatements("support", [], EMPTY_INPUTS, "production", {
      models: ["us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0"],
      apiKeyProviders: ["acme-dev-support-zendesk"],
      oauth2Providers: ["acme-dev-support-github"],
    });
    const all = prod.flatMap((s) => [s.Action].flat());
    expect(all).not.toContain("bedrock:*");
    expect(all).not.toContain("bedrock-agentcore:*");
    const bySid = Object.fromEntries(prod.map((s) => [s.Sid, s]));
    expect(bySid.BedrockInvoke).toEqual({
      Sid: "BedrockInvoke",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: [
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0",
        "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
        "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
      ],
    });
    expect(bySid.AgentCoreActions.Resource).toEqual([
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default",
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/acme_dev_support-*",
    ]);
    expect(bySid.TokenVaultApiKeys.Resource).toContain("arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/acme-dev-support-zendesk");
    expect(bySid.TokenVaultOAuth2.Resource).toContain("arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/acme-dev-support-github");
  });

  test("without declared credential providers, production grants no token-vault reads", () => {
    const sids = roleStatements("plain", [], EMPTY_INPUTS, "production").map((s) => s.Sid);
    expect(sids).not.toContain("TokenVaultApiKeys");
    expect(sids).not.toContain("TokenVaultOAuth2");
  });

  test("every action exists (iam-data); every wildcard action matches one", async () => {
    const actions = [...AGENT_ROLE_STATEMENTS, ...CODEBUILD_ROLE_STATEMENTS, ...DEPLOYER_STATEMENTS].flatMap((s) => s.actions).filter((a) => a !== "bedrock:*" && a !== "bedrock-agentcore:*");
    expect(await unknownActions(actions)).toEqual([]);
    expect(await unknownActions(["bedrock:*", "bedrock-agentcore:*"])).toEqual([]);
  });

  test("with every feature on, each role's policies stay under IAM's inline quota (10,240 characters without whitespace)", () => {
    const sizes: Record<string, number> = {};
    for (const mode of ["development", "production"] as const) {
      const statements = roleStatements("a-long-agent-key-here", [...AGENT_FEATURES], ALL_INPUTS, mode, {
        models: Array.from({ length: 8 }, (_, i) => `us.anthropic.claude-model-${i}-20250514-v1:0`),
        apiKeyProviders: Array.from({ length: 6 }, (_, i) => `acme-dev-a-long-agent-key-here-provider-${i}`),
        oauth2Providers: Array.from({ length: 6 }, (_, i) => `acme-dev-a-long-agent-key-here-oauth-${i}`),
      });
      sizes[mode] = JSON.stringify({ Version: "2012-10-17", Statement: statements }).length;
    }
    const largest = Math.max(...Object.values(sizes));
    console.log(`largest agent role policy with every feature on: ${largest} of 10240 characters (${JSON.stringify(sizes)})`);
    expect(largest).toBeLessThan(10240);
  });
});

describe("simulated agent roles (iam-simulate)", () => {
  const policyOf = (key: string): Policy => ({ Version: "2012-10-17", Statement: roleStatements(key, [], EMPTY_INPUTS, "development") });
  const a = policyOf("support");
  const logArn = (key: string) => `arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/acme-dev-${key}:log-stream:abc`;
  const repoArn = (key: string) => `arn:aws:ecr:us-east-1:123456789012:repository/acme-dev-${key}`;

  test("agent A may write its own log group and not agent B's (nor a prefix-sharing one)", async () => {
    expect(await identityDecision([a], "logs:PutLogEvents", logArn("support"))).toBe("Allowed");
    expect(await identityDecision([a], "logs:PutLogEvents", logArn("research"))).toBe("ImplicitlyDenied");
    expect(await identityDecision([a], "logs:PutLogEvents", logArn("support-bot"))).toBe("ImplicitlyDenied");
    expect(await identityDecision([a], "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/acme_dev_support-AbC123-live:log-stream:x")).toBe("Allowed");
    expect(await identityDecision([a], "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/acme_dev_research-AbC123-live:log-stream:x")).toBe("ImplicitlyDenied");
  });

  test("agent A may pull its own repository and not agent B's", async () => {
    expect(await identityDecision([a], "ecr:BatchGetImage", repoArn("support"))).toBe("Allowed");
    expect(await identityDecision([a], "ecr:BatchGetImage", repoArn("research"))).toBe("ImplicitlyDenied");
  });

  test("iam:PassRole only on the gateway role and the evaluations pattern", async () => {
    expect(await identityDecision([a], "iam:PassRole", "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway")).toBe("Allowed");
    expect(await identityDecision([a], "iam:PassRole", "arn:aws:iam::123456789012:role/AgentCoreEvalsSDK-us-east-1-abc")).toBe("Allowed");
    expect(await identityDecision([a], "iam:PassRole", "arn:aws:iam::123456789012:role/admin")).toBe("ImplicitlyDenied");
    expect(await identityDecision([a], "iam:PassRole", "arn:aws:iam::123456789012:role/acme-dev-research-runtime")).toBe("ImplicitlyDenied");
  });

  test("SSM reads stay under the platform path", async () => {
    expect(await identityDecision([a], "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/acme/dev/gateway/url")).toBe("Allowed");
    expect(await identityDecision([a], "ssm:GetParameter", "arn:aws:ssm:us-east-1:123456789012:parameter/acme/prod/gateway/url")).toBe("ImplicitlyDenied");
  });
});

describe("synthesized agents stack", () => {
  let out: Synthesized;
  let agents: Json;
  beforeAll(() => {
    out = synthProject();
    agents = out.stack("agents");
  });

  test("each role trusts only AgentCore for this account and region (confused deputy)", async () => {
    const trust = JSON.parse(agents.resource.aws_iam_role.agents_support_iam_role.assume_role_policy);
    const role = "arn:aws:iam::123456789012:role/acme-dev-support-runtime";
    const own = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_support-x" };
    expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, own)).toBe("Allowed");
    expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:999999999999:runtime/x" })).toBe("ImplicitlyDenied");
    expect(await trustDecision(trust, "ecs-tasks.amazonaws.com", role, own)).toBe("ImplicitlyDenied");
  });

  test("runtime: immutable, scanned, KMS-encrypted repository; KMS-encrypted log group with retention; container from it", () => {
    const repo = agents.resource.aws_ecr_repository.agents_support_runtime_repository;
    expect(repo).toMatchObject({ name: "acme-dev-support", image_tag_mutability: "IMMUTABLE", image_scanning_configuration: { scan_on_push: true } });
    expect(repo.encryption_configuration[0].encryption_type).toBe("KMS");
    const logs = agents.resource.aws_cloudwatch_log_group.agents_support_runtime_log_group;
    expect(logs).toMatchObject({ name: "/aws/bedrock-agentcore/acme-dev-support", retention_in_days: 30 });
    expect(logs.kms_key_id).toMatch(/cross_stack_output_aws_kms_key_platform_kms_storage_arn/);
    const runtime = agents.resource.aws_bedrockagentcore_agent_runtime.agents_support_runtime_runtime;
    expect(runtime.agent_runtime_name).toBe("acme_dev_support");
    expect(runtime.agent_runtime_artifact[0].container_configuration[0].container_uri).toBe("${aws_ecr_repository.agents_support_runtime_repository.repository_url}:1.4.2");
    expect(runtime.network_configuration[0].network_mode).toBe("PUBLIC");
    expect(agents.resource.aws_bedrockagentcore_agent_runtime_endpoint.agents_support_runtime_endpoint.name).toBe("live");
  });

  test("secrets are sensitive variables with empty defaults, merged into the environment only when non-empty", () => {
    for (const name of ["litellm_api_key", "anthropic_api_key", "langfuse_public_key", "langfuse_secret_key"]) {
      expect(agents.variable[name]).toMatchObject({ type: "string", default: "", sensitive: true });
      expect(AGENTS_MODULE.inputs[name as keyof typeof AGENTS_MODULE.inputs]).toMatchObject({ sensitive: true, default: "" });
    }
    const env = agents.resource.aws_bedrockagentcore_agent_runtime.agents_support_runtime_runtime.environment_variables;
    expect(env).toBe('${merge({"LOG_LEVEL" = "info", "AGENT_KEY" = "support", "PLATFORM_SSM_ROOT_PATH" = "/acme/dev"}, local.agents_optional_environment)}');
    const optional = agents.locals.agents_optional_environment;
    expect(optional).toContain("LITELLM_API_KEY = var.litellm_api_key");
    expect(optional).toContain(': name => value if value != "" }');
  });

  test("credential providers read SSM SecureString parameters at the seed's paths, write-only", () => {
    const data = agents.data.aws_ssm_parameter;
    expect(data.agents_support_credentials_zendesk_api_key).toMatchObject({ name: "/acme/dev/agents/support/credentials/zendesk/api-key", with_decryption: true });
    expect(data.agents_support_credentials_github_client_id.name).toBe("/acme/dev/agents/support/oauth/github/client-id");
    expect(data.agents_support_credentials_github_client_secret.name).toBe("/acme/dev/agents/support/oauth/github/client-secret");
    const apiKey = agents.resource.aws_bedrockagentcore_api_key_credential_provider.agents_support_credentials_zendesk_api_key_provider;
    expect(apiKey.api_key).toBeUndefined();
    expect(apiKey.api_key_wo).toBe("${data.aws_ssm_parameter.agents_support_credentials_zendesk_api_key.value}");
  });

  test("the CodeBuild role exists only for blueprints that ask and only with a source bucket", () => {
    const roles = agents.resource.aws_iam_role;
    expect(roles.agents_support_iam_codebuild_role.count).toBe('${("arn:aws:s3:::acme-dev-build-sources" != "") ? 1 : 0}');
    expect(roles.agents_research_iam_codebuild_role).toBeUndefined();
    const trust = JSON.parse(roles.agents_support_iam_codebuild_role.assume_role_policy).Statement[0];
    expect(trust.Principal).toEqual({ Service: "codebuild.amazonaws.com" });
    expect(trust.Condition.StringEquals).toEqual({ "aws:SourceAccount": ACCOUNT });
  });

  test("outputs are maps keyed by agent key, and the workflows stack consumes the runtime ARNs", () => {
    for (const o of ["role_arns", "runtime_ids", "runtime_arns", "endpoint_arns", "repository_urls"]) expect(Object.keys(agents.output[o].value).sort()).toEqual(["research", "support"]);
    const workflows = JSON.stringify(out.stack("workflows").resource);
    expect(workflows).toContain("cross_stack_output_aws_bedrockagentcore_agent_runtime_agents_support_runtime_runtime_agent_runtime_arn");
  });

  test("the deployer policy is scoped to this platform's names", () => {
    const p = JSON.stringify(agents.output.deployer_policy_json.value);
    expect(p).toContain("role/acme-dev-*");
    expect(p).toContain("repository/acme-dev-*");
    expect(p).not.toContain("BedrockAgentCore*");
  });
});

test("adding one blueprint file adds a role, runtime and log scope for it with no other edit", () => {
  const dir = scratchProject();
  const before = synthProject(dir).stack("agents");
  expect(before.resource.aws_iam_role.agents_billing_iam_role).toBeUndefined();
  fs.writeFileSync(path.join(dir, "blueprints", "agents", "billing.yaml"), "key: billing\ndescription: Explains invoices.\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n");
  const after = synthProject(dir).stack("agents");
  expect(after.resource.aws_iam_role.agents_billing_iam_role.name).toBe("acme-dev-billing-runtime");
  expect(after.resource.aws_bedrockagentcore_agent_runtime.agents_billing_runtime_runtime.agent_runtime_name).toBe("acme_dev_billing");
  expect(after.resource.aws_iam_role_policy.agents_billing_iam_permissions.policy).toContain("log-group:/aws/bedrock-agentcore/acme-dev-billing");
  expect(Object.keys(after.output.role_arns.value)).toContain("billing");
});

test("with every secret set to a canary during synthesis, the canary appears in no output", () => {
  const canary = "CANARY-7f3c9e1d-do-not-ship";
  const names = ["litellm_api_key", "anthropic_api_key", "langfuse_public_key", "langfuse_secret_key", "langfuse_host"];
  const saved = { ...process.env };
  for (const n of names) {
    process.env[`TF_VAR_${n}`] = canary;
    process.env[n.toUpperCase()] = canary;
  }
  try {
    const out = synthProject();
    for (const tree of [snapshotTree(out.outdir), snapshotTree(out.modulesDir), snapshotTree(path.join(ROOT, "__tests__"))]) {
      const hits = Object.entries(tree).filter(([, text]) => text.includes(canary) && !text.includes("CANARY-7f3c9e1d-do-not-ship\";\n  const names"));
      expect(hits.map(([f]) => f)).toEqual([]);
    }
  } finally {
    process.env = saved;
  }
});

describeWithTerraform("agents module planned by terraform", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });

  const baseVars = {
    name_prefix: "acme",
    environment: "dev",
    account_id: ACCOUNT,
    ssm_root_path: "/acme/dev",
    gateway_role_arn: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
    runtime_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/55555555-5555-5555-5555-555555555555",
  };
  const iamPlan = (vars: Record<string, unknown>) => {
    const tree = out.module("agents").tree();
    const part = isolate(tree, (type) => ["aws_iam_role", "aws_iam_role_policy", "aws_ecr_repository", "aws_cloudwatch_log_group"].includes(type));
    const tf = prepareTerraform({ ...part, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const planned = planResources(tf, { ...baseVars, ...vars });
    return Object.fromEntries(planned.filter((r) => r.type === "aws_iam_role_policy").map((r) => [r.address, r.values.policy ? JSON.parse(r.values.policy) : undefined]));
  };

  test("a plan with a feature input empty and then set shows exactly that statement appear", () => {
    const empty = iamPlan({});
    const set = iamPlan({ artifacts_bucket_arn: "arn:aws:s3:::acme-dev-artifacts", idempotency_table_name: "acme-dev-idempotency" });
    const sids = (p: Json) => p.Statement.map((s: Json) => s.Sid).sort();
    const support = "aws_iam_role_policy.agents_support_iam_permissions";
    expect(sids(empty[support])).toEqual([...SEED_ALWAYS].sort());
    expect(sids(set[support])).toEqual([...SEED_ALWAYS, "ArtifactsBucketAccess", "IdempotencyTableAccess"].sort());
    const artifacts = set[support].Statement.find((s: Json) => s.Sid === "ArtifactsBucketAccess");
    expect(artifacts.Resource).toEqual(["arn:aws:s3:::acme-dev-artifacts", "arn:aws:s3:::acme-dev-artifacts/*"]);
    // research does not use those features: the same inputs add nothing to its role.
    expect(sids(set["aws_iam_role_policy.agents_research_iam_permissions"])).toEqual([...SEED_ALWAYS].sort());
  });

  test("the rendered policies are the ones simulated, in development and production", async () => {
    const dev = iamPlan({})["aws_iam_role_policy.agents_support_iam_permissions"];
    expect(dev.Statement).toEqual(expect.arrayContaining(roleStatements("support", [], EMPTY_INPUTS, "development").map((s) => expect.objectContaining({ Sid: s.Sid }))));
    const prod = iamPlan({ permission_mode: "production" })["aws_iam_role_policy.agents_support_iam_permissions"];
    expect(actionsOf(prod)).not.toContain("bedrock:*");
    expect(await identityDecision([prod], "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0")).toBe("Allowed");
    expect(await identityDecision([prod], "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1")).toBe("ImplicitlyDenied");
    expect(await identityDecision([dev], "bedrock:InvokeModel", "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1")).toBe("Allowed");
  });

  test("the environment map has LITELLM_API_KEY only when the variable is set, and it is sensitive", () => {
    const runtime = out.module("agents").file("runtime.tf.json").resource.aws_bedrockagentcore_agent_runtime.agents_support_runtime_runtime;
    const variables = out.module("agents").file("variables.tf.json");
    const locals = { locals: { agents_optional_environment: out.module("agents").file("main.tf.json").locals.agents_optional_environment } };
    const probe = { "variables.tf.json": variables, "locals.tf.json": locals, "probe.tf.json": { output: { env: { value: runtime.environment_variables, sensitive: true } } } };
    const tf = prepareTerraform(probe, tool);
    const envOf = (vars: Record<string, unknown>) => {
      fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify({ ...baseVars, ...vars }));
      const plan = tf.run(["plan", "-input=false", "-no-color", "-out=plan.bin"]);
      if (plan.status !== 0) throw new Error(plan.stderr);
      return JSON.parse(tf.run(["show", "-json", "plan.bin"]).stdout).planned_values.outputs.env;
    };
    const unset = envOf({});
    expect(unset.value).toEqual({ AGENT_KEY: "support", LOG_LEVEL: "info", PLATFORM_SSM_ROOT_PATH: "/acme/dev" });
    const set = envOf({ litellm_api_key: "sk-test-value", langfuse_host: "https://langfuse.example.com" });
    expect(set.value).toMatchObject({ LITELLM_API_KEY: "sk-test-value", LANGFUSE_HOST: "https://langfuse.example.com" });
    expect(set.value.ANTHROPIC_API_KEY).toBeUndefined();
    expect(set.sensitive).toBe(true);
    // Without `sensitive = true` terraform refuses the output: the secret's sensitivity reaches the map.
    fs.writeFileSync(path.join(tf.dir, "probe.tf.json"), JSON.stringify({ output: { env: { value: runtime.environment_variables } } }));
    const refused = tf.run(["plan", "-input=false", "-no-color"]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain("Output refers to sensitive values");
  });
});

test("an environment that keeps the development placeholders gets a warning naming the agents", () => {
  const seen: string[] = [];
  const dir = scratchProject();
  require("../lib/synth/synthesize").synthesize({
    rootDir: dir,
    envFile: path.join(dir, "config/environments/example.yaml"),
    outdir: path.join(dir, "cdktf.out"),
    modulesDir: path.join(dir, "dist/modules"),
    warn: (m: string) => seen.push(m),
  });
  expect(seen).toEqual([expect.stringContaining('agents.permission_mode is "development": agents research, support keep the placeholders bedrock:* and bedrock-agentcore:*')]);
  const prod = path.join(dir, "config/environments/example.yaml");
  fs.writeFileSync(prod, fs.readFileSync(prod, "utf8").replace("permission_mode: development", "permission_mode: production"));
  seen.length = 0;
  require("../lib/synth/synthesize").synthesize({ rootDir: dir, envFile: prod, outdir: path.join(dir, "cdktf.out"), modulesDir: path.join(dir, "dist/modules"), warn: (m: string) => seen.push(m) });
  expect(seen).toEqual([]);
});
