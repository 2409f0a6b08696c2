import { Construct } from "constructs";
import { Fn, TerraformLocal, Token } from "cdktf";
import { BedrockagentcoreAgentRuntime } from "@cdktf/provider-aws/lib/bedrockagentcore-agent-runtime";
import { BedrockagentcoreAgentRuntimeEndpoint } from "@cdktf/provider-aws/lib/bedrockagentcore-agent-runtime-endpoint";
import { BedrockagentcoreApiKeyCredentialProvider } from "@cdktf/provider-aws/lib/bedrockagentcore-api-key-credential-provider";
import { BedrockagentcoreOauth2CredentialProvider } from "@cdktf/provider-aws/lib/bedrockagentcore-oauth2-credential-provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsContext } from "../../lib/aws-context";
import { hclEquals, hclNonEmpty, hclNonEmptyList } from "../../lib/hcl";
import { AgentBlueprint } from "../../lib/config/blueprints";
import { ModuleDefinition } from "../../lib/hosts/module-definition";
import { GuardedStatement, guardedPolicy } from "../../lib/iam/guarded-policy";
import { PolicyStatement, policyDocument } from "../../lib/iam/policy-document";
import { renderStatements } from "../../lib/iam/statement-table";
import { agentCoreTrustPolicy } from "../../lib/iam/trust";
import { InputValues, emitTo } from "../../lib/module-io";
import { NAMING_INPUTS, logRetentionInput } from "../../lib/common-inputs";
import { roleName, runtimeNamePrefix, tfIdentifier } from "../../lib/naming";
import { countIf } from "../../lib/tf-count";
import { isNonEmpty } from "../../lib/tf-expr";
import { AgentRoleContext, AgentStatementSpec, CODEBUILD_ROLE_STATEMENTS, DEPLOYER_STATEMENTS, agentRows } from "./permissions";

const arnInput = (what: string, from: string) => ({ type: "string", default: "", description: `${what}${from}. Empty: the statements that need it are left out.` }) as const;

export const AGENTS_INPUTS = {
  ...NAMING_INPUTS,
  ssm_root_path: { type: "string", description: "SSM root path of the platform (output `ssm_root_path` of the platform module)." },
  gateway_role_arn: { type: "string", description: "ARN of the platform's gateway execution role (output `gateway_role_arn`); agents may pass it (EvaluationAndGatewayRoleAccess)." },
  gateway_url: { type: "string", default: "", description: "MCP endpoint of the platform's gateway (output `gateway_url`), given to every runtime as AGENTCORE_GATEWAY_URL." },
  runtime_kms_key_arn: { type: "string", description: "KMS key that encrypts the agents' ECR repositories and log groups (the platform's `storage` key)." },
  permission_mode: {
    type: "string",
    default: "development",
    description: "`development` grants seed 002's placeholders `bedrock:*` and `bedrock-agentcore:*` on `*`; `production` grants only the declared models and the agent's own AgentCore resources.",
    validation: [{ condition: 'contains(["development", "production"], var.permission_mode)', errorMessage: "permission_mode must be development or production." }],
  },
  log_retention_days: logRetentionInput("each agent's log group"),
  artifacts_bucket_arn: arnInput("ARN of the artifacts bucket", " (ArtifactsBucketAccess)"),
  extra_s3_read_bucket_arns: { type: "list(string)", default: [], description: "ARNs of further buckets agents may read (ExtraS3ReadAccess). Empty: no statement." },
  platform_artifacts_kms_key_arn: arnInput("ARN of the platform_artifacts key", " (PlatformKmsDecrypt)"),
  domain_artifacts_kms_key_arn: arnInput("ARN of the domain_artifacts key", " (DomainKmsDecrypt)"),
  storage_kms_key_arn: arnInput("ARN of the storage key", " (StorageKmsAccess)"),
  prompt_registry_function_arn: arnInput("ARN of the prompt registry Lambda function", " (PromptRegistryInvoke)"),
  artifacts_table_name: arnInput("Name of the artifacts catalog DynamoDB table", " (ArtifactsCatalogAccess)"),
  data_kms_key_arn: arnInput("ARN of the data key that encrypts the catalog table", " (ArtifactsCatalogKMS)"),
  idempotency_table_name: arnInput("Name of the idempotency DynamoDB table", " (IdempotencyTableAccess)"),
  evaluation_table_name: arnInput("Name of the evaluation DynamoDB table", " (EvaluationTableAccess)"),
  codebuild_source_bucket_arn: arnInput("ARN of the bucket CodeBuild reads agent sources from", " (CodeBuild roles, deployer S3Access)"),
  litellm_api_key: { type: "string", default: "", sensitive: true, description: "LiteLLM API key; set as LITELLM_API_KEY in every runtime only when non-empty. Stored in Terraform state." },
  anthropic_api_key: { type: "string", default: "", sensitive: true, description: "Anthropic API key; set as ANTHROPIC_API_KEY only when non-empty. Stored in Terraform state." },
  langfuse_public_key: { type: "string", default: "", sensitive: true, description: "Langfuse public key; set as LANGFUSE_PUBLIC_KEY only when non-empty." },
  langfuse_secret_key: { type: "string", default: "", sensitive: true, description: "Langfuse secret key; set as LANGFUSE_SECRET_KEY only when non-empty. Stored in Terraform state." },
  langfuse_host: { type: "string", default: "", description: "Langfuse host URL; set as LANGFUSE_HOST only when non-empty." },
} as const;

