import { Construct } from "constructs";
import { Fn, type MapTerraformIterator, TerraformIterator, TerraformLocal, Token } from "cdktf";
import { BedrockagentcoreAgentRuntime } from "@cdktf/provider-aws/lib/bedrockagentcore-agent-runtime";
import { BedrockagentcoreAgentRuntimeEndpoint } from "@cdktf/provider-aws/lib/bedrockagentcore-agent-runtime-endpoint";
import * as apiKeyProvider from "@cdktf/provider-aws/lib/bedrockagentcore-api-key-credential-provider";
import { BedrockagentcoreBrowser } from "@cdktf/provider-aws/lib/bedrockagentcore-browser";
import { BedrockagentcoreCodeInterpreter } from "@cdktf/provider-aws/lib/bedrockagentcore-code-interpreter";
import { BedrockagentcoreMemory } from "@cdktf/provider-aws/lib/bedrockagentcore-memory";
import * as oauth2Provider from "@cdktf/provider-aws/lib/bedrockagentcore-oauth2-credential-provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AwsContext, type AwsFacts } from "../../lib/aws-context";
import { EphemeralResource } from "../../lib/provider-ext/ephemeral";
import { BedrockagentcoreMemoryStrategy } from "../../lib/provider-ext/memory-strategy";
import type { AgentSpec } from "../../lib/config/blueprints";
import { CAPABILITY_ENV, ENVIRONMENT_VARIABLES, LIFECYCLE, SECRET_ENV } from "../../lib/config/agent-format";
import { type HclExpression, attrByKey, hcl, instanceAttr, mapList, raw, template } from "../../lib/hcl";
import { awsArnValidation } from "../../lib/aws-checks";
import { S3_BUCKET_RULE, hclBucketArnOk } from "../../lib/naming";
import type { ModuleDefinition } from "../../lib/hosts/module-definition";
import { guardedPolicy } from "../../lib/iam/guarded-policy";
import { policyDocument } from "../../lib/iam/policy-document";
import { guardedStatements, renderStatement, renderStatements } from "../../lib/iam/statement-table";
import { agentCoreTrustPolicy, serviceTrustPolicy } from "../../lib/iam/trust";
import { type InputValues, emitTo, mapOfSchema } from "../../lib/module-io";
import { NAMING_INPUTS, logRetentionInput, PERMISSIONS_BOUNDARY_INPUT } from "../../lib/common-inputs";
import { IAM_QUOTAS } from "../../lib/rules/ac008-iam-quotas";
import {
  type AgentEnvironmentInputs,
  CAPABILITY_ROWS,
  INLINE_ROWS,
  capabilityGuardrailStatement,
  type AgentRoleContext,
  type AgentStatementSpec,
  BROWSER_ROLE_STATEMENTS,
  CODEBUILD_ROLE_STATEMENTS,
  DEPLOYER_STATEMENTS,
  LIVE_ENDPOINT,
  MEMORY_ROLE_STATEMENTS,
  whenSetInputs,
} from "./permissions";
import { AGENT_NAMES, type AgentNameParts, CREDENTIAL_PROVIDER_NAME, agentsValidation } from "./names";
import { CAPABILITIES, type CapabilityName, recordingPrefix } from "./capabilities";

/** Inputs that become runtime environment variables only when non-empty (seed 002), by variable name. */
const OPTIONAL_ENV_INPUTS = {
  LITELLM_API_KEY: "litellm_api_key",
  ANTHROPIC_API_KEY: "anthropic_api_key",
  LANGFUSE_PUBLIC_KEY: "langfuse_public_key",
  LANGFUSE_SECRET_KEY: "langfuse_secret_key",
  LANGFUSE_HOST: "langfuse_host",
} as const;

const arnInput = (what: string, from: string) =>
  ({
    type: "string",
    default: "",
    description: `${what}${from}. Empty: the statements that need it are left out.`,
  }) as const;

/** What a bucket ARN input takes, as its validation says it. */
const BUCKET_NAMES_ALLOWED =
  `${S3_BUCKET_RULE.message.replace(/^must be /, "")}; ` +
  S3_BUCKET_RULE.forbidden.map((f) => f.message.replace(/^must /, "")).join(", ");
const BUCKET_ARNS = "ARNs of S3 buckets, arn:aws:s3:::<bucket>,";
const BUCKET_ARN_ALLOWED = `must be ${BUCKET_ARNS} whose names S3 allows (${BUCKET_NAMES_ALLOWED})`;
const bucketArnOk = hclBucketArnOk(raw("arn"));
const optionalBucketArnValidation = (name: string) => ({
  condition: hcl`${raw(`var.${name}`)} == "" || ${hclBucketArnOk(raw(`var.${name}`))}`.asString,
  errorMessage:
    `${name} must be empty or the ARN of an S3 bucket, arn:aws:s3:::<bucket>, whose name S3 allows ` +
    `(${BUCKET_NAMES_ALLOWED}).`,
});

const SECRET_ARN_PATTERN = "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$";
/** An entry `name => arn` of `inference_key_secret_arns`: a key it takes, as a Secrets Manager secret. */
const INFERENCE_SECRET_ENTRY = hcl`contains(${[...SECRET_ENV]}, name) && can(regex(${SECRET_ARN_PATTERN}, arn))`;
/** Whether an inference key is not given both as a value and as a secret. */
const givenOnce = (name: (typeof SECRET_ENV)[number]) =>
  `!(contains(keys(var.inference_key_secret_arns), "${name}") && var.${OPTIONAL_ENV_INPUTS[name]} != "")`;
const MEMORY_ARN_PATTERN =
  "^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:memory/[a-zA-Z][a-zA-Z0-9_-]*-[a-zA-Z0-9]{10}$";

/** The `agents` input: a map of agent blueprints by key, typed from the blueprint schema. */
export const AGENTS_TYPE = mapOfSchema<AgentSpec>(
  () => (require("../../lib/config/blueprints") as typeof import("../../lib/config/blueprints")).agentSpecSchema,
);

