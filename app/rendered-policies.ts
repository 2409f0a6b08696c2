import { literalAws } from "../lib/aws-context";
import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { policyDocument } from "../lib/iam/policy-document";
import { agentCoreTrustPolicy } from "../lib/iam/trust";
import { TerraformDocument } from "../lib/rules/rule";
import { AGENT_NAMES } from "../modules/agents/names";
import { DEPLOYER_STATEMENTS } from "../modules/agents/permissions";
import { renderStatements } from "../lib/iam/statement-table";
import { agentPolicyStatements, environmentAgentInputs } from "./permission-report";

/**
 * The agents stack's roles as Terraform renders them for this environment: its policies are
 * `for_each` templates whose per-agent parts only Terraform resolves, so the rule pack also reads
 * them rendered in TypeScript from the same table (exact sizes for the quota rule, exact statements
 * for the production wildcard rule).
 */
export function renderedPolicyDocuments(env: EnvironmentConfig, blueprints: Blueprints): TerraformDocument[] {
  const aws = literalAws(env.account_id, env.region);
  const p = {
    namePrefix: env.name_prefix,
    environment: env.environment,
    aws,
    permissionMode: env.agents.permission_mode,
    ssmRootPath: `/${env.name_prefix}/${env.environment}`,
    gatewayRoleArn: aws.arn("iam", `role/${env.name_prefix}-${env.environment}-agentcore-gateway`, { region: false }),
    // Key ARNs are known only at plan time; an ARN-long placeholder keeps the sizes honest.
    inputs: { ...environmentAgentInputs(env, false), ...Object.fromEntries(["platform_artifacts_kms_key_arn", "domain_artifacts_kms_key_arn", "storage_kms_key_arn", "data_kms_key_arn", "secrets_kms_key_arn"].map((k) => [k, aws.arn("kms", "key/00000000-0000-0000-0000-000000000000")])) },
  };
  const stem = `${env.name_prefix}-${env.environment}`;
  const deployer: TerraformDocument = {
    name: "stack agents, output deployer_policy_json (rendered)",
    permissionMode: env.agents.permission_mode,
    json: {
      resource: {
        aws_iam_policy: {
          deployer: {
            policy: policyDocument(
              renderStatements(DEPLOYER_STATEMENTS, { aws, stem, sourceBucketArn: env.agents.codebuild_source_bucket_arn || aws.arn("s3", "example-bucket", { region: false, account: false }), permissionsBoundaryArn: aws.arn("iam", `policy/${stem}-role-boundary`, { region: false }) }),
            ),
          },
        },
      },
    },
  };
  return [deployer, ...blueprints.agents.map(({ sourceFile: _f, ...agent }) => {
    const id = agent.key.replace(/-/g, "_");
    return {
      name: `stack agents, agent ${agent.key} (rendered)`,
      permissionMode: env.agents.permission_mode,
      json: {
        resource: {
          aws_iam_role: { [id]: { name: AGENT_NAMES.role.name({ ...p, key: agent.key }), assume_role_policy: agentCoreTrustPolicy(aws) } },
          aws_iam_role_policy: { [id]: { role: `\${aws_iam_role.${id}.id}`, policy: policyDocument(agentPolicyStatements(agent.key, agent, p)) } },
        },
      },
    };
  })];
}
