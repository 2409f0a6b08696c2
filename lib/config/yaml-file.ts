import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { InputError, InputErrors, recordFieldLines } from "../errors";
import { readInputFile, shownPath } from "./files";
import { REDACTED, TEXT_IS_PUBLIC, mustRedact } from "../secrets";
import { secretProblems } from "./free-text";

/** yaml's own default: an alias may be expanded this many times in one document. */
const MAX_ALIAS_COUNT = 100;

/**
 * Reads one YAML file and validates it against a schema. Every problem becomes an InputError
 * naming the file (relative to `baseDir`), the field path with its line, what was given and what
 * is allowed; all problems of the file are reported at once.
 */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S, baseDir = process.cwd()): z.output<S> {
  const shown = shownPath(file, baseDir);
  const text = readInputFile(file, baseDir);
  if (text.trim() === "" || /^(\s*#[^\n]*\n?|\s*\n)*\s*$/.test(text))
    throw new InputError(
      shown,
      "(file)",
      "is empty; it must hold the fields of its format as a YAML mapping (field: value)",
    );
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputErrors(
      doc.errors.map((e) => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}` : "(syntax)";
        // Name the key given twice: the parser's message does not.
        const key = e.code === "DUPLICATE_KEY" ? keyAt(text, e.pos[0]) : "";
        if (key)
          return new InputError(
            shown,
            `${key} (${where})`,
            "is given twice in the same mapping (YAML keys must be unique); keep one of the two",
          );
        return new InputError(shown, where, `is not valid YAML: ${firstLine(e.message)}`);
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    // yaml refuses aliases that expand too far (a "billion laughs" document).
    throw new InputError(
      shown,
      "(file)",
      `uses YAML aliases (*name) that expand to more than ${MAX_ALIAS_COUNT} copies (${(e as Error).message}); ` +
        "write the values out instead",
    );
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError(
      shown,
      "(document) (line 1)",
      `must be a YAML mapping of fields (field: value), not ${Array.isArray(raw) ? "a list" : `a ${typeof raw}`}`,
    );
  }
  recordFieldLines(shown, fieldLines(doc.contents, lineCounter));
  const result = schema.safeParse(raw);

  // The line of a field is the line of its key (a block value starts a line lower); of a list
  // item, the item's. A field that is missing is placed at its parent's line.
  const lineOf = (p: PropertyKey[]): number | undefined => {
    const at = (n: unknown) => {
      const range = (n as { range?: [number, number, number] } | null)?.range;
      return range ? lineCounter.linePos(range[0]).line : undefined;
    };
    let node: unknown = doc.contents;
    let line: number | undefined;
    for (const key of p) {
      if (isMap(node)) {
        const pair = node.items.find((i) => (isScalar(i.key) ? i.key.value : i.key) === key);
        if (!pair) return line;
        line = at(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key];
        if (item === undefined) return line;
        line = at(item) ?? line;
        node = item;
      } else {
        return line;
      }
    }
    return line;
  };
  const fieldAt = (p: readonly PropertyKey[]) => {
    const line = lineOf([...p]);
    return (p.length ? p.map(String).join(".") : "(document)") + (line ? ` (line ${line})` : "");
  };
  if (result.success) {
    // Valid, and still refused when it holds a secret: before anything derived from it is cached.
    const secrets = secretProblems(schema, result.data);
    if (secrets.length === 0) return result.data;
    throw new InputErrors(
      secrets.map((s) => new InputError(shown, fieldAt(s.path), `${s.problem}; given: ${REDACTED}. ${TEXT_IS_PUBLIC}`)),
    );
  }
  throw new InputErrors(
    result.error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
      const fieldPath = keys.length === 1 ? [...issue.path, keys[0]] : issue.path;
      const field = fieldAt(fieldPath);
      // A record key that fails its own schema: zod 4 wraps the key's issues in "invalid_key".
      const inner =
        issue.code === "invalid_key" ? (issue as { issues?: { message: string }[] }).issues?.[0] : undefined;
      if (inner)
        return new InputError(
          shown,
          field,
          `${inner.message}; given key: ${shownValue([], String(issue.path[issue.path.length - 1]))}`,
        );
      const given = valueAt(raw, issue.path);
      const problem =
        issue.code === "unrecognized_keys"
          ? `unknown field${keys.length > 1 ? `s ${keys.join(", ")}` : ""}; ` +
            `allowed fields: ${allowedKeys(schema, issue.path).join(", ")}`
          : given === undefined && issue.code === "invalid_type"
            ? `is required (expected ${issue.expected})`
            : given === undefined
              ? issue.message
              : `${issue.message}; given: ${shownValue(issue.path, given)}`;
      return new InputError(shown, field, problem);
    }),
  );
}

/** The line of every field and list item of a document, by dotted path: a field's is its key's. */
function fieldLines(root: unknown, counter: LineCounter): Map<string, number> {
  const lines = new Map<string, number>();
  const at = (n: unknown) => {
    const range = (n as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  const walk = (node: unknown, prefix: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const line = at(pair.key);
        if (line !== undefined) lines.set(prefix + key, line);
        walk(pair.value, `${prefix}${key}.`);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const line = at(item);
        if (line !== undefined) lines.set(`${prefix}${i}`, line);
        walk(item, `${prefix}${i}.`);
      });
    }
  };
  walk(root, "");
  return lines;
}

/** A given value as a message shows it: never a secret, and not more than a line. */
function shownValue(at: PropertyKey[], value: unknown): string {
  if (mustRedact(at, value)) return REDACTED;
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The mapping key written at `offset` (plain, or quoted), without its quotes. */
function keyAt(text: string, offset: number): string {
  const written = text.slice(offset).match(/^("[^"\n]*"|'[^'\n]*'|[^:\n,{}[\]]+)/)?.[1] ?? "";
  return written.replace(/^(["'])(.*)\1$/, "$2").trim();
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
