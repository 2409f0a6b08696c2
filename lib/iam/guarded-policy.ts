import { type TemplatePart, template } from "../hcl";
import { type PolicyStatement, jsonParts, policyDocument, statementParts } from "./policy-document";

/**
 * A statement and the condition under which it exists: absent or `true` always, `false` never,
 * otherwise an HCL condition (lib/hcl.ts) that Terraform decides at plan time.
 */
export interface GuardedStatement {
  readonly statement: PolicyStatement;
  readonly presentIf?: unknown;
}

/**
 * A policy whose statements Terraform includes or leaves out at plan time, written as a JSON
 * template: `{"Version":..., "Statement":[always...%{ if <cond> },{...}%{ endif }]}`.
 * Templates keep the generated policy readable and plain JSON wherever no guard applies.
 */
export function guardedPolicy(items: readonly GuardedStatement[]): string {
  const kept = items.filter((i) => i.presentIf !== false);
  const always = kept.filter((i) => i.presentIf === undefined || i.presentIf === true).map((i) => i.statement);
  const guarded = kept.filter((i) => i.presentIf !== undefined && i.presentIf !== true);
  if (guarded.length === 0) return policyDocument(always);
  if (always.length === 0)
    throw new Error("a guarded policy needs at least one unconditional statement to keep its JSON valid");
  const head = JSON.stringify({ Version: "2012-10-17", Statement: always });
  const parts: TemplatePart[] = jsonParts(head.slice(0, -2));
  for (const g of guarded) parts.push({ if: g.presentIf }, ",", ...statementParts(g.statement), { endif: true });
  parts.push("]}");
  return template(parts);
}
