import { type TerraformResource, TerraformStack } from "cdktf";
import { tfIdentifier } from "../lib/naming";
import type { Agents } from "../modules/agents";
import type { Platform } from "../modules/platform";
import type { Workflows } from "../modules/workflows";
import type { ShapeInputs } from "./inputs";

/**
 * `moved` blocks for deploy stacks synthesized before version 0.2, where each agent, target,
 * policy and workflow had resources of its own (`aws_iam_role.agents_support_iam_role`) instead
 * of an instance of one `for_each` resource (`aws_iam_role.agents_iam_role["support"]`). With
 * them, the next plan moves state instead of replacing every resource. They can be removed once
 * every environment has applied a 0.2 configuration.
 */
export function addMovedBlocks(
  stacks: { platform: TerraformStack; agents: TerraformStack; workflows: TerraformStack },
  constructs: { platform: Platform; agents: Agents; workflows: Workflows },
  shape: ShapeInputs,
): void {
  const { agents, workflows } = constructs;
  const agentMoves = Object.entries(shape.agents).flatMap(([key, a]) => {
    const id = tfIdentifier(key);
    const per = (r: TerraformResource, oldRest: string, instance = key, oldIndex = "") =>
      move(r, `agents_${id}_${oldRest}${oldIndex}`, instance);
    return [
      per(agents.roles, "iam_role"),
      per(agents.permissions, "iam_permissions"),
      ...(a.image_uri ? [] : [per(agents.repositories, "runtime_repository")]),
      per(agents.logGroups, "runtime_log_group"),
      per(agents.runtimes, "runtime_runtime"),
      per(agents.endpoints, "runtime_endpoint"),
      ...(a.codebuild
        ? [
            per(agents.codebuildRoles, "iam_codebuild_role", key, "[0]"),
            per(agents.codebuildPermissions, "iam_codebuild_permissions", key, "[0]"),
          ]
        : []),
      ...a.credentials.api_keys.map((n) =>
        per(agents.apiKeyProviders, `credentials_${tfIdentifier(n)}_api_key_provider`, `${key}/${n}`),
      ),
      ...a.credentials.oauth2.map((o) =>
        per(agents.oauth2Providers, `credentials_${tfIdentifier(o.name)}_oauth2_provider`, `${key}/${o.name}`),
      ),
    ];
  });
  const core = constructs.platform.agentcore.construct!;
  const platformMoves = [
    ...Object.keys(shape.gateway_targets).flatMap((name) => [
      move(core.targets, `platform_gateway_agentcore_targets_${tfIdentifier(name)}`, name),
      move(core.targetPermissions, `platform_gateway_agentcore_targets_${tfIdentifier(name)}_invoke`, name),
    ]),
    ...(Object.keys(shape.policies).length
      ? [move(core.policyEngine, "platform_gateway_agentcore_policy_engine_engine", 0)]
      : []),
    ...Object.keys(shape.policies).map((id) =>
      move(core.policies, `platform_gateway_agentcore_policy_engine_${tfIdentifier(id)}`, id),
    ),
  ];
  const workflowMoves = Object.entries(shape.workflows).flatMap(([name, w]) => {
    const id = tfIdentifier(name);
    const per = (r: TerraformResource, oldRest: string) => move(r, `workflows_${id}_${oldRest}`, name);
    const triggered = w.triggers.schedule || w.triggers.event_pattern;
    return [
      per(workflows.logGroups, "state_machine_log_group"),
      per(workflows.roles, "iam_role"),
      per(workflows.permissions, "iam_permissions"),
      per(workflows.stateMachines, "state_machine_state_machine"),
      ...(triggered
        ? [
            per(workflows.triggerRoles, "triggers_role"),
            per(workflows.triggerPermissions, "triggers_permissions"),
            per(workflows.rules, "triggers_rule"),
            per(workflows.targets, "triggers_target"),
          ]
        : []),
    ];
  });
  for (const [stack, moves] of [
    [stacks.platform, platformMoves],
    [stacks.agents, agentMoves],
    [stacks.workflows, workflowMoves],
  ] as const) {
    if (moves.length) stack.addOverride("moved", moves);
  }
}

/** `moved { from = <type>.<old id>, to = <type>.<new id>[<instance>] }`. */
function move(resource: TerraformResource, oldId: string, instance: string | number): { from: string; to: string } {
  const type = resource.terraformResourceType;
  const id = TerraformStack.of(resource).getLogicalId(resource);
  return { from: `${type}.${oldId}`, to: `${type}.${id}[${JSON.stringify(instance)}]` };
}
