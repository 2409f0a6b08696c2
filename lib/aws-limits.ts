// Not `aws-limits.json`: node (jest's global setup) would resolve `./aws-limits` to that file, not this module.
import data from "./aws-limits-table.json";

/**
 * The limits AWS's API model puts on the AgentCore Control fields this project sends
 * (`aws-limits-table.json`, written by `npm run aws-limits` from AWS's Smithy model; DESIGN.md §2,
 * "Limits come from AWS"). Paths are `<Operation>.<member>`, then `.<member>` into structures and
 * unions, `[]` for list items, `{key}` / `{value}` for map keys and values.
 */

/** Inclusive bounds; a side AWS does not state is absent. */
export interface Bounds {
  readonly min?: number;
  readonly max?: number;
}

/** What the model says about one field (its member's traits over its target shape's). */
export interface AwsFieldLimit {
  /** The Smithy type of the field's shape: string, integer, structure, union, list, map, enum, ... */
  readonly type: string;
  /** The model's name of that shape, e.g. `GatewayName`. */
  readonly shape: string;
  readonly required?: true;
  /** Characters of a string. */
  readonly length?: Bounds;
  /** Items of a list, entries of a map. */
  readonly size?: Bounds;
  /** Value of a number. */
  readonly range?: Bounds;
  /** An ECMAScript regular expression the whole value must match (AWS's patterns carry their anchors). */
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  /** The value AWS assumes when the field is absent. */
  readonly default?: unknown;
  readonly uniqueItems?: true;
  readonly sensitive?: true;
  readonly deprecated?: true;
  /** Sent in the URL path, query or a header instead of the body. */
  readonly location?: "label" | "query" | "header";
  /** The shape is one the path is already inside: its fields are listed at the outer occurrence. */
  readonly recursive?: true;
  /** The first sentence of AWS's documentation of the field. */
  readonly doc?: string;
}

/** The model a table was derived from. */
export interface AwsModelRelease {
  /** The model file's name, e.g. `bedrock-agentcore-control-2026-07-15.json`. */
  readonly file: string;
  /** The release date in that name. */
  readonly release: string;
  readonly sha256: string;
  /** The Smithy IDL version of the model. */
  readonly smithy: string;
  readonly service: string;
  /** The service's API version (the model's `version`), which does not change between releases. */
  readonly apiVersion: string;
}

export interface AwsLimitsTable {
  readonly generatedBy: string;
  readonly model: AwsModelRelease;
  /** The operations whose input the table covers. */
  readonly operations: readonly string[];
  /** Operations asked for that the model does not have. */
  readonly missingOperations: readonly string[];
  readonly fields: Readonly<Record<string, AwsFieldLimit>>;
}

/** Every field path of the committed table: a path that is not one fails type checking. */
export type AwsFieldPath = keyof (typeof data)["fields"];

const TABLE = data as unknown as AwsLimitsTable;

/** The model release the committed table comes from. */
export const AWS_LIMITS_MODEL: AwsModelRelease = TABLE.model;

/** A lookup in `table` that throws, naming the path, when the table has no such field. */
export function limitLookup(table: AwsLimitsTable): (path: string) => AwsFieldLimit {
  return (path) => {
    const limit = Object.hasOwn(table.fields, path) ? table.fields[path] : undefined;
    if (limit === undefined) {
      const operation = path.split(".")[0];
      const near = Object.keys(table.fields)
        .filter((p) => p.startsWith(`${operation}.`) && !p.slice(operation.length + 1).includes("."))
        .map((p) => p.slice(operation.length + 1));
      throw new Error(
        `No AWS limit for "${path}" in ${table.model.file}` +
          (near.length ? ` (${operation} has ${near.join(", ")})` : ` (no operation ${operation} in the table)`),
      );
    }
    return limit;
  };
}

const lookup = limitLookup(TABLE);

/** The limits of one field, e.g. `awsLimit("CreateGateway.name").pattern`. */
export function awsLimit(path: AwsFieldPath): AwsFieldLimit {
  return lookup(path);
}

/**
 * Both bounds of a field's `length` (characters), `size` (items, entries) or `range` (value), for
 * checks that need numbers: a minimum the model leaves out is 0; a missing maximum is an error
 * (the field has no bound of that kind to check).
 */
export function awsBounds(path: AwsFieldPath, kind: "length" | "size" | "range"): { min: number; max: number } {
  const bounds = lookup(path)[kind];
  if (bounds?.max === undefined) throw new Error(`AWS's model gives "${path}" no maximum ${kind}`);
  return { min: bounds.min ?? 0, max: bounds.max };
}

/** A field's pattern, which the model must give. */
export function awsPattern(path: AwsFieldPath): string {
  const pattern = lookup(path).pattern;
  if (pattern === undefined) throw new Error(`AWS's model gives "${path}" no pattern`);
  return pattern;
}
