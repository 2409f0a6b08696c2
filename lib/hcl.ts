import { Token } from "cdktf";

/**
 * Conditions written into templates (`%{ if <condition> }`). A token is placed in a quoted
 * template, `"${var.x}"`, which HCL unwraps to the raw value; cdktf renders tokens at template
 * level this way whatever the surrounding text holds.
 */
function operand(value: string): string {
  return Token.isUnresolved(value) ? `"${value}"` : JSON.stringify(value);
}

/** `value != ""`. */
export const hclNonEmpty = (value: string) => `${operand(value)} != ""`;
/** `length(list) > 0`; `list` is a Terraform list token or a literal list. */
export const hclNonEmptyList = (list: string[]) =>
  Token.isUnresolved(list) ? `length("${Token.asString(list)}") > 0` : `${list.length > 0}`;
/** `value == "<literal>"`. */
export const hclEquals = (value: string, literal: string) => `${operand(value)} == ${JSON.stringify(literal)}`;
