import { template, type TemplatePart } from "../hcl";

/**
 * IAM policy JSON. Values may hold cdktf tokens: Terraform interpolates them inside the JSON
 * string at plan time.
 */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

const RAW = /"__RAW_JSON_(\d+)__"/g;
const rawValues: unknown[] = [];

/**
 * Marks a value that Terraform renders as JSON (`jsonencode(<list known only at plan time>)`), so
 * that the policy embeds it as a JSON value, not as a string.
 */
export function rawJson(expression: unknown): string {
  rawValues.push(expression);
  return `__RAW_JSON_${rawValues.length - 1}__`;
}

/** JSON text as template parts: literal JSON, and the `rawJson` values as interpolations. */
export function jsonParts(json: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of json.matchAll(RAW)) {
    parts.push(json.slice(last, m.index), { interpolate: rawValues[Number(m[1])] });
    last = m.index! + m[0].length;
  }
  parts.push(json.slice(last));
  return parts.filter((p) => p !== "");
}

function asTemplate(parts: TemplatePart[]): string {
  return parts.every((p) => typeof p === "string") ? parts.join("") : template(parts);
}

/** The policy document as JSON text (a template when parts are known only at plan time). */
export function policyDocument(statements: readonly PolicyStatement[]): string {
  return asTemplate(jsonParts(JSON.stringify({ Version: "2012-10-17", Statement: statements })));
}

/** One statement as JSON template parts. */
export function statementParts(statement: PolicyStatement): TemplatePart[] {
  return jsonParts(JSON.stringify(statement));
}
