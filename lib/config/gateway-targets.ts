import { z } from "zod";
import { LAMBDA_SUFFIX_PATTERN, TARGET_NAME_PATTERN } from "./target-format";

export { LAMBDA_SUFFIX_PATTERN, TARGET_NAME_PATTERN } from "./target-format";

/**
 * A JSON-Schema subset for tool arguments: what the AgentCore gateway's inline tool schema takes
 * (provider blocks `property`, with nested `items` and `property`) and what Terraform types can
 * state, so that the gateway module's typed input mirrors it. Arguments nest one level: an array's
 * `items` and an object's `properties` are scalars (or arrays of scalars) with a description.
 */
const TOOL_TYPES = ["string", "number", "integer", "boolean", "array", "object"] as const;
export type ToolType = (typeof TOOL_TYPES)[number];
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "property names must be identifiers");

const nestedProperty = z
  .object({
    type: z.enum(["string", "number", "integer", "boolean", "array"]).describe("Nested arguments are scalars or arrays of strings."),
    description: z.string().max(500).optional(),
  })
  .strict();

export const toolProperty = z
  .object({
    type: z.enum(TOOL_TYPES),
    description: z.string().max(500).optional(),
    items: nestedProperty.optional().describe("For `array`: the type of its items."),
    properties: z.record(identifier, nestedProperty).optional().describe("For `object`: its fields."),
    required: z.array(z.string()).optional().describe("For `object`: the fields that must be given."),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.items && p.type !== "array") ctx.addIssue({ code: "custom", path: ["items"], message: `is only allowed on type array (this property is ${p.type})` });
    if ((p.properties || p.required) && p.type !== "object") ctx.addIssue({ code: "custom", path: ["properties"], message: `and required are only allowed on type object (this property is ${p.type})` });
    for (const r of p.required ?? []) if (!p.properties || !(r in p.properties)) ctx.addIssue({ code: "custom", path: ["required"], message: `names "${r}", which is not among the properties` });
  });
export type ToolProperty = z.output<typeof toolProperty>;
/** Any level of a tool argument, as the Cedar schema generator reads it. */
export type ToolArgument = { type: ToolType; description?: string; items?: ToolArgument; properties?: Record<string, ToolArgument>; required?: string[] };

export const toolSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be 1-64 characters: lowercase letters, digits and underscores, starting with a letter").describe("Tool name; the Cedar action is `<Target>___<tool>`."),
    description: z.string().min(1).max(500).describe("What the tool does; shown to the model."),
    input_schema: z
      .object({
        type: z.literal("object"),
        properties: z.record(identifier, toolProperty).default({}),
        required: z.array(z.string()).default([]),
      })
      .strict()
      .describe("JSON Schema of the tool's arguments (an object)."),
  })
  .strict()
  .superRefine((tool, ctx) => {
    for (const r of tool.input_schema.required) {
      if (!(r in tool.input_schema.properties)) {
        ctx.addIssue({ code: "custom", path: ["input_schema", "required"], message: `names "${r}", which is not among the properties (${Object.keys(tool.input_schema.properties).join(", ") || "none"})` });
      }
    }
  });

const targetName = z.string().regex(new RegExp(TARGET_NAME_PATTERN), "must be 1-64 characters: letters and digits in PascalCase, starting with an upper-case letter (it names the Cedar action group)");

const targetFields = {
    description: z.string().min(1).max(200).describe("What the target offers."),
    lambda: z
      .object({
        function: z
          .string()
          .regex(new RegExp(LAMBDA_SUFFIX_PATTERN), "must be 1-40 characters: lowercase letters, digits and hyphens")
          .describe("Function name without the `<name_prefix>-<environment>-` prefix, which the gateway role requires."),
      })
      .strict(),
    tools: z.array(toolSchema).min(1, "a target needs at least one tool").describe("The tools the Lambda function implements."),
};

function uniqueTools(t: { tools: { name: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  t.tools.forEach((tool, i) => {
    if (seen.has(tool.name)) ctx.addIssue({ code: "custom", path: ["tools", i, "name"], message: `duplicate tool name "${tool.name}"` });
    seen.add(tool.name);
  });
}

/** One gateway target: `blueprints/gateway/targets/<Name>.yaml`. */
export const gatewayTargetSchema = z
  .object({ name: targetName.describe("Target name; must equal the file name without `.yaml`."), ...targetFields })
  .strict()
  .superRefine(uniqueTools);

/** One entry of the gateway module's `gateway_targets` input (the map key is the target name). */
export const gatewayTargetSpecSchema = z
  .object({ name: targetName.optional().describe("When given, it must equal the map key (a target file's `name`)."), ...targetFields })
  .strict()
  .superRefine(uniqueTools);

export type GatewayTargetSpec = z.output<typeof gatewayTargetSpecSchema>;
export type GatewayTarget = z.output<typeof gatewayTargetSchema> & { readonly sourceFile: string };
export type Tool = z.output<typeof toolSchema>;
