import { Token, Tokenization } from "cdktf";

/**
 * Renders a value as HCL expression text, for expressions cdktf's function helpers cannot build
 * without nesting (nested helpers re-escape already resolved strings and warn). Tokens stay
 * interpolations inside quoted templates — `"${var.x}"`, which HCL unwraps to the raw value when
 * nothing else is in the template — and literal `${` / `%{` are escaped.
 */
export function hcl(value: unknown): string {
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const listToken = Tokenization.reverseList(value);
    if (listToken) return `"${Token.asString(listToken)}"`;
    return `[${value.map(hcl).join(", ")}]`;
  }
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${hcl(v)}`).join(", ")}}`;
  }
  throw new Error(`cannot render ${String(value)} as HCL`);
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/\$\{(?!TfToken\[)/g, "$${").replace(/%\{/g, "%%{");
}

/** `value != ""` as HCL text. */
export const hclNonEmpty = (value: string) => `${hcl(value)} != ""`;
/** `length(list) > 0` as HCL text. */
export const hclNonEmptyList = (list: string[]) => `length(${hcl(list)}) > 0`;
/** `value == "<literal>"` as HCL text. */
export const hclEquals = (value: string, literal: string) => `${hcl(value)} == ${JSON.stringify(literal)}`;
/** The whole attribute value: one interpolation around the expression. */
export const hclValue = (expression: string) => `\${${expression}}`;
