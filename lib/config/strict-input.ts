import type { z } from "zod";
import { hclString } from "../hcl";

/**
 * Strict structured inputs on the HCL path (docs/adr/0010-strict-module-inputs.md).
 *
 * Terraform converts a value to a variable's `object({...})` type by dropping every attribute the
 * type does not name, before any validation runs: `code_interperter = true` would silently remove
 * an agent's code interpreter. The cdktf path refuses it (zod's strict objects). So a registry
 * module declares its structured inputs as `type = any`, checks them against the allowed-key tree
 * of the same zod schema the Terraform type is generated from, and converts them to that type in a
 * child module (`modules/inputs`) that the resources read.
 */

/** The attributes a schema allows at each object level, through lists and maps, with its scalar leaves. */
export type KeyTree =
  | { readonly kind: "object"; readonly fields: Readonly<Record<string, KeyTree>> }
  | { readonly kind: "list"; readonly element: KeyTree }
  | { readonly kind: "map"; readonly value: KeyTree }
  | { readonly kind: "string" | "number" | "bool" };

type Def = { type: string; [k: string]: any };
const defOf = (s: unknown): Def => (s as { def: Def }).def;

/**
 * The allowed-key tree of a blueprint schema: the same walk as `hclTypeOf`, so that the keys a
 * module accepts are exactly the attributes of its Terraform type. Throws where `hclTypeOf` does.
 */
export function allowedKeyTree(schema: z.ZodType, at = "(root)"): KeyTree {
  const def = defOf(schema);
  switch (def.type) {
    case "string":
    case "enum":
      return { kind: "string" };
    case "literal":
      if (def.values.every((v: unknown) => typeof v === "string")) return { kind: "string" };
      if (def.values.every((v: unknown) => typeof v === "boolean")) return { kind: "bool" };
      if (def.values.every((v: unknown) => typeof v === "number")) return { kind: "number" };
      break;
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "bool" };
    case "array":
      return { kind: "list", element: allowedKeyTree(def.element, `${at}[]`) };
    case "record":
      return { kind: "map", value: allowedKeyTree(def.valueType, `${at}.*`) };
    case "object":
      return {
        kind: "object",
        fields: Object.fromEntries(
          Object.entries(def.shape as Record<string, z.ZodType>).map(([name, field]) => [
            name,
            allowedKeyTree(unwrapField(field), `${at}.${name}`),
          ]),
        ),
      };
    case "nullable":
    case "readonly":
      return allowedKeyTree(def.innerType, at);
    case "pipe":
      return allowedKeyTree(def.in, at);
  }
  throw new Error(`${at}: a ${def.type} schema has no Terraform type and no allowed-key tree`);
}

/** A field's schema without its `optional()` or `default()` wrapper. */
function unwrapField(field: z.ZodType): z.ZodType {
  const def = defOf(field);
  return ["optional", "default", "prefault"].includes(def.type) ? def.innerType : field;
}

/** What a problem says is expected at a scalar leaf, as the message shows it. */
const EXPECTED = { number: "a number", bool: "a boolean (true or false)" } as const;

/**
 * An HCL expression: a tuple of problems `{ at, attr, allowed }` found in `value` (a reference such
 * as `e0.memory.strategies`, which need not exist) against `tree`. `at` is template text of the path
 * so far (`agents[\"${k0}\"].memory`). Every step is guarded with `try`, so a value of the wrong
 * type yields no problem here: the conversion in the inputs module and the type check report it.
 */
