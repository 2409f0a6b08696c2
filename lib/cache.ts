import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "./project-root";

/**
 * A content-keyed cache of results that depend only on their inputs and on this project's code:
 * a result is stored under the hash of both and reused while neither changes. Used for passed
 * Cedar checks (cedar-wasm is the slowest part of a check) and for the registry modules (they do
 * not depend on the configuration or the blueprints at all). Failures are never cached; the
 * caller decides what counts as one by throwing.
 *
 * The cache lives in `node_modules/.cache/agentcore` (the usual place for tool caches);
 * `AGENTCORE_NO_CACHE=1` turns it off.
 */
const CACHE_DIR = path.join(PROJECT_ROOT, "node_modules", ".cache", "agentcore");

/** `compute()`'s result, from the cache when `inputs` and `codeVersion` were seen before. */
export function cached<T>(kind: string, inputs: unknown, codeVersion: string, compute: () => T): T {
  if (process.env.AGENTCORE_NO_CACHE) return compute();
  const key = createHash("sha256").update(codeVersion).update(kind).update(JSON.stringify(inputs)).digest("hex");
  const file = path.join(CACHE_DIR, `${kind}-${key}.json`);
  if (fs.existsSync(file)) {
    try {
      return JSON.parse(fs.readFileSync(file, "utf8")) as T;
    } catch {
      // A damaged entry (a run killed while writing it, a full disk) is computed again.
    }
  }
  const result = compute();
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(`${file}.${process.pid}`, JSON.stringify(result ?? null));
    fs.renameSync(`${file}.${process.pid}`, file);
  } catch {
    // A read-only node_modules only costs speed.
  }
  return result;
}

/** The hash of every file under `dirs` (relative to the project) and of the given files. */
export function codeHash(dirs: readonly string[], files: readonly string[] = []): string {
  const hash = createHash("sha256");
  const walk = (rel: string) => {
    const full = path.join(PROJECT_ROOT, rel);
    for (const entry of fs.readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else hash.update(child).update(fs.readFileSync(path.join(PROJECT_ROOT, child)));
    }
  };
  for (const d of dirs) walk(d);
  for (const f of files) hash.update(f).update(fs.readFileSync(path.join(PROJECT_ROOT, f)));
  return hash.digest("hex");
}

/**
 * The SHA-256 of each of `files` and of every file under `dirs` (recursively, symlinks followed),
 * by path; undefined when one cannot be read (missing, a directory where a file is expected).
 */
export function fileHashes(files: readonly string[], dirs: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const add = (file: string) => (out[file] = createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      if (fs.statSync(full).isDirectory()) walk(full);
      else add(full);
    }
  };
  try {
    files.forEach(add);
    dirs.filter((d) => fs.existsSync(d)).forEach(walk);
    return out;
  } catch {
    return undefined;
  }
}
