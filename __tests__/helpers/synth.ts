import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type SynthResult, synthesize } from "../../app/synthesize";
import { FIXTURES, type FixtureName, ROOT, type SynthesizedFixture, sharedSynthesis } from "./shared";

export { ROOT };
/** The tests' own project; see `FIXTURES`. */
export const FIXTURE = FIXTURES.project;

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

/**
 * A synthesized project. Without arguments: the fixture project as the global setup synthesized it
 * (shared by every suite: read it, never change it; to change a project, pass a `scratchProject`).
 */
export function synthProject(dir?: string, envFile?: string): Synthesized {
  if (dir === undefined && envFile === undefined) return fixtureSynth("project");
  const project = dir ?? scratchProject();
  const env = envFile ?? path.join(project, "config", "environments", "example.yaml");
  const result = synthesize({
    rootDir: project,
    envFile: env,
    outdir: path.join(project, "cdktf.out"),
    modulesDir: path.join(project, "dist", "modules"),
    warn: (m) => warnings.push(m),
  });
  return readSynthesized(project, result);
}

/** A fixture project synthesized once for the whole run (read-only), or here when run without the global setup. */
export function fixtureSynth(name: FixtureName): Synthesized {
  const shared = sharedSynthesis()?.fixtures[name];
  const fixture = shared ?? synthesizeInto(FIXTURES[name], fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-test-")));
  warnings.push(...fixture.warnings);
  return readSynthesized(fixture.dir, fixture.result);
}

/** Copies a project folder into `dir` and synthesizes it there. */
export function synthesizeInto(from: string, dir: string): SynthesizedFixture {
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(from, "config"), path.join(dir, "config"), { recursive: true });
  fs.cpSync(path.join(from, "blueprints"), path.join(dir, "blueprints"), { recursive: true });
  const collected: string[] = [];
  const result = synthesize({
    rootDir: dir,
    envFile: path.join(dir, "config", "environments", "example.yaml"),
    outdir: path.join(dir, "cdktf.out"),
    modulesDir: path.join(dir, "dist", "modules"),
    warn: (m) => collected.push(m),
  });
  return { dir, result, warnings: collected };
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