export type AgentsInputs = InputValues<typeof AGENTS_INPUTS>;

/** Inputs that become runtime environment variables only when non-empty (seed 002). */
export const OPTIONAL_ENV: Readonly<Record<string, keyof AgentsInputs>> = {
  LITELLM_API_KEY: "litellm_api_key",
  ANTHROPIC_API_KEY: "anthropic_api_key",
  LANGFUSE_PUBLIC_KEY: "langfuse_public_key",
  LANGFUSE_SECRET_KEY: "langfuse_secret_key",
  LANGFUSE_HOST: "langfuse_host",
};

export interface AgentsShape {
  readonly region?: string;
  readonly agents: readonly AgentBlueprint[];
}

/** The agents of `blueprints/agents/`: one role, repository, log group, runtime and endpoint each. */
export class Agents extends Construct {
  readonly aws: AwsContext;
  readonly stem: string;
  readonly agents: Record<string, Agent> = {};
  readonly deployerPolicy: string;
  /** Environment variables every runtime gets when their input is non-empty (secrets among them). */
  readonly optionalEnvironment: Record<string, string>;

  constructor(scope: Construct, id: string, readonly inputs: AgentsInputs, shape: AgentsShape) {
    super(scope, id);
    this.aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: shape.region });
    this.stem = `${inputs.name_prefix}-${inputs.environment}`;
    // Shared by every runtime: the optional inputs that are set, as `{ NAME = value }`. The
    // for-expression is written out because cdktf has no helper for a filtered map.
    const optional = { AGENTCORE_GATEWAY_URL: inputs.gateway_url, ...Object.fromEntries(Object.entries(OPTIONAL_ENV).map(([env, input]) => [env, inputs[input] as string])) };
    this.optionalEnvironment = new TerraformLocal(
      this,
      "optional_environment",
      `\${{ for name, value in { ${Object.entries(optional).map(([k, v]) => `${k} = ${Token.isUnresolved(v) ? v : JSON.stringify(v)}`).join(", ")} } : name => value if value != "" }}`,
    ).asStringMap;
    for (const blueprint of shape.agents) this.agents[blueprint.key] = new Agent(this, blueprint);
    const sourceBucketSet = hclNonEmpty(inputs.codebuild_source_bucket_arn);
    this.deployerPolicy = guardedPolicy(
      renderStatements(DEPLOYER_STATEMENTS, { aws: this.aws, stem: this.stem, sourceBucketArn: inputs.codebuild_source_bucket_arn }).map((statement) => ({
        statement,
        presentIf: statement.Sid === "S3Access" ? sourceBucketSet : undefined,
      })),
    );
  }

}

