/**
 * Proves a Cedar change before it is deployed: validates the gateway's policies and runs every
 * authorization scenario (`blueprints/gateway/policies/*.scenarios.yaml`) against them, offline.
 *
 *   npm run policies:test                      # the example environment
 *   AGENTCORE_ENV=prod npm run policies:test   # another environment (its authorizer and mode)
 */
import * as path from "node:path";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { offlineGatewayArn, validateGatewayPolicies } from "../app/gateway-policies";
import { type ScenarioResult, runScenarios } from "../lib/cedar/scenarios";
import { cedarSchema, principalTypeFor } from "../lib/cedar/schema";
import { toolCatalog } from "../lib/config/target-tools";
import { InputError, InputErrors } from "../lib/errors";
import { defaultEnvFile } from "../app/synthesize";

export function policyScenarios(rootDir: string, envFile = defaultEnvFile(rootDir)): ScenarioResult[] {
  const env = loadEnvironment(envFile, rootDir);
  const blueprints = loadBlueprints(path.join(rootDir, "blueprints"), rootDir);
  validateGatewayPolicies(env, blueprints);
  const principal = principalTypeFor(env.platform.gateway.authorizer);
  const targets = toolCatalog(blueprints.gatewayTargets);
  return runScenarios(path.join(rootDir, "blueprints", "gateway", "policies"), rootDir, {
    targets,
    principal,
    schema: cedarSchema(targets, principal),
    gatewayArn: offlineGatewayArn(env),
    policies: blueprints.policies,
  });
}

if (require.main === module) {
  try {
    const results = policyScenarios(path.join(__dirname, ".."));
    let failed = 0;
    for (const r of results) {
      const ok = r.actual === r.expected;
      if (!ok) failed++;
      console.log(
        `${ok ? "ok  " : "FAIL"} ${r.file}: ${r.name}: expected ${r.expected}, got ${r.actual}` +
          `${r.reasons.length ? ` (${r.reasons.join(", ")})` : ""}`,
      );
    }
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  } catch (e) {
    if (e instanceof InputError || e instanceof InputErrors) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}
