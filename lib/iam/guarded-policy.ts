import { PolicyStatement, policyDocument, statementJson } from "./policy-document";

/** A statement and the Terraform condition (HCL, see lib/hcl.ts) under which it exists; absent: always. */
export interface GuardedStatement {
  readonly statement: PolicyStatement;
  readonly presentIf?: string;
}

/**
 * A policy whose statements Terraform includes or leaves out at plan time, written as a JSON
 * template: `{"Version":..., "Statement":[always...%{ if <cond> },{...}%{ endif }]}`.
 * Templates keep the generated policy readable and plain JSON wherever no guard applies.
 */
export function guardedPolicy(items: readonly GuardedStatement[]): string {
  const always = items.filter((i) => i.presentIf === undefined).map((i) => i.statement);
  const guarded = items.filter((i) => i.presentIf !== undefined);
  if (guarded.length === 0) return policyDocument(always);
  if (always.length === 0) throw new Error("a guarded policy needs at least one unconditional statement to keep its JSON valid");
  const head = policyDocument(always);
  const tail = guarded.map((g) => `%{ if ${g.presentIf} },${statementJson(g.statement)}%{ endif }`).join("");
  return `${head.slice(0, -2)}${tail}]}`;
}
