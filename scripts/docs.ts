/**
 * Regenerates the marked sections of README.md from the code, so that the documentation cannot
 * drift: `npm run docs`. A test fails when README.md is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { environmentSchema } from "../lib/config/environment";
import { agentBlueprintSchema } from "../lib/config/blueprints";
import { gatewayTargetSchema } from "../lib/config/gateway-targets";

type JsonSchema = { type?: string; description?: string; default?: unknown; properties?: Record<string, JsonSchema>; required?: string[]; pattern?: string; minimum?: number; maximum?: number; additionalProperties?: JsonSchema | boolean; items?: JsonSchema };

/** One row per field, nested objects flattened to `a.b`. */
export function fieldTable(schema: z.ZodType): string {
  const rows: string[] = ["| field | type | required | default | description |", "| --- | --- | --- | --- | --- |"];
  const walk = (s: JsonSchema, prefix: string) => {
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const field = prefix + name;
      const type = prop.type === "object" && !prop.properties ? "map(string)" : prop.type === "array" ? `list(${prop.items?.type ?? "any"})` : (prop.type ?? "any");
      const required = s.required?.includes(name) && prop.default === undefined ? "yes" : "no";
      // An object's default is the sum of its fields' defaults, shown on those rows.
      const dflt = prop.default === undefined || (prop.type === "object" && prop.properties) ? "" : `\`${JSON.stringify(prop.default)}\``;
      rows.push(`| \`${field}\` | ${type} | ${required} | ${dflt} | ${(prop.description ?? "").replace(/\|/g, "\\|")} |`);
      if (prop.type === "object" && prop.properties) walk(prop, `${field}.`);
    }
  };
  walk(z.toJSONSchema(schema, { io: "input" }) as JsonSchema, "");
  return rows.join("\n");
}

export const SECTIONS: Record<string, () => string> = {
  "environment-reference": () => fieldTable(environmentSchema),
  "agent-blueprint-reference": () => fieldTable(agentBlueprintSchema),
  "gateway-target-reference": () => fieldTable(gatewayTargetSchema),
};

export function renderReadme(text: string): string {
  let out = text;
  for (const [name, render] of Object.entries(SECTIONS)) {
    const re = new RegExp(`(<!-- BEGIN GENERATED: ${name} -->\\n)[\\s\\S]*?(<!-- END GENERATED: ${name} -->)`);
    if (!re.test(out)) throw new Error(`README.md has no generated section "${name}"`);
    out = out.replace(re, (_m, begin: string, end: string) => `${begin}${render()}\n${end}`);
  }
  return out;
}

if (require.main === module) {
  const file = path.join(__dirname, "..", "README.md");
  fs.writeFileSync(file, renderReadme(fs.readFileSync(file, "utf8")));
  console.log("README.md regenerated");
}