/** One agent's resources, named after its key. */
export class Agent extends Construct {
  readonly runtimeName: string;
  readonly role: IamRole;
  readonly repository: EcrRepository;
  readonly logGroup: CloudwatchLogGroup;
  readonly runtime: BedrockagentcoreAgentRuntime;
  readonly endpoint: BedrockagentcoreAgentRuntimeEndpoint;
  readonly codebuildRole?: IamRole;
  readonly roleContext: AgentRoleContext;
  readonly rows: AgentStatementSpec[];

  constructor(parent: Agents, blueprint: AgentBlueprint) {
    super(parent, tfIdentifier(blueprint.key));
    const { aws, stem, inputs } = parent;
    const key = blueprint.key;
    this.runtimeName = `${runtimeNamePrefix(inputs.name_prefix, inputs.environment)}${key.replace(/-/g, "_")}`;
    const logGroupName = `/aws/bedrock-agentcore/${stem}-${key}`;

    // --- runtime.tf.json ------------------------------------------------------------------------
    const rt = emitTo(new Construct(this, "runtime"), "runtime");
    const repositoryName = `${stem}-${key}`;
    this.repository = new EcrRepository(rt, "repository", {
      name: repositoryName,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: inputs.runtime_kms_key_arn }],
    });
    this.logGroup = new CloudwatchLogGroup(rt, "log_group", { name: logGroupName, retentionInDays: inputs.log_retention_days, kmsKeyId: inputs.runtime_kms_key_arn });

    // --- iam.tf.json ----------------------------------------------------------------------------
    const iam = emitTo(new Construct(this, "iam"), "iam");
    this.role = new IamRole(iam, "role", {
      name: roleName(`${stem}-${key}-runtime`, blueprint.sourceFile, "key"),
      description: `Execution role of the agent ${key} (${stem})`,
      assumeRolePolicy: agentCoreTrustPolicy(aws),
    });
    this.roleContext = {
      aws,
      key,
      runtimeName: this.runtimeName,
      // Built from the name, not read from the resource: the policy is then fully known at plan
      // time, so reviewers see exactly what the role will hold.
      repositoryArn: aws.arn("ecr", `repository/${repositoryName}`),
      logGroupName,
      ssmRootPath: inputs.ssm_root_path,
      gatewayRoleArn: inputs.gateway_role_arn,
      models: blueprint.models,
      apiKeyProviders: blueprint.credentials.api_keys.map((n) => credentialProviderName(stem, key, n)),
      oauth2Providers: blueprint.credentials.oauth2.map((o) => credentialProviderName(stem, key, o.name)),
      inputs,
    };
    this.rows = agentRows(blueprint.features, this.roleContext);
    const permissions = new IamRolePolicy(iam, "permissions", {
      name: "agent-execution",
      role: this.role.id,
      policy: guardedPolicy(this.rows.map((row) => guard(parent, row, renderStatements([row], this.roleContext)[0]))),
    });

    if (blueprint.codebuild) {
      const projectName = `${stem}-${key}-build`;
      const build = { aws, repositoryArn: this.roleContext.repositoryArn, projectName, sourceBucketArn: inputs.codebuild_source_bucket_arn };
      this.codebuildRole = new IamRole(iam, "codebuild_role", {
        count: countIf(isNonEmpty(inputs.codebuild_source_bucket_arn)),
        name: roleName(`${stem}-${key}-build`, blueprint.sourceFile, "key"),
        description: `CodeBuild execution role that builds the image of ${key} (${stem})`,
        assumeRolePolicy: policyDocument([
          {
            Sid: "AllowCodeBuildAssumeRole",
            Effect: "Allow",
            Principal: { Service: "codebuild.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": aws.accountId }, ArnLike: { "aws:SourceArn": aws.arn("codebuild", `project/${projectName}`) } },
          },
        ]),
      });
      new IamRolePolicy(iam, "codebuild_permissions", {
        count: countIf(isNonEmpty(inputs.codebuild_source_bucket_arn)),
        name: "codebuild-execution",
        role: Token.asString(Fn.one(this.codebuildRole.getListAttribute("*.id"))),
        policy: policyDocument(renderStatements(CODEBUILD_ROLE_STATEMENTS, build)),
      });
    }

    // --- credentials.tf.json: providers read their secrets from SSM at plan time ----------------
    const cred = emitTo(new Construct(this, "credentials"), "credentials");
    const credentialParam = (id: string, path: string) =>
      new DataAwsSsmParameter(cred, id, { name: `${inputs.ssm_root_path}/agents/${key}/${path}`, withDecryption: true });
    const providers: string[] = [];
    for (const name of blueprint.credentials.api_keys) {
      const secret = credentialParam(`${tfIdentifier(name)}_api_key`, `credentials/${name}/api-key`);
      providers.push(new BedrockagentcoreApiKeyCredentialProvider(cred, `${tfIdentifier(name)}_api_key_provider`, {
        name: credentialProviderName(stem, key, name),
        apiKeyWo: secret.value,
        apiKeyWoVersion: Token.asNumber(Fn.parseint(Fn.substr(Fn.sha1(secret.version.toString()), 0, 7), 16)),
      }).credentialProviderArn);
    }
    for (const o of blueprint.credentials.oauth2) {
      const clientId = credentialParam(`${tfIdentifier(o.name)}_client_id`, `oauth/${o.name}/client-id`);
      const clientSecret = credentialParam(`${tfIdentifier(o.name)}_client_secret`, `oauth/${o.name}/client-secret`);
      providers.push(new BedrockagentcoreOauth2CredentialProvider(cred, `${tfIdentifier(o.name)}_oauth2_provider`, {
        name: credentialProviderName(stem, key, o.name),
        credentialProviderVendor: "CustomOauth2",
        oauth2ProviderConfig: [
          {
            customOauth2ProviderConfig: [
              {
                oauthDiscovery: [{ discoveryUrl: o.discovery_url }],
                clientIdWo: clientId.value,
                clientSecretWo: clientSecret.value,
                clientCredentialsWoVersion: Token.asNumber(Fn.parseint(Fn.substr(Fn.sha1(`${clientId.version}-${clientSecret.version}`), 0, 7), 16)),
              },
            ],
          },
        ],
      }).credentialProviderArn);
    }

    // --- runtime.tf.json: the runtime and its endpoint -------------------------------------------
    this.runtime = new BedrockagentcoreAgentRuntime(rt, "runtime", {
      agentRuntimeName: this.runtimeName,
      description: blueprint.description,
      roleArn: this.role.arn,
      agentRuntimeArtifact: [{ containerConfiguration: [{ containerUri: `${this.repository.repositoryUrl}:${blueprint.image_tag}` }] }],
      networkConfiguration: [{ networkMode: blueprint.network_mode }],
      environmentVariables: runtimeEnvironment(parent, key, blueprint.environment),
      // The role must hold its permissions before the runtime starts pulling and logging.
      dependsOn: [permissions, this.logGroup],
    });
    this.endpoint = new BedrockagentcoreAgentRuntimeEndpoint(rt, "endpoint", {
      name: "live",
      agentRuntimeId: this.runtime.agentRuntimeId,
      description: `Live endpoint of ${key}`,
    });
  }
}

