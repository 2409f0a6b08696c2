import * as fs from "node:fs";
import * as path from "node:path";
import { literalAws } from "../lib/aws-context";
import { AGENT_FEATURES, type AgentFeature, type AgentSpec, agentSpecSchema } from "../lib/config/blueprints";
import { type AgentPolicyInputs, agentPolicyStatements } from "../app/permission-report";
import {
  AGENT_ROLE_STATEMENTS,
  type AgentEnvironmentInputs,
  CODEBUILD_ROLE_STATEMENTS,
  DEPLOYER_STATEMENTS,
} from "../modules/agents/permissions";
import { renderStatements } from "../lib/iam/statement-table";
import { PLATFORM_KEY_POLICY } from "../modules/platform/kms";
import { agentNameProblems } from "../modules/agents/names";
import { AGENTS_MODULE } from "../modules/agents";
import { type Policy, identityDecision, trustDecision, unknownActions } from "./helpers/iam";
import { type Json, ROOT, type Synthesized, scratchProject, snapshotTree, synthProject } from "./helpers/synth";
import {
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  probeAttributes,
  showPlan,
} from "./helpers/terraform";
import { EMPTY_INPUTS } from "./helpers/agent-inputs";

const ACCOUNT = "123456789012";

/**
 * Seed 002, "Always present", as the seed states it (development setting), and what seed 004's
 * runtime execution role adds: DescribeLogGroups on its own (it supports no resource scope) and
 * metrics in the bedrock-agentcore namespace.
 */
const SEED_ALWAYS = [
  "BedrockInvoke",
  "AgentCoreActions",
  "EcrAuth",
  "EcrPull",
  "CloudWatchLogs",
  "XRayTracing",
  "EvaluationAndGatewayRoleAccess",
  "SsmParameterRead",
  "CloudWatchLogsDescribe",
  "CloudWatchMetrics",
];

/** Seed 002, "Conditional": Sid, the blueprint feature, the input, a value, and the exact grant. */
const SEED_CONDITIONAL: {
  sid: string;
  feature: AgentFeature;
  input: keyof AgentEnvironmentInputs;
  value: string | string[];
  actions: string[];
  resources: string[];
}[] = [
  {
    sid: "ArtifactsBucketAccess",
    feature: "artifacts_bucket",
    input: "artifacts_bucket_arn",
    value: "arn:aws:s3:::acme-dev-artifacts",
    actions: ["s3:GetObject", "s3:PutObject"],
    resources: [
      "arn:aws:s3:::acme-dev-artifacts/agents/one/*",
      "arn:aws:s3:::acme-dev-artifacts/browser-recordings/one/*",
    ],
  },
  {
    sid: "ExtraS3ReadAccess",
    feature: "extra_s3_read",
    input: "extra_s3_read_bucket_arns",
    value: ["arn:aws:s3:::shared-a", "arn:aws:s3:::shared-b"],
    actions: ["s3:GetObject", "s3:ListBucket"],
    resources: ["arn:aws:s3:::shared-a", "arn:aws:s3:::shared-b", "arn:aws:s3:::shared-a/*", "arn:aws:s3:::shared-b/*"],
  },
  {
    sid: "PlatformKmsDecrypt",
    feature: "platform_kms",
    input: "platform_artifacts_kms_key_arn",
    value: "arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["arn:aws:kms:us-east-1:123456789012:key/11111111-1111-1111-1111-111111111111"],
  },
  {
    sid: "DomainKmsDecrypt",
    feature: "domain_kms",
    input: "domain_artifacts_kms_key_arn",
    value: "arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["arn:aws:kms:us-east-1:123456789012:key/22222222-2222-2222-2222-222222222222"],
  },
  {
    sid: "StorageKmsAccess",
    feature: "storage_kms",
    input: "storage_kms_key_arn",
    value: "arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["arn:aws:kms:us-east-1:123456789012:key/33333333-3333-3333-3333-333333333333"],
  },
  {
    sid: "PromptRegistryInvoke",
    feature: "prompt_registry",
    input: "prompt_registry_function_arn",
    value: "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-prompts",
    actions: ["lambda:InvokeFunction"],
    resources: ["arn:aws:lambda:us-east-1:123456789012:function:acme-dev-prompts"],
  },
  {
    sid: "ArtifactsCatalogAccess",
    feature: "artifacts_catalog",
    input: "artifacts_table_name",
    value: "acme-dev-artifacts",
    actions: ["dynamodb:PutItem"],
    resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-artifacts"],
  },
  {
    sid: "ArtifactsCatalogKMS",
    feature: "artifacts_catalog",
    input: "data_kms_key_arn",
    value: "arn:aws:kms:us-east-1:123456789012:key/44444444-4444-4444-4444-444444444444",
    actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["arn:aws:kms:us-east-1:123456789012:key/44444444-4444-4444-4444-444444444444"],
  },
  {
    sid: "IdempotencyTableAccess",
    feature: "idempotency_table",
    input: "idempotency_table_name",
    value: "acme-dev-idempotency",
    actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
    resources: ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-idempotency"],
  },
  {
    sid: "EvaluationTableAccess",
    feature: "evaluation_table",
    input: "evaluation_table_name",
    value: "acme-dev-evaluations",
    actions: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"],
    resources: [
      "arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-evaluations",
      "arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-evaluations/index/*",
    ],
  },
];

const ALL_INPUTS = {
  ...Object.fromEntries(SEED_CONDITIONAL.map((r) => [r.input, r.value])),
  inference_key_secret_arns: ["arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/dev/litellm-AbCdEf"],
  secrets_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/77777777-7777-7777-7777-777777777777",
} as unknown as AgentEnvironmentInputs;

const agentSpec = (given: Record<string, unknown>): AgentSpec =>
  agentSpecSchema.parse({
    description: "An agent of the tests.",
    models: ["anthropic.claude-3-5-haiku-20241022-v1:0"],
    ...given,
  });

const policyInputs = (
  inputs: AgentEnvironmentInputs,
  permissionMode: "development" | "production",
): AgentPolicyInputs => ({
  namePrefix: "acme",
  environment: "dev",
  aws: literalAws(ACCOUNT, "us-east-1"),
  permissionMode,
  ssmRootPath: "/acme/dev",
  gatewayRoleArn: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
  inputs,
});

/** The statements of one agent's role, rendered in TypeScript from the table (what the permission report lists). */
function roleStatements(
  key: string,
  given: Record<string, unknown>,
  inputs: AgentEnvironmentInputs,
  mode: "development" | "production",
): Json[] {
  return agentPolicyStatements(key, agentSpec(given), policyInputs(inputs, mode)).map((s) => ({
    ...s,
    Resource: s.Resource === undefined ? undefined : [s.Resource].flat(),
  }));
}

