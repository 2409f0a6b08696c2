import type { z } from "zod";

/**
 * The Terraform type constraint of a blueprint schema: the same fields, types and defaults, so
 * that a registry module's `map(object({...}))` input takes exactly what a blueprint file holds
 * (`yamldecode(file("blueprints/agents/support.yaml"))` fits it). Fields with a default become
 * `optional(<type>, <default>)`, optional fields `optional(<type>)`.
 *
 * Only what Terraform types can say is accepted: unions and recursive schemas throw, naming the
 * field, so a blueprint format cannot silently outgrow its module input.
 */
export function hclTypeOf(schema: z.ZodType, indent = ""): string {
  return typeOf(schema, indent, "(root)");
}

type Def = { type: string; [k: string]: any };
const defOf = (s: unknown): Def => (s as { def: Def }).def;

function typeOf(schema: z.ZodType, indent: string, at: string): string {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
    case "enum":
      return "string";
    case "literal":
      if (def.values.every((v: unknown) => typeof v === "string")) return "string";
      if (def.values.every((v: unknown) => typeof v === "boolean")) return "bool";
      if (def.values.every((v: unknown) => typeof v === "number")) return "number";
      break;
    case "number":
      return "number";
    case "boolean":
      return "bool";
    case "array":
      return `list(${typeOf(def.element, indent, `${at}[]`)})`;
    case "record":
      return `map(${typeOf(def.valueType, indent, `${at}.*`)})`;
    case "object": {
      const inner = `${indent}  `;
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(
        ([name, field]) => `${inner}${name} = ${fieldType(field, inner, `${at}.${name}`)}`,
      );
      return fields.length ? `object({\n${fields.join("\n")}\n${indent}})` : "object({})";
    }
    case "nullable":
    case "readonly":
      return typeOf(def.innerType, indent, at);
    case "pipe":
      return typeOf(def.in, indent, at);
    case "optional":
    case "default":
    case "prefault":
      throw new Error(`${at}: optional values are only possible as object fields`);
  }
  throw new Error(
    `${at}: a ${def.type} schema has no Terraform type; ` +
      "blueprint formats that modules take must use strings, numbers, booleans, lists, maps and objects",
  );
}

function fieldType(field: z.ZodType, indent: string, at: string): string {
  const def = defOf(field);
  if (def.type === "optional") return `optional(${typeOf(def.innerType, indent, at)})`;
  if (def.type === "default" || def.type === "prefault") {
    const value = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
    return `optional(${typeOf(def.innerType, indent, at)}, ${hclLiteral(value)})`;
  }
  return typeOf(field, indent, at);
}

/** A JSON-compatible value as an HCL literal (for type defaults and examples). */
export function hclLiteral(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string")
    return JSON.stringify(value)
      .replace(/\$\{/g, () => "$${")
      .replace(/%\{/g, () => "%%{");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(hclLiteral).join(", ")}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  const hclKey = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k));
  return entries.length ? `{ ${entries.map(([k, v]) => `${hclKey(k)} = ${hclLiteral(v)}`).join(", ")} }` : "{}";
}

/**
 * A value as Terraform holds it after converting it to `hclTypeOf(schema)`: every optional field
 * present, absent ones `null` (defaults are already applied by the schema). Deploy stacks pass
 * blueprints as literal maps, which no variable converts, so they must have that shape already
 * for `each.value.<field>` to mean the same in both hosts.
 */
export function asTerraformValue(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  if (value === undefined || value === null) return null;
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
    case "nullable":
    case "readonly":
      return asTerraformValue(def.innerType, value);
    case "pipe":
      return asTerraformValue(def.in, value);
    case "array":
      return (value as unknown[]).map((v) => asTerraformValue(def.element, v));
    case "record":
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, asTerraformValue(def.valueType, v)]),
      );
    case "object":
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([k, field]) => [
          k,
          asTerraformValue(field, (value as Record<string, unknown>)[k]),
        ]),
      );
    default:
      return value;
  }
}
