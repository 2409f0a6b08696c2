import { type HclExpression, hcl, raw } from "./hcl";
import { REFERENCE_VALUE_PATTERN, SECRET_NAME_PATTERN, SECRET_VALUES_RE2, hclSecretName } from "./secrets";

/**
 * The secret checks of lib/secrets.ts as Terraform expressions, for the modules' variable
 * validations: the same RE2 patterns, run by Terraform's `regex()` at plan time.
 */

/** Whether the HCL string `s` looks like a secret. */
export const hclLooksSecret = (s: unknown): HclExpression => hcl`can(regex(${SECRET_VALUES_RE2}, ${s}))`;

/** Whether the value under name `n` (HCL) says it holds a secret and value `v` is not a reference. */
export const hclSecretByName = (n: string, v: string): HclExpression => {
  const isReference = hcl`can(regex(${`(?i)${REFERENCE_VALUE_PATTERN}`}, ${raw(v)}))`;
  return hcl`can(regex(${SECRET_NAME_PATTERN}, ${raw(hclSecretName(n))})) && !${isReference}`;
};

/** A string literal of JSON text. */
const JSON_STRING = '"(?:[^"\\\\]|\\\\.)*"';
/** Escaped whitespace of a JSON string, read back as whitespace (a pattern stops at whitespace). */
const JSON_WHITESPACE = "/\\\\[nrt]/";

/**
 * Whether any string of the HCL value `v` looks like a secret: every string and map key at any
 * depth of an attribute of whatever type, without naming its fields, so that an attribute added to
 * a module's input is covered as it is. Each string literal of `jsonencode(v)` is tested apart (a
 * match never spans two strings); a string holding JSON (a state machine definition, an event
 * pattern) is decoded first, so that its own strings are tested apart too.
 */
export const hclSecretIn = (v: string): HclExpression => {
  const json = hcl`jsonencode(try(jsondecode(${raw(v)}), ${raw(v)}))`;
  const text = hcl`replace(s, ${JSON_WHITESPACE}, " ")`;
  return hcl`anytrue([for s in regexall(${JSON_STRING}, ${json}) : ${hclLooksSecret(text)}])`;
};

/**
 * The attributes of entry `e` (an object of a map input) whose text looks like a secret, as an HCL
 * list of names; `except` are attributes checked by a rule of their own.
 */
export const hclSecretAttributes = (e: string, except: readonly string[] = []): HclExpression => {
  const skipped = except.length ? hcl` && !contains(${[...except]}, n)` : hcl``;
  return hcl`[for n, v in ${raw(e)} : n if ${hclSecretIn("v")}${skipped}]`;
};

/** Map key `k` (HCL) as a message shows it: a key that looks like a secret is not shown. */
export const hclShownKey = (k: string): HclExpression =>
  hcl`${hclLooksSecret(raw(k))} ? "(a key that looks like a secret)" : ${raw(k)}`;

/** An entry in a message of the rule of `hclSecretAttributes`: its key (`hclShownKey`) and the attributes named. */
export const hclSecretShown = (k: string, attributes: HclExpression): HclExpression =>
  hcl`format("%s%s", ${hclShownKey(k)}, length(${attributes}) > 0 ? format(" (%s)", join(", ", ${attributes})) : "")`;