/** `<prefix>-<env>-<agent>-<name>`: credential provider names are unique per account and region. */
export function credentialProviderName(stem: string, key: string, name: string): string {
  return `${stem}-${key}-${name}`;
}

/** The row's statement with the Terraform condition under which it exists. */
function guard(parent: Agents, row: AgentStatementSpec, statement: PolicyStatement): GuardedStatement {
  const conditions: string[] = [];
  if (row.mode) conditions.push(hclEquals(parent.inputs.permission_mode, row.mode));
  if (row.whenSet) {
    const value = parent.inputs[row.whenSet];
    conditions.push(Array.isArray(value) ? hclNonEmptyList(value) : hclNonEmpty(value as string));
  }
  return { statement, presentIf: conditions.length === 0 ? undefined : conditions.join(" && ") };
}

/**
 * Blueprint variables, platform facts, and the optional inputs, each present only when non-empty:
 * `merge({...}, { for k, v in {...} : k => v if v != "" })`. Terraform decides; a secret's value
 * never passes through TypeScript.
 */
function runtimeEnvironment(parent: Agents, key: string, blueprintEnv: Record<string, string>): Record<string, string> {
  return Token.asStringMap(Fn.merge([{ ...blueprintEnv, AGENT_KEY: key, PLATFORM_SSM_ROOT_PATH: parent.inputs.ssm_root_path }, parent.optionalEnvironment]));
}

