import { literalAws } from "../lib/aws-context";
import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { policyDocument } from "../lib/iam/policy-document";
import { agentCoreTrustPolicy } from "../lib/iam/trust";
import type { TerraformDocument } from "../lib/rules/rule";
import { AGENT_NAMES } from "../modules/agents/names";
import { BROWSER_ROLE_STATEMENTS, DEPLOYER_STATEMENTS, MEMORY_ROLE_STATEMENTS } from "../modules/agents/permissions";
import { CAPABILITIES, recordingPrefix } from "../modules/agents/capabilities";
import { renderStatements } from "../lib/iam/statement-table";
import {
  agentCapabilityStatements,
  agentPolicyStatements,
  customModels,
  environmentAgentInputs,
} from "./permission-report";

/**
 * What an agent's inline policy grows with, as AC008 names it: each credential provider adds its
 * ARN (production), each model its ARNs, each feature its statement.
 */
function agentSizeDrivers(agent: Omit<Blueprints["agents"][number], "sourceFile">, mode: string): string {
  const { api_keys, oauth2 } = agent.credentials;
  const credentials =
    mode === "production"
      ? `credentials holds ${api_keys.length + oauth2.length} providers (${api_keys.length} api_keys, ` +
        `${oauth2.length} oauth2), each named in the policy; `
      : "";
  return (
    `${credentials}models holds ${agent.models.length}, features ${agent.features.length}; ` +
    "declare fewer of them, or split the agent"
  );
}

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
    inputs: {
      ...environmentAgentInputs(env, false),
      ...Object.fromEntries(
        [
          "platform_artifacts_kms_key_arn",
          "domain_artifacts_kms_key_arn",
          "storage_kms_key_arn",
          "data_kms_key_arn",
          "secrets_kms_key_arn",
        ].map((k) => [k, aws.arn("kms", "key/00000000-0000-0000-0000-000000000000")]),
      ),
    },
  };
  const stem = `${env.name_prefix}-${env.environment}`;
  // The deployer statements that exist only for some agents (the construct's Terraform conditions).
  const withCapabilities = blueprints.agents.some((a) => agentCapabilityStatements(a.key, a, p).length > 0);
  const present: Record<string, boolean> = {
    AgentCoreNetworkRole: blueprints.agents.some((a) => CAPABILITIES.vpc.ts(a)),
    IAMPolicyManagement: withCapabilities,
    IAMPolicyAttachment: withCapabilities,
  };
  const deployer: TerraformDocument = {
    name: "stack agents, output deployer_policy_json (rendered)",
    permissionMode: env.agents.permission_mode,
    json: {
      resource: {
        aws_iam_policy: {
          deployer: {
            policy: policyDocument(
              renderStatements(
                // The network role statement exists only when an agent runs something in VPC mode.
                DEPLOYER_STATEMENTS.filter((s) => present[s.sid] ?? true),
                {
                  aws,
                  stem,
                  sourceBucketArn:
                    env.agents.codebuild_source_bucket_arn ||
                    aws.arn("s3", "example-bucket", { region: false, account: false }),
                  permissionsBoundaryArn: aws.arn("iam", `policy/${stem}-role-boundary`, { region: false }),
                },
              ),
            ),
          },
        },
      },
    },
  };
  const role = (name: string, id: string, statements: ReturnType<typeof renderStatements>) => ({
    aws_iam_role: { [id]: { name, assume_role_policy: agentCoreTrustPolicy(aws) } },
    aws_iam_role_policy: { [id]: { role: `\${aws_iam_role.${id}.id}`, policy: policyDocument(statements) } },
  });
  const keyArn = p.inputs.data_kms_key_arn;
  return [
    deployer,
    ...blueprints.agents.flatMap(({ sourceFile, ...agent }) => {
      const id = agent.key.replace(/-/g, "_");
      const parts = { ...p, key: agent.key };
      const capabilities = agentCapabilityStatements(agent.key, agent, p);
      const docs: TerraformDocument[] = [
        {
          name: `stack agents, agent ${agent.key} (rendered)`,
          permissionMode: env.agents.permission_mode,
          origin: { file: sourceFile, sizeDrivers: agentSizeDrivers(agent, env.agents.permission_mode) },
          json: {
            resource: {
              ...role(AGENT_NAMES.role.name(parts), id, agentPolicyStatements(agent.key, agent, p)),
              // Its managed policy, with its own quota.
              ...(capabilities.length
                ? {
                    aws_iam_policy: {
                      [`${id}_capabilities`]: {
                        name: AGENT_NAMES.capabilityPolicy.name(parts),
                        policy: policyDocument(capabilities),
                      },
                    },
                  }
                : {}),
            },
          },
        },
      ];
      if (CAPABILITIES.memoryRole.ts(agent)) {
        const statements = renderStatements(MEMORY_ROLE_STATEMENTS, {
          aws,
          models: customModels(agent),
          dataKmsKeyArn: keyArn,
          withKey: true,
        });
        docs.push({
          name: `stack agents, memory role of ${agent.key} (rendered)`,
          permissionMode: env.agents.permission_mode,
          json: { resource: role(AGENT_NAMES.memoryRole.name(parts), `${id}_memory`, statements) },
        });
      }
      if (CAPABILITIES.browserRecording.ts(agent) && env.agents.artifacts_bucket_arn) {
        const statements = renderStatements(BROWSER_ROLE_STATEMENTS, {
          aws,
          bucketArn: env.agents.artifacts_bucket_arn,
          prefix: recordingPrefix(agent.key),
          kmsKeyArn: keyArn,
          withKey: true,
        });
        docs.push({
          name: `stack agents, browser role of ${agent.key} (rendered)`,
          permissionMode: env.agents.permission_mode,
          json: { resource: role(AGENT_NAMES.browserRole.name(parts), `${id}_browser`, statements) },
        });
      }
      return docs;
    }),
  ];
}
