import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { InputError, InputErrors } from "../errors";

/**
 * Reads one YAML file and validates it against a schema. Every problem becomes an InputError
 * naming the file (relative to `baseDir`), the field path with its line, what was given and what
 * is allowed; all problems of the file are reported at once.
 */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S, baseDir = process.cwd()): z.output<S> {
  const shown = path.relative(baseDir, file) || file;
  if (!fs.existsSync(file)) {
    throw new InputError(shown, "(file)", "does not exist");
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(fs.readFileSync(file, "utf8"), { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputErrors(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        return new InputError(shown, at ? `line ${at.line}` : "(syntax)", `is not valid YAML: ${firstLine(e.message)}`);
      }),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(raw);
  if (result.success) return result.data;

  const lineOf = (p: PropertyKey[]): number | undefined => {
    const node = doc.getIn(p as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    return node && typeof node === "object" && node.range ? lineCounter.linePos(node.range[0]).line : undefined;
  };
  throw new InputErrors(
    result.error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      const fieldPath = keys.length === 1 ? [...issue.path, keys[0]] : issue.path;
      const line = lineOf(fieldPath);
      const field = (fieldPath.length ? fieldPath.map(String).join(".") : "(document)") + (line ? ` (line ${line})` : "");
      const given = valueAt(raw, issue.path);
      const problem =
        issue.code === "unrecognized_keys"
          ? `unknown field${keys.length > 1 ? "s " + keys.join(", ") : ""}; allowed fields: ${allowedKeys(schema, issue.path).join(", ")}`
          : given === undefined && issue.code === "invalid_type"
            ? `is required (expected ${issue.expected})`
            : given === undefined
              ? issue.message
              : `${issue.message}; given: ${JSON.stringify(given)}`;
      return new InputError(shown, field, problem);
    }),
  );
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}

function valueAt(raw: unknown, p: PropertyKey[]): unknown {
  let cur: unknown = raw;
  for (const k of p) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** The field names a strict object schema allows at a path, for "unknown field" errors. */
function allowedKeys(schema: z.ZodType, p: PropertyKey[]): string[] {
  let cur: unknown = schema;
  for (const k of p) {
    const def = (cur as { def?: Record<string, unknown> }).def;
    if (!def) return [];
    if (def.type === "object") cur = (def.shape as Record<string, unknown>)[String(k)];
    else if (def.type === "array") cur = def.element;
    else if (def.type === "record") cur = def.valueType;
    else return [];
    cur = unwrap(cur);
  }
  const def = (unwrap(cur) as { def?: { type: string; shape?: Record<string, unknown> } }).def;
  return def?.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type: string; innerType?: unknown; in?: unknown } };
  while (cur?.def && ["optional", "default", "nullable", "readonly", "pipe", "prefault"].includes(cur.def.type)) {
    cur = (cur.def.innerType ?? cur.def.in) as typeof cur;
  }
  return cur;
}
