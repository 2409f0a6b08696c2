import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { GATEWAY_NAME } from "../modules/platform/modules/agentcore/names";
import { partitionOf } from "../lib/aws-context";
import { gatewayArnStandIn, validatePolicies } from "../lib/cedar/policies";
import { cedarSchema, principalTypeFor } from "../lib/cedar/schema";
import { toolCatalog } from "../lib/config/target-tools";

/**
 * The gateway ARN policies are checked against offline (the real one exists only after apply),
 * exactly as long as the real one.
 */
export function offlineGatewayArn(env: EnvironmentConfig): string {
  const arn = (resource: string) =>
    `arn:${partitionOf(env.region)}:bedrock-agentcore:${env.region}:${env.account_id}:${resource}`;
  return gatewayArnStandIn(arn, GATEWAY_NAME.name({ namePrefix: env.name_prefix, environment: env.environment }));
}

/** Validates the environment's Cedar policies against the schema of its gateway. */
export function validateGatewayPolicies(env: EnvironmentConfig, blueprints: Blueprints): void {
  if (blueprints.policies.length === 0) return;
  validatePolicies(blueprints.policies, {
    schema: cedarSchema(toolCatalog(blueprints.gatewayTargets), principalTypeFor(env.platform.gateway.authorizer)),
    gatewayArn: offlineGatewayArn(env),
    mode: env.platform.gateway.policy_engine.mode,
  });
}
