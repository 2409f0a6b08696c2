import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type SynthResult, synthesize } from "../../app/synthesize";

export const ROOT = path.resolve(__dirname, "..", "..");
/**
 * The tests' own project (configuration and blueprints), so that replacing the shipped example
 * in `config/` and `blueprints/` never breaks a test; only `example.test.ts` reads those.
 */
export const FIXTURE = path.join(ROOT, "__tests__", "fixtures", "project");

export type Json = Record<string, any>;

export interface Synthesized extends SynthResult {
  readonly dir: string;
  stack(name: string): Json;
  manifest(): Json;
  /** Every `*.tf.json` of a module folder merged, as Terraform reads it, plus the file names. */
  module(name: string): { files: string[]; merged: Json; file(name: string): Json; tree(): Record<string, Json> };
}

/** A scratch copy of a project folder (default: the fixture project), to edit freely. */
export function scratchProject(from = FIXTURE): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-test-"));
  fs.cpSync(path.join(from, "config"), path.join(dir, "config"), { recursive: true });
  fs.cpSync(path.join(from, "blueprints"), path.join(dir, "blueprints"), { recursive: true });
  return dir;
}

/** Warnings synthesis printed, collected instead of printed. */
export const warnings: string[] = [];

export function synthProject(
  dir = scratchProject(),
  envFile = path.join(dir, "config", "environments", "example.yaml"),
): Synthesized {
  const result = synthesize({
    rootDir: dir,
    envFile,
    outdir: path.join(dir, "cdktf.out"),
    modulesDir: path.join(dir, "dist", "modules"),
    warn: (m) => warnings.push(m),
  });
  return readSynthesized(dir, result);
}

export function readSynthesized(dir: string, result: SynthResult): Synthesized {
  const readJson = (f: string) => JSON.parse(fs.readFileSync(f, "utf8"));
  return {
    ...result,
    dir,
    stack: (name) => readJson(path.join(result.outdir, "stacks", name, "cdk.tf.json")),
    manifest: () => readJson(path.join(result.outdir, "manifest.json")),
    module: (name) => {
      const mdir = path.join(result.modulesDir, name);
      const files = fs
        .readdirSync(mdir)
        .filter((f) => f.endsWith(".tf.json"))
        .sort();
      const merged: Json = {};
      for (const f of files) deepMerge(merged, readJson(path.join(mdir, f)));
      const tree = () => {
        const all: Record<string, Json> = {};
        for (const e of fs.readdirSync(mdir, { recursive: true }) as string[]) {
          if (e.endsWith(".tf.json")) all[e] = readJson(path.join(mdir, e));
        }
        return all;
      };
      return { files, merged, file: (f: string) => readJson(path.join(mdir, f)), tree };
    },
  };
}

function deepMerge(target: Json, source: Json): void {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === "object" && !Array.isArray(v) && target[k] && typeof target[k] === "object")
      deepMerge(target[k], v);
    else target[k] = v;
  }
}

/**
 * Every file under `dir` with its content, to prove a failed run changed nothing. Symbolic links
 * are followed: `cdktf.out` and `dist/modules` are links into the live output generation.
 */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const child = path.join(rel, name);
      const stat = fs.statSync(path.join(dir, child), { throwIfNoEntry: false });
      if (stat?.isDirectory()) walk(child);
      else if (stat?.isFile()) out[child] = fs.readFileSync(path.join(dir, child), "utf8");
    }
  };
  if (fs.existsSync(dir)) walk("");
  return out;
}

/** The statements of a JSON policy string, parsed (Terraform interpolations stay as text). */
export function statements(policy: string): Json[] {
  return JSON.parse(policy).Statement;
}