export const AGENTS_INPUTS = {
  ...NAMING_INPUTS,
  agents: {
    type: AGENTS_TYPE,
    default: {},
    description:
      "The agents, by key: each value holds what a blueprint file `blueprints/agents/<key>.yaml` holds " +
      "(`yamldecode` of one fits). Each agent gets a role, a repository, a log group, a runtime with a " +
      "`live` endpoint and its credential providers, and the memory, code interpreter and browser it declares " +
      "(their permissions in a managed policy `<name_prefix>-<environment>-<key>-capabilities`, " +
      "so they do not count against the role's inline quota). Its runtime gets the ids of exactly those " +
      `as ${CAPABILITY_ENV.memory}, ${CAPABILITY_ENV.codeInterpreter} and ${CAPABILITY_ENV.browser} ` +
      `(and ${CAPABILITY_ENV.sharedMemory} with the feature shared_memory). Empty: no agent resources.`,
    validation: agentsValidation(),
  },
  ssm_root_path: {
    type: "string",
    description: "SSM root path of the platform (output `ssm_root_path` of the platform module).",
  },
  gateway_role_arn: {
    type: "string",
    description:
      "ARN of the platform's gateway execution role (output `gateway_role_arn`); agents may read it " +
      "(EvaluationAndGatewayRoleAccess), and the role boundary keeps them from passing it.",
  },
  permissions_boundary_arn: PERMISSIONS_BOUNDARY_INPUT,
  enable_gateway_url: {
    type: "bool",
    default: false,
    description:
      "Give every runtime `gateway_url` as AGENTCORE_GATEWAY_URL. A flag rather than a test of the URL, so that " +
      "the runtimes' environment keys are known at plan when the gateway is created in the same apply " +
      "(its URL is unknown until then). True needs gateway_url.",
    validation: [
      {
        condition: 'var.enable_gateway_url == (var.gateway_url != "")',
        errorMessage:
          "enable_gateway_url and gateway_url go together: set enable_gateway_url = true exactly when " +
          "gateway_url is given.",
      },
    ],
  },
  gateway_url: {
    type: "string",
    default: "",
    description:
      "MCP endpoint of the platform's gateway (output `gateway_url`), given to every runtime as " +
      "AGENTCORE_GATEWAY_URL with `enable_gateway_url`.",
  },
  runtime_kms_key_arn: {
    type: "string",
    description: "KMS key that encrypts the agents' ECR repositories and log groups (the platform's `storage` key).",
  },
  permission_mode: {
    type: "string",
    default: "development",
    description:
      "`development` grants seed 002's placeholders `bedrock:*` and `bedrock-agentcore:*` on `*`; " +
      "`production` grants only the declared models and the agent's own AgentCore resources.",
    validation: [
      {
        condition: 'contains(["development", "production"], var.permission_mode)',
        errorMessage: "permission_mode must be development or production.",
      },
    ],
  },
  log_retention_days: logRetentionInput("each agent's log group"),
  artifacts_bucket_arn: {
    ...arnInput(
      "ARN of the artifacts bucket",
      " (ArtifactsBucketAccess: each agent reads and writes only its own `agents/<key>/` and " +
        "`browser-recordings/<key>/` of it; browsers with `recording` write their sessions below " +
        "`browser-recordings/<key>/`, BrowserRecordingWrite)",
    ),
    validation: [optionalBucketArnValidation("artifacts_bucket_arn")],
  },
  extra_s3_read_bucket_arns: {
    type: "list(string)",
    default: [],
    description: "ARNs of further buckets agents may read (ExtraS3ReadAccess). Empty: no statement.",
    validation: [
      {
        condition: hcl`alltrue([for arn in var.extra_s3_read_bucket_arns : ${bucketArnOk}])`.asString,
        errorMessage: template([
          "extra_s3_read_bucket_arns holds ",
          {
            interpolate: hcl`join(", ", [for arn in var.extra_s3_read_bucket_arns : arn if !${bucketArnOk}])`,
          },
          `, which ${BUCKET_ARN_ALLOWED.replace(/^must be/, "are not")}.`,
        ]),
      },
    ],
  },
  platform_artifacts_kms_key_arn: arnInput(
    "ARN of the platform_artifacts key, which encrypts the artifacts bucket",
    " (PlatformKmsDecrypt; BrowserRecordingKms of recording browsers)",
  ),
  domain_artifacts_kms_key_arn: arnInput("ARN of the domain_artifacts key", " (DomainKmsDecrypt)"),
  storage_kms_key_arn: arnInput("ARN of the storage key", " (StorageKmsAccess)"),
  prompt_registry_function_arn: arnInput("ARN of the prompt registry Lambda function", " (PromptRegistryInvoke)"),
  artifacts_table_name: arnInput("Name of the artifacts catalog DynamoDB table", " (ArtifactsCatalogAccess)"),
  data_kms_key_arn: {
    type: "string",
    default: "",
    description:
      "ARN of the platform's data key, which encrypts the artifacts catalog table (ArtifactsCatalogKMS), " +
      "every agent's memory (MemoryKms, and its memory role's MemoryKms) and the shared memory (SharedMemoryKms). " +
      "Empty: those statements are left out and memories are encrypted with AgentCore's own key.",
    validation: [awsArnValidation("data_kms_key_arn", "CreateMemory.encryptionKeyArn", "an ARN")],
  },
  idempotency_table_name: arnInput("Name of the idempotency DynamoDB table", " (IdempotencyTableAccess)"),
  evaluation_table_name: arnInput("Name of the evaluation DynamoDB table", " (EvaluationTableAccess)"),
  enable_codebuild: {
    type: "bool",
    default: false,
    description:
      "Give agents with `codebuild = true` a CodeBuild role that reads `codebuild_source_bucket_arn`. A flag rather " +
      "than a test of the ARN, so that the roles' for_each is known at plan when the bucket is created in the same " +
      "apply. True needs codebuild_source_bucket_arn.",
    validation: [
      {
        condition: 'var.enable_codebuild == (var.codebuild_source_bucket_arn != "")',
        errorMessage:
          "enable_codebuild and codebuild_source_bucket_arn go together: set enable_codebuild = true exactly when " +
          "codebuild_source_bucket_arn is given.",
      },
    ],
  },
  codebuild_source_bucket_arn: {
    ...arnInput(
      "ARN of the bucket CodeBuild reads agent sources from",
      " (CodeBuild roles with `enable_codebuild`, deployer S3Access)",
    ),
    validation: [optionalBucketArnValidation("codebuild_source_bucket_arn")],
  },
  litellm_api_key: {
    type: "string",
    default: "",
    sensitive: true,
    description:
      "LiteLLM API key; set as LITELLM_API_KEY in every runtime only when non-empty. Stored in Terraform state.",
  },
  anthropic_api_key: {
    type: "string",
    default: "",
    sensitive: true,
    description: "Anthropic API key; set as ANTHROPIC_API_KEY only when non-empty. Stored in Terraform state.",
  },
  langfuse_public_key: {
    type: "string",
    default: "",
    sensitive: true,
    description: "Langfuse public key; set as LANGFUSE_PUBLIC_KEY only when non-empty.",
  },
  langfuse_secret_key: {
    type: "string",
    default: "",
    sensitive: true,
    description: "Langfuse secret key; set as LANGFUSE_SECRET_KEY only when non-empty. Stored in Terraform state.",
  },
  langfuse_host: {
    type: "string",
    default: "",
    description: "Langfuse host URL; set as LANGFUSE_HOST only when non-empty.",
  },
  inference_key_secret_arns: {
    type: "map(string)",
    default: {},
    description:
      "Inference keys as Secrets Manager secrets instead of values, by environment variable " +
      `(${SECRET_ENV.join(", ")}): each runtime gets \`<NAME>_SECRET_ARN\` (the ARN, never the key) and its role ` +
      "may read exactly those secrets (InferenceKeySecretsRead) and decrypt them with `secrets_kms_key_arn` " +
      "through Secrets Manager only. The key is then in neither Terraform state nor the runtime's environment. " +
      "A name given here must not also be given as a value.",
    validation: [
      {
        condition: hcl`alltrue([for name, arn in var.inference_key_secret_arns : ${INFERENCE_SECRET_ENTRY}])`.asString,
        errorMessage:
          `inference_key_secret_arns takes ${SECRET_ENV.join(", ")}, each the ARN of a Secrets Manager secret ` +
          "(arn:aws:secretsmanager:<region>:<account>:secret:<name>).",
      },
      {
        condition: hcl`${raw(SECRET_ENV.map(givenOnce).join(" && "))}`.asString,
        errorMessage:
          "An inference key is given both as a value and as a Secrets Manager secret " +
          "(inference_key_secret_arns); give one of them.",
      },
    ],
  },
  secrets_kms_key_arn: arnInput(
    "ARN of the platform's secrets key, which encrypts the inference key secrets",
    " (InferenceKeySecretsKms)",
  ),
  shared_memory_arn: {
    type: "string",
    default: "",
    description:
      "ARN of an AgentCore memory shared between agents (created by the platform, encrypted with " +
      "`data_kms_key_arn`): an agent with the feature shared_memory may use it (SharedMemoryAccess, " +
      `SharedMemoryKms) and gets its id as ${CAPABILITY_ENV.sharedMemory}, with \`enable_shared_memory\`. ` +
      "Empty: no agent gets it.",
    validation: [
      {
        condition: `var.shared_memory_arn == "" || can(regex("${MEMORY_ARN_PATTERN}", var.shared_memory_arn))`,
        errorMessage:
          "shared_memory_arn must be empty or the ARN of an AgentCore memory " +
          "(arn:aws:bedrock-agentcore:<region>:<account>:memory/<id>).",
      },
    ],
  },
  enable_shared_memory: {
    type: "bool",
    default: false,
    description:
      `Give agents with the feature shared_memory the shared memory's id as ${CAPABILITY_ENV.sharedMemory}. ` +
      "A flag rather than a test of `shared_memory_arn`, so that the runtimes' environment keys are known at plan " +
      "when the memory is created in the same apply. True needs shared_memory_arn.",
    validation: [
      {
        condition: 'var.enable_shared_memory == (var.shared_memory_arn != "")',
        errorMessage:
          "enable_shared_memory and shared_memory_arn go together: set enable_shared_memory = true exactly when " +
          "shared_memory_arn is given.",
      },
    ],
  },
  cognito_user_pool_id: {
    type: "string",
    default: "",
    description:
      "Id of the platform's Cognito user pool (output `cognito_user_pool_id` of the platform module). " +
      "An agent with protocol MCP and no `authorizer` then accepts tokens of that pool for `cognito_client_id` " +
      "(the gateway's machine-to-machine client), with `enable_cognito_authorizer`.",
    validation: [
      {
        condition:
          'var.cognito_user_pool_id == "" || can(regex("^[a-z0-9-]+_[0-9a-zA-Z]+$", var.cognito_user_pool_id))',
        errorMessage: "cognito_user_pool_id must be empty or a Cognito user pool id (<region>_<id>).",
      },
      {
        condition: '(var.cognito_user_pool_id == "") == (var.cognito_client_id == "")',
        errorMessage:
          "cognito_user_pool_id and cognito_client_id are given together: " +
          "the pool issues the tokens, the client is the one MCP agents accept.",
      },
    ],
  },
  enable_cognito_authorizer: {
    type: "bool",
    default: false,
    description:
      "Whether agents with protocol MCP and no `authorizer` accept tokens of the platform's Cognito pool " +
      "(`cognito_user_pool_id`, `cognito_client_id`). A flag rather than a test of the ids, so that the runtimes' " +
      "authorizer blocks are known at plan when the pool is created in the same apply. False: such agents are " +
      "called with SigV4. True needs both ids.",
    validation: [
      {
        condition: 'var.enable_cognito_authorizer == (var.cognito_user_pool_id != "")',
        errorMessage:
          "enable_cognito_authorizer and cognito_user_pool_id go together: set enable_cognito_authorizer = true " +
          "exactly when the platform's Cognito pool and client are given.",
      },
    ],
  },
  cognito_client_id: {
    type: "string",
    default: "",
    description:
      "Id of the platform's machine-to-machine app client (output `cognito_client_id`), " +
      "the client MCP agents without `authorizer` accept; with `cognito_user_pool_id`.",
  },
} as const;

