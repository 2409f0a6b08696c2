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
    if (part === "true" || part === "false") value = part === "true";
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

export function parsePolicy(text: string, opts: ParseOptions = {}): ParsedPolicy {
  const assume = opts.assume ?? {};
  const substitute = (s: string) => s.replace(/\$\{([^{}]+)\}/g, (m, expr: string) => (expr in assume ? assume[expr] : m));
  let out = "";
  let unknownSize = 0;
  let skipping = false;
  let inJsonString = false;
  for (let i = 0; i < text.length; ) {
    if (text.startsWith("%{", i)) {
      const end = endOfExpression(text, i + 1);
      const directive = substitute(text.slice(i + 2, end - 1).trim());
      if (directive.startsWith("if ")) skipping = decide(directive.slice(3)) === false;
      else if (directive === "endif") skipping = false;
      i = end;
    } else if (text.startsWith("${", i)) {
      const end = endOfExpression(text, i + 1);
      const expression = text.slice(i + 2, end - 1);
      if (!skipping && expression in assume) out += assume[expression];
      else if (!skipping) {
        // Inside a JSON string it is part of the string; outside it is a JSON value (a list).
        out += inJsonString ? UNKNOWN : `["${UNKNOWN}"]`;
        unknownSize += interpolationSize(expression) - UNKNOWN.length;
      }
      i = end;
    } else {
      if (!skipping) {
        const c = text[i];
        if (c === "\\") {
          out += c + text[i + 1];
          i += 2;
          continue;
        }
        if (c === '"') inJsonString = !inJsonString;
        out += c;
      }
      i++;
    }
  }
  const json = JSON.parse(out);
  const size = out.replace(/\s+/g, "").length + unknownSize;
  // A policy built entirely by a Terraform expression (jsonencode of variables) cannot be read here.
  const statements = json && typeof json === "object" && !Array.isArray(json) ? [json.Statement].flat().filter(Boolean) : [];
  return { Statement: statements, size };
}

export const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
