import { Fn, type IResolvable, type TerraformResource, Token } from "cdktf";

/** `count` of 1 when `condition` holds, 0 otherwise; decided by Terraform. */
export function countIf(condition: IResolvable | boolean): number {
  if (typeof condition === "boolean") return condition ? 1 : 0;
  return Token.asNumber(Fn.conditional(condition, 1, 0));
}

/**
 * An attribute of a resource created with `count = 0|1`: its value, or null when absent
 * (`one(resource.*.attr)`).
 */
export function optionalAttr(resource: TerraformResource, attribute: string): string {
  return Token.asString(Fn.one(resource.getListAttribute(`*.${attribute}`)));
}
