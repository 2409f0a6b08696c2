import * as fs from "node:fs";
import * as path from "node:path";
import { type ProviderSchema, type SchemaBlock, SCHEMA_DIR } from "../../scripts/provider-schema";
import { AWS_PROVIDER_PIN } from "../../lib/versions";

/** The committed schema of the provider version the deploy stacks pin. */
export function pinnedSchema(): ProviderSchema {
  const file = path.join(SCHEMA_DIR, `hashicorp-aws-${AWS_PROVIDER_PIN}.json`);
  if (!fs.existsSync(file))
    throw new Error(`no provider schema for hashicorp/aws ${AWS_PROVIDER_PIN} at ${file}: run npm run provider-schema`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Terraform meta-arguments: not part of any provider schema. */
const META = new Set(["//", "count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

/**
 * Every way a configuration (one `.tf.json` document, or several merged) departs from the
 * provider schema: unknown types, unknown attributes or blocks (in `dynamic` content too),
 * blocks given as expressions, and missing required attributes. Each names its path.
 */
export function conformanceErrors(json: Record<string, any>, schema: ProviderSchema, where = ""): string[] {
  const errors: string[] = [];
  const kinds = [
    ["resource", "resources"],
    ["data", "data_sources"],
    ["ephemeral", "ephemeral_resources"],
  ] as const;
  for (const [kind, key] of kinds) {
    for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, any>>)) {
      if (!type.startsWith("aws_")) continue;
      const block = schema[key][type];
      for (const [name, body] of Object.entries(byName)) {
        const at = `${where}${kind}.${type}.${name}`;
        if (!block)
          errors.push(
            `${at}: hashicorp/aws ${schema.version} has no ${kind} type ${type} ` +
              "(or the committed schema lacks it: run npm run provider-schema)",
          );
        else errors.push(...blockErrors(body, block, at, true));
      }
    }
  }
  return errors;
}

function blockErrors(body: Record<string, any>, block: SchemaBlock, at: string, top = false): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(body ?? {})) {
    if (top && META.has(key)) continue;
    if (key === "//") continue;
    if (key === "dynamic") {
      for (const [name, specs] of Object.entries(value as Record<string, any>)) {
        const inner = block.blocks[name];
        if (!inner) {
          errors.push(
            `${at}.dynamic.${name}: no block "${name}"; blocks here: ${Object.keys(block.blocks).join(", ") || "none"}`,
          );
          continue;
        }
        for (const spec of [specs].flat())
          errors.push(...blockErrors(spec.content, inner, `${at}.dynamic.${name}.content`));
      }
      continue;
    }
    const attribute = block.attributes[key];
    const nested = block.blocks[key];
    if (attribute) {
      if (attribute.object && value && typeof value === "object")
        for (const [i, v] of [value].flat().entries())
          errors.push(...blockErrors(v, attribute.object, `${at}.${key}[${i}]`));
    } else if (nested) {
      if (typeof value === "string")
        errors.push(`${at}.${key}: is a block; a block cannot be set by an expression (use a dynamic block)`);
      else for (const [i, v] of [value].flat().entries()) errors.push(...blockErrors(v, nested, `${at}.${key}[${i}]`));
    } else {
      errors.push(
        `${at}.${key}: no attribute or block "${key}"; known: ` +
          [...Object.keys(block.attributes), ...Object.keys(block.blocks)].join(", "),
      );
    }
  }
  const given = new Set(Object.keys(body ?? {}));
  for (const [name, a] of Object.entries(block.attributes))
    if (a.required && !given.has(name)) errors.push(`${at}: required attribute "${name}" is missing`);
  return errors;
}