describe("per-agent role statements (seed 002 tables)", () => {
  test("an agent with no features gets exactly the always-present Sids (and inference-key secrets when given)", () => {
    expect(
      roleStatements("plain", {}, EMPTY_INPUTS, "development")
        .map((s) => s.Sid)
        .sort(),
    ).toEqual([...SEED_ALWAYS].sort());
    expect(
      roleStatements("plain", {}, ALL_INPUTS, "development")
        .map((s) => s.Sid)
        .sort(),
    ).toEqual([...SEED_ALWAYS, "InferenceKeySecretsKms", "InferenceKeySecretsRead"].sort());
  });

  test.each(SEED_CONDITIONAL)("$sid: present with feature $feature and $input set, with exactly its grant", (row) => {
    const statements = roleStatements(
      "one",
      { features: [row.feature] },
      { ...EMPTY_INPUTS, [row.input]: row.value },
      "development",
    );
    // ArtifactsBucketList comes with ArtifactsBucketAccess (its ListBucket, by prefix; escalation.test.ts).
    const added = statements.filter(
      (s) => !SEED_ALWAYS.includes(s.Sid) && !s.Sid.startsWith("InferenceKey") && s.Sid !== "ArtifactsBucketList",
    );
    expect(added).toEqual([
      {
        Sid: row.sid,
        Effect: "Allow",
        Action: row.actions.length === 1 ? row.actions[0] : row.actions,
        Resource: expect.arrayContaining(row.resources),
      },
    ]);
    expect(added[0].Resource).toHaveLength(row.resources.length);
  });

  test.each(SEED_CONDITIONAL)("$sid: absent when $input is empty, and absent without the feature", (row) => {
    expect(
      roleStatements("one", { features: [row.feature] }, EMPTY_INPUTS, "development").map((s) => s.Sid),
    ).not.toContain(row.sid);
    const otherFeatures = AGENT_FEATURES.filter((f) => f !== row.feature);
    expect(
      roleStatements("one", { features: otherFeatures }, ALL_INPUTS, "development").map((s) => s.Sid),
    ).not.toContain(row.sid);
  });

  test("production swaps bedrock:* and bedrock-agentcore:* for declared models and the agent's own identities", () => {
    const prod = roleStatements(
      "support",
      {
        models: ["us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0"],
        credentials: {
          api_keys: ["zendesk"],
          oauth2: [
            {
              name: "github",
              discovery_url: "https://token.actions.githubusercontent.com/.well-known/openid-configuration",
            },
          ],
        },
      },
      EMPTY_INPUTS,
      "production",
    );
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
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/" +
        "acme_dev_support-*",
    ]);
    expect(bySid.TokenVaultApiKeys.Resource).toContain(
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/apikeycredentialprovider/" +
        "acme-dev-support-zendesk",
    );
    expect(bySid.TokenVaultOAuth2.Resource).toContain(
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/" +
        "acme-dev-support-github",
    );
  });

  test("without declared credential providers, production grants no token-vault reads", () => {
    const sids = roleStatements("plain", {}, EMPTY_INPUTS, "production").map((s) => s.Sid);
    expect(sids).not.toContain("TokenVaultApiKeys");
    expect(sids).not.toContain("TokenVaultOAuth2");
  });

  test("an agent that runs a given image_uri may pull from that repository and no other", () => {
    const pull = roleStatements(
      "triage",
      { image_uri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shared/triage:2.0" },
      EMPTY_INPUTS,
      "development",
    ).find((s) => s.Sid === "EcrPull")!;
    expect(pull.Resource).toEqual(["arn:aws:ecr:eu-west-1:111122223333:repository/shared/triage"]);
  });

  test("every action exists (iam-data); every wildcard action matches one", async () => {
    const actions = [...AGENT_ROLE_STATEMENTS, ...CODEBUILD_ROLE_STATEMENTS, ...DEPLOYER_STATEMENTS]
      .flatMap((s) => s.actions)
      .filter((a) => a !== "bedrock:*" && a !== "bedrock-agentcore:*");
    expect(await unknownActions(actions)).toEqual([]);
    expect(await unknownActions(["bedrock:*", "bedrock-agentcore:*"])).toEqual([]);
  });

  test("every feature on: each role's policies stay under IAM's inline quota (10,240 chars without whitespace)", () => {
    const sizes: Record<string, number> = {};
    const big = {
      features: [...AGENT_FEATURES],
      models: Array.from({ length: 8 }, (_, i) => `us.anthropic.claude-model-${i}-20250514-v1:0`),
      credentials: {
        api_keys: Array.from({ length: 6 }, (_, i) => `provider-${i}`),
        oauth2: Array.from({ length: 6 }, (_, i) => ({
          name: `oauth-${i}`,
          discovery_url: "https://id.example.com/.well-known/openid-configuration",
        })),
      },
    };
    for (const mode of ["development", "production"] as const)
      sizes[mode] = JSON.stringify({
        Version: "2012-10-17",
        Statement: roleStatements("a-long-agent-key-here", big, ALL_INPUTS, mode),
      }).length;
    const largest = Math.max(...Object.values(sizes));
    console.log(
      `largest agent role policy with every feature on: ${largest} of 10240 characters (${JSON.stringify(sizes)})`,
    );
    expect(largest).toBeLessThan(10240);
  });
});

describe("names every agent resource gets", () => {
  test("a key that makes the runtime name longer than 48 characters is named with the limit", () => {
    const problems = agentNameProblems("acme-platform-eu", "production", { "customer-support-bot-xyz": agentSpec({}) });
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          agent: "customer-support-bot-xyz",
          field: "key",
          problem: expect.stringContaining(
            'AgentCore runtime name "acme_platform_eu_production_customer_support_bot_xyz", which is 52 characters ' +
              "long; AgentCore runtime names are 1-48 characters",
          ),
        },
      ]),
    );
  });

  test("two agents whose credential provider names collide are refused", () => {
    const problems = agentNameProblems("acme", "dev", {
      support: agentSpec({ credentials: { api_keys: ["bot-zendesk"] } }),
      "support-bot": agentSpec({ credentials: { api_keys: ["zendesk"] } }),
    });
    expect(problems).toEqual([
      {
        agent: "support-bot",
        field: "credentials",
        problem:
          'makes the credential provider name "acme-dev-support-bot-zendesk", which agent "support" already makes; ' +
          "rename one of the credentials",
      },
    ]);
  });
});

