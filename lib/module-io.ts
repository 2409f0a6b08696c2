import type { IConstruct } from "constructs";
import { type IResolvable, type TerraformVariable, Token } from "cdktf";
import type { ZodType } from "zod";
import { hclTypeOf } from "./config/hcl-type";

/**
 * The inputs and outputs of a module, each declared once in a table that the construct, both
 * hosts, the emitted `variables.tf.json` / `outputs.tf.json`, the generated docs and the tests
 * all read.
 */
export type ScalarType = "string" | "number" | "bool" | "list(string)" | "map(string)";

/**
 * A structured input (agents, gateway targets, policies, workflows): its Terraform type
 * constraint, and the TypeScript value a deploy stack passes for it. Inside a construct the value
 * is opaque (`V | IResolvable`): it reaches resources only through `for_each` and HCL expressions,
 * never through a TypeScript loop, so both hosts build the same configuration.
 */
export interface StructuredType<V> {
  readonly hcl: string;
  /** Short name for tables, e.g. `map(object)`. */
  readonly summary: string;
  /** Phantom: the TypeScript value. */
  readonly value?: V;
  /**
   * The schema of one entry, for a `map(object)` input: a registry module then takes the input
   * strictly, as `type = any` checked against the schema's allowed keys, and converts it to `hcl`
   * in its `modules/inputs` child (lib/hosts/strict-inputs.ts).
   */
  readonly entrySchema?: () => ZodType;
}

export type TfType = ScalarType | StructuredType<unknown>;

/**
 * A `map(object)` input typed from a zod schema of the configuration formats. The schema module
 * is loaded the first time the type is written (module emission, docs), not when a deploy stack
 * only passes values: `schema` returns it through `require`.
 */
export function mapOfSchema<V>(schema: () => ZodType): StructuredType<Record<string, V>> {
  let text: string | undefined;
  return {
    summary: "map(object)",
    entrySchema: schema,
    get hcl() {
      return (text ??= `map(${hclTypeOf(schema())})`);
    },
  };
}

/** The Terraform type constraint text of an input. */
export const typeExpression = (t: TfType) => (typeof t === "string" ? t : t.hcl);

type ValueOf<T extends TfType> =
  T extends StructuredType<infer V>
    ? V | IResolvable
    : T extends "string"
      ? string
      : T extends "number"
        ? number
        : T extends "bool"
          ? boolean | IResolvable
          : T extends "list(string)"
            ? string[]
            : Record<string, string>;

export interface InputSpec {
  readonly type: TfType;
  readonly description: string;
  /** Absent: the input is required. */
  readonly default?: string | number | boolean | readonly string[] | Readonly<Record<string, unknown>>;
  /** Marks secrets: the variable is `sensitive = true` and its value is never synthesized. */
  readonly sensitive?: boolean;
  /**
   * Terraform validation blocks; `condition` refers to the input as `var.<name>` (and may refer
   * to other inputs, Terraform >= 1.9). Both are HCL: `condition` an expression, `errorMessage` a
   * template that may interpolate the offending values.
   */
  readonly validation?: readonly { readonly condition: string; readonly errorMessage: string }[];
}

export type InputTable = Readonly<Record<string, InputSpec>>;

/** The values a construct receives: literals from the deploy host, variables from the module host. */
export type InputValues<T extends InputTable> = { readonly [K in keyof T]: ValueOf<T[K]["type"]> };

/**
 * Complete input values for a deploy stack: what the configuration sets, the table's defaults for
 * the rest. Throws when a required input is missing.
 */
export function withDefaults<T extends InputTable>(
  table: T,
  given: { [K in keyof T]?: InputValues<T>[K] | undefined },
): InputValues<T> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) {
    const v = (given as Record<string, unknown>)[name];
    if (v !== undefined) values[name] = v;
    else if (spec.default !== undefined) values[name] = spec.default;
    else throw new Error(`Input "${name}" is required and has no default.`);
  }
  return values as InputValues<T>;
}

export interface OutputSpec<C> {
  readonly description: string;
  readonly sensitive?: boolean;
  readonly value: (construct: C) => unknown;
}

export type OutputTable<C> = Readonly<Record<string, OutputSpec<C>>>;

/** Reads a module variable as the TypeScript type its table entry promises. */
export function variableValue(variable: TerraformVariable, type: TfType): unknown {
  if (typeof type !== "string") return variable.value;
  switch (type) {
    case "string":
      return variable.stringValue;
    case "number":
      return variable.numberValue;
    case "bool":
      return variable.booleanValue;
    case "list(string)":
      return variable.listValue;
    case "map(string)":
      // A map variable read as a token map keeps `var.x` intact in every expression it reaches.
      return Token.asStringMap(variable.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Which emitted file an element belongs to (DESIGN §3 "File layout of the emitted modules").
// ---------------------------------------------------------------------------------------------

const FILES = new WeakMap<IConstruct, string>();

/** Everything defined under `scope` is emitted to `<file>.tf.json` of its module. */
export function emitTo<T extends IConstruct>(scope: T, file: string): T {
  FILES.set(scope, file);
  return scope;
}

/** The file the nearest tagged ancestor of `element` asked for, if any. */
export function emittedFile(element: IConstruct): string | undefined {
  for (const s of [...element.node.scopes].reverse()) {
    const f = FILES.get(s);
    if (f) return f;
  }
  return undefined;
}
