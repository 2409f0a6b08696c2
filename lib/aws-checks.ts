import { type AwsFieldPath, awsLimit } from "./aws-limits";
import { type HclExpression, allOf, hcl, raw } from "./hcl";

/**
 * Checks of a value as AWS's API checks one field (its length and pattern in AWS's model), in
 * TypeScript for synthesis and as a Terraform condition for plan, from the one table
 * (lib/aws-limits-table.json).
 */

/**
 * AWS's patterns are Java regular expressions, where `\s` is `[ \t\n\x0B\f\r]`; in JavaScript it
 * also matches Unicode spaces, in RE2 (Terraform) it lacks `\x0B`. Both engines get the ASCII set.
 * RE2 also refuses a repetition over 1,000 (`.{0,1023}`): such a count is split into two that sum to
 * it (`.{0,1000}.{0,23}`), which both engines take.
 */
const JAVA_SPACE = "\\t\\n\\x0B\\f\\r ";
const RE2_MAX_REPEAT = 1000;
export function portablePattern(pattern: string): string {
  let out = "";
  let inClass = false;
  /** Where the last complete atom (a character, an escape, a class or a group) starts in `out`. */
  let atom = 0;
  const groups: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1];
      if (!inClass) atom = out.length;
      out += next === "s" ? (inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`) : `\\${next}`;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      atom = out.length;
    } else if (c === "(") groups.push(out.length);
    else if (c === ")") atom = groups.pop() ?? 0;
    else if (c === "{") {
      const count = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (count) {
        const min = Number(count[1]);
        const max = count[2] === undefined ? min : count[3] === "" ? Number.POSITIVE_INFINITY : Number(count[3]);
        if (max > RE2_MAX_REPEAT && Number.isFinite(max)) {
          const unit = out.slice(atom);
          const pieces: string[] = [];
          let [least, most] = [min, max];
          while (most > RE2_MAX_REPEAT) {
            pieces.push(`{${Math.min(least, RE2_MAX_REPEAT)},${RE2_MAX_REPEAT}}`);
            least = Math.max(0, least - RE2_MAX_REPEAT);
            most -= RE2_MAX_REPEAT;
          }
          pieces.push(`{${least},${most}}`);
          out += pieces.join(unit);
          i += count[0].length - 1;
          continue;
        }
      }
    } else if (!"|^$?*+".includes(c)) atom = out.length;
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
  return allOf(...checks);
}

/**
 * The validation of an optional string input AWS takes as the field `path`: empty, or a value
 * AWS accepts there.
 */
export function awsArnValidation(input: string, path: AwsFieldPath, what: string) {
  const value = hcl`var.${raw(input)}`;
  return {
    condition: hcl`${value} == "" || ${hclAwsValueOk(path, value)}`.asString,
    errorMessage: `${input} must be empty or ${what} AWS accepts: ${awsRuleText(path)}.`,
  };
}
