import type { Blueprints } from "../config/blueprints";
import type { EnvironmentConfig } from "../config/environment";
import { resourceStem } from "../naming";
import { partitionOf } from "../aws-context";
import { validatePolicies } from "./policies";
import { cedarSchema, principalTypeFor } from "./schema";
import { toolCatalog } from "../config/target-tools";

/** The gateway ARN policies are checked against offline (the real one exists only after apply). */
export function offlineGatewayArn(env: EnvironmentConfig): string {
  return (
    `arn:${partitionOf(env.region)}:bedrock-agentcore:${env.region}:${env.account_id}:` +
    `gateway/${resourceStem(env)}-gateway-0000000000`
  );
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
