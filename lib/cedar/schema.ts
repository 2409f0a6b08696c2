import type { ToolArgument } from "../config/gateway-targets";
import type { TargetToolCatalog } from "../config/target-tools";

/**
 * The separator between target and tool in AgentCore's tool names and Cedar action names
 * (`RefundTool___process_refund`): `${target_name}___${tool_name}`, three underscores, per
 * "Understand how AgentCore Gateway tools are named"
 * (https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-tool-naming.html); seed
 * 003's rendering, and older copies of that page, show two, eaten by the page. Kept here only. What
 * `<tool>` is for each kind of target: lib/config/target-tools.ts.
 */
export const ACTION_SEPARATOR = "___";

export const NAMESPACE = "AgentCore";

/**
 * AgentCore's own Cedar action groups: every tool action is a member of its target's group, which
 * is a `CallTool`, which is an `Mcp` action. No target or tool may take one of these names.
 */
export const AGENTCORE_ACTION_GROUPS = ["Mcp", "CallTool"] as const;

/** The principal type AgentCore uses for a gateway's inbound authorization. */
export type PrincipalType = "OAuthUser" | "IamEntity";

export function principalTypeFor(authorizer: "cognito" | "custom_jwt" | "aws_iam"): PrincipalType {
  return authorizer === "aws_iam" ? "IamEntity" : "OAuthUser";
}

export function actionName(target: string, tool: string): string {
  return `${target}${ACTION_SEPARATOR}${tool}`;
}

type CedarType = Record<string, unknown>;

/** JSON Schema → Cedar, as AgentCore maps tool inputs (developer guide, "Schema constraints"). */
function cedarType(p: ToolArgument): CedarType {
  switch (p.type) {
    case "string":
      return { type: "String" };
    case "integer":
      return { type: "Long" };
    case "boolean":
      return { type: "Boolean" };
    case "number":
      return { type: "Extension", name: "decimal" };
    case "array":
      return { type: "Set", element: p.items ? cedarType(p.items) : { type: "String" } };
    case "object":
      return record(p.properties ?? {}, p.required ?? []);
  }
}

function record(properties: Record<string, ToolArgument>, required: readonly string[]): CedarType {
  return {
    type: "Record",
    attributes: Object.fromEntries(
      Object.entries(properties).map(([name, p]) => [name, { ...cedarType(p), required: required.includes(name) }]),
    ),
  };
}

/**
 * The Cedar schema of a gateway, generated from its targets' tools the way AgentCore generates it:
 * principal `OAuthUser` (claims as string tags) or `IamEntity`; resource `Gateway`; one action per
 * tool, member of its target's action group, which is a `CallTool`, which is an `Mcp` action;
 * `context.input` typed from the tool's input schema. The tools of every kind of target come from
 * `toolCatalog` (lib/config/target-tools.ts): declared, or read from an inline document.
 */
export function cedarSchema(catalog: readonly TargetToolCatalog[], principal: PrincipalType): Record<string, unknown> {
  const idShape = { type: "Record", attributes: { id: { type: "String" } } };
  const entityTypes: Record<string, unknown> = {
    [principal]: principal === "OAuthUser" ? { shape: idShape, tags: { type: "String" } } : { shape: idShape },
    Gateway: {},
  };
  const [mcp, callTool] = AGENTCORE_ACTION_GROUPS;
  const actions: Record<string, unknown> = { [mcp]: {}, [callTool]: { memberOf: [{ id: mcp }] } };
  for (const { target, tools } of catalog) {
    actions[target] = { memberOf: [{ id: callTool }] };
    for (const tool of tools) {
      actions[actionName(target, tool.name)] = {
        memberOf: [{ id: target }],
        appliesTo: {
          principalTypes: [principal],
          resourceTypes: ["Gateway"],
          context: {
            type: "Record",
            attributes: { input: record(tool.input_schema.properties, tool.input_schema.required) },
          },
        },
      };
    }
  }
  return { [NAMESPACE]: { entityTypes, actions } };
}
