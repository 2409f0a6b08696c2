import * as fs from "node:fs";
import * as path from "node:path";
import type { SynthResult } from "../../app/synthesize";

export const ROOT = path.resolve(__dirname, "..", "..");

/**
 * The tests' own projects (configuration and blueprints), so that replacing the shipped example in
 * `config/` and `blueprints/` never breaks a test; only `example.test.ts` reads those.
 */
export const FIXTURES = {
  project: path.join(ROOT, "__tests__", "fixtures", "project"),
  capabilities: path.join(ROOT, "__tests__", "fixtures", "capabilities"),
  targets: path.join(ROOT, "__tests__", "fixtures", "targets-project"),
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** Where the global setup says it left its work (a JSON file), for the workers. */
export const SHARED_ENV = "AGENTCORE_TEST_SHARED";

export interface SynthesizedFixture {
  readonly dir: string;
  readonly result: SynthResult;
  readonly warnings: string[];
}

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { filename: string };
}

/** `terraform validate` of every stack, module and example at once, by the child module that holds it. */
export interface SharedValidation {
  readonly skipped?: string;
  readonly awsVersion?: string;
  readonly byChild: Record<string, Diagnostic[]>;
}

export interface SharedSynthesis {
  readonly root: string;
  readonly fixtures: Record<string, SynthesizedFixture>;
  validation: SharedValidation | undefined;
}

let shared: SharedSynthesis | undefined;

/** What the global setup prepared; undefined when a suite runs without it. */
export function sharedSynthesis(): SharedSynthesis | undefined {
  if (shared) return shared;
  const file = process.env[SHARED_ENV];
  if (!file || !fs.existsSync(file)) return undefined;
  shared = JSON.parse(fs.readFileSync(file, "utf8")) as SharedSynthesis;
  return shared;
}
