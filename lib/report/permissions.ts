import * as fs from "fs";
import { App, TerraformStack } from "cdktf";
import * as os from "os";
import * as path from "path";
import { AwsContext } from "../aws-context";
import { AgentBlueprint, Blueprints } from "../config/blueprints";
import { EnvironmentConfig, resourceStem } from "../config/environment";
import { agentsOf } from "../config/workflows";
import { StatementSpec } from "../iam/statement-table";
import { runtimeNamePrefix } from "../naming";
import { AGENT_ROLE_STATEMENTS, AgentEnvironmentInputs, AgentRoleContext, CODEBUILD_ROLE_STATEMENTS, DEPLOYER_STATEMENTS, agentRows } from "../../modules/agents/permissions";
import { credentialProviderName } from "../../modules/agents";
import { GATEWAY_ROLE_STATEMENTS, MANAGEMENT_ROLE_STATEMENTS, OAUTH2_TOKEN_STATEMENTS } from "../../modules/platform/modules/agentcore/permissions";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../../modules/workflows/permissions";

export interface RoleReport {
  /** The registry module that creates the role (or emits the policy). */
  readonly module: "platform" | "agents" | "workflows";
  readonly role: string;
  readonly rows: { sid: string; actions: string[]; resources: string[]; when: string }[];
}

/** `<input name>`: how a plan-time input appears in the report. */
const placeholder = (input: string) => `<${input}>`;

function rows<C>(table: readonly StatementSpec<C>[], ctx: C, when: (s: StatementSpec<C>) => string = (s) => s.presentWhen ?? "always"): RoleReport["rows"] {
  return table.map((s) => ({ sid: s.sid, actions: [...s.actions], resources: s.resources(ctx), when: when(s) }));
}

/**
 * Every role the configuration creates, with each statement's actions, resources, and the
 * condition under which it exists; read from the same tables the constructs use.
 */
export function permissionReport(env: EnvironmentConfig, blueprints: Blueprints): RoleReport[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-report-"));
  try {
    const aws = new AwsContext(new TerraformStack(new App({ outdir: scratch }), "report"), "aws", { accountId: env.account_id, region: env.region });
    const stem = resourceStem(env);
    const prefix = runtimeNamePrefix(env.name_prefix, env.environment);
    const gatewayRoleArn = aws.arn("iam", `role/${stem}-agentcore-gateway`, { region: false });
    const reports: RoleReport[] = [];

    const gateway = { aws, stem, runtimePrefix: prefix, gatewayName: `${stem}-gateway`, kmsKeyArn: "<platform_artifacts key ARN>", policyEngineName: blueprints.policies.length ? `${prefix}gateway_policies` : undefined };
    reports.push({
      module: "platform",
      role: `${stem}-agentcore-gateway (gateway execution role)`,
      rows: [
        ...rows(GATEWAY_ROLE_STATEMENTS.filter((s) => s.present?.(gateway) ?? true), gateway),
        ...rows(OAUTH2_TOKEN_STATEMENTS, { aws, credentialProviderArn: "<OAuth2 credential provider ARN>", gatewayWorkloadIdentityArn: "<gateway workload identity ARN>" }),
      ],
    });
    if (env.platform.management_role.enabled) {
      reports.push({ module: "platform", role: `${stem}-agentcore-admin (resource management role)`, rows: rows(MANAGEMENT_ROLE_STATEMENTS, { aws, stem, gatewayRoleArn }) });
    }

    for (const agent of blueprints.agents) reports.push(...agentReports(agent, aws, stem, prefix, gatewayRoleArn, env));

    for (const w of blueprints.workflows) {
      const name = `${stem}-${w.name}`;
      reports.push({ module: "workflows", role: `${name}-sfn (workflow ${w.name})`, rows: rows(WORKFLOW_ROLE_STATEMENTS, { aws, runtimeArns: agentsOf(w).map((a) => `<runtime ARN of ${a}>`) }) });
      if (w.triggers.schedule || w.triggers.event_pattern) {
        reports.push({ module: "workflows", role: `${name}-start (trigger of ${w.name})`, rows: rows(TRIGGER_ROLE_STATEMENTS, { stateMachineArn: aws.arn("states", `stateMachine:${name}`) }) });
      }
    }
    reports.push({
      module: "agents",
      role: "deployer policy (output deployer_policy_json, for the CI role)",
      rows: rows(DEPLOYER_STATEMENTS, { aws, stem, sourceBucketArn: env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn") }, (s) => (s.sid === "S3Access" ? "codebuild_source_bucket_arn set" : "always")),
    });
    return reports;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function agentReports(agent: AgentBlueprint, aws: AwsContext, stem: string, prefix: string, gatewayRoleArn: string, env: EnvironmentConfig): RoleReport[] {
  const inputs = Object.fromEntries(
    ["artifacts_bucket_arn", "extra_s3_read_bucket_arns", "platform_artifacts_kms_key_arn", "domain_artifacts_kms_key_arn", "storage_kms_key_arn", "prompt_registry_function_arn", "artifacts_table_name", "data_kms_key_arn", "idempotency_table_name", "evaluation_table_name"].map((n) => [
      n,
      n === "extra_s3_read_bucket_arns" ? [placeholder(n)] : placeholder(n),
    ]),
  ) as unknown as AgentEnvironmentInputs;
  const ctx: AgentRoleContext = {
    aws,
    key: agent.key,
    runtimeName: `${prefix}${agent.key.replace(/-/g, "_")}`,
    repositoryArn: aws.arn("ecr", `repository/${stem}-${agent.key}`),
    logGroupName: `/aws/bedrock-agentcore/${stem}-${agent.key}`,
    ssmRootPath: `/${env.name_prefix}/${env.environment}`,
    gatewayRoleArn,
    models: agent.models,
    apiKeyProviders: agent.credentials.api_keys.map((n) => credentialProviderName(stem, agent.key, n)),
    oauth2Providers: agent.credentials.oauth2.map((o) => credentialProviderName(stem, agent.key, o.name)),
    inputs,
  };
  const when = (s: StatementSpec<AgentRoleContext>) => {
    const row = s as (typeof AGENT_ROLE_STATEMENTS)[number];
    const parts = [row.mode ? `permission_mode = ${row.mode}` : "", row.feature ? `feature ${row.feature}` : "", row.whenSet ? `${row.whenSet} set` : ""].filter(Boolean);
    return parts.length ? parts.join(" and ") : "always";
  };
  const reports: RoleReport[] = [{ module: "agents", role: `${stem}-${agent.key}-runtime (agent ${agent.key})`, rows: rows(agentRows(agent.features, ctx), ctx, when) }];
  if (agent.codebuild) {
    const projectName = `${stem}-${agent.key}-build`;
    reports.push({
      module: "agents",
      role: `${projectName} (CodeBuild for ${agent.key}; only when codebuild_source_bucket_arn is set)`,
      rows: rows(CODEBUILD_ROLE_STATEMENTS, { aws, repositoryArn: ctx.repositoryArn, projectName, sourceBucketArn: env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn") }),
    });
  }
  return reports;
}

/** The report as Markdown. */
export function renderPermissionReport(reports: readonly RoleReport[]): string {
  const cell = (values: string[]) => values.map((v) => `\`${v}\``).join("<br>");
  return reports
    .map((r) =>
      [`### ${r.role}`, "", "| Sid | actions | resources | present when |", "| --- | --- | --- | --- |", ...r.rows.map((row) => `| ${row.sid} | ${cell(row.actions)} | ${cell(row.resources)} | ${row.when} |`)].join("\n"),
    )
    .join("\n\n");
}