export const AGENTS_MODULE: ModuleDefinition<typeof AGENTS_INPUTS, Agents, AgentsShape> = {
  path: "agents",
  description:
    "The agents of an AgentCore platform, one per blueprint: a least-privilege execution role (seed 002), an immutable, scanned, KMS-encrypted ECR repository, a KMS-encrypted log group, the AgentCore runtime with its environment (secrets only when set) and a `live` endpoint, API key and OAuth2 credential providers fed from SSM SecureString parameters, and optionally a CodeBuild role; plus a deployer policy for CI.",
  inputs: AGENTS_INPUTS,
  notes:
    "`litellm_api_key`, `anthropic_api_key`, `langfuse_public_key` and `langfuse_secret_key` are sensitive variables with default `\"\"`; each reaches the runtime environment only when non-empty. Their values are stored in Terraform state and are readable inside the runtime container. Credential providers read their secrets at plan time from SSM SecureString parameters `<ssm_root_path>/agents/<key>/credentials/<name>/api-key` and `<ssm_root_path>/agents/<key>/oauth/<name>/client-id|client-secret`; create them before the first plan (`aws ssm put-parameter --type SecureString --key-id alias/<prefix>-<env>-secrets ...`). The data sources store those values in state; the providers receive them write-only.",
  constructId: "agents",
  create: (scope, id, inputs, shape) => new Agents(scope, id, inputs, shape),
  outputs: {
    role_arns: { description: "Execution role ARN of each agent, by agent key.", value: (c) => mapOf(c, (a) => a.role.arn) },
    runtime_ids: { description: "AgentCore runtime id of each agent, by agent key.", value: (c) => mapOf(c, (a) => a.runtime.agentRuntimeId) },
    runtime_arns: { description: "AgentCore runtime ARN of each agent, by agent key.", value: (c) => mapOf(c, (a) => a.runtime.agentRuntimeArn) },
    endpoint_arns: { description: "ARN of each agent's `live` runtime endpoint, by agent key.", value: (c) => mapOf(c, (a) => a.endpoint.agentRuntimeEndpointArn) },
    repository_urls: { description: "ECR repository URL of each agent, by agent key.", value: (c) => mapOf(c, (a) => a.repository.repositoryUrl) },
    log_group_names: { description: "Log group of each agent, by agent key.", value: (c) => mapOf(c, (a) => a.logGroup.name) },
    deployer_policy_json: { description: "IAM policy for the CI role that deploys these agents (seed 004 caller permissions, scoped to this platform's names).", value: (c) => c.deployerPolicy },
  },
};

function mapOf(c: Agents, f: (a: Agent) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(c.agents).map(([k, a]) => [k, f(a)]));
}
