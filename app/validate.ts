import { type Blueprints, loadBlueprints } from "../lib/config/blueprints";
import { type EnvironmentConfig, loadEnvironment } from "../lib/config/environment";
import { validateGatewayPolicies } from "./gateway-policies";
import { phase } from "../lib/timing";
import { checkDerivedNames } from "./checks";
import { type ShapeInputs, shapeInputs } from "./inputs";

/** Everything a synthesis reads from the project, validated. Plain data: it is cached as JSON. */
export interface ValidatedInputs {
  readonly env: EnvironmentConfig;
  readonly blueprints: Blueprints;
  readonly shape: ShapeInputs;
}

/**
 * Reads and validates the environment and the blueprints: schemas (zod), derived names, Cedar
 * (cedar-wasm), workflow graphs. Throws the input errors it finds. Loaded on demand by synthesis
 * (app/synthesize.ts), which caches the result by the content of every file read.
 */
export function validateInputs(rootDir: string, envFile: string, blueprintsDir: string): ValidatedInputs {
  const env = phase("load environment", () => loadEnvironment(envFile, rootDir));
  const blueprints = phase("load blueprints", () => loadBlueprints(blueprintsDir, rootDir));
  const shape = phase("shape inputs", () => shapeInputs(blueprints));
  phase("check derived names", () => checkDerivedNames(env, blueprints, shape));
  phase("validate Cedar policies", () => validateGatewayPolicies(env, blueprints));
  return { env, blueprints, shape };
}
