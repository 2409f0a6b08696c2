/**
 * Plan-time cost of strict structured inputs (docs/adr/0010-strict-module-inputs.md):
 * `npm run bench:strict-inputs` (options: --runs N, --sizes 50,500).
 *
 * For N agents like the capabilities fixture's `scribe` (every capability: memory with six
 * strategies, an authorizer, a VPC, a lifecycle), it plans provider-free roots of the agents
 * module's inputs alone and reports the median wall time of `terraform plan`:
 * - "typed" — the variable typed `map(object)` with its value checks, as before strict inputs
 *   (the `modules/inputs` child called directly);
 * - "key check" — the `any` variable with the allowed-key and scalar checks alone;
 * - "strict" — what the module does now: the checks, then the conversion and value checks in the child.
 * "strict" minus "typed" is what strictness costs a plan.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "cdktf";
import { parse } from "yaml";
import { ModuleStack } from "../lib/hosts/module-stack";
import type { ModuleDefinition } from "../lib/hosts/module-definition";
import type { InputTable } from "../lib/module-io";
import { moduleFiles } from "../lib/synth/emitter";
import { AGENTS_MODULE } from "../modules/agents";

const ROOT = path.join(__dirname, "..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg("runs", "3"));
const SIZES = arg("sizes", "50,500").split(",").map(Number);

type Json = Record<string, any>;

function agentsModuleFiles(): Record<string, Json> {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-bench-")), stackTraces: false });
  const stack = new ModuleStack(app, AGENTS_MODULE as ModuleDefinition<InputTable, any, any>, {});
  return { ...moduleFiles(stack), ...stack.childFiles };
}

function agents(count: number): Json {
  const scribe = parse(
    fs.readFileSync(path.join(ROOT, "__tests__/fixtures/capabilities/blueprints/agents/scribe.yaml"), "utf8"),
  );
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const key = `agent-${String(i).padStart(3, "0")}`;
      return [key, { ...scribe, key }];
    }),
  );
}

/** A root calling `./m` with the agents from a tfvars file; `m` holds the given files. */
function root(files: Record<string, Json>, count: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-bench-"));
  const write = (file: string, body: Json) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), JSON.stringify(body));
  };
  for (const [file, body] of Object.entries(files)) write(`m/${file}`, body);
  write("main.tf.json", {
    variable: { agents: { type: "any" } },
    module: { agents: { source: "./m", agents: "${var.agents}", name_prefix: "acme", environment: "dev" } },
  });
  write("terraform.tfvars.json", { agents: agents(count) });
  const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (init.status !== 0) throw new Error(`terraform init failed in ${dir}:\n${init.stdout}\n${init.stderr}`);
  return dir;
}

function medianPlan(dir: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync("terraform", ["plan", "-input=false", "-no-color", "-refresh=false"], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`terraform plan failed in ${dir}:\n${r.stdout}\n${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function main(): void {
  const files = agentsModuleFiles();
  const { variable } = files["variables.tf.json"];
  const naming = { name_prefix: variable.name_prefix, environment: variable.environment };
  const child = Object.fromEntries(
    Object.entries(files)
      .filter(([f]) => f.startsWith("modules/inputs/"))
      .map(([f, body]) => [f.replace("modules/inputs/", ""), body]),
  );
  const keyCheck = { "variables.tf.json": { variable: { ...naming, agents: variable.agents } } };
  const strict = { ...keyCheck, "inputs.tf.json": files["inputs.tf.json"], ...childFilesOf(files) };
  const subjects: [string, Record<string, Json>][] = [
    ["typed", child],
    ["key check", keyCheck],
    ["strict", strict],
  ];
  console.log(`terraform plan, provider-free, median of ${RUNS} (seconds)`);
  console.log(["agents", ...subjects.map(([s]) => s), "strict - typed"].join("\t"));
  for (const count of SIZES) {
    const t = subjects.map(([, f]) => medianPlan(root(f, count)));
    console.log([count, ...t.map((x) => x.toFixed(2)), (t[2] - t[0]).toFixed(2)].join("\t"));
  }
}

const childFilesOf = (files: Record<string, Json>) =>
  Object.fromEntries(Object.entries(files).filter(([f]) => f.startsWith("modules/inputs/")));

main();
