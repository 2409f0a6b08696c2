/**
 * Writes the JSON Schemas of the configuration and blueprint files to schemas/, for editor
 * completion (`# yaml-language-server: $schema=...` at the top of each file). Generated from the
 * same zod schemas that validate the files; a test fails when the committed copies are stale.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { agentBlueprintSchema } from "../lib/config/blueprints";
import { environmentSchema } from "../lib/config/environment";
import { gatewayTargetSchema } from "../lib/config/gateway-targets";
import { scenarioFileSchema } from "../lib/cedar/scenarios";
import { workflowBlueprintSchema } from "../lib/config/workflows";

export const SCHEMAS: Record<string, z.ZodType> = {
  "environment.schema.json": environmentSchema,
  "agent-blueprint.schema.json": agentBlueprintSchema,
  "gateway-target.schema.json": gatewayTargetSchema,
  "policy-scenarios.schema.json": scenarioFileSchema,
  "workflow-blueprint.schema.json": workflowBlueprintSchema,
};

export function renderSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: "input" }), null, 2)}\n`;
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "schemas");
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, schema] of Object.entries(SCHEMAS)) {
    fs.writeFileSync(path.join(dir, file), renderSchema(schema));
    console.log(`wrote schemas/${file}`);
  }
}