export type AgentsInputs = InputValues<typeof AGENTS_INPUTS>;

/** Inputs that become runtime environment variables only when non-empty (seed 002). */
export const OPTIONAL_ENV: Readonly<Record<string, keyof AgentsInputs>> = OPTIONAL_ENV_INPUTS;

/** What a deploy stack knows that a registry module reads from its provider. */
export interface AgentsHost {
  readonly region?: string;
}

/** The environment inputs the conditional statements read, as the construct passes them. */
function environmentInputs(inputs: AgentsInputs): AgentEnvironmentInputs {
  return {
    artifacts_bucket_arn: inputs.artifacts_bucket_arn,
    extra_s3_read_bucket_arns: inputs.extra_s3_read_bucket_arns,
    platform_artifacts_kms_key_arn: inputs.platform_artifacts_kms_key_arn,
    domain_artifacts_kms_key_arn: inputs.domain_artifacts_kms_key_arn,
    storage_kms_key_arn: inputs.storage_kms_key_arn,
    prompt_registry_function_arn: inputs.prompt_registry_function_arn,
    artifacts_table_name: inputs.artifacts_table_name,
    data_kms_key_arn: inputs.data_kms_key_arn,
    idempotency_table_name: inputs.idempotency_table_name,
    evaluation_table_name: inputs.evaluation_table_name,
    inference_key_secret_arns: hcl`values(${inputs.inference_key_secret_arns})`.asList,
    secrets_kms_key_arn: inputs.secrets_kms_key_arn,
    shared_memory_arn: inputs.shared_memory_arn,
  };
}

/**
 * The agents of an AgentCore platform: one role, repository, log group, runtime and endpoint per
 * entry of `agents`, each resource a `for_each` over that map, so that a registry module and a
 * deploy stack (which passes the blueprints as a literal map) build the same configuration.
 */
export class Agents extends Construct {
  readonly aws: AwsContext;
  readonly stem: string;
  /** The agents map (`local.<id>_blueprints`). */
  readonly blueprints: TerraformLocal;
  readonly roles: IamRole;
  readonly repositories: EcrRepository;
  readonly logGroups: CloudwatchLogGroup;
  readonly runtimes: BedrockagentcoreAgentRuntime;
  readonly endpoints: BedrockagentcoreAgentRuntimeEndpoint;
  readonly permissions: IamRolePolicy;
  readonly capabilityPolicies: IamPolicy;
  readonly capabilityAttachments: IamRolePolicyAttachment;
  readonly codebuildRoles: IamRole;
  readonly codebuildPermissions: IamRolePolicy;
  readonly apiKeyProviders: apiKeyProvider.BedrockagentcoreApiKeyCredentialProvider;
  readonly oauth2Providers: oauth2Provider.BedrockagentcoreOauth2CredentialProvider;
  readonly memories: BedrockagentcoreMemory;
  readonly memoryStrategies: BedrockagentcoreMemoryStrategy;
  readonly memoryRoles: IamRole;
  readonly memoryPermissions: IamRolePolicy;
  readonly codeInterpreters: BedrockagentcoreCodeInterpreter;
  readonly browsers: BedrockagentcoreBrowser;
  readonly browserRoles: IamRole;
  readonly browserPermissions: IamRolePolicy;
  readonly deployerPolicy: string;
  /** Attribute maps by agent key, for outputs and for the stacks after this one. */
  readonly byKey: Record<
    | "roleArns"
    | "runtimeIds"
    | "runtimeArns"
    | "endpointArns"
    | "repositoryUrls"
    | "logGroupNames"
    | "memoryIds"
    | "memoryArns"
    | "codeInterpreterIds"
    | "browserIds",
    Record<string, string>
  >;

