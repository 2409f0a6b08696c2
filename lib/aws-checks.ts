import { type AwsFieldPath, awsLimit } from "./aws-limits";
import { type HclExpression, hcl } from "./hcl";

/**
 * Checks of a value as AWS's API checks one field (its length and pattern in AWS's model), in
 * TypeScript for synthesis and as a Terraform condition for plan, from the one table
 * (lib/aws-limits-table.json).
 */

/**
 * AWS's patterns are Java regular expressions, where `\s` is `[ \t\n\x0B\f\r]`; in JavaScript it
 * also matches Unicode spaces, in RE2 (Terraform) it lacks `\x0B`. Both engines get the ASCII set.
 */
const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";
export function portablePattern(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1];
      out += next === "s" ? (inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`) : `\\${next}`;
      i++;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** Characters as AWS counts them (Unicode code points, not UTF-16 units). */
export const characters = (s: string): number => [...s].length;

/** AWS's limits of `path` in words: "values of 1-64 characters matching `^...$` (CreateX.y)". */
export function awsRuleText(path: AwsFieldPath): string {
  const limit = awsLimit(path);
  const parts = ["values"];
  if (limit.length) parts.push(`of ${limit.length.min ?? 0}-${limit.length.max ?? "any number of"} characters`);
  if (limit.pattern) parts.push(`matching \`${limit.pattern}\``);
  return `${parts.join(" ")} (${path})`;
}

/** What is wrong with `value` as the field `path`, or undefined when AWS accepts it. */
export function awsValueProblem(path: AwsFieldPath, value: string): string | undefined {
  const limit = awsLimit(path);
  const n = characters(value);
  if (
    (limit.length?.min !== undefined && n < limit.length.min) ||
    (limit.length?.max !== undefined && n > limit.length.max)
  )
    return `is ${n} characters long; AWS takes ${awsRuleText(path)}`;
  if (limit.pattern && !new RegExp(portablePattern(limit.pattern), "u").test(value))
    return `does not match AWS's pattern \`${limit.pattern}\` (${path})`;
  return undefined;
}

/** The same check as a Terraform condition over `value` (a hole of `hcl`). */
export function hclAwsValueOk(path: AwsFieldPath, value: unknown): HclExpression {
  const limit = awsLimit(path);
  const checks: HclExpression[] = [];
  if (limit.length?.min !== undefined && limit.length.min > 0)
    checks.push(hcl`length(${value}) >= ${limit.length.min}`);
  if (limit.length?.max !== undefined) checks.push(hcl`length(${value}) <= ${limit.length.max}`);
  if (limit.pattern) checks.push(hcl`can(regex(${portablePattern(limit.pattern)}, ${value}))`);
  if (checks.length === 0) return hcl`true`;
  const all = checks.slice(1).reduce((joined, c) => hcl`${joined} && ${c}`, checks[0]);
  return hcl`(${all})`;
}
