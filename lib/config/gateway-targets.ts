import { z } from "zod";

/**
 * A JSON-Schema subset for tool inputs: what the AgentCore gateway's inline tool schema accepts
 * and what the Cedar schema generator can type (`context.input`).
 */
export interface ToolProperty {
  type: "string" | "number" | "integer" | "boolean" | "array" | "object";
  description?: string;
  items?: ToolProperty;
  properties?: Record<string, ToolProperty>;
  required?: string[];
}

export const toolProperty: z.ZodType<ToolProperty> = z.lazy(() =>
  z
    .object({
      type: z.enum(["string", "number", "integer", "boolean", "array", "object"]),
      description: z.string().max(500).optional(),
      items: toolProperty.optional(),
      properties: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "property names must be identifiers"), toolProperty).optional(),
      required: z.array(z.string()).optional(),
    })
    .strict(),
);

export const toolSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "must be 1-64 characters: lowercase letters, digits and underscores, starting with a letter").describe("Tool name; the Cedar action is `<Target>___<tool>`."),
    description: z.string().min(1).max(500).describe("What the tool does; shown to the model."),
    input_schema: z
      .object({
        type: z.literal("object"),
        properties: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "property names must be identifiers"), toolProperty).default({}),
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

/** One gateway target: `blueprints/gateway/targets/<Name>.yaml`. */
export const gatewayTargetSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Z][A-Za-z0-9]{0,63}$/, "must be 1-64 characters: letters and digits in PascalCase, starting with an upper-case letter (it names the Cedar action group)")
      .describe("Target name; must equal the file name without `.yaml`."),
    description: z.string().min(1).max(200).describe("What the target offers."),
    lambda: z
      .object({
        function: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1-40 characters: lowercase letters, digits and hyphens")
          .describe("Function name without the `<name_prefix>-<environment>-` prefix, which the gateway role requires."),
      })
      .strict(),
    tools: z.array(toolSchema).min(1, "a target needs at least one tool").describe("The tools the Lambda function implements."),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.tools.forEach((tool, i) => {
      if (seen.has(tool.name)) ctx.addIssue({ code: "custom", path: ["tools", i, "name"], message: `duplicate tool name "${tool.name}"` });
      seen.add(tool.name);
    });
  });

export type GatewayTarget = z.output<typeof gatewayTargetSchema> & { readonly sourceFile: string };
export type Tool = z.output<typeof toolSchema>;