  constructor(
    scope: Construct,
    id: string,
    readonly inputs: AgentsInputs,
    host: AgentsHost,
  ) {
    super(scope, id);
    this.aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: host.region });
    const aws = this.aws;
    this.stem = `${inputs.name_prefix}-${inputs.environment}`;
    this.blueprints = new TerraformLocal(this, "blueprints", inputs.agents);
    const agents = this.blueprints.expression;

    const each = TerraformIterator.fromMap(agents);
    const key = each.key as string;
    const agent = (field: string) => hcl`${each.value}.${raw(field)}`;
    const names: AgentNameParts = { namePrefix: inputs.name_prefix, environment: inputs.environment, key };
    const runtimeName = AGENT_NAMES.runtime.name(names);
    const repositoryName = AGENT_NAMES.repository.name(names);

    // --- runtime.tf.json: repositories (for agents without image_uri) and log groups ----------
    const rt = emitTo(new Construct(this, "runtime"), "runtime");
    this.repositories = new EcrRepository(rt, "repository", {
      forEach: TerraformIterator.fromMap(hcl`{ for k, a in ${agents} : k => a if a.image_uri == null }`),
      name: repositoryName,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: inputs.runtime_kms_key_arn }],
    });

    // --- iam.tf.json: one execution role and policy per agent ------------------------------------
    const iam = emitTo(new Construct(this, "iam"), "iam");
    this.roles = new IamRole(iam, "role", {
      forEach: each,
      name: AGENT_NAMES.role.name(names),
      description: `Execution role of the agent ${key} (${this.stem})`,
      assumeRolePolicy: agentCoreTrustPolicy(aws),
      permissionsBoundary: inputs.permissions_boundary_arn,
    });
    const ownRepositoryArn = aws.arn("ecr", `repository/${repositoryName}`);
    const ctx: AgentRoleContext = {
      aws,
      key,
      runtimeName,
      // Built from names, not read from resources: the policy is then fully known at plan time,
      // so reviewers see exactly what the role will hold.
      repositoryArn:
        hcl`${agent("image_uri")} == null ? ${ownRepositoryArn} : ${imageRepositoryArn(aws, agent("image_uri"))}`
          .asString,
      ssmRootPath: inputs.ssm_root_path,
      gatewayRoleArn: inputs.gateway_role_arn,
      models: Token.asList(agent("models")),
      apiKeyProviders: mapList(Token.asList(agent("credentials.api_keys")), (n) =>
        CREDENTIAL_PROVIDER_NAME.name({ ...names, credential: n }),
      ),
      oauth2Providers: mapList(hcl`${agent("credentials.oauth2")}[*].name`.asList, (n) =>
        CREDENTIAL_PROVIDER_NAME.name({ ...names, credential: n }),
      ),
      memoryName: AGENT_NAMES.memory.name(names),
      codeInterpreterName: AGENT_NAMES.codeInterpreter.name(names),
      browserName: AGENT_NAMES.browser.name(names),
      inputs: environmentInputs(inputs),
    };
    const policy = guardedPolicy(
      INLINE_ROWS.map((row) => ({
        statement: renderStatement(row, ctx),
        presentIf: rowCondition(row, inputs, ctx.inputs, "each.value"),
      })),
    );
    const permissions = (this.permissions = new IamRolePolicy(iam, "permissions", {
      forEach: each,
      name: "agent-execution",
      role: instanceAttr(this.roles, each.key, "id"),
      policy,
      lifecycle: {
        postcondition: [
          {
            condition: hcl`length(self.policy) <= ${IAM_QUOTAS.inlinePerRole}`.asAny,
            errorMessage:
              "The execution policy of agent ${each.key} is longer than IAM's " +
              `${IAM_QUOTAS.inlinePerRole} characters for a role's inline policies: ` +
              "declare fewer models, features or credential providers for it.",
          },
        ],
      },
    }));

    // The capability rows, in a managed policy of their own (see AgentStatementSpec.policy). It
    // exists for an agent by its shape alone, so that its for_each is known at plan time even when
    // the key and memory ARNs are not yet; the guardrail keeps it a valid document in every mode.
    const capabilityAgents = hcl`{ for k, a in ${agents} : k => a if ${raw(CAPABILITIES.capabilityPolicy.hcl("a"))} }`;
    const withCapabilities = TerraformIterator.fromMap(capabilityAgents);
    this.capabilityPolicies = new IamPolicy(iam, "capability_policy", {
      forEach: withCapabilities,
      name: AGENT_NAMES.capabilityPolicy.name(names),
      description: `Memory and built-in tool permissions of the agent ${key} (${this.stem})`,
      policy: guardedPolicy([
        { statement: capabilityGuardrailStatement() },
        ...CAPABILITY_ROWS.map((row) => ({
          statement: renderStatement(row, ctx),
          presentIf: rowCondition(row, inputs, ctx.inputs, "each.value"),
        })),
      ]),
      lifecycle: {
        postcondition: [
          {
            condition: hcl`length(self.policy) <= ${IAM_QUOTAS.managedPolicy}`.asAny,
            errorMessage:
              `The capabilities policy of agent \${each.key} is longer than IAM's ${IAM_QUOTAS.managedPolicy} ` +
              "characters for a managed policy.",
          },
        ],
      },
    });
    this.capabilityAttachments = new IamRolePolicyAttachment(iam, "capability_attachment", {
      forEach: withCapabilities,
      role: instanceAttr(this.roles, each.key, "name"),
      policyArn: instanceAttr(this.capabilityPolicies, each.key, "arn"),
    });

    // The flags decide, never the bucket's ARN: it may be unknown at plan (created in the same apply).
    const withBuild = TerraformIterator.fromMap(
      hcl`{ for k, a in ${agents} : k => a if a.codebuild && ${inputs.enable_codebuild} }`,
    );
    const projectName = AGENT_NAMES.buildProject.name(names);
    this.codebuildRoles = new IamRole(iam, "codebuild_role", {
      forEach: withBuild,
      name: AGENT_NAMES.buildRole.name(names),
      description: `CodeBuild execution role that builds the image of ${key} (${this.stem})`,
      permissionsBoundary: inputs.permissions_boundary_arn,
      assumeRolePolicy: serviceTrustPolicy(
        "AllowCodeBuildAssumeRole",
        "codebuild.amazonaws.com",
        aws,
        aws.arn("codebuild", `project/${projectName}`),
      ),
    });
    this.codebuildPermissions = new IamRolePolicy(iam, "codebuild_permissions", {
      forEach: withBuild,
      name: "codebuild-execution",
      role: instanceAttr(this.codebuildRoles, each.key, "id"),
      policy: policyDocument(
        renderStatements(CODEBUILD_ROLE_STATEMENTS, {
          aws,
          repositoryArn: ownRepositoryArn,
          projectName,
          sourceBucketArn: inputs.codebuild_source_bucket_arn,
        }),
      ),
    });

    // --- iam.tf.json: execution roles of the memory (CUSTOM strategies) and the browser (recording)
    const having = (c: CapabilityName) =>
      TerraformIterator.fromMap(hcl`{ for k, a in ${agents} : k => a if ${raw(CAPABILITIES[c].hcl("a"))} }`);
    const has = (c: CapabilityName) => raw(CAPABILITIES[c].hcl("each.value"));
    const withMemoryRole = having("memoryRole");
    this.memoryRoles = new IamRole(iam, "memory_role", {
      forEach: withMemoryRole,
      name: AGENT_NAMES.memoryRole.name(names),
      description: `Execution role of the memory of ${key}: runs its CUSTOM strategies' models (${this.stem})`,
      assumeRolePolicy: agentCoreTrustPolicy(aws),
      permissionsBoundary: inputs.permissions_boundary_arn,
    });
    // Each override step's model, once; null steps are skipped before their model is read.
    const overrideSteps = raw("try([s.override.extraction, s.override.consolidation, s.override.reflection], [])");
    const stepModels = hcl`[for step in ${overrideSteps} : step.model if step != null]`;
    const overrideModels = hcl`distinct(flatten([for s in ${agent("memory.strategies")} : ${stepModels}]))`;
    this.memoryPermissions = new IamRolePolicy(iam, "memory_permissions", {
      forEach: withMemoryRole,
      name: "memory-execution",
      role: instanceAttr(this.memoryRoles, each.key, "id"),
      policy: guardedPolicy(
        guardedStatements(MEMORY_ROLE_STATEMENTS, {
          aws,
          models: overrideModels.asList,
          dataKmsKeyArn: inputs.data_kms_key_arn,
          withKey: nonEmpty(inputs.data_kms_key_arn),
        }),
      ),
    });
    const withRecording = having("browserRecording");
    this.browserRoles = new IamRole(iam, "browser_role", {
      forEach: withRecording,
      name: AGENT_NAMES.browserRole.name(names),
      description: `Execution role of the browser of ${key}: writes its session recordings (${this.stem})`,
      assumeRolePolicy: agentCoreTrustPolicy(aws),
      permissionsBoundary: inputs.permissions_boundary_arn,
    });
    this.browserPermissions = new IamRolePolicy(iam, "browser_permissions", {
      forEach: withRecording,
      name: "browser-recording",
      role: instanceAttr(this.browserRoles, each.key, "id"),
      policy: guardedPolicy(
        guardedStatements(BROWSER_ROLE_STATEMENTS, {
          aws,
          bucketArn: inputs.artifacts_bucket_arn,
          prefix: recordingPrefix(key),
          kmsKeyArn: inputs.platform_artifacts_kms_key_arn,
          withKey: nonEmpty(inputs.platform_artifacts_kms_key_arn),
        }),
      ),
      lifecycle: {
        precondition: [
          {
            condition: nonEmpty(inputs.artifacts_bucket_arn).asAny,
            errorMessage:
              "Agent ${each.key} records its browser sessions (browser.recording), " +
              "which go to the artifacts bucket: set artifacts_bucket_arn.",
          },
        ],
      },
    });

    // --- memory.tf.json: one memory per agent that declares one, and its strategies -------------
    const mem = emitTo(new Construct(this, "memory"), "memory");
    this.memories = new BedrockagentcoreMemory(mem, "memory", {
      forEach: having("memory"),
      name: AGENT_NAMES.memory.name(names),
      description: `Memory of the agent ${key} (${this.stem})`,
      eventExpiryDuration: agent("memory.event_expiry_days").asNumber,
      // The platform's data key when given (the module's data_kms_key_arn), else AgentCore's own key.
      encryptionKeyArn: hcl`${inputs.data_kms_key_arn} == "" ? null : ${inputs.data_kms_key_arn}`.asString,
      memoryExecutionRoleArn: hcl`${has("memoryRole")} ? ${this.memoryRoles.fqn}[each.key].arn : null`.asString,
      // The role holds its permissions before the memory runs a strategy with it.
      dependsOn: [this.memoryPermissions],
    });
    const strategyPairs = hcl`[for s in try(a.memory.strategies, []) : { agent = k, strategy = s }]`;
    const strategies = TerraformIterator.fromMap(
      new TerraformLocal(
        this,
        "memory_strategies",
        hcl`{ for p in flatten([for k, a in ${agents} : ${strategyPairs}]) : "\${p.agent}/\${p.strategy.name}" => p }`,
      ).expression,
    );
    const strategy = (field: string) => hcl`${strategies.value}.strategy.${raw(field)}`;
    const step = (name: string, withNamespace = false) => ({
      for_each: hcl`configuration.value.${raw(name)} == null ? [] : [configuration.value.${raw(name)}]`,
      content: {
        append_to_prompt: `\${${name}.value.prompt}`,
        model_id: `\${${name}.value.model}`,
        ...(withNamespace ? { namespace_templates: hcl`[${strategy("reflection_namespace")}]` } : {}),
      },
    });
    const isEpisodic = hcl`${strategy("type")} == "EPISODIC"`;
    const reflectionNamespace = strategy("reflection_namespace");
    this.memoryStrategies = new BedrockagentcoreMemoryStrategy(mem, "strategy", {
      forEach: strategies,
      memoryId: hcl`${this.memories.fqn}[${strategies.value}.agent].id`.asString,
      name: strategy("name").asString,
      type: strategy("type").asString,
      namespaceTemplates: hcl`[${strategy("namespace")}]`.asList,
      description: `${strategy("type").asString} strategy of the memory of ${strategies.getString("agent")}`,
      reflectionConfiguration: {
        forEach: hcl`${isEpisodic} && ${reflectionNamespace} != null ? [${reflectionNamespace}] : []`,
        content: { namespace_templates: ["${reflection_configuration.value}"] },
      },
      configuration: {
        forEach: hcl`${strategy("override")} == null ? [] : [${strategy("override")}]`,
        content: {
          type: "${configuration.value.type}",
          dynamic: {
            extraction: step("extraction"),
            consolidation: step("consolidation"),
            reflection: step("reflection", true),
          },
        },
      },
    });

    // --- tools.tf.json: the agent's own code interpreter and browser -----------------------------
    const tools = emitTo(new Construct(this, "tools"), "tools");
    /** `network_configuration { network_mode, vpc_config }`, the VPC block only in VPC mode. */
    const toolNetwork = (tool: "code_interpreter" | "browser") => [
      {
        network_mode: agent(`${tool}.network_mode`),
        dynamic: {
          vpc_config: {
            for_each: hcl`${agent(`${tool}.network_mode`)} == "VPC" ? [${agent("vpc")}] : []`,
            content: {
              subnets: "${vpc_config.value.subnet_ids}",
              security_groups: "${vpc_config.value.security_group_ids}",
            },
          },
        },
      },
    ];
    this.codeInterpreters = new BedrockagentcoreCodeInterpreter(tools, "code_interpreter", {
      forEach: having("codeInterpreter"),
      name: AGENT_NAMES.codeInterpreter.name(names),
      description: `Code interpreter of the agent ${key} (${this.stem})`,
    });
    this.codeInterpreters.addOverride("network_configuration", toolNetwork("code_interpreter"));
    this.browsers = new BedrockagentcoreBrowser(tools, "browser", {
      forEach: having("browser"),
      name: AGENT_NAMES.browser.name(names),
      description: `Browser of the agent ${key} (${this.stem})`,
      executionRoleArn: hcl`${has("browserRecording")} ? ${this.browserRoles.fqn}[each.key].arn : null`.asString,
      dependsOn: [this.browserPermissions],
    });
    this.browsers.addOverride("network_configuration", toolNetwork("browser"));
    this.browsers.addOverride("dynamic.recording", {
      for_each: hcl`${has("browserRecording")} ? [${recordingPrefix(key)}] : []`,
      content: {
        enabled: true,
        s3_location: [
          { bucket: hcl`element(split(":", ${inputs.artifacts_bucket_arn}), 5)`, prefix: "${recording.value}" },
        ],
      },
    });

    // --- credentials.tf.json: providers read their secrets from SSM at plan time ----------------
    const cred = emitTo(new Construct(this, "credentials"), "credentials");
    // One provider per credential of every agent, keyed `<agent>/<credential>`.
    const providersOf = (id: string, kind: "api_keys" | "oauth2", value: string) => {
      const credentialPairs = hcl`[for c in a.credentials.${raw(kind)} : ${raw(value)}]`;
      return TerraformIterator.fromMap(
        new TerraformLocal(
          this,
          id,
          hcl`{ for p in flatten([for k, a in ${agents} : ${credentialPairs}]) : "\${p.agent}/\${p.name}" => p }`,
        ).expression,
      );
    };
    const apiKeys = providersOf("api_key_credentials", "api_keys", "{ agent = k, name = c }");
    const oauth2 = providersOf(
      "oauth2_credentials",
      "oauth2",
      "{ agent = k, name = c.name, discovery_url = c.discovery_url }",
    );
    // Each secret is read twice from its SSM SecureString parameter: ephemerally, decrypted, for
    // the write-only argument (never in state or plan); and as metadata without decryption, whose
    // version (it only grows) is the write-only version, so a rotated value is re-sent. The
    // metadata read keeps only the KMS ciphertext in state.
    const secret = (id: string, it: TerraformIterator, path: string) => {
      const agentKey = it.getString("agent");
      const name = `${inputs.ssm_root_path}/agents/${agentKey}/${path.replace("NAME", it.getString("name"))}`;
      return {
        value: new EphemeralResource(
          cred,
          id,
          "aws_ssm_parameter",
          { arn: aws.arn("ssm", `parameter${name}`), with_decryption: true },
          it,
        ),
        metadata: new DataAwsSsmParameter(cred, `${id}_version`, { forEach: it, name, withDecryption: false }),
      };
    };
    const apiKey = secret("api_key", apiKeys, "credentials/NAME/api-key");
    const clientId = secret("client_id", oauth2, "oauth/NAME/client-id");
    const clientSecret = secret("client_secret", oauth2, "oauth/NAME/client-secret");
    const providerName = (it: TerraformIterator) =>
      CREDENTIAL_PROVIDER_NAME.name({ ...names, key: it.getString("agent"), credential: it.getString("name") });
    const version = (s: { metadata: DataAwsSsmParameter }, it: MapTerraformIterator) =>
      hcl`${s.metadata.fqn}[${it.key}].version`;
    this.apiKeyProviders = new apiKeyProvider.BedrockagentcoreApiKeyCredentialProvider(cred, "api_key_provider", {
      forEach: apiKeys,
      name: providerName(apiKeys),
      apiKeyWo: instanceAttr(apiKey.value, apiKeys.key, "value"),
      apiKeyWoVersion: Token.asNumber(version(apiKey, apiKeys)),
    });
    this.oauth2Providers = new oauth2Provider.BedrockagentcoreOauth2CredentialProvider(cred, "oauth2_provider", {
      forEach: oauth2,
      name: providerName(oauth2),
      credentialProviderVendor: "CustomOauth2",
      oauth2ProviderConfig: [
        {
          customOauth2ProviderConfig: [
            {
              oauthDiscovery: [{ discoveryUrl: oauth2.getString("discovery_url") }],
              clientIdWo: instanceAttr(clientId.value, oauth2.key, "value"),
              clientSecretWo: instanceAttr(clientSecret.value, oauth2.key, "value"),
              // Either parameter's new version changes the sum: both are re-sent.
              clientCredentialsWoVersion: Token.asNumber(
                hcl`${version(clientId, oauth2)} + ${version(clientSecret, oauth2)}`,
              ),
            },
          ],
        },
      ],
    });

    // --- runtime.tf.json: the runtime and its endpoint -------------------------------------------
    const optional = Object.fromEntries(
      Object.entries(OPTIONAL_ENV).map(([env, input]) => [env, inputs[input] as string]),
    );
    // Shared by every runtime: the optional inputs that are set. Terraform decides; a secret's
    // value never passes through TypeScript. Whether a value is set is no secret (`nonsensitive`),
    // so the map's keys and its other values stay visible in the plan and only the secrets are
    // sensitive. The gateway URL is present by its flag: the URL may be unknown at plan.
    const setValues = hcl`{ for name, value in ${optional} : name => value if nonsensitive(value != "") }`;
    const gatewayUrl = hcl`{ for name, url in { AGENTCORE_GATEWAY_URL = ${inputs.gateway_url} } : name => url if ${
      inputs.enable_gateway_url
    } }`;
    const secretArns = hcl`{ for name, arn in ${inputs.inference_key_secret_arns} : "\${name}_SECRET_ARN" => arn }`;
    const optionalEnvironment = new TerraformLocal(
      this,
      "optional_environment",
      hcl`merge(${gatewayUrl}, ${setValues}, ${secretArns})`,
    );
    const map = (id: string, resource: { fqn: string }, attribute: string) =>
      new TerraformLocal(this, id, attrByKey(resource, attribute)).asStringMap;
    const memoryIds = map("memory_ids", this.memories, "id");
    const codeInterpreterIds = map("code_interpreter_ids", this.codeInterpreters, "code_interpreter_id");
    const browserIds = map("browser_ids", this.browsers, "browser_id");
    // The shared memory's id is the last part of its ARN (memory/<id>).
    const sharedMemoryId = hcl`element(split("/", ${inputs.shared_memory_arn}), 1)`;
    // The feature and the flag decide, never the ARN (unknown at plan when the memory is created in the same apply).
    const usesSharedMemory = hcl`contains(a.features, "shared_memory") && ${inputs.enable_shared_memory}`;
    const sharedMemoryIds = new TerraformLocal(
      this,
      "shared_memory_ids",
      hcl`{ for k, a in ${agents} : k => ${sharedMemoryId} if ${usesSharedMemory} }`,
    ).asStringMap;
    // Each runtime gets the ids of exactly the AgentCore resources it has; the keys are known at plan time.
    const capabilityIds = {
      [CAPABILITY_ENV.memory]: memoryIds,
      [CAPABILITY_ENV.sharedMemory]: sharedMemoryIds,
      [CAPABILITY_ENV.codeInterpreter]: codeInterpreterIds,
      [CAPABILITY_ENV.browser]: browserIds,
    };
    const idsHaveAgent = raw("contains(keys(ids), each.key)");
    const capabilityEnvironment = hcl`{ for name, ids in ${capabilityIds} : name => ids[each.key] if ${idsHaveAgent} }`;

    // An agent's inbound JWT authorizer: its own, or for an MCP server without one the platform's
    // Cognito issuer with the gateway's client, when the module is given them.
    const cognitoIssuer = `https://cognito-idp.${aws.region}.amazonaws.com/${inputs.cognito_user_pool_id}`;
    const cognitoDiscoveryUrl = `${cognitoIssuer}/.well-known/openid-configuration`;
    const cognitoAudience = hcl`allowed_audiences = [], allowed_clients = [${inputs.cognito_client_id}]`;
    const cognitoAuthorizer = hcl`{ discovery_url = ${cognitoDiscoveryUrl}, ${cognitoAudience}, allowed_scopes = [] }`;
    const authorizerOrCognito = hcl`a.authorizer != null ? a.authorizer : ${cognitoAuthorizer}`;
    const takesAuthorizer = hcl`a.authorizer != null || (a.protocol == "MCP" && ${inputs.enable_cognito_authorizer})`;
    const authorizers = new TerraformLocal(
      this,
      "runtime_authorizers",
      hcl`{ for k, a in ${agents} : k => (${authorizerOrCognito}) if ${takesAuthorizer} }`,
    );
    const passesAuthorization = hcl`contains([for h in ${agent("request_headers")} : lower(h)], "authorization")`;
    const hasAuthorizer = hcl`contains(keys(${authorizers.expression}), each.key)`;
    const orNull = (list: string) => `\${length(${list}) > 0 ? ${list} : null}`;

    const runtimeEnvironment = Fn.merge([
      agent("environment"),
      { AGENT_KEY: key, PLATFORM_SSM_ROOT_PATH: inputs.ssm_root_path },
      optionalEnvironment.expression,
      capabilityEnvironment,
    ]);
    // The count holds no secret (the inference keys' values are sensitive, their number is not).
    const environmentCount = hcl`nonsensitive(length(${runtimeEnvironment}))`;
    const ownImage = `${instanceAttr(this.repositories, each.key, "repository_url")}:${agent("image_tag").asString}`;
    this.runtimes = new BedrockagentcoreAgentRuntime(rt, "runtime", {
      forEach: each,
      agentRuntimeName: runtimeName,
      description: agent("description").asString,
      roleArn: instanceAttr(this.roles, each.key, "arn"),
      agentRuntimeArtifact: [
        {
          containerConfiguration: [
            { containerUri: hcl`${agent("image_uri")} != null ? ${agent("image_uri")} : ${ownImage}`.asString },
          ],
        },
      ],
      environmentVariables: Token.asStringMap(runtimeEnvironment),
      // The role must hold its permissions before the runtime starts pulling and logging.
      dependsOn: [permissions, this.capabilityAttachments],
      lifecycle: {
        precondition: [
          {
            condition: hcl`${environmentCount} <= ${ENVIRONMENT_VARIABLES.max}`.asAny,
            errorMessage: template([
              "Agent ",
              { interpolate: key },
              " has ",
              { interpolate: environmentCount },
              " environment variables with the platform's (AGENT_KEY, PLATFORM_SSM_ROOT_PATH and the optional " +
                `inputs and capability ids it sets); AgentCore takes at most ${ENVIRONMENT_VARIABLES.max} ` +
                "(CreateAgentRuntime.environmentVariables): remove some of its environment.",
            ]),
          },
          {
            condition: hcl`!${passesAuthorization} || ${hasAuthorizer}`.asAny,
            errorMessage:
              "Agent ${each.key} passes the Authorization header, " +
              "which AgentCore allows only with a JWT authorizer: give it an authorizer (or, for an MCP server, " +
              "the module's enable_cognito_authorizer with cognito_user_pool_id and cognito_client_id).",
          },
        ],
      },
    });
    // The blocks the 6.25 bindings lack or cannot make conditional (lib/provider-ext/README.md):
    // each exists only when the blueprint asks for it, so an agent without them plans as before.
    this.runtimes.addOverride("network_configuration", [
      {
        network_mode: agent("network_mode").asString,
        dynamic: {
          network_mode_config: {
            for_each: hcl`${agent("network_mode")} == "VPC" ? [${agent("vpc")}] : []`.asAny,
            content: {
              subnets: "${network_mode_config.value.subnet_ids}",
              security_groups: "${network_mode_config.value.security_group_ids}",
            },
          },
        },
      },
    ]);
    this.runtimes.addOverride("dynamic.protocol_configuration", {
      for_each: hcl`${agent("protocol")} == null ? [] : [${agent("protocol")}]`.asAny,
      content: { server_protocol: "${protocol_configuration.value}" },
    });
    this.runtimes.addOverride("dynamic.request_header_configuration", {
      for_each: hcl`length(${agent("request_headers")}) == 0 ? [] : [${agent("request_headers")}]`.asAny,
      content: { request_header_allowlist: "${request_header_configuration.value}" },
    });
    this.runtimes.addOverride("dynamic.authorizer_configuration", {
      for_each: hcl`{ for k, v in ${authorizers.expression} : k => v if k == each.key }`.asAny,
      content: {
        custom_jwt_authorizer: [
          {
            discovery_url: "${authorizer_configuration.value.discovery_url}",
            // Empty sets are left out: AgentCore takes a list of at least one value or none.
            allowed_audience: orNull("authorizer_configuration.value.allowed_audiences"),
            allowed_clients: orNull("authorizer_configuration.value.allowed_clients"),
            allowed_scopes: orNull("authorizer_configuration.value.allowed_scopes"),
          },
        ],
      },
    });
    // An attribute (not a block) in 6.66. Both values are always sent, AgentCore's documented
    // defaults filling the one not given: with only one set, AgentCore computes the other and the
    // provider fails with "inconsistent result after apply" (hashicorp/terraform-provider-aws#45290,
    // open at 6.66.0). Absent, the attribute is null and AgentCore's defaults apply without drift.
    const maxLifetime = `coalesce(each.value.lifecycle.max_lifetime_seconds, ${LIFECYCLE.defaultMaxLifetime})`;
    const defaultIdle = `min(${LIFECYCLE.defaultIdle}, ${maxLifetime})`;
    const idleTimeout = `coalesce(each.value.lifecycle.idle_timeout_seconds, ${defaultIdle})`;
    const lifecycle = `[{ idle_runtime_session_timeout = ${idleTimeout}, max_lifetime = ${maxLifetime} }]`;
    this.runtimes.addOverride("lifecycle_configuration", `\${each.value.lifecycle == null ? null : ${lifecycle}}`);
    // The group AgentCore writes the live endpoint's logs to, created with KMS and retention
    // before the endpoint exists, so no invocation can make the service create it without them.
    const runtimeId = instanceAttr(this.runtimes, each.key, "agent_runtime_id");
    this.logGroups = new CloudwatchLogGroup(rt, "log_group", {
      forEach: each,
      name: `/aws/bedrock-agentcore/runtimes/${runtimeId}-${LIVE_ENDPOINT}`,
      retentionInDays: inputs.log_retention_days,
      kmsKeyId: inputs.runtime_kms_key_arn,
    });
    this.endpoints = new BedrockagentcoreAgentRuntimeEndpoint(rt, "endpoint", {
      forEach: each,
      name: LIVE_ENDPOINT,
      agentRuntimeId: runtimeId,
      // Null (the latest version) unless the blueprint pins one.
      agentRuntimeVersion: agent("runtime_version").asString,
      description: `Live endpoint of ${key}`,
      dependsOn: [this.logGroups],
    });

    this.byKey = {
      roleArns: map("role_arns", this.roles, "arn"),
      runtimeIds: map("runtime_ids", this.runtimes, "agent_runtime_id"),
      runtimeArns: map("runtime_arns", this.runtimes, "agent_runtime_arn"),
      endpointArns: map("endpoint_arns", this.endpoints, "agent_runtime_endpoint_arn"),
      repositoryUrls: map("repository_urls", this.repositories, "repository_url"),
      logGroupNames: map("log_group_names", this.logGroups, "name"),
      memoryIds,
      memoryArns: map("memory_arns", this.memories, "arn"),
      codeInterpreterIds,
      browserIds,
    };

    this.deployerPolicy = guardedPolicy(
      DEPLOYER_STATEMENTS.map((row) => ({
        statement: renderStatement(row, {
          aws,
          stem: this.stem,
          sourceBucketArn: inputs.codebuild_source_bucket_arn,
          permissionsBoundaryArn: inputs.permissions_boundary_arn,
        }),
        presentIf:
          row.sid === "S3Access"
            ? nonEmpty(inputs.codebuild_source_bucket_arn)
            : row.sid === "AgentCoreNetworkRole"
              ? hcl`length([for k, a in ${agents} : k if ${raw(CAPABILITIES.vpc.hcl("a"))}]) > 0`
              : row.sid === "IAMPolicyManagement" || row.sid === "IAMPolicyAttachment"
                ? hcl`length(${capabilityAgents}) > 0`
                : undefined,
      })),
    );
  }
}