describe("simulated agent roles (iam-simulate)", () => {
  const policyOf = (key: string): Policy => ({
    Version: "2012-10-17",
    Statement: roleStatements(key, {}, EMPTY_INPUTS, "development"),
  });
  const a = policyOf("support");
  const logArn = (key: string) =>
    `arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/acme-dev-${key}:log-stream:abc`;
  const repoArn = (key: string) => `arn:aws:ecr:us-east-1:123456789012:repository/acme-dev-${key}`;

  test("agent A may not write the log groups of seed 002's pattern, which AgentCore never writes", async () => {
    expect(await identityDecision([a], "logs:PutLogEvents", logArn("support"))).toBe("ImplicitlyDenied");
  });

  test("agent A may pull its own repository and not agent B's", async () => {
    expect(await identityDecision([a], "ecr:BatchGetImage", repoArn("support"))).toBe("Allowed");
    expect(await identityDecision([a], "ecr:BatchGetImage", repoArn("research"))).toBe("ImplicitlyDenied");
  });

  test("iam:PassRole only on the gateway role and the evaluations pattern", async () => {
    const to = { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" };
    expect(
      await identityDecision(
        [a],
        "iam:PassRole",
        "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
        ACCOUNT,
        to,
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [a],
        "iam:PassRole",
        "arn:aws:iam::123456789012:role/AgentCoreEvalsSDK-us-east-1-abc",
        ACCOUNT,
        to,
      ),
    ).toBe("Allowed");
    expect(await identityDecision([a], "iam:PassRole", "arn:aws:iam::123456789012:role/admin", ACCOUNT, to)).toBe(
      "ImplicitlyDenied",
    );
    expect(
      await identityDecision(
        [a],
        "iam:PassRole",
        "arn:aws:iam::123456789012:role/acme-dev-research-runtime",
        ACCOUNT,
        to,
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("the deployer may create this platform's repositories; roles only with the platform's boundary", async () => {
    const boundary = "arn:aws:iam::123456789012:policy/acme-dev-role-boundary";
    const deployer: Policy = {
      Version: "2012-10-17",
      Statement: renderStatements(DEPLOYER_STATEMENTS, {
        aws: literalAws(ACCOUNT, "us-east-1"),
        stem: "acme-dev",
        sourceBucketArn: "arn:aws:s3:::acme-dev-build-sources",
        permissionsBoundaryArn: boundary,
      }) as any[],
    };
    const role = "arn:aws:iam::123456789012:role/acme-dev-billing-runtime";
    expect(
      await identityDecision(
        [deployer],
        "ecr:CreateRepository",
        "arn:aws:ecr:us-east-1:123456789012:repository/acme-dev-billing",
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [deployer],
        "ecr:CreateRepository",
        "arn:aws:ecr:us-east-1:123456789012:repository/other-billing",
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision([deployer], "iam:CreateRole", role, ACCOUNT, { "iam:PermissionsBoundary": boundary }),
    ).toBe("Allowed");
    expect(await identityDecision([deployer], "iam:CreateRole", role)).toBe("ImplicitlyDenied");
    expect(
      await identityDecision([deployer], "iam:CreateRole", role, ACCOUNT, {
        "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    ).toBe("ImplicitlyDenied");
    expect(await identityDecision([deployer], "iam:PutRolePolicy", role)).toBe("ImplicitlyDenied");
    expect(await identityDecision([deployer], "iam:DeleteRolePermissionsBoundary", role)).toBe("ImplicitlyDenied");
  });

  test("logs: the runtime's live and DEFAULT endpoint groups and nothing wider (not another runtime's)", async () => {
    const group = (name: string) =>
      `arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/runtimes/${name}` +
      ":log-stream:[runtime-logs] 1";
    expect(await identityDecision([a], "logs:PutLogEvents", group("acme_dev_support-AbCdE12345-live"))).toBe("Allowed");
    expect(await identityDecision([a], "logs:PutLogEvents", group("acme_dev_support-AbCdE12345-DEFAULT"))).toBe(
      "Allowed",
    );
    expect(await identityDecision([a], "logs:PutLogEvents", group("acme_dev_support_bot-AbCdE12345-live"))).toBe(
      "ImplicitlyDenied",
    );
    expect(await identityDecision([a], "logs:PutLogEvents", group("acme_dev_research-AbCdE12345-live"))).toBe(
      "ImplicitlyDenied",
    );
    expect(await identityDecision([a], "logs:DescribeLogGroups", "*")).toBe("Allowed");
  });

  test("metrics only in the bedrock-agentcore namespace; PassRole only to AgentCore", async () => {
    expect(
      await identityDecision([a], "cloudwatch:PutMetricData", "*", ACCOUNT, {
        "cloudwatch:namespace": "bedrock-agentcore",
      }),
    ).toBe("Allowed");
    expect(
      await identityDecision([a], "cloudwatch:PutMetricData", "*", ACCOUNT, { "cloudwatch:namespace": "AWS/EC2" }),
    ).toBe("ImplicitlyDenied");
    const gatewayRole = "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway";
    expect(
      await identityDecision([a], "iam:PassRole", gatewayRole, ACCOUNT, {
        "iam:PassedToService": "bedrock-agentcore.amazonaws.com",
      }),
    ).toBe("Allowed");
    expect(
      await identityDecision([a], "iam:PassRole", gatewayRole, ACCOUNT, { "iam:PassedToService": "ec2.amazonaws.com" }),
    ).toBe("ImplicitlyDenied");
    expect(await identityDecision([a], "iam:GetRole", gatewayRole)).toBe("Allowed");
  });

  test("SSM reads stay under the platform path", async () => {
    expect(
      await identityDecision(
        [a],
        "ssm:GetParameter",
        "arn:aws:ssm:us-east-1:123456789012:parameter/acme/dev/gateway/url",
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [a],
        "ssm:GetParameter",
        "arn:aws:ssm:us-east-1:123456789012:parameter/acme/prod/gateway/url",
      ),
    ).toBe("ImplicitlyDenied");
  });
});

describe("synthesized agents stack", () => {
  let out: Synthesized;
  let agents: Json;
  beforeAll(() => {
    out = synthProject();
    agents = out.stack("agents");
  });

  test("the blueprints reach the stack as one literal map, shaped as the module's typed input", () => {
    const map = agents.locals.agents_blueprints;
    expect(Object.keys(map).sort()).toEqual(["research", "support"]);
    // Absent optional fields are null, as Terraform's conversion of the module variable makes them.
    expect(map.research.image_uri).toBeNull();
    expect(map.support.credentials.api_keys).toEqual(["zendesk"]);
  });

  test("every agent resource is one for_each over that map", () => {
    for (const [type, name] of [
      ["aws_iam_role", "agents_iam_role"],
      ["aws_iam_role_policy", "agents_iam_permissions"],
      ["aws_cloudwatch_log_group", "agents_runtime_log_group"],
      ["aws_bedrockagentcore_agent_runtime", "agents_runtime_runtime"],
      ["aws_bedrockagentcore_agent_runtime_endpoint", "agents_runtime_endpoint"],
    ]) {
      expect(agents.resource[type][name].for_each).toBe("${local.agents_blueprints}");
    }
    expect(Object.keys(agents.resource.aws_iam_role).sort()).toEqual([
      "agents_iam_browser_role",
      "agents_iam_codebuild_role",
      "agents_iam_memory_role",
      "agents_iam_role",
    ]);
    // The capability resources exist as blocks whose for_each keeps only the agents that ask.
    for (const [type, name] of [
      ["aws_iam_role", "agents_iam_memory_role"],
      ["aws_iam_role", "agents_iam_browser_role"],
      ["aws_iam_policy", "agents_iam_capability_policy"],
      ["aws_bedrockagentcore_memory", "agents_memory_memory"],
      ["aws_bedrockagentcore_code_interpreter", "agents_tools_code_interpreter"],
      ["aws_bedrockagentcore_browser", "agents_tools_browser"],
    ]) {
      expect(agents.resource[type][name].for_each).toMatch(/^\$\{\{ for k, a in local\.agents_blueprints : k => a if /);
    }
  });

  test("each role trusts only AgentCore for this account and region (confused deputy)", async () => {
    const trust = JSON.parse(agents.resource.aws_iam_role.agents_iam_role.assume_role_policy);
    const role = "arn:aws:iam::123456789012:role/acme-dev-support-runtime";
    const own = {
      "aws:SourceAccount": ACCOUNT,
      "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_support-x",
    };
    expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, own)).toBe("Allowed");
    expect(
      await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, {
        "aws:SourceAccount": "999999999999",
        "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:999999999999:runtime/x",
      }),
    ).toBe("ImplicitlyDenied");
    expect(await trustDecision(trust, "ecs-tasks.amazonaws.com", role, own)).toBe("ImplicitlyDenied");
  });

  test("repositories are immutable, scanned and KMS-encrypted; log groups KMS-encrypted with retention", () => {
    const repo = agents.resource.aws_ecr_repository.agents_runtime_repository;
    expect(repo).toMatchObject({
      image_tag_mutability: "IMMUTABLE",
      image_scanning_configuration: { scan_on_push: true },
    });
    expect(repo.encryption_configuration[0].encryption_type).toBe("KMS");
    const logs = agents.resource.aws_cloudwatch_log_group.agents_runtime_log_group;
    expect(logs.retention_in_days).toBe(30);
    expect(logs.kms_key_id).toMatch(/cross_stack_output_aws_kms_key_platform_kms_storage_arn/);
  });

  test("secrets are sensitive variables with empty defaults; the optional environment keeps only set values", () => {
    for (const name of ["litellm_api_key", "anthropic_api_key", "langfuse_public_key", "langfuse_secret_key"]) {
      expect(agents.variable[name]).toMatchObject({ type: "string", default: "", sensitive: true });
      expect(AGENTS_MODULE.inputs[name as keyof typeof AGENTS_MODULE.inputs]).toMatchObject({
        sensitive: true,
        default: "",
      });
    }
  });

  test("the workflows stack consumes the agents' runtime ARN map", () => {
    expect(agents.output.runtime_arns.value).toBe("${local.agents_runtime_arns}");
    expect(JSON.stringify(out.stack("workflows"))).toContain("cross_stack_output_local_agents_runtime_arns");
  });

  test("the deployer policy is scoped to this platform's names", () => {
    const p = JSON.stringify(agents.output.deployer_policy_json.value);
    expect(p).toContain("role/acme-dev-*");
    expect(p).toContain("repository/acme-dev-*");
  });

  test("moved blocks carry state from the per-agent addresses of 0.1 to the for_each instances", () => {
    expect(agents.moved).toEqual(
      expect.arrayContaining([
        { from: "aws_iam_role.agents_support_iam_role", to: 'aws_iam_role.agents_iam_role["support"]' },
        {
          from: "aws_iam_role.agents_support_iam_codebuild_role[0]",
          to: 'aws_iam_role.agents_iam_codebuild_role["support"]',
        },
        {
          from: "aws_bedrockagentcore_api_key_credential_provider.agents_support_credentials_zendesk_api_key_provider",
          to: 'aws_bedrockagentcore_api_key_credential_provider.agents_credentials_api_key_provider["support/zendesk"]',
        },
      ]),
    );
  });
});

test("adding one blueprint file adds one entry to the agents map, with no other edit", () => {
  const dir = scratchProject();
  expect(synthProject(dir).stack("agents").locals.agents_blueprints.billing).toBeUndefined();
  fs.writeFileSync(
    path.join(dir, "blueprints", "agents", "billing.yaml"),
    "key: billing\ndescription: Explains invoices.\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n",
  );
  const after = synthProject(dir).stack("agents").locals.agents_blueprints;
  expect(after.billing).toMatchObject({
    description: "Explains invoices.",
    image_tag: "latest",
    features: [],
    codebuild: false,
  });
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
    for (const tree of [
      snapshotTree(out.outdir),
      snapshotTree(out.modulesDir),
      snapshotTree(path.join(ROOT, "__tests__")),
    ]) {
      const hits = Object.entries(tree).filter(
        ([, text]) => text.includes(canary) && !text.includes('CANARY-7f3c9e1d-do-not-ship";\n  const names'),
      );
      expect(hits.map(([f]) => f)).toEqual([]);
    }
  } finally {
    process.env = saved;
  }
});

test("an environment that keeps the development placeholders gets a warning naming the agents", () => {
  const seen: string[] = [];
  const dir = scratchProject();
  const synth = (envFile: string) =>
    require("../app/synthesize").synthesize({
      rootDir: dir,
      envFile,
      outdir: path.join(dir, "cdktf.out"),
      modulesDir: path.join(dir, "dist/modules"),
      warn: (m: string) => seen.push(m),
    });
  const env = path.join(dir, "config/environments/example.yaml");
  synth(env);
  expect(seen).toEqual([
    expect.stringContaining(
      'agents.permission_mode is "development": agents research, support keep the placeholders bedrock:* and ' +
        "bedrock-agentcore:*",
    ),
  ]);
  fs.writeFileSync(
    env,
    fs.readFileSync(env, "utf8").replace("permission_mode: development", "permission_mode: production"),
  );
  seen.length = 0;
  synth(env);
  expect(seen).toEqual([]);
});

/**
 * Two agents an HCL caller might define: neither is in the shipped example. One uses features,
 * both credential kinds, CodeBuild and an inference profile; one runs an image of another account.
 */
const HCL_AGENTS = {
  "billing-bot": {
    description: "Explains invoices and issues credits.",
    image_tag: "3.1.0",
    models: ["eu.anthropic.claude-sonnet-4-20250514-v1:0", "amazon.nova-pro-v1:0"],
    features: ["artifacts_bucket", "extra_s3_read", "platform_kms", "artifacts_catalog", "evaluation_table"],
    environment: { INVOICE_API: "https://invoices.internal.example.com" },
    credentials: {
      api_keys: ["stripe"],
      oauth2: [{ name: "ledger", discovery_url: "https://login.ledger.example.com/.well-known/openid-configuration" }],
    },
    codebuild: true,
  },
  triage: {
    description: "Routes incoming tickets.",
    models: ["amazon.nova-lite-v1:0"],
    image_uri: "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shared/triage:2.0",
  },
};
const MODULE_VARS = {
  name_prefix: "zeta",
  environment: "qa",
  account_id: ACCOUNT,
  permissions_boundary_arn: "arn:aws:iam::123456789012:policy/zeta-qa-role-boundary",
  ssm_root_path: "/zeta/qa",
  gateway_role_arn: "arn:aws:iam::123456789012:role/zeta-qa-agentcore-gateway",
  runtime_kms_key_arn: "arn:aws:kms:eu-west-1:123456789012:key/55555555-5555-5555-5555-555555555555",
};
/**
 * The ids of memories and tools (AgentCore types the offline provider lacks) as the runtime's
 * environment reads them: none of HCL_AGENTS has any (agent-capabilities.test.ts probes those that do).
 */
const NO_CAPABILITY_IDS = {
  "local.agents_memory_ids": "{}",
  "local.agents_code_interpreter_ids": "{}",
  "local.agents_browser_ids": "{}",
};
// The log groups are named after the runtime (an AgentCore type the offline provider lacks): probed, not planned.
const IAM_PART = (type: string) =>
  [
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_policy",
    "aws_iam_role_policy_attachment",
    "aws_ecr_repository",
  ].includes(type);

describeWithTerraform("agents module called from HCL, planned by terraform", (tool) => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("agents").tree();
  });
  const plan = (vars: Record<string, unknown>) => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    return planResources(tf, { ...MODULE_VARS, ...vars });
  };

  test("with agents = {} the module creates no agent resources", () => {
    expect(plan({ agents: {} }).map((r) => r.address)).toEqual([]);
  });

  test.each([
    ["every environment input empty", {}],
    [
      "every environment input set",
      { ...ALL_INPUTS, enable_codebuild: true, codebuild_source_bucket_arn: "arn:aws:s3:::zeta-qa-build-sources" },
    ],
  ])(
    "the planned policies are exactly the statements the permission report renders (%s), in both permission modes",
    (_name, inputs: Record<string, unknown>) => {
      // The module takes the inference-key secrets by variable name; the table reads their ARNs.
      const asVariables = {
        ...inputs,
        inference_key_secret_arns: Object.fromEntries(
          ((inputs.inference_key_secret_arns ?? []) as string[]).map((arn) => ["LITELLM_API_KEY", arn]),
        ),
      };
      for (const mode of ["development", "production"] as const) {
        const planned = plan({ agents: HCL_AGENTS, permission_mode: mode, ...asVariables });
        const policies = Object.fromEntries(
          planned
            .filter((r) => r.type === "aws_iam_role_policy" && r.name === "agents_iam_permissions")
            .map((r) => [r.index, JSON.parse(r.values.policy).Statement]),
        );
        expect(Object.keys(policies).sort()).toEqual(["billing-bot", "triage"]);
        const p: AgentPolicyInputs = {
          ...policyInputs({ ...EMPTY_INPUTS, ...inputs }, mode),
          namePrefix: "zeta",
          environment: "qa",
          aws: literalAws(ACCOUNT, "eu-west-1"),
          ssmRootPath: "/zeta/qa",
          gatewayRoleArn: MODULE_VARS.gateway_role_arn,
        };
        // Terraform's template puts the guarded statements after the unconditional ones; order has no meaning in IAM.
        const normal = (statements: Json[]) =>
          statements
            .map((s): Json => ({ ...s, Resource: [s.Resource].flat() }))
            .sort((x, y) => x.Sid.localeCompare(y.Sid));
        for (const [key, spec] of Object.entries(HCL_AGENTS)) {
          expect(normal(policies[key])).toEqual(normal(agentPolicyStatements(key, agentSpecSchema.parse(spec), p)));
        }
      }
    },
  );

  test("CodeBuild roles exist for agents that ask, once enable_codebuild is set with a source bucket", () => {
    const roles = (vars: Record<string, unknown>) =>
      plan({ agents: HCL_AGENTS, ...vars })
        .filter((r) => r.type === "aws_iam_role")
        .map((r) => r.values.name)
        .sort();
    expect(roles({})).toEqual(["zeta-qa-billing-bot-runtime", "zeta-qa-triage-runtime"]);
    const bucket = "arn:aws:s3:::zeta-qa-build-sources";
    expect(roles({ enable_codebuild: true, codebuild_source_bucket_arn: bucket })).toEqual([
      "zeta-qa-billing-bot-build",
      "zeta-qa-billing-bot-runtime",
      "zeta-qa-triage-runtime",
    ]);
  });

  test("an agent with image_uri gets no repository of its own", () => {
    expect(
      plan({ agents: HCL_AGENTS })
        .filter((r) => r.type === "aws_ecr_repository")
        .map((r) => r.index),
    ).toEqual(["billing-bot"]);
  });

  test("runtime name, image, environment, credential providers per agent; secrets only when set, and sensitive", () => {
    const probe = (vars: Record<string, unknown>) =>
      probeAttributes(
        tree,
        [
          {
            type: "aws_bedrockagentcore_agent_runtime",
            name: "agents_runtime_runtime",
            attributes: ["agent_runtime_name", "environment_variables", "agent_runtime_artifact"],
          },
          {
            type: "aws_bedrockagentcore_api_key_credential_provider",
            name: "agents_credentials_api_key_provider",
            attributes: ["name"],
          },
          {
            type: "aws_bedrockagentcore_oauth2_credential_provider",
            name: "agents_credentials_oauth2_provider",
            attributes: ["name", "oauth2_provider_config.0.custom_oauth2_provider_config.0.oauth_discovery"],
          },
        ],
        { ...MODULE_VARS, agents: HCL_AGENTS, ...vars },
        IAM_PART,
        tool,
        NO_CAPABILITY_IDS,
      );
    const unset = probe({});
    const runtime = Object.fromEntries(
      unset["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"].map((r) => [r.key, r.input]),
    );
    expect(runtime["billing-bot"].agent_runtime_name).toBe("zeta_qa_billing_bot");
    expect(runtime["billing-bot"].environment_variables).toEqual({
      AGENT_KEY: "billing-bot",
      INVOICE_API: "https://invoices.internal.example.com",
      PLATFORM_SSM_ROOT_PATH: "/zeta/qa",
    });
    expect(runtime.triage.agent_runtime_artifact[0].container_configuration[0].container_uri).toBe(
      "111122223333.dkr.ecr.eu-west-1.amazonaws.com/shared/triage:2.0",
    );
    // An agent's own repository URL is known only after apply; the image is `<repository_url>:<image_tag>`.
    expect(runtime["billing-bot"].agent_runtime_artifact[0].container_configuration[0].container_uri).toBeUndefined();
    expect(JSON.stringify(tree["runtime.tf.json"].resource.aws_bedrockagentcore_agent_runtime)).toContain(
      "aws_ecr_repository.agents_runtime_repository[each.key].repository_url}:${each.value.image_tag}",
    );
    expect(
      unset["aws_bedrockagentcore_api_key_credential_provider.agents_credentials_api_key_provider"].map((r) => [
        r.key,
        r.input.name,
      ]),
    ).toEqual([["billing-bot/stripe", "zeta-qa-billing-bot-stripe"]]);
    const [oauth] = unset["aws_bedrockagentcore_oauth2_credential_provider.agents_credentials_oauth2_provider"];
    expect(oauth.key).toBe("billing-bot/ledger");
    expect(
      oauth.input["oauth2_provider_config.0.custom_oauth2_provider_config.0.oauth_discovery"][0].discovery_url,
    ).toBe("https://login.ledger.example.com/.well-known/openid-configuration");

    const set = probe({ litellm_api_key: "sk-test-value", langfuse_host: "https://langfuse.example.com" });
    const billing = set["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"].find(
      (r) => r.key === "billing-bot",
    )!;
    expect(billing.input.environment_variables).toMatchObject({
      LITELLM_API_KEY: "sk-test-value",
      LANGFUSE_HOST: "https://langfuse.example.com",
    });
    expect(billing.input.environment_variables.ANTHROPIC_API_KEY).toBeUndefined();
    expect(JSON.stringify(billing.sensitive)).toContain("environment_variables");
  });

  test.each([
    [
      "a key that makes the runtime name longer than 48 characters",
      { "customer-support-bot-xyz": { description: "x", models: ["amazon.nova-lite-v1:0"] } },
      { name_prefix: "acme-platform-eu", environment: "production" },
      "Agents customer-support-bot-xyz (acme_platform_eu_production_customer_support_bot_xyz) make AgentCore " +
        "runtime names that AWS rejects (1-48 characters",
    ],
    [
      "an unknown feature",
      { helper: { description: "x", models: ["amazon.nova-lite-v1:0"], features: ["artifacts_bukcet"] } },
      {},
      "Agents helper list unknown features; known: artifacts_bucket, extra_s3_read",
    ],
    [
      "a reserved environment variable",
      { helper: { description: "x", models: ["amazon.nova-lite-v1:0"], environment: { LITELLM_API_KEY: "in-a-map" } } },
      {},
      "Agents helper set environment variables the platform sets itself",
    ],
    [
      "a secret-looking environment value",
      {
        helper: {
          description: "x",
          models: ["amazon.nova-lite-v1:0"],
          environment: { LOG_LEVEL: "info", UPSTREAM: "AKIAIOSFODNN7EXAMPLE" },
        },
      },
      {},
      "Agents helper (UPSTREAM) have environment values that look like secrets",
    ],
    [
      "a value under a name that says password",
      {
        helper: {
          description: "x",
          models: ["amazon.nova-lite-v1:0"],
          environment: {
            DB_PASSWORD: "correct-horse-battery",
            MAX_TOKENS: "4096",
            KEY_ARN: "arn:aws:kms:eu-west-1:111122223333:key/x",
          },
        },
      },
      {},
      "Agents helper (DB_PASSWORD) have environment values that look like secrets",
    ],
    [
      "credential provider names two agents share",
      {
        support: { description: "x", models: ["amazon.nova-lite-v1:0"], credentials: { api_keys: ["bot-zendesk"] } },
        "support-bot": { description: "y", models: ["amazon.nova-lite-v1:0"], credentials: { api_keys: ["zendesk"] } },
      },
      {},
      "Two agents make the same credential provider names (zeta-qa-support-bot-zendesk)",
    ],
  ])("%s fails the plan with a message naming the agent and the rule", (_name, agents, vars, message) => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    expect(planError(tf, { ...MODULE_VARS, agents, ...vars })).toContain(message);
  });

  test("bucket ARNs naming buckets S3 does not allow fail the plan, each variable in one plan", () => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    const error = planError(tf, {
      ...MODULE_VARS,
      artifacts_bucket_arn: "arn:aws:s3:::Zeta_Artifacts",
      codebuild_source_bucket_arn: "arn:aws:s3:::192.168.5.4",
      extra_s3_read_bucket_arns: ["arn:aws:s3:::zeta-reports", "arn:aws:s3:::zeta..docs", "arn:aws:s3:::zeta/x"],
    });
    expect(error).toContain(
      "artifacts_bucket_arn must be empty or the ARN of an S3 bucket, arn:aws:s3:::<bucket>, whose name S3 allows " +
        "(3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit; " +
        "not contain two adjacent dots, not be formatted as an IP address",
    );
    expect(error).toContain("codebuild_source_bucket_arn must be empty or the ARN of an S3 bucket");
    expect(error).toContain(
      "extra_s3_read_bucket_arns holds arn:aws:s3:::zeta..docs, arn:aws:s3:::zeta/x, which are not ARNs of S3 " +
        "buckets",
    );
  });
});

describeWithTerraform("agents module fed one YAML file per agent from HCL (fileset + yamldecode)", (tool) => {
  test("the files of examples/complete/agents plan as agents with the roles their blueprints ask for", () => {
    const tree = synthProject().module("agents").tree();
    const child = Object.fromEntries(
      Object.entries(isolate(tree, IAM_PART)).map(([f, body]) => [`modules/agents/${f}`, body]),
    );
    const root = {
      "main.tf.json": {
        locals: {
          agents:
            '${{ for f in fileset("${path.module}/agents", "*.yaml") : trimsuffix(f, ".yaml") => ' +
            'yamldecode(file("${path.module}/agents/${f}")) }}',
        },
        module: {
          agents: {
            source: "./modules/agents",
            agents: "${local.agents}",
            ...MODULE_VARS,
            permission_mode: "production",
            platform_artifacts_kms_key_arn:
              "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            idempotency_table_name: "t",
            enable_codebuild: true,
            codebuild_source_bucket_arn: "arn:aws:s3:::src",
          },
        },
      },
      ...child,
      "provider.tf.json": offlineProvider("eu-west-1"),
    };
    const tf = prepareTerraform(root, tool);
    fs.cpSync(path.join(ROOT, "examples", "complete", "agents"), path.join(tf.dir, "agents"), { recursive: true });
    const planned = planResources(tf, {});
    const children = showPlan(tf).planned_values.root_module.child_modules[0].resources as Json[];
    expect(planned).toEqual([]);
    const roles = children
      .filter((r) => r.type === "aws_iam_role")
      .map((r) => r.values.name)
      .sort();
    // The librarian's memory has built-in strategies only: no memory role; its capabilities policy holds its memory
    // and code interpreter grants.
    expect(roles).toEqual([
      "zeta-qa-analyst-runtime",
      "zeta-qa-concierge-build",
      "zeta-qa-concierge-runtime",
      "zeta-qa-librarian-runtime",
    ]);
    const capabilities = children.filter((r) => r.type === "aws_iam_policy");
    expect(capabilities.map((r) => r.values.name)).toEqual(["zeta-qa-librarian-capabilities"]);
    expect(JSON.parse(capabilities[0].values.policy).Statement.map((s: Json) => s.Sid)).toEqual([
      "NoCapabilityChanges",
      "MemoryAccess",
      "CodeInterpreterSessions",
    ]);
    const concierge = JSON.parse(
      children.find((r) => r.address.endsWith('agents_iam_permissions["concierge"]'))!.values.policy,
    ).Statement.map((s: Json) => s.Sid);
    expect(concierge).toEqual(
      expect.arrayContaining(["PlatformKmsDecrypt", "IdempotencyTableAccess", "TokenVaultApiKeys"]),
    );
  });
});

describe("credential secrets", () => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("agents").tree();
  });

  test("no data source reads a secret decrypted: values go from ephemeral resources into write-only arguments", () => {
    const credentials = tree["credentials.tf.json"];
    for (const d of Object.values(credentials.data.aws_ssm_parameter) as Json[]) expect(d.with_decryption).toBe(false);
    expect(Object.keys(credentials.ephemeral.aws_ssm_parameter).sort()).toEqual([
      "agents_credentials_api_key",
      "agents_credentials_client_id",
      "agents_credentials_client_secret",
    ]);
    const provider =
      credentials.resource.aws_bedrockagentcore_api_key_credential_provider.agents_credentials_api_key_provider;
    expect(provider.api_key_wo).toBe("${ephemeral.aws_ssm_parameter.agents_credentials_api_key[each.key].value}");
    expect(provider.api_key).toBeUndefined();
    const cfg =
      credentials.resource.aws_bedrockagentcore_oauth2_credential_provider.agents_credentials_oauth2_provider
        .oauth2_provider_config[0].custom_oauth2_provider_config[0];
    expect([cfg.client_id_wo, cfg.client_secret_wo]).toEqual([
      "${ephemeral.aws_ssm_parameter.agents_credentials_client_id[each.key].value}",
      "${ephemeral.aws_ssm_parameter.agents_credentials_client_secret[each.key].value}",
    ]);
    // And in every module and stack the project emits.
    const out = synthProject();
    for (const json of [...out.stacks.map((s) => out.stack(s)), ...out.modules.map((m) => out.module(m).merged)]) {
      for (const d of Object.values(json.data?.aws_ssm_parameter ?? {}) as Json[])
        expect(d.with_decryption).toBe(false);
    }
  });
});

