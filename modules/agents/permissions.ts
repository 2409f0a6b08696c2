import { Fn, Token } from "cdktf";
import { AwsContext } from "../../lib/aws-context";
import { AgentFeature } from "../../lib/config/blueprints";
import { rawJson } from "../../lib/iam/policy-document";
import { StatementSpec } from "../../lib/iam/statement-table";

/** Everything an agent's statements are scoped to. */
export interface AgentRoleContext {
  readonly aws: AwsContext;
  readonly key: string;
  readonly runtimeName: string;
  readonly repositoryArn: string;
  readonly logGroupName: string;
  readonly ssmRootPath: string;
  readonly gatewayRoleArn: string;
  readonly models: readonly string[];
  readonly apiKeyProviders: readonly string[];
  readonly oauth2Providers: readonly string[];
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
}

export type PermissionMode = "development" | "production";

/**
 * A row of the agent role's table. Presence is decided in two steps:
 * - at synth time: the blueprint lists `feature` (shape);
 * - at plan time: the input `whenSet` is non-empty and `permission_mode` equals `mode`
 *   (environment, a Terraform expression), so the registry module behaves the same for HCL users.
 */
export interface AgentStatementSpec extends StatementSpec<AgentRoleContext> {
  readonly feature?: AgentFeature;
  readonly whenSet?: keyof AgentEnvironmentInputs;
  readonly mode?: PermissionMode;
  /** Synth-time: the statement has something to grant (e.g. the agent declares API keys). */
  readonly applies?: (ctx: AgentRoleContext) => boolean;
}

const tableArn = (c: AgentRoleContext, name: string) => c.aws.arn("dynamodb", `table/${name}`);
const withObjects = (arns: string[]) =>
  Token.isUnresolved(arns) ? [rawJson(Token.asString(Fn.jsonencode(Fn.concat([arns, Fn.formatlist("%s/*", [arns])]))))] : [...arns, ...arns.map((a) => `${a}/*`)];
const isInferenceProfile = (id: string) => /^[a-z-]+\.[a-z0-9-]+\.[A-Za-z0-9.:_-]+$/.test(id) && id.split(".").length > 2;

/** Foundation-model ARNs (any region: inference profiles route across regions) and profile ARNs. */
export function modelArns(c: Pick<AgentRoleContext, "aws" | "models">): string[] {
  return c.models.flatMap((id) =>
    isInferenceProfile(id)
      ? [c.aws.arn("bedrock", `inference-profile/${id}`), `arn:${c.aws.partition}:bedrock:*::foundation-model/${id.slice(id.indexOf(".") + 1)}`]
      : [`arn:${c.aws.partition}:bedrock:*::foundation-model/${id}`],
  );
}

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
    actions: ["bedrock-agentcore:GetWorkloadAccessToken", "bedrock-agentcore:GetWorkloadAccessTokenForJWT", "bedrock-agentcore:GetWorkloadAccessTokenForUserId"],
    resources: (c) => workloadIdentities(c),
    mode: "production",
  },
  {
    sid: "TokenVaultApiKeys",
    purpose: "Read the API keys of the agent's own credential providers",
    actions: ["bedrock-agentcore:GetResourceApiKey"],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "token-vault/default"), ...c.apiKeyProviders.map((n) => c.aws.arn("bedrock-agentcore", `token-vault/default/apikeycredentialprovider/${n}`)), ...workloadIdentities(c)],
    mode: "production",
    applies: (c) => c.apiKeyProviders.length > 0,
  },
  {
    sid: "TokenVaultOAuth2",
    purpose: "Obtain OAuth2 tokens of the agent's own credential providers",
    actions: ["bedrock-agentcore:GetResourceOauth2Token"],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "token-vault/default"), ...c.oauth2Providers.map((n) => c.aws.arn("bedrock-agentcore", `token-vault/default/oauth2credentialprovider/${n}`)), ...workloadIdentities(c)],
    mode: "production",
    applies: (c) => c.oauth2Providers.length > 0,
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
    purpose: "Write the agent's own log groups",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
    resources: (c) => [
      c.aws.arn("logs", `log-group:${c.logGroupName}`),
      c.aws.arn("logs", `log-group:${c.logGroupName}:*`),
      c.aws.arn("logs", `log-group:/aws/bedrock-agentcore/runtimes/${c.runtimeName}-*`),
    ],
  },
  {
    sid: "XRayTracing",
    purpose: "Send traces (the actions support no resource scope)",
    actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
    resources: () => ["*"],
  },
  {
    sid: "EvaluationAndGatewayRoleAccess",
    purpose: "Hand the evaluation SDK's roles and the platform's gateway role to AgentCore",
    actions: ["iam:GetRole", "iam:PassRole"],
    resources: (c) => [c.aws.arn("iam", "role/AgentCoreEvalsSDK-*", { region: false }), c.gatewayRoleArn],
  },
  {
    sid: "SsmParameterRead",
    purpose: "Read the platform's published parameters",
    actions: ["ssm:GetParameter", "ssm:GetParametersByPath"],
    resources: (c) => [c.aws.arn("ssm", `parameter${c.ssmRootPath}`), c.aws.arn("ssm", `parameter${c.ssmRootPath}/*`)],
  },
  // --- conditional (seed 002): the blueprint asks for the feature and the input is set --------
  {
    sid: "ArtifactsBucketAccess",
    purpose: "Read and write artifacts",
    actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
    resources: (c) => [c.inputs.artifacts_bucket_arn, `${c.inputs.artifacts_bucket_arn}/*`],
    feature: "artifacts_bucket",
    whenSet: "artifacts_bucket_arn",
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
    resources: (c) => [tableArn(c, c.inputs.evaluation_table_name), `${tableArn(c, c.inputs.evaluation_table_name)}/index/*`],
    feature: "evaluation_table",
    whenSet: "evaluation_table_name",
  },
];

