import * as path from "node:path";
import { cached as cachedResult, codeHash } from "../cache";

let codeVersion: string | undefined;
/** What a Cedar check's result depends on besides its inputs: this folder's code and cedar-wasm. */
function version(): string {
  return (codeVersion ??= codeHash(
    [path.join("lib", "cedar")],
    [path.join("node_modules", "@cedar-policy", "cedar-wasm", "package.json")],
  ));
}

/**
 * A Cedar check's result, from the cache when its inputs (policy texts, schema, options) were
 * checked before by the same code: instantiating cedar-wasm alone costs about a quarter of a
 * second, and the inputs rarely change. Only passed checks are cached (a failed check throws).
 */
export function cached<T>(kind: string, inputs: unknown, compute: () => T): T {
  return cachedResult(`cedar-${kind}`, inputs, version(), compute);
}

/** cedar-wasm, loaded on first use only. */
export function cedarWasm(): typeof import("@cedar-policy/cedar-wasm/nodejs") {
  return require("@cedar-policy/cedar-wasm/nodejs");
}
