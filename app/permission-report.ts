import { AwsFacts, literalAws } from "../lib/aws-context";
import type { AgentSpec, Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { resourceStem } from "../lib/naming";
import { agentsOf } from "../lib/config/workflow-format";
import { RoleReport } from "../lib/docs/permission-tables";
import { PolicyStatement } from "../lib/iam/policy-document";
import { StatementSpec, renderStatements } from "../lib/iam/statement-table";
import { runtimeNamePrefix } from "../lib/naming";
import { AGENT_ROLE_STATEMENTS, AgentEnvironmentInputs, AgentFacts, AgentRoleContext, AgentStatementSpec, CODEBUILD_ROLE_STATEMENTS, DEPLOYER_STATEMENTS, PermissionMode, agentRows, whenSetInputs } from "../modules/agents/permissions";
import { AGENT_NAMES, credentialProviderNames } from "../modules/agents/names";
import { GATEWAY_ROLE_STATEMENTS, GatewayRoleContext, MANAGEMENT_ROLE_STATEMENTS, OAUTH2_TOKEN_STATEMENTS, gatewayArnPattern, policyEngineArnPattern } from "../modules/platform/modules/agentcore/permissions";
import { GATEWAY_NAMES } from "../modules/platform/modules/agentcore/names";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import { WORKFLOW_NAMES } from "../modules/workflows/names";
import { ROLE_BOUNDARY_STATEMENTS } from "../modules/platform/boundary";

/**
 * Permission reports, rendered in TypeScript from the same statement tables the constructs
 * render into Terraform: one for a concrete environment (`npm run report`, the rule pack's
 * rendered documents) and one with placeholders for the registry modules' READMEs.
 */

/** Everything an agent's statements depend on besides the agent itself. */
export interface AgentPolicyInputs {
  readonly namePrefix: string;
  readonly environment: string;
  readonly aws: AwsFacts;
  readonly permissionMode: PermissionMode;
  readonly ssmRootPath: string;
  readonly gatewayRoleArn: string;
  readonly inputs: AgentEnvironmentInputs;
}

/** The literal context of one agent's statements. */
export function agentRoleContext(key: string, agent: Pick<AgentSpec, "models" | "credentials" | "image_uri">, p: AgentPolicyInputs): AgentRoleContext {
  const parts = { namePrefix: p.namePrefix, environment: p.environment, key };
  const providers = credentialProviderNames(parts, agent);
  return {
    aws: p.aws,
    key,
    runtimeName: AGENT_NAMES.runtime.name(parts),
    repositoryArn: agent.image_uri ? imageRepositoryArn(p.aws, agent.image_uri) : p.aws.arn("ecr", `repository/${AGENT_NAMES.repository.name(parts)}`),
    ssmRootPath: p.ssmRootPath,
    gatewayRoleArn: p.gatewayRoleArn,
    models: agent.models,
    apiKeyProviders: providers.api_keys,
    oauth2Providers: providers.oauth2,
    inputs: p.inputs,
  };
}

function imageRepositoryArn(aws: AwsFacts, uri: string): string {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(uri);
  if (!m) throw new Error(`not an ECR image URI: ${uri}`);
  return `arn:${aws.partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`;
}

/** The facts that decide which rows an agent's role holds. */
export function agentFacts(agent: Pick<AgentSpec, "features" | "credentials">, p: AgentPolicyInputs): AgentFacts {
  return { features: agent.features, credentials: agent.credentials, inputs: p.inputs, permissionMode: p.permissionMode };
}

/** The statements Terraform renders into one agent's execution policy. */
export function agentPolicyStatements(key: string, agent: AgentSpec, p: AgentPolicyInputs): PolicyStatement[] {
  return renderStatements(agentRows(agentFacts(agent, p)), agentRoleContext(key, agent, p));
}

const agentWhen = (row: AgentStatementSpec) => {
  const parts = [
    row.mode ? `permission_mode = ${row.mode}` : "",
    row.feature ? `feature ${row.feature}` : "",
    row.credentials ? `the agent declares ${row.credentials === "api_keys" ? "API key" : "OAuth2"} credentials` : "",
    ...whenSetInputs(row).map((i) => `${i} set`),
  ].filter(Boolean);
  return parts.length ? parts.join(" and ") : "always";
};

function rows<C>(table: readonly StatementSpec<C>[], ctx: C, when: (s: StatementSpec<C>) => string = (s) => s.presentWhen ?? "always"): RoleReport["rows"] {
  return table.map((s) => ({ sid: s.sid, actions: [...s.actions], resources: s.resources(ctx), when: when(s), ...(s.departure ? { departure: s.departure } : {}) }));
}

/** `<input name>`: how a plan-time input appears in a report. */
const placeholder = (input: string) => `<${input}>`;
const ENV_INPUT_NAMES: readonly (keyof AgentEnvironmentInputs)[] = [
  "artifacts_bucket_arn",
  "extra_s3_read_bucket_arns",
  "platform_artifacts_kms_key_arn",
  "domain_artifacts_kms_key_arn",
  "storage_kms_key_arn",
  "prompt_registry_function_arn",
  "artifacts_table_name",
  "data_kms_key_arn",
  "idempotency_table_name",
  "evaluation_table_name",
  "inference_key_secret_arns",
  "secrets_kms_key_arn",
];
const LIST_INPUTS = ["extra_s3_read_bucket_arns", "inference_key_secret_arns"];
const placeholderInputs = Object.fromEntries(ENV_INPUT_NAMES.map((n) => [n, LIST_INPUTS.includes(n) ? [placeholder(n)] : placeholder(n)])) as unknown as AgentEnvironmentInputs;

/** The environment's agent inputs, as the agents stack passes them. */
export function environmentAgentInputs(env: EnvironmentConfig, withPlaceholders: boolean): AgentEnvironmentInputs {
  const keyArn = (name: string) => (withPlaceholders ? placeholder(`${name} key ARN`) : placeholder(name));
  return {
    ...Object.fromEntries(ENV_INPUT_NAMES.map((n) => [n, (env.agents as Record<string, unknown>)[n] ?? ""])),
    platform_artifacts_kms_key_arn: keyArn("platform_artifacts"),
    domain_artifacts_kms_key_arn: keyArn("domain_artifacts"),
    storage_kms_key_arn: keyArn("storage"),
    data_kms_key_arn: keyArn("data"),
    inference_key_secret_arns: Object.values(env.agents.inference_key_secret_arns),
    secrets_kms_key_arn: keyArn("secrets"),
  } as AgentEnvironmentInputs;
}

/**
 * Every role the environment's configuration creates, with the statements present for it and
 * the condition under which each exists.
 */
export function permissionReport(env: EnvironmentConfig, blueprints: Blueprints): RoleReport[] {
  const aws = literalAws(env.account_id, env.region);
  const stem = resourceStem(env);
  const gatewayRoleArn = aws.arn("iam", `role/${stem}-agentcore-gateway`, { region: false });
  const reports: RoleReport[] = [
    ...gatewayReports(aws, env.name_prefix, env.environment, { policyEngine: blueprints.policies.length > 0, cognito: env.platform.gateway.authorizer === "cognito", managementRole: env.platform.management_role.enabled }),
    { module: "platform", role: `${stem}-role-boundary (permissions boundary of every agent, build, workflow and trigger role)`, rows: rows(ROLE_BOUNDARY_STATEMENTS, aws) },
  ];
  const p: AgentPolicyInputs = {
    namePrefix: env.name_prefix,
    environment: env.environment,
    aws,
    permissionMode: env.agents.permission_mode,
    ssmRootPath: `/${env.name_prefix}/${env.environment}`,
    gatewayRoleArn,
    inputs: environmentAgentInputs(env, true),
  };
  for (const agent of blueprints.agents) {
    const ctx = agentRoleContext(agent.key, agent, p);
    reports.push({ module: "agents", role: `${AGENT_NAMES.role.name({ ...p, key: agent.key })} (agent ${agent.key})`, rows: rows(agentRows(agentFacts(agent, p)), ctx, (s) => agentWhen(s as AgentStatementSpec)) });
    if (agent.codebuild) reports.push(codebuildReport(aws, p, agent.key, env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn")));
  }
  for (const w of blueprints.workflows) reports.push(...workflowReports(aws, env.name_prefix, env.environment, w.name, agentsOf(w).map((a) => `<runtime ARN of ${a}>`), Boolean(w.triggers.schedule || w.triggers.event_pattern)));
  reports.push(deployerReport(aws, stem, env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn"), aws.arn("iam", `policy/${stem}-role-boundary`, { region: false })));
  return reports;
}

/**
 * Every role the registry modules can create, with every statement and the condition under
 * which it exists; names and inputs are placeholders (`<key>`, `<artifacts_bucket_arn>`).
 */
export function modulePermissionReport(): RoleReport[] {
  const aws = literalAws("<account>", "<region>");
  const namePrefix = "<name_prefix>";
  const environment = "<environment>";
  const stem = `${namePrefix}-${environment}`;
  const p: AgentPolicyInputs = { namePrefix, environment, aws, permissionMode: "production", ssmRootPath: placeholder("ssm_root_path"), gatewayRoleArn: placeholder("gateway_role_arn"), inputs: placeholderInputs };
  const ctx = agentRoleContext("<key>", { models: ["<provider>.<model>", "<geo>.<provider>.<model>"], credentials: { api_keys: ["<api key name>"], oauth2: [{ name: "<oauth2 name>", discovery_url: "" }] } }, p);
  return [
    ...gatewayReports(aws, namePrefix, environment, { policyEngine: "a policy engine is attached (policies given or enable_policy_engine = true)", cognito: "enable_cognito = true", managementRole: "enable_management_role = true" }),
    { module: "platform", role: `${stem}-role-boundary (permissions boundary of every agent, build, workflow and trigger role)`, rows: rows(ROLE_BOUNDARY_STATEMENTS, aws) },
    { module: "agents", role: `${AGENT_NAMES.role.name({ ...p, key: "<key>" })} (each agent)`, rows: rows(AGENT_ROLE_STATEMENTS, ctx, (s) => agentWhen(s as AgentStatementSpec)) },
    codebuildReport(aws, p, "<key>", placeholder("codebuild_source_bucket_arn"), "an agent with codebuild = true, when codebuild_source_bucket_arn is set"),
    deployerReport(aws, stem, placeholder("codebuild_source_bucket_arn")),
    ...workflowReports(aws, namePrefix, environment, "<workflow>", ["<runtime ARN of each agent the definition names>"], "triggers.schedule or triggers.event_pattern set"),
  ];
}

type Presence = boolean | string;

/** Rows of a table whose conditional rows exist when `present` is not false; `present` in words when a string. */
function conditionalRows<C>(table: readonly StatementSpec<C>[], ctx: C, present: Presence, conditional: (s: StatementSpec<C>) => boolean): RoleReport["rows"] {
  return table
    .filter((s) => !conditional(s) || present !== false)
    .map((s) => ({ sid: s.sid, actions: [...s.actions], resources: s.resources(ctx), when: !conditional(s) ? "always" : typeof present === "string" ? present : (s.presentWhen ?? "always"), ...(s.departure ? { departure: s.departure } : {}) }));
}

function gatewayReports(aws: AwsFacts, namePrefix: string, environment: string, facts: { policyEngine: Presence; cognito: Presence; managementRole: Presence }): RoleReport[] {
  const stem = `${namePrefix}-${environment}`;
  const ctx: GatewayRoleContext = {
    aws,
    stem,
    runtimePrefix: runtimeNamePrefix(namePrefix, environment),
    gatewayName: `${stem}-gateway`,
    kmsKeyArn: "<platform_artifacts key ARN>",
    policyEngineName: GATEWAY_NAMES.policyEngine.name({ namePrefix, environment }),
    policyEngine: true,
  };
  const oauth2 = { aws, credentialProviderArn: "<OAuth2 credential provider ARN>", gatewayWorkloadIdentityArn: "<gateway workload identity ARN>" };
  const reports: RoleReport[] = [
    {
      module: "platform",
      role: `${stem}-agentcore-gateway (gateway execution role)`,
      rows: [...conditionalRows(GATEWAY_ROLE_STATEMENTS, ctx, facts.policyEngine, (s) => s.present !== undefined), ...conditionalRows(OAUTH2_TOKEN_STATEMENTS, oauth2, facts.cognito, () => true)],
    },
  ];
  if (facts.managementRole !== false) {
    reports.push({
      module: "platform",
      role: `${stem}-agentcore-admin (resource management role${typeof facts.managementRole === "string" ? `; ${facts.managementRole}` : ""})`,
      rows: rows(MANAGEMENT_ROLE_STATEMENTS, { aws, stem, gatewayRoleArn: aws.arn("iam", `role/${stem}-agentcore-gateway`, { region: false }), gatewayArn: gatewayArnPattern(ctx), policyEngineArn: policyEngineArnPattern(ctx) }),
    });
  }
  return reports;
}

function codebuildReport(aws: AwsFacts, p: AgentPolicyInputs, key: string, sourceBucketArn: string, when = "only when codebuild_source_bucket_arn is set"): RoleReport {
  const parts = { namePrefix: p.namePrefix, environment: p.environment, key };
  const projectName = AGENT_NAMES.buildProject.name(parts);
  return {
    module: "agents",
    role: `${AGENT_NAMES.buildRole.name(parts)} (CodeBuild for ${key}; ${when})`,
    rows: rows(CODEBUILD_ROLE_STATEMENTS, { aws, repositoryArn: aws.arn("ecr", `repository/${AGENT_NAMES.repository.name(parts)}`), projectName, sourceBucketArn }),
  };
}

function deployerReport(aws: AwsFacts, stem: string, sourceBucketArn: string, permissionsBoundaryArn = "<permissions_boundary_arn>"): RoleReport {
  return {
    module: "agents",
    role: "deployer policy (output deployer_policy_json, for the CI role)",
    rows: rows(DEPLOYER_STATEMENTS, { aws, stem, sourceBucketArn, permissionsBoundaryArn }, (s) => (s.sid === "S3Access" ? "codebuild_source_bucket_arn set" : "always")),
  };
}

function workflowReports(aws: AwsFacts, namePrefix: string, environment: string, workflow: string, runtimeArns: string[], triggers: Presence): RoleReport[] {
  const parts = { namePrefix, environment, workflow };
  const reports: RoleReport[] = [{ module: "workflows", role: `${WORKFLOW_NAMES.role.name(parts)} (workflow ${workflow})`, rows: rows(WORKFLOW_ROLE_STATEMENTS, { aws, runtimeArns }) }];
  if (triggers !== false) {
    reports.push({
      module: "workflows",
      role: `${WORKFLOW_NAMES.triggerRole.name(parts)} (trigger of ${workflow}${typeof triggers === "string" ? `; ${triggers}` : ""})`,
      rows: rows(TRIGGER_ROLE_STATEMENTS, { stateMachineArn: aws.arn("states", `stateMachine:${WORKFLOW_NAMES.stateMachine.name(parts)}`) }),
    });
  }
  return reports;
}