describeWithTerraform("credential rotation evaluated by terraform", (tool) => {
  const probeVersions = (
    tree: Record<string, Json>,
    versions: { apiKey: number; clientId: number; clientSecret: number },
  ) => {
    const probed = probeAttributes(
      tree,
      [
        {
          type: "aws_bedrockagentcore_api_key_credential_provider",
          name: "agents_credentials_api_key_provider",
          attributes: ["api_key_wo_version"],
        },
        {
          type: "aws_bedrockagentcore_oauth2_credential_provider",
          name: "agents_credentials_oauth2_provider",
          attributes: ["oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"],
        },
      ],
      { ...MODULE_VARS, agents: HCL_AGENTS },
      IAM_PART,
      tool,
      {
        "data.aws_ssm_parameter.agents_credentials_api_key_version[each.key].version": String(versions.apiKey),
        "data.aws_ssm_parameter.agents_credentials_client_id_version[each.key].version": String(versions.clientId),
        "data.aws_ssm_parameter.agents_credentials_client_secret_version[each.key].version": String(
          versions.clientSecret,
        ),
      },
    );
    return {
      apiKey:
        probed["aws_bedrockagentcore_api_key_credential_provider.agents_credentials_api_key_provider"][0].input
          .api_key_wo_version,
      oauth2:
        probed["aws_bedrockagentcore_oauth2_credential_provider.agents_credentials_oauth2_provider"][0].input[
          "oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"
        ],
    };
  };

  test("a new parameter version changes the write-only version, so the next apply re-sends the secret", () => {
    const tree = synthProject().module("agents").tree();
    const before = probeVersions(tree, { apiKey: 3, clientId: 1, clientSecret: 5 });
    const rotated = probeVersions(tree, { apiKey: 4, clientId: 1, clientSecret: 6 });
    expect(before).toEqual({ apiKey: 3, oauth2: 6 });
    expect(rotated).toEqual({ apiKey: 4, oauth2: 7 });
  });

  test("the expression of 0.1 was a constant: the hash of a quoted address, whatever the version", () => {
    // Kept as the regression this test guards against (hashicorp/aws versions of the parameter were never read).
    const old = '${parseint(substr(sha1("data.aws_ssm_parameter.x.version"), 0, 7), 16)}';
    const tf = prepareTerraform({ "main.tf.json": { output: { v: { value: old } } } }, tool);
    const plan = tf.run(["plan", "-input=false", "-no-color", "-out=plan.bin"]);
    expect(plan.status).toBe(0);
    const value = JSON.parse(tf.run(["show", "-json", "plan.bin"]).stdout).planned_values.outputs.v.value;
    expect(typeof value).toBe("number");
    expect(JSON.stringify(synthProject().module("agents").tree())).not.toContain("sha1(");
  });
});

