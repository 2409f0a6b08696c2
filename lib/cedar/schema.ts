import type { GatewayTarget, ToolArgument } from "../config/gateway-targets";

/**
 * The separator between target and tool in AgentCore's Cedar action names
 * (`RefundTool___process_refund`). Three underscores per the AWS developer guide; seed 003's
 * rendering shows two, eaten by the page. Kept here only.
 */
export const ACTION_SEPARATOR = "___";

export const NAMESPACE = "AgentCore";

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
    attributes: Object.fromEntries(Object.entries(properties).map(([name, p]) => [name, { ...cedarType(p), required: required.includes(name) }])),
  };
}

/**
 * The Cedar schema of a gateway, generated from its declared targets and tools the way AgentCore
 * generates it: principal `OAuthUser` (claims as string tags) or `IamEntity`; resource `Gateway`;
 * one action per tool, member of its target's action group, which is a `CallTool`, which is an
 * `Mcp` action; `context.input` typed from the tool's input schema.
 */
export function cedarSchema(targets: readonly GatewayTarget[], principal: PrincipalType): Record<string, unknown> {
  const idShape = { type: "Record", attributes: { id: { type: "String" } } };
  const entityTypes: Record<string, unknown> = {
    [principal]: principal === "OAuthUser" ? { shape: idShape, tags: { type: "String" } } : { shape: idShape },
    Gateway: {},
  };
  const actions: Record<string, unknown> = { Mcp: {}, CallTool: { memberOf: [{ id: "Mcp" }] } };
  for (const target of targets) {
    actions[target.name] = { memberOf: [{ id: "CallTool" }] };
    for (const tool of target.tools) {
      actions[actionName(target.name, tool.name)] = {
        memberOf: [{ id: target.name }],
        appliesTo: {
          principalTypes: [principal],
          resourceTypes: ["Gateway"],
          context: { type: "Record", attributes: { input: record(tool.input_schema.properties, tool.input_schema.required) } },
        },
      };
    }
  }
  return { [NAMESPACE]: { entityTypes, actions } };
}