function walk(
  tree: KeyTree,
  value: string,
  at: string,
  depth: number,
  leaf: (tree: KeyTree, value: string, at: string, depth: number) => string | undefined,
): string | undefined {
  const parts: string[] = [];
  const own = leaf(tree, value, at, depth);
  if (own) parts.push(own);
  if (tree.kind === "object") {
    for (const [name, child] of Object.entries(tree.fields)) {
      const inner = walk(child, `${value}.${name}`, `${at}.${name}`, depth, leaf);
      if (inner) parts.push(inner);
    }
  } else if (tree.kind === "list" || tree.kind === "map") {
    const [k, e] = [`${tree.kind === "list" ? "i" : "k"}${depth}`, `e${depth}`];
    const child = tree.kind === "list" ? tree.element : tree.value;
    const shown = tree.kind === "list" ? `${at}[\${${k}}]` : `${at}[\\"\${${k}}\\"]`;
    const inner = walk(child, e, shown, depth + 1, leaf);
    if (inner) parts.push(`try(flatten([for ${k}, ${e} in ${value} : ${inner}]), [])`);
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `concat(${parts.join(", ")})`;
}

const attrNames = (tree: KeyTree & { kind: "object" }) => Object.keys(tree.fields);

/** Unknown attributes of an object level: keys the tree does not name. */
const unknownAttributes = (tree: KeyTree, value: string, at: string, depth: number): string | undefined => {
  if (tree.kind !== "object") return undefined;
  const names = attrNames(tree);
  const f = `a${depth}`;
  const allowed = hclString(names.join(", "));
  return (
    `[for ${f} in try(keys(${value}), []) : { at = "${at}", attr = ${f}, allowed = ${allowed} } ` +
    `if !contains(${JSON.stringify(names)}, ${f})]`
  );
};

/** Scalars Terraform cannot convert to the leaf's type (its own message names no path for these). */
const wrongScalars = (tree: KeyTree, value: string, at: string, depth: number): string | undefined => {
  if (tree.kind !== "number" && tree.kind !== "bool") return undefined;
  const x = `x${depth}`;
  const given = `try(${value}, null)`;
  const converts = tree.kind === "number" ? `can(tonumber(${x}))` : `can(tobool(${x}))`;
  const problem = `{ at = "${at}", attr = "", allowed = "${EXPECTED[tree.kind]}" }`;
  return `[for ${x} in [${given}] : ${problem} if ${x} != null && !${converts}]`;
};

/** Character pairs of a name, for the "did you mean" of a misspelt attribute (Dice's coefficient). */
const bigrams = (s: string) => `toset([for i in range(max(length(${s}) - 1, 0)) : substr(${s}, i, 2)])`;
const similarity = (a: string, b: string) => {
  const shared = `length(setintersection(${bigrams(a)}, ${bigrams(b)}))`;
  return `(2 * ${shared} / max(length(${bigrams(a)}) + length(${bigrams(b)}), 1))`;
};
/** Below this, no allowed attribute is offered as the one meant. */
export const SUGGESTION_THRESHOLD = 0.5;

/** The validation blocks of a structured input `name` of type `map(<schema>)`, on its `any`-typed variable. */
export function strictValidation(
  name: string,
  entry: KeyTree,
): { readonly condition: string; readonly errorMessage: string }[] {
  const tree: KeyTree = { kind: "map", value: entry };
  const unknown = walk(tree, `var.${name}`, name, 0, unknownAttributes);
  const scalars = walk(tree, `var.${name}`, name, 0, wrongScalars);
  const blocks: { condition: string; errorMessage: string }[] = [];
  if (unknown) {
    const candidates = 'split(", ", p.allowed)';
    const best =
      `[for c in ${candidates} : c if ${similarity("p.attr", "c")} >= ${SUGGESTION_THRESHOLD} && ` +
      `${similarity("p.attr", "c")} >= max([for d in ${candidates} : ${similarity("p.attr", "d")}]...)]`;
    const suggestion = `%{ for c in slice(${best}, 0, min(1, length(${best}))) } (did you mean ${"${c}"}?)%{ endfor }`;
    const line = `\${p.at}.\${p.attr}: unknown attribute${suggestion}; allowed attributes: \${p.allowed}`;
    blocks.push({
      condition: `length(flatten(${unknown})) == 0`,
      errorMessage:
        `${name} holds attributes this module does not take (Terraform would drop them without a word, ` +
        `so they are refused):%{ for p in flatten(${unknown}) }\n${line}%{ endfor }`,
    });
  }
  if (scalars) {
    blocks.push({
      condition: `length(flatten(${scalars})) == 0`,
      errorMessage:
        `${name} holds values of the wrong type:` +
        `%{ for p in flatten(${scalars}) }\n\${p.at}: must be \${p.allowed}%{ endfor }`,
    });
  }
  return blocks;
}