describeWithTerraform("runtime logs and inference keys, evaluated by terraform", (tool) => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("agents").tree();
  });
  const runtimeId = "zeta_qa_billing_bot-AbCdE12345";

  test("each live endpoint logs to a module group with KMS and retention, created before the endpoint", () => {
    const probed = probeAttributes(
      tree,
      [
        {
          type: "aws_cloudwatch_log_group",
          name: "agents_runtime_log_group",
          attributes: ["name", "kms_key_id", "retention_in_days"],
        },
      ],
      { ...MODULE_VARS, agents: HCL_AGENTS },
      IAM_PART,
      tool,
      {
        "aws_bedrockagentcore_agent_runtime.agents_runtime_runtime[each.key].agent_runtime_id":
          `"\${replace(var.name_prefix, "-", "_")}_\${var.environment}_` +
          `\${replace(each.key, "-", "_")}-AbCdE12345"`,
      },
    );
    const groups = Object.fromEntries(
      probed["aws_cloudwatch_log_group.agents_runtime_log_group"].map((r) => [r.key, r.input]),
    );
    expect(groups["billing-bot"]).toEqual({
      name: `/aws/bedrock-agentcore/runtimes/${runtimeId}-live`,
      kms_key_id: MODULE_VARS.runtime_kms_key_arn,
      retention_in_days: 30,
    });
    expect(
      tree["runtime.tf.json"].resource.aws_bedrockagentcore_agent_runtime_endpoint.agents_runtime_endpoint.depends_on,
    ).toEqual(["aws_cloudwatch_log_group.agents_runtime_log_group"]);
  });

  const environmentOf = (vars: Record<string, unknown>) =>
    probeAttributes(
      tree,
      [
        {
          type: "aws_bedrockagentcore_agent_runtime",
          name: "agents_runtime_runtime",
          attributes: ["environment_variables"],
        },
      ],
      { ...MODULE_VARS, agents: HCL_AGENTS, ...vars },
      IAM_PART,
      tool,
      NO_CAPABILITY_IDS,
    )["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"].find((r) => r.key === "billing-bot")!;
  const policyOf = (vars: Record<string, unknown>) => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    const planned = planResources(tf, { ...MODULE_VARS, agents: HCL_AGENTS, ...vars });
    return JSON.parse(
      planned.find((r) => r.address === 'aws_iam_role_policy.agents_iam_permissions["billing-bot"]')!.values.policy,
    ) as Policy;
  };
  const secretArn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:zeta/qa/litellm-AbCdEf";
  const secretsKey = "arn:aws:kms:eu-west-1:123456789012:key/66666666-6666-6666-6666-666666666666";

  test("inference key as a value: in the runtime environment (sensitive), no Secrets Manager grant", async () => {
    const env = environmentOf({ litellm_api_key: "sk-value-mode" });
    expect(env.input.environment_variables.LITELLM_API_KEY).toBe("sk-value-mode");
    expect(env.input.environment_variables.LITELLM_API_KEY_SECRET_ARN).toBeUndefined();
    expect(JSON.stringify(env.sensitive)).toContain("environment_variables");
    expect(policyOf({ litellm_api_key: "sk-value-mode" }).Statement.map((s) => s.Sid)).not.toContain(
      "InferenceKeySecretsRead",
    );
  });

  test("inference key secret: runtime gets only its ARN; role reads only it, KMS via Secrets Manager", async () => {
    const vars = { inference_key_secret_arns: { LITELLM_API_KEY: secretArn }, secrets_kms_key_arn: secretsKey };
    const env = environmentOf(vars);
    expect(env.input.environment_variables.LITELLM_API_KEY_SECRET_ARN).toBe(secretArn);
    expect(env.input.environment_variables.LITELLM_API_KEY).toBeUndefined();
    const p = policyOf(vars);
    expect(await identityDecision([p], "secretsmanager:GetSecretValue", secretArn)).toBe("Allowed");
    expect(
      await identityDecision([p], "secretsmanager:GetSecretValue", secretArn.replace("litellm", "anthropic")),
    ).toBe("ImplicitlyDenied");
    // KMS authorizes through the key policy too: the platform's keys delegate to IAM.
    const keyPolicy: Policy = {
      Version: "2012-10-17",
      Statement: renderStatements(PLATFORM_KEY_POLICY, literalAws(ACCOUNT, "eu-west-1")) as any[],
    };
    expect(
      await identityDecision(
        [p],
        "kms:Decrypt",
        secretsKey,
        ACCOUNT,
        { "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com" },
        keyPolicy,
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [p],
        "kms:Decrypt",
        secretsKey,
        ACCOUNT,
        { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
        keyPolicy,
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("a derived name is checked at plan exactly at AWS's limit: 48 characters pass, 49 fail", () => {
    // The longest name prefix and environment: 28 characters before the key in the runtime name.
    const longest = { ...MODULE_VARS, name_prefix: "abcdefghijklmnop", environment: "abcdefghij" };
    const agent = { description: "x", models: ["amazon.nova-lite-v1:0"] };
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    const fits = planResources(tf, { ...longest, agents: { ["k".repeat(20)]: agent } });
    expect(fits.some((r) => r.type === "aws_iam_role")).toBe(true);
    expect(planError(tf, { ...longest, agents: { ["k".repeat(21)]: agent } })).toContain(
      `(abcdefghijklmnop_abcdefghij_${"k".repeat(21)}) make AgentCore runtime names that AWS rejects`,
    );
  });

  test("a key given both ways, or a name the platform does not hand over, fails the plan", () => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider("eu-west-1") }, tool);
    expect(
      planError(tf, {
        ...MODULE_VARS,
        litellm_api_key: "sk-x",
        inference_key_secret_arns: { LITELLM_API_KEY: secretArn },
      }),
    ).toContain("An inference key is given both as a value and as a Secrets Manager secret");
    expect(planError(tf, { ...MODULE_VARS, inference_key_secret_arns: { OPENAI_API_KEY: secretArn } })).toContain(
      "inference_key_secret_arns takes LITELLM_API_KEY, ANTHROPIC_API_KEY, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY",
    );
  });
});
