import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/**
 * Cedar checks are the slowest part of a synthesis (instantiating cedar-wasm alone costs about a
 * quarter of a second), and their inputs rarely change. A check that passed is remembered under
 * the hash of everything it read — policy texts, schema, options, the cedar-wasm version and this
 * folder's code — so an unchanged policy set is not checked again. Failures are never cached.
 *
 * The cache lives in `node_modules/.cache/agentcore-cedar` (the usual place for tool caches);
 * `AGENTCORE_NO_CACHE=1` turns it off.
 */
const CACHE_DIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "agentcore-cedar");

let codeVersion: string | undefined;
function version(): string {
  if (codeVersion === undefined) {
    const hash = createHash("sha256");
    for (const f of fs.readdirSync(__dirname).sort()) hash.update(fs.readFileSync(path.join(__dirname, f)));
    hash.update(fs.readFileSync(path.join(path.dirname(require.resolve("@cedar-policy/cedar-wasm/nodejs")), "package.json")));
    codeVersion = hash.digest("hex");
  }
  return codeVersion;
}

/** `compute()`'s result, from the cache when `inputs` were seen before and the check passed. */
export function cached<T>(kind: string, inputs: unknown, compute: () => T): T {
  if (process.env.AGENTCORE_NO_CACHE) return compute();
  const key = createHash("sha256").update(version()).update(kind).update(JSON.stringify(inputs)).digest("hex");
  const file = path.join(CACHE_DIR, `${kind}-${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as T;
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

/** cedar-wasm, loaded on first use only. */
export function cedarWasm(): typeof import("@cedar-policy/cedar-wasm/nodejs") {
  return require("@cedar-policy/cedar-wasm/nodejs");
}