/** The repository ARN of an ECR image URI `<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>`. */
function imageRepositoryArn(aws: AwsFacts, uri: HclExpression): string {
  const part = (i: number) =>
    hcl`regex(${"^(\\d{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?/([^:@]+)"}, ${uri})[${i}]`.asString;
  return `arn:${aws.partition}:ecr:${part(1)}:${part(0)}:repository/${part(2)}`;
}

const nonEmpty = (value: unknown) => (Array.isArray(value) ? hcl`length(${value}) > 0` : hcl`${value} != ""`);

/** The Terraform condition under which a row is present for `each.value` (see `rowPresent`). */
function rowCondition(
  row: AgentStatementSpec,
  inputs: AgentsInputs,
  environment: AgentEnvironmentInputs,
  agentValue: string,
): HclExpression | undefined {
  const agent = (field: string) => hcl`${raw(agentValue)}.${raw(field)}`;
  const parts: HclExpression[] = [];
  if (row.mode) parts.push(hcl`${inputs.permission_mode} == ${row.mode}`);
  if (row.feature) parts.push(hcl`contains(${agent("features")}, ${row.feature})`);
  if (row.capability) parts.push(hcl`${raw(CAPABILITIES[row.capability].hcl(agentValue))}`);
  if (row.credentials) parts.push(hcl`length(${agent(`credentials.${row.credentials}`)}) > 0`);
  for (const input of whenSetInputs(row)) parts.push(nonEmpty(environment[input]));
  if (parts.length === 0) return undefined;
  return parts.slice(1).reduce((all, p) => hcl`${all} && ${p}`, parts[0]);
}

