import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultEnvFile, synthesize } from "../app/synthesize";
import { outputLeftovers } from "../lib/synth/atomic-output";
import { ROOT, scratchProject, snapshotTree, synthProject } from "./helpers/synth";
import { type BadInput, ENV } from "./bad-inputs/edits";
import { CATALOGUE as FIRST } from "./bad-inputs/catalogue";
import { CATALOGUE as FILES } from "./bad-inputs/files";
import { ACCEPTED, CATALOGUE as NAMES } from "./bad-inputs/names";
import { CATALOGUE as CEDAR } from "./bad-inputs/cedar";
import { CATALOGUE as WORKFLOWS } from "./bad-inputs/workflows";
import { CATALOGUE as TARGETS } from "./bad-inputs/targets";
import { ACCEPTED as SECRETS_ACCEPTED, CATALOGUE as SECRETS } from "./bad-inputs/secrets";

/**
 * The bad-input catalogue: every kind of mistake a user can make in configuration, agent
 * blueprints, gateway targets, workflow blueprints, Cedar policies and scenario files, each with
 * the exact message it must produce. After each, the previous output must be untouched.
 */
const CATALOGUE: BadInput[] = [...FIRST, ...FILES, ...NAMES, ...CEDAR, ...WORKFLOWS, ...TARGETS, ...SECRETS];

let base: string;
beforeAll(() => {
  base = scratchProject();
  synthProject(base);
});

/** A copy of the synthesized example project: configuration, blueprints and previous output. */
function copyOfBase(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-bad-"));
  // The links of the output stay relative, so they point into this copy.
  fs.cpSync(base, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

test("the catalogue covers every input kind, each case once", () => {
  expect(CATALOGUE.length).toBeGreaterThanOrEqual(161);
  expect(new Set(CATALOGUE.map((c) => c.area))).toEqual(
    new Set(["config", "agent", "target", "workflow", "cedar", "files"]),
  );
  const names = CATALOGUE.map((c) => `${c.area}: ${c.name}`);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

describe.each(CATALOGUE)("$area: $name", ({ edit, message, never }) => {
  test("stops synthesis with its message and leaves the previous output untouched", () => {
    const dir = copyOfBase();
    const before = { out: snapshotTree(path.join(dir, "cdktf.out")), dist: snapshotTree(path.join(dir, "dist")) };
    edit(dir);
    let error: unknown;
    try {
      synthesize({
        rootDir: dir,
        envFile: path.join(dir, ENV),
        outdir: path.join(dir, "cdktf.out"),
        modulesDir: path.join(dir, "dist", "modules"),
      });
    } catch (e) {
      error = e;
    }
    // A named input error, not a crash: it has no stack the user would see.
    expect(error).toBeDefined();
    expect((error as Error).constructor.name).toMatch(/^(InputErrors?|RuleViolations)$/);
    expect((error as Error).message).toContain(message);
    for (const secret of never ?? []) expect((error as Error).message).not.toContain(secret);
    expect(snapshotTree(path.join(dir, "cdktf.out"))).toEqual(before.out);
    expect(snapshotTree(path.join(dir, "dist"))).toEqual(before.dist);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".next-") || f.includes(".prev-"))).toEqual([]);
    // Nor a generation, lock or scratch folder of the output switch besides the live generation.
    expect(
      outputLeftovers({ outdir: path.join(dir, "cdktf.out"), modulesDir: path.join(dir, "dist", "modules") }),
    ).toEqual([]);
  });
});

test("the synth command prints the error without a stack trace and exits non-zero", () => {
  const { spawnSync } = require("node:child_process") as typeof import("child_process");
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, AGENTCORE_ROOT: scratchProject(), AGENTCORE_ENV: "no-such-environment" },
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("Synthesis stopped; the previous output is unchanged.");
  expect(r.stderr).toContain("config/environments/no-such-environment.yaml: (file): does not exist");
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
});

test("AGENTCORE_ENV leading outside config/environments is refused naming the variable", () => {
  const dir = copyOfBase();
  for (const name of ["../../outside", "/etc/passwd", "prod/eu"]) {
    let error: unknown;
    try {
      synthesize({ rootDir: dir, envFile: defaultEnvFile(dir, name), outdir: path.join(dir, "cdktf.out") });
    } catch (e) {
      error = e;
    }
    expect((error as Error).constructor.name).toBe("InputError");
    expect((error as Error).message).toContain(
      `AGENTCORE_ENV: (environment variable): is ${JSON.stringify(name)}, which leads outside ` +
        "config/environments/ (",
    );
    expect((error as Error).message).toContain("give the name of an environment file there, without .yaml: example");
  }
});

describe.each([...ACCEPTED, ...SECRETS_ACCEPTED])("accepted: $name", ({ edit }) => {
  test("synthesizes", () => {
    const dir = copyOfBase();
    edit(dir);
    expect(() =>
      synthesize({
        rootDir: dir,
        envFile: path.join(dir, ENV),
        outdir: path.join(dir, "cdktf.out"),
        modulesDir: path.join(dir, "dist", "modules"),
        warn: () => {},
      }),
    ).not.toThrow();
  });
});
