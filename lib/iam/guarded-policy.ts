import { hcl, hclValue } from "../hcl";
import { PolicyStatement, policyDocument } from "./policy-document";

/** A statement and the Terraform condition (HCL text) under which it exists; absent: always. */
export interface GuardedStatement {
  readonly statement: PolicyStatement;
  readonly presentIf?: string;
}

/**
 * A policy whose statements Terraform includes or leaves out at plan time:
 * `jsonencode({Version, Statement = concat([always...], cond ? [stmt] : [], ...)})`.
 * Without any guard it is plain JSON, which reads better in the generated files.
 */
export function guardedPolicy(items: readonly GuardedStatement[]): string {
  const always = items.filter((i) => i.presentIf === undefined).map((i) => i.statement);
  const guarded = items.filter((i) => i.presentIf !== undefined);
  if (guarded.length === 0) return policyDocument(always);
  const parts = [hcl(always), ...guarded.map((g) => `(${g.presentIf}) ? [${hcl(g.statement)}] : []`)];
  return hclValue(`jsonencode({"Version" = "2012-10-17", "Statement" = concat(${parts.join(", ")})})`);
}
