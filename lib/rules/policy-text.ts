/**
 * Reads the IAM policies of generated configuration: plain JSON, JSON with Terraform
 * interpolations, or a JSON template with `%{ if }` guards (lib/iam/guarded-policy.ts).
 * Interpolations become the marker UNKNOWN; a guard whose condition cannot be decided from
 * literals counts as present, so rules err on the safe side.
 */
export const UNKNOWN = "__TERRAFORM_VALUE__";

export interface ParsedStatement {
  Sid?: string;
  Effect: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface ParsedPolicy {
  readonly Statement: ParsedStatement[];
  /** Characters without whitespace, interpolations counted at `interpolationSize`. */
  readonly size: number;
}

/** The end index (exclusive) of the `${...}` or `%{...}` starting at `start`. */
function endOfExpression(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error(`unterminated Terraform expression in policy: ${text.slice(start, start + 80)}`);
}

function decide(condition: string): boolean | undefined {
  const parts = condition.split("&&").map((p) => p.trim());
  let result: boolean | undefined = true;
  for (const part of parts) {
    const m = /^"((?:[^"\\]|\\.)*)"\s*(==|!=)\s*"((?:[^"\\]|\\.)*)"$/.exec(part);
    let value: boolean | undefined;
    const list = /^length\((\[.*\])\) > 0$/.exec(part);
    if (part === "true" || part === "false") value = part === "true";
    else if (list && !list[1].includes("${")) value = (JSON.parse(list[1]) as unknown[]).length > 0;
    else if (m && !m[1].includes("${") && !m[3].includes("${")) value = m[2] === "==" ? m[1] === m[3] : m[1] !== m[3];
    if (value === false) return false;
    if (value === undefined) result = undefined;
  }
  return result;
}

/**
 * How long the value of an interpolation may be, for the quota check: context lookups are short,
 * anything else is taken to be an ARN.
 */
export function interpolationSize(expression: string): number {
  if (/aws_partition/.test(expression)) return 10;
  if (/aws_region/.test(expression)) return 14;
  if (/account_id/.test(expression)) return 12;
  if (/^var\.(name_prefix|environment)$/.test(expression)) return 16;
  if (/^replace\(var\.name_prefix/.test(expression)) return 16;
  return 96;
}

export interface ParseOptions {
  /** Values assumed for interpolations, e.g. `{ "var.permission_mode": "production" }`. */
  readonly assume?: Readonly<Record<string, string>>;
}

const parsed = new Map<string, ParsedPolicy>();

/** Parses a policy (memoized: the rules read the same policies several times). */
export function parsePolicy(text: string, opts: ParseOptions = {}): ParsedPolicy {
  const key = opts.assume ? `${JSON.stringify(opts.assume)}\u0000${text}` : text;
  let result = parsed.get(key);
  if (!result) {
    result = parse(text, opts.assume ?? {});
    parsed.set(key, result);
  }
  return result;
}

/** Whether a JSON string is open at the end of `chunk`, given whether it was at its start. */
function stringOpenAfter(chunk: string, open: boolean): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 92 /* \\ */) i++;
    else if (c === 34 /* " */) open = !open;
  }
  return open;
}

function parse(text: string, assume: Readonly<Record<string, string>>): ParsedPolicy {
  // Assumed values replace `${x}` inside quoted operands and a bare `x` (as a quoted literal) in conditions.
  const substitute = (s: string) =>
    Object.entries(assume).reduce(
      (text, [expr, value]) =>
        text
          .split(`\${${expr}}`)
          .join(value)
          .replace(
            new RegExp(`(?<![\\w."])${expr.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w.])`, "g"),
            JSON.stringify(value),
          ),
      s,
    );
  const parts: string[] = [];
  let unknownSize = 0;
  let skipping = false;
  let inJsonString = false;
  let i = 0;
  while (i < text.length) {
    const next = Math.min(...[text.indexOf("%{", i), text.indexOf("${", i)].map((n) => (n < 0 ? text.length : n)));
    if (!skipping && next > i) {
      const chunk = text.slice(i, next);
      parts.push(chunk);
      inJsonString = stringOpenAfter(chunk, inJsonString);
    }
    if (next >= text.length) break;
    const end = endOfExpression(text, next + 1);
    const expression = text.slice(next + 2, end - 1);
    if (text[next] === "%") {
      const directive = substitute(expression.trim());
      if (directive.startsWith("if ")) skipping = decide(directive.slice(3)) === false;
      else if (directive === "endif") skipping = false;
    } else if (!skipping && expression in assume) {
      parts.push(assume[expression]);
    } else if (!skipping) {
      // Inside a JSON string it is part of the string; outside it is a JSON value (a list).
      parts.push(inJsonString ? UNKNOWN : `["${UNKNOWN}"]`);
      unknownSize += interpolationSize(expression) - UNKNOWN.length;
    }
    i = end;
  }
  const out = parts.join("");
  const json = JSON.parse(out);
  const size = out.replace(/\s+/g, "").length + unknownSize;
  // A policy built entirely by a Terraform expression (jsonencode of variables) cannot be read here.
  const statements =
    json && typeof json === "object" && !Array.isArray(json) ? [json.Statement].flat().filter(Boolean) : [];
  return { Statement: statements, size };
}

export const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
