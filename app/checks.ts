import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { InputError, InputErrors } from "../lib/errors";
import { agentNameProblems } from "../modules/agents/names";
import { RESERVED_ACTION_GROUPS, lambdaNameProblems } from "../modules/platform/modules/agentcore/names";
import { workflowNameProblems } from "../modules/workflows/names";
import type { ShapeInputs } from "./inputs";

/**
 * The names the modules derive from the environment and the blueprints (prefix, environment and
 * key combined), held to AWS's rules before anything is synthesized: the same tables the modules'
 * variable validations use at plan time. Each error names the blueprint file and field.
 */
export function checkDerivedNames(env: EnvironmentConfig, blueprints: Blueprints, shape: ShapeInputs): void {
  const errors: InputError[] = [];
  const agentFile = new Map(blueprints.agents.map((a) => [a.key, a.sourceFile]));
  for (const p of agentNameProblems(env.name_prefix, env.environment, shape.agents)) errors.push(new InputError(agentFile.get(p.agent)!, p.field, `${p.problem} (with name_prefix "${env.name_prefix}" and environment "${env.environment}" from ${env.sourceFile})`));
  const targetFile = new Map(blueprints.gatewayTargets.map((t) => [t.name, t.sourceFile]));
  for (const p of lambdaNameProblems(env.name_prefix, env.environment, shape.gateway_targets)) errors.push(new InputError(targetFile.get(p.target)!, "lambda.function", p.problem));
  for (const t of blueprints.gatewayTargets) {
    if ((RESERVED_ACTION_GROUPS as readonly string[]).includes(t.name)) errors.push(new InputError(t.sourceFile, "name", `"${t.name}" is one of AgentCore's own Cedar action groups (${RESERVED_ACTION_GROUPS.join(", ")}); name the target otherwise`));
  }
  for (const w of blueprints.workflows) for (const problem of workflowNameProblems(env.name_prefix, env.environment, w.name)) errors.push(new InputError(w.sourceFile, "name", problem));
  if (errors.length) throw new InputErrors(errors);
}
