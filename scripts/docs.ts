/**
 * Regenerates the marked sections of README.md from the code, so that the documentation cannot
 * drift: `npm run docs`. A test fails when README.md is stale.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { permissionDiagram, stackDiagram } from "../lib/docs/diagrams";
import { deliberateStrictnessTable, namingTable } from "../app/naming-table";
import { capabilityTable } from "../app/capability-table";
import { modulePermissionReport } from "../app/permission-report";
import { synthesize } from "../app/synthesize";
import { z } from "zod";
import { environmentSchema } from "../lib/config/environment";
import { agentBlueprintSchema } from "../lib/config/blueprints";
import { RULES, RULE_EXCEPTIONS } from "../lib/rules";
import { gatewayTargetSchema } from "../lib/config/gateway-targets";

type JsonSchema = {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
};

/**
 * One row per field, nested objects flattened to `a.b`; with `listItems`, the fields of a list's
 * objects too, as `a[].b`.
 */
export function fieldTable(schema: z.ZodType, options: { listItems?: boolean } = {}): string {
  const rows: string[] = ["| field | type | required | default | description |", "| --- | --- | --- | --- | --- |"];
  const walk = (s: JsonSchema, prefix: string) => {
    for (const [name, prop] of Object.entries(s.properties ?? {})) {
      const field = prefix + name;
      const type =
        prop.type === "object" && !prop.properties
          ? "map(string)"
          : prop.type === "array"
            ? `list(${prop.items?.type ?? "any"})`
            : (prop.type ?? "any");
      const required = s.required?.includes(name) && prop.default === undefined ? "yes" : "no";
      // An object's default is the sum of its fields' defaults, shown on those rows.
      const dflt =
        prop.default === undefined || (prop.type === "object" && prop.properties)
          ? ""
          : `\`${JSON.stringify(prop.default)}\``;
      rows.push(
        `| \`${field}\` | ${type} | ${required} | ${dflt} | ${(prop.description ?? "").replace(/\|/g, "\\|")} |`,
      );
      if (prop.type === "object" && prop.properties) walk(prop, `${field}.`);
      if (options.listItems && prop.type === "array" && prop.items?.type === "object" && prop.items.properties)
        walk(prop.items, `${field}[].`);
    }
  };
  walk(z.toJSONSchema(schema, { io: "input" }) as JsonSchema, "");
  return rows.join("\n");
}

/**
 * The deploy stacks of a configuration with no agents, targets, policies or workflows: what each
 * stack reads from the one before does not depend on the blueprints, so neither does the diagram
 * (an adopter who replaces the example keeps a current README).
 */
export const DOCS_ENVIRONMENT =
  "name_prefix: docs\n" +
  "environment: dev\n" +
  "region: us-east-1\n" +
  'account_id: "123456789012"\n' +
  "state:\n" +
  "  bucket_name: docs-dev-tfstate\n";

function documentationStacks(): Record<string, Record<string, unknown>> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-docs-"));
  try {
    const envFile = path.join(scratch, "config", "environments", "docs.yaml");
    fs.mkdirSync(path.dirname(envFile), { recursive: true });
    fs.writeFileSync(envFile, DOCS_ENVIRONMENT);
    const result = synthesize({
      rootDir: scratch,
      envFile,
      outdir: path.join(scratch, "out"),
      modulesDir: path.join(scratch, "modules"),
      warn: () => undefined,
    });
    return Object.fromEntries(
      result.stacks.map((s) => [
        s,
        JSON.parse(fs.readFileSync(path.join(result.outdir, "stacks", s, "cdk.tf.json"), "utf8")),
      ]),
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

let stacks: ReturnType<typeof documentationStacks> | undefined;

export const SECTIONS: Record<string, () => string> = {
  "stack-diagram": () => `\`\`\`mermaid\n${stackDiagram((stacks ??= documentationStacks()))}\n\`\`\``,
  "permission-diagram": () => `\`\`\`mermaid\n${permissionDiagram(modulePermissionReport())}\n\`\`\``,
  "environment-reference": () => fieldTable(environmentSchema),
  "agent-blueprint-reference": () => fieldTable(agentBlueprintSchema, { listItems: true }),
  "gateway-target-reference": () => fieldTable(gatewayTargetSchema),
  "naming-limits": namingTable,
  "deliberate-strictness": deliberateStrictnessTable,
  "agent-capabilities": capabilityTable,
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

/** The paragraph RULES.md opens with. */
const RULES_INTRO =
  "Generated by `npm run docs` from `lib/rules/`. " +
  "Every synthesis (`npm run synth`, `cdktf synth`) runs these checks on every deploy stack " +
  "and every registry module; a violation stops synthesis with the rule id, the resource and the fix, " +
  "and leaves the previous output untouched. " +
  "Each rule is one file in `lib/rules/` with a compliant and a non-compliant test in `__tests__/rules.test.ts`.";

/** RULES.md, generated whole from the rule pack. */
export function renderRules(): string {
  const body = RULES.map((r) => `## ${r.id}: ${r.title}\n\n**Why.** ${r.why}\n\n**Fix.** ${r.fix}\n`).join("\n");
  const exceptions = RULE_EXCEPTIONS.length
    ? RULE_EXCEPTIONS.map((e) => `- ${e.rule} on \`${e.resource.source}\`: ${e.reason}`).join("\n")
    : "None: the generated configuration passes every rule without exception.";
  return `# Rules\n\n${RULES_INTRO}\n\n${body}\n## Exceptions\n\n${exceptions}\n`;
}

if (require.main === module) {
  const root = path.join(__dirname, "..");
  const file = path.join(root, "README.md");
  fs.writeFileSync(file, renderReadme(fs.readFileSync(file, "utf8")));
  fs.writeFileSync(path.join(root, "RULES.md"), renderRules());
  console.log("README.md and RULES.md regenerated");
}
