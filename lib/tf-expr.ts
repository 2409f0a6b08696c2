import { Fn, type IResolvable, Op, Token } from "cdktf";

/**
 * `value == ""` as a Terraform expression, for literals and variables alike.
 *
 * cdktf 0.21's operators drop a falsy right operand (`Op.eq(x, "")` renders `x == undefined`), so
 * the empty string is passed pre-quoted, which cdktf emits verbatim.
 */
export function isEmpty(value: string): IResolvable {
  return Op.eq(value, '""');
}

/** `value != ""`, with the same workaround as `isEmpty`. */
export function isNonEmpty(value: string): IResolvable {
  return Op.neq(value, '""');
}

/** `value` unless it is empty, then `fallback`; decided by Terraform. */
export function orDefault(value: string, fallback: string): string {
  if (!Token.isUnresolved(value)) return value === "" ? fallback : value;
  return Token.asString(Fn.conditional(isEmpty(value), fallback, value));
}