/** The rows an agent's role carries at all: its features, and rows with something to grant. */
export function agentRows(features: readonly AgentFeature[], ctx: AgentRoleContext): AgentStatementSpec[] {
  return AGENT_ROLE_STATEMENTS.filter((s) => (s.feature === undefined || features.includes(s.feature)) && (s.applies?.(ctx) ?? true));
}

/** What the CodeBuild role of one agent is scoped to (seed 004 "CodeBuild Execution Role"). */
export interface CodeBuildContext {
  readonly aws: AwsContext;
  readonly repositoryArn: string;
  readonly projectName: string;
  readonly sourceBucketArn: string;
}

export const CODEBUILD_ROLE_STATEMENTS: readonly StatementSpec<CodeBuildContext>[] = [
  { sid: "EcrAuth", purpose: "Log in to ECR", actions: ["ecr:GetAuthorizationToken"], resources: () => ["*"] },
  {
    sid: "EcrPush",
    purpose: "Push the agent's image to its own repository",
    actions: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"],
    resources: (c) => [c.repositoryArn],
  },
  {
    sid: "BuildLogs",
    purpose: "Write the build's own log group",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    resources: (c) => [c.aws.arn("logs", `log-group:/aws/codebuild/${c.projectName}`), c.aws.arn("logs", `log-group:/aws/codebuild/${c.projectName}:*`)],
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
  readonly aws: AwsContext;
  readonly stem: string;
  readonly sourceBucketArn: string;
}

export const DEPLOYER_STATEMENTS: readonly StatementSpec<DeployerContext>[] = [
  {
    sid: "IAMRoleManagement",
    purpose: "Manage this platform's agent and build roles",
    actions: ["iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:GetRolePolicy", "iam:TagRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    resources: (c) => [c.aws.arn("iam", `role/${c.stem}-*`, { region: false })],
  },
  {
    sid: "CodeBuildProjectAccess",
    purpose: "Run this platform's image builds",
    actions: ["codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:ListBuildsForProject", "codebuild:CreateProject", "codebuild:UpdateProject", "codebuild:BatchGetProjects"],
    resources: (c) => [c.aws.arn("codebuild", `project/${c.stem}-*`), c.aws.arn("codebuild", `build/${c.stem}-*`)],
  },
  { sid: "CodeBuildListAccess", purpose: "List build projects (no resource scope)", actions: ["codebuild:ListProjects"], resources: () => ["*"] },
  {
    sid: "IAMPassRoleAccess",
    purpose: "Hand this platform's roles to AgentCore and CodeBuild only",
    actions: ["iam:PassRole"],
    resources: (c) => [c.aws.arn("iam", `role/${c.stem}-*`, { region: false })],
    condition: () => ({ StringEquals: { "iam:PassedToService": ["bedrock-agentcore.amazonaws.com", "codebuild.amazonaws.com"] } }),
  },
  {
    sid: "CloudWatchLogsAccess",
    purpose: "Read runtime and build logs",
    actions: ["logs:GetLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
    resources: (c) => [c.aws.arn("logs", `log-group:/aws/bedrock-agentcore/*`), c.aws.arn("logs", `log-group:/aws/codebuild/${c.stem}-*`)],
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
  { sid: "ECRAuthorizationAccess", purpose: "Log in to ECR", actions: ["ecr:GetAuthorizationToken"], resources: () => ["*"] },
];
