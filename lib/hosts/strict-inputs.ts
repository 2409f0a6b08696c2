import type { InputSpec, InputTable } from "../module-io";
import { typeExpression } from "../module-io";
import { allowedKeyTree, strictValidation } from "../config/strict-input";
import { TERRAFORM_MODULE_CONSTRAINT } from "../versions";

/**
 * The split of a registry module's strict structured inputs (docs/adr/0010-strict-module-inputs.md):
 * the public variable is `type = any` with the allowed-key checks; the child module
 * `modules/inputs` declares it with its generated type, which applies the `optional()` defaults,
 * and carries the value validations that read the typed value; the resources read the child's
 * output.
 */
export const INPUTS_MODULE = { name: "inputs", source: "./modules/inputs", folder: "modules/inputs" } as const;

type Json = Record<string, any>;

/** The names of the inputs of a table that are taken strictly. */
export function strictInputNames(table: InputTable): string[] {
  return Object.entries(table)
    .filter(([, spec]) => typeof spec.type !== "string" && spec.type.entrySchema)
    .map(([name]) => name);
}

const referencedVariables = (spec: InputSpec): string[] => [
  ...new Set(
    (spec.validation ?? []).flatMap((v) => [...v.condition.matchAll(/\bvar\.([a-z0-9_]+)/g)].map((m) => m[1])),
  ),
];

/**
 * The inputs the child module needs: the strict ones, and what their value validations read. The
 * table's validations must be resolved text here (`ModuleStack` resolves them).
 */
export function childInputNames(table: InputTable): string[] {
  const strict = strictInputNames(table);
  const read = strict.flatMap((name) => referencedVariables(table[name]));
  return [...new Set([...strict, ...read])].filter((n) => n in table);
}

/** The public variable's spec of a strict input: `any`, checked against the allowed keys. */
export function publicSpec(name: string, spec: InputSpec): InputSpec & { readonly hclType: string } {
  if (typeof spec.type === "string" || !spec.type.entrySchema) return { ...spec, hclType: typeExpression(spec.type) };
  return { ...spec, hclType: "any", validation: strictValidation(name, allowedKeyTree(spec.type.entrySchema())) };
}

/**
 * A validation of another input that reads a strict input reads its converted value instead (the
 * raw value lacks the optional attributes); Terraform allows such references since 1.9.
 */
export function readingConverted(spec: InputSpec, strict: readonly string[]): InputSpec {
  if (!spec.validation || strict.length === 0) return spec;
  const pattern = new RegExp(`\\bvar\\.(${strict.join("|")})\\b`, "g");
  return {
    ...spec,
    validation: spec.validation.map((v) => ({
      condition: v.condition.replace(pattern, `module.${INPUTS_MODULE.name}.$1`),
      errorMessage: v.errorMessage.replace(pattern, `module.${INPUTS_MODULE.name}.$1`),
    })),
  };
}

/** A condition as a JSON-syntax expression: a template holding exactly one interpolation. */
export const asExpression = (condition: string): string =>
  /^\$\{[\s\S]*\}$/.test(condition) ? condition : `\${${condition}}`;

/** The files of the child module, by path inside the parent module's folder. */
export function inputsModuleFiles(table: InputTable): Record<string, Json> {
  const strict = new Set(strictInputNames(table));
  const variable: Json = {};
  const output: Json = {};
  for (const name of childInputNames(table)) {
    const spec = table[name];
    const own = strict.has(name);
    variable[name] = {
      type: typeExpression(spec.type),
      description: spec.description,
      nullable: false,
      ...(spec.sensitive ? { sensitive: true } : {}),
      ...(own && spec.validation
        ? {
            validation: spec.validation.map((v) => ({
              condition: asExpression(v.condition),
              error_message: v.errorMessage,
            })),
          }
        : {}),
    };
    if (own)
      output[name] = {
        value: `\${var.${name}}`,
        description: `${name}, converted to its type: every optional attribute present, defaults applied.`,
      };
  }
  const folder = INPUTS_MODULE.folder;
  return {
    [`${folder}/variables.tf.json`]: { variable },
    [`${folder}/outputs.tf.json`]: { output },
    [`${folder}/versions.tf.json`]: { terraform: { required_version: TERRAFORM_MODULE_CONSTRAINT } },
  };
}