export const AGENTS_MODULE: ModuleDefinition<typeof AGENTS_INPUTS, Agents, AgentsHost> = {
  path: "agents",
  description:
    "The agents of an AgentCore platform, one per entry of `agents`: a least-privilege execution role (seed 002), " +
    "an immutable, scanned, KMS-encrypted ECR repository, a KMS-encrypted log group, the AgentCore runtime with " +
    "its environment (secrets only when set) and a `live` endpoint, API key and OAuth2 credential providers " +
    "fed from SSM SecureString parameters, and optionally a CodeBuild role; the memory (with its strategies), " +
    "code interpreter and browser an agent declares, with a managed capabilities policy scoped to exactly those " +
    "and execution roles where AgentCore needs them (CUSTOM memory strategies, browser recording); runtime options " +
    "(VPC, protocol, lifecycle, JWT authorizer, request headers, a pinned version); plus a deployer policy for CI.",
  inputs: AGENTS_INPUTS,
  notes:
    "`litellm_api_key`, `anthropic_api_key`, `langfuse_public_key` and `langfuse_secret_key` are sensitive " +
    'variables with default `""`; each reaches the runtime environment only when non-empty. Their values are ' +
    "stored in Terraform state and are readable inside the runtime container. Credential providers read their " +
    "secrets from SSM SecureString parameters `<ssm_root_path>/agents/<key>/credentials/<name>/api-key` and " +
    "`<ssm_root_path>/agents/<key>/oauth/<name>/client-id|client-secret`; create them before the first plan " +
    "(`aws ssm put-parameter --type SecureString --key-id alias/<prefix>-<env>-secrets ...`). " +
    "The values are read by ephemeral resources into write-only arguments and are in neither state nor plan; " +
    "a metadata read without decryption (only the KMS ciphertext reaches state) supplies each parameter's " +
    "version, so a new parameter version re-sends the value on the next apply. VPC mode: AgentCore creates its " +
    "network interfaces through the service-linked role AWSServiceRoleForBedrockAgentCoreNetwork, which the first " +
    "deploy of a VPC-mode runtime or tool creates (deployer statement AgentCoreNetworkRole); the subnets must " +
    "be in Availability Zones AgentCore supports, and without internet access they need VPC endpoints for ECR, " +
    "S3, CloudWatch Logs and the AgentCore services the agent calls. This module only takes subnet and security " +
    "group ids: it cannot check what the security groups allow. Browser recordings go to the artifacts bucket, " +
    "which this module takes as an input: it must be encrypted (SSE-KMS with the platform_artifacts key, " +
    "which the recording role may use through S3) and private. A `lifecycle` is sent as a pair " +
    "(idle timeout and maximum lifetime), AgentCore's defaults filling the one not given: with only one the " +
    'provider fails with "inconsistent result after apply" (hashicorp/terraform-provider-aws#45290).',
  constructId: "agents",
  create: (scope, id, inputs, host) => new Agents(scope, id, inputs, host),
  outputs: {
    role_arns: { description: "Execution role ARN of each agent, by agent key.", value: (c) => c.byKey.roleArns },
    runtime_ids: { description: "AgentCore runtime id of each agent, by agent key.", value: (c) => c.byKey.runtimeIds },
    runtime_arns: {
      description: "AgentCore runtime ARN of each agent, by agent key.",
      value: (c) => c.byKey.runtimeArns,
    },
    endpoint_arns: {
      description: "ARN of each agent's `live` runtime endpoint, by agent key.",
      value: (c) => c.byKey.endpointArns,
    },
    repository_urls: {
      description: "ECR repository URL of each agent that has its own repository (no `image_uri`), by agent key.",
      value: (c) => c.byKey.repositoryUrls,
    },
    memory_ids: {
      description:
        "Id of each agent's memory (given to its runtime as AGENTCORE_MEMORY_ID), by agent key; " +
        "agents without `memory` are absent.",
      value: (c) => c.byKey.memoryIds,
    },
    memory_arns: { description: "ARN of each agent's memory, by agent key.", value: (c) => c.byKey.memoryArns },
    code_interpreter_ids: {
      description: "Id of each agent's code interpreter (AGENTCORE_CODE_INTERPRETER_ID), by agent key.",
      value: (c) => c.byKey.codeInterpreterIds,
    },
    browser_ids: {
      description: "Id of each agent's browser (AGENTCORE_BROWSER_ID), by agent key.",
      value: (c) => c.byKey.browserIds,
    },
    log_group_names: {
      description:
        "Log group AgentCore writes each agent's live endpoint to " +
        "(`/aws/bedrock-agentcore/runtimes/<runtime id>-live`, KMS-encrypted, with retention), by agent key.",
      value: (c) => c.byKey.logGroupNames,
    },
    deployer_policy_json: {
      description:
        "IAM policy for the CI role that deploys these agents (seed 004 caller permissions, " +
        "scoped to this platform's names).",
      value: (c) => c.deployerPolicy,
    },
  },
};
