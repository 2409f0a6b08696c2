import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { synthesize } from "../app/synthesize";
import type { Rule } from "../lib/rules/rule";
import { outputLayout, outputLeftovers } from "../lib/synth/atomic-output";
import { CRASH_POINTS, type CrashPoint } from "../lib/synth/crash-points";
import { processStart } from "../lib/synth/output-lock";
import { ROOT, scratchProject, snapshotTree } from "./helpers/synth";

/**
 * The output switch (lib/synth/atomic-output.ts, docs/adr/0007-atomic-output.md): `cdktf.out` and
 * `dist/modules` change together in one step, whenever synthesis is killed; no Terraform state
 * file is ever lost; one synthesis at a time writes an output; whatever a killed run left is
 * cleaned up by the next one. Synthesis runs as `npm run synth` does (`node bin/synth.js`).
 */

/**
 * The code under test, copied once (sharing this node_modules) as __tests__/launcher.test.ts does,
 * so that every run here synthesizes the same code while sources change around it.
 */
const CODE = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-atomic-code-"));
for (const entry of [
  "app",
  "lib",
  "modules",
  "bin",
  "main.ts",
  "package.json",
  "package-lock.json",
  "LICENSE",
  "tsconfig.json",
  "cdktf.json",
]) {
  fs.cpSync(path.join(ROOT, entry), path.join(CODE, entry), { recursive: true });
}
fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(CODE, "node_modules"));
const SYNTH = path.join(CODE, "bin", "synth.js");
const CLEAN_ENV = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["CDKTF_OUTDIR", "AGENTCORE_CRASH_AT", "AGENTCORE_LOCK_WAIT_SECONDS", "AGENTCORE_ENV"].includes(k),
  ),
);
const env = (dir: string, extra: NodeJS.ProcessEnv = {}) => ({ ...CLEAN_ENV, AGENTCORE_ROOT: dir, ...extra });

function synth(dir: string, extra: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [SYNTH], { cwd: dir, env: env(dir, extra), encoding: "utf8", timeout: 90_000 });
}

function synthAsync(
  dir: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SYNTH], { cwd: dir, env: env(dir, extra) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const ok = (r: { status: number | null; stdout: string; stderr: string }) => {
  if (r.status !== 0) throw new Error(`synthesis failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
};

const paths = (dir: string) => ({ outdir: path.join(dir, "cdktf.out"), modulesDir: path.join(dir, "dist", "modules") });
const STATE = JSON.stringify({ version: 4, serial: 7, lineage: "atomic-output-test", resources: [] });
/** Planted in the old generation's modules: tells old modules from new ones, which are otherwise the same. */
const MARKER = "OLD-GENERATION";
const STACK_TRACE = /\n\s+at .*:\d+/;

/**
 * What synthesis wrote into a tree (Terraform's working files and the marker left out);
 * undefined when it is missing.
 */
function generated(tree: string): Record<string, string> | undefined {
  if (!fs.existsSync(tree)) return undefined;
  const files = snapshotTree(tree);
  return Object.fromEntries(
    Object.entries(files).filter(
      ([f]) => !/(^|\/)(\.terraform(\/|\.lock\.hcl$)|terraform\.tfstate)/.test(f) && f !== MARKER,
    ),
  );
}

/** Every file named `name` under `dir` (links not followed), by inode: two names of one file count once. */
function copiesOf(dir: string, name: string): { paths: string[]; inodes: Set<number> } {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.isFile() && e.name === name) found.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return { paths: found, inodes: new Set(found.map((f) => fs.statSync(f).ino)) };
}

function changeBlueprint(dir: string): void {
  const file = path.join(dir, "blueprints", "agents", "research.yaml");
  fs.writeFileSync(
    file,
    fs.readFileSync(file, "utf8").replace(/^description: .+$/m, "description: Changed by the atomic output test."),
  );
}

const copy = (from: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-atomic-"));
  fs.cpSync(from, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
};

/** `from` as an earlier version left it: real `cdktf.out/` and `dist/modules/` folders, no generations. */
function legacyCopy(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-legacy-"));
  for (const entry of ["config", "blueprints"])
    fs.cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true });
  fs.cpSync(path.join(from, "cdktf.out"), path.join(dir, "cdktf.out"), { recursive: true, dereference: true });
  fs.cpSync(path.join(from, "dist", "modules"), path.join(dir, "dist", "modules"), {
    recursive: true,
    dereference: true,
  });
  expect(fs.lstatSync(path.join(dir, "cdktf.out")).isDirectory()).toBe(true);
  return dir;
}

let base: string;
let oldOut: Record<string, string>;
let newOut: Record<string, string>;
let modules: Record<string, string>;

beforeAll(() => {
  // A project synthesized once, with Terraform's working files in its stacks and the marker in its modules.
  base = scratchProject();
  ok(synth(base));
  fs.writeFileSync(path.join(base, "cdktf.out", "stacks", "state", "terraform.tfstate"), STATE);
  fs.mkdirSync(path.join(base, "cdktf.out", "stacks", "platform", ".terraform", "providers"), { recursive: true });
  fs.writeFileSync(
    path.join(base, "cdktf.out", "stacks", "platform", ".terraform", "providers", "installed"),
    "provider",
  );
  fs.writeFileSync(path.join(base, "cdktf.out", "stacks", "platform", ".terraform.lock.hcl"), "# lock");
  fs.writeFileSync(path.join(base, "dist", "modules", MARKER), "");
  oldOut = generated(path.join(base, "cdktf.out"))!;
  // What the changed blueprint synthesizes to.
  const reference = copy(base);
  changeBlueprint(reference);
  ok(synth(reference));
  newOut = generated(path.join(reference, "cdktf.out"))!;
  modules = generated(path.join(reference, "dist", "modules"))!;
  expect(newOut).not.toEqual(oldOut);
  expect(Object.keys(modules).length).toBeGreaterThan(20);
}, 120_000);

/** After a kill: each tree the complete old or new one, both of the same generation, the state file once. */
function expectConsistent(dir: string, missingAllowed: boolean): void {
  const out = generated(path.join(dir, "cdktf.out"));
  const mods = generated(path.join(dir, "dist", "modules"));
  if (!missingAllowed) {
    expect(out).toBeDefined();
    expect(mods).toBeDefined();
  }
  if (out) expect([oldOut, newOut]).toContainEqual(out);
  if (mods) expect(mods).toEqual(modules);
  if (out && mods) {
    const stacks = JSON.stringify(out) === JSON.stringify(oldOut) ? "old" : "new";
    expect({ stacks, modules: fs.existsSync(path.join(dir, "dist", "modules", MARKER)) ? "old" : "new" }).toEqual({
      stacks,
      modules: stacks,
    });
  }
  const state = copiesOf(dir, "terraform.tfstate");
  expect(state.inodes.size).toBe(1);
  expect(fs.readFileSync(state.paths[0], "utf8")).toBe(STATE);
  if (out)
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "state", "terraform.tfstate"), "utf8")).toBe(STATE);
}

/** After a normal run: the new output, the working files in place, nothing left behind. */
function expectRepaired(dir: string): void {
  expect(fs.lstatSync(path.join(dir, "cdktf.out")).isSymbolicLink()).toBe(true);
  expect(fs.lstatSync(path.join(dir, "dist", "modules")).isSymbolicLink()).toBe(true);
  expect(generated(path.join(dir, "cdktf.out"))).toEqual(newOut);
  expect(generated(path.join(dir, "dist", "modules"))).toEqual(modules);
  expect(fs.existsSync(path.join(dir, "dist", "modules", MARKER))).toBe(false);
  const state = copiesOf(dir, "terraform.tfstate");
  expect(state.paths).toEqual([fs.realpathSync(path.join(dir, "cdktf.out", "stacks", "state", "terraform.tfstate"))]);
  expect(fs.readFileSync(state.paths[0], "utf8")).toBe(STATE);
  expect(
    fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "platform", ".terraform", "providers", "installed"), "utf8"),
  ).toBe("provider");
  expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "platform", ".terraform.lock.hcl"), "utf8")).toBe(
    "# lock",
  );
  expect(outputLeftovers(paths(dir))).toEqual([]);
  expect(fs.existsSync(outputLayout(paths(dir)).rescued)).toBe(false);
  expect(fs.readdirSync(dir).filter((f) => f.includes(".next-") || f.includes(".prev-"))).toEqual([]);
}

const POINTS = Object.entries(CRASH_POINTS) as [CrashPoint, (typeof CRASH_POINTS)[CrashPoint]][];
/**
 * Each crash point costs two synthesis processes (≈ 5 s). `npm test` kills synthesis around its one
 * switch in each layout; `npm run test:slow` (AGENTCORE_SLOW_TESTS=1) kills it at every point.
 */
const SLOW = process.env.AGENTCORE_SLOW_TESTS === "1";
const QUICK_POINTS: readonly CrashPoint[] = ["switch-link-created", "switched", "legacy-switched"];
const RUN_POINTS = POINTS.filter(([point]) => SLOW || QUICK_POINTS.includes(point));
if (!SLOW)
  console.log(
    `atomic-output: ${RUN_POINTS.length} of ${POINTS.length} crash points run here; all of them in npm run test:slow`,
  );
/** A test of the slow tier: registered only under `npm run test:slow`, so it is never reported as passed here. */
const slowTest = SLOW ? test : () => undefined;

describe("killed at every point of the switch", () => {
  test("the table lists exactly the points the code names (each test below checks that its run died there)", () => {
    const source = fs.readFileSync(path.join(CODE, "lib", "synth", "atomic-output.ts"), "utf8");
    const named = [...source.matchAll(/crashPoint\("([a-z-]+)"\)|switchTo\([^,()]+, "([a-z-]+)"\)/g)].map(
      (m) => m[1] ?? m[2],
    );
    expect(named.sort()).toEqual(POINTS.map(([p]) => p).sort());
  });

  test.each(RUN_POINTS.filter(([, p]) => p.layout === "generations"))(
    "%s: the old or the new pair, the state kept, then repaired",
    (point) => {
      const dir = copy(base);
      changeBlueprint(dir);
      const killed = synth(dir, { AGENTCORE_CRASH_AT: point });
      expect([killed.signal, killed.stderr]).toEqual(["SIGKILL", expect.not.stringMatching(STACK_TRACE)]);
      expectConsistent(dir, false);
      ok(synth(dir));
      expectRepaired(dir);
    },
  );

  test.each(RUN_POINTS.filter(([, p]) => p.layout === "legacy"))(
    "%s (migrating real folders): nothing lost, then repaired",
    (point) => {
      const dir = legacyCopy(base);
      changeBlueprint(dir);
      const killed = synth(dir, { AGENTCORE_CRASH_AT: point });
      expect(killed.signal).toBe("SIGKILL");
      // A folder cannot become a link in one step: for an instant during the one-time migration a path is missing.
      expectConsistent(dir, true);
      ok(synth(dir));
      expectRepaired(dir);
    },
  );
});

describe("migration from real output folders of an earlier version", () => {
  test("keeps state and working files, moves back state a killed earlier run left aside, removes its leftovers", () => {
    const dir = legacyCopy(base);
    // What the previous version's replaceDir left when killed after moving the platform state into its staging folder.
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    const staged = path.join(dir, `cdktf.out.next-${dead}`);
    fs.mkdirSync(path.join(staged, "stacks", "platform"), { recursive: true });
    fs.writeFileSync(path.join(staged, "stacks", "platform", "terraform.tfstate"), "platform state");
    fs.mkdirSync(path.join(dir, "dist", `modules.prev-${dead}`, "agents"), { recursive: true });
    const tmpScratch = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-modules-"));
    fs.mkdirSync(path.join(tmpScratch, "stacks"));

    ok(synth(dir));
    expect(fs.readlinkSync(path.join(dir, "cdktf.out"))).toBe(path.join(".agentcore", "cdktf.out", "current", "out"));
    expect(fs.readlinkSync(path.join(dir, "dist", "modules"))).toBe(
      path.join("..", ".agentcore", "cdktf.out", "current", "modules"),
    );
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "state", "terraform.tfstate"), "utf8")).toBe(STATE);
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "platform", "terraform.tfstate"), "utf8")).toBe(
      "platform state",
    );
    expect(fs.existsSync(staged)).toBe(false);
    expect(fs.existsSync(tmpScratch)).toBe(false);
    expect(fs.readdirSync(path.join(dir, "dist"))).toEqual(["modules"]);
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });

  test("refuses a real folder that synthesis did not write, and changes nothing", () => {
    const dir = copy(base);
    fs.rmSync(path.join(dir, "cdktf.out"));
    fs.mkdirSync(path.join(dir, "cdktf.out"));
    fs.writeFileSync(path.join(dir, "cdktf.out", "notes.txt"), "mine");
    const r = synth(dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `${path.join(dir, "cdktf.out")} is a folder that synthesis did not write (it has no manifest.json)`,
    );
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "notes.txt"), "utf8")).toBe("mine");
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });
});

describe("state files a killed run left are never deleted", () => {
  const leftoverGeneration = (dir: string, files: Record<string, string>) => {
    const layout = outputLayout(paths(dir));
    const id = `${Date.now() - 60_000}-1-1`;
    fs.mkdirSync(layout.generation(id), { recursive: true });
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(layout.stacks(id), file)), { recursive: true });
      fs.writeFileSync(path.join(layout.stacks(id), file), text);
    }
    return layout.stacks(id);
  };

  test("one the live output lacks is moved to where it belongs", () => {
    const dir = copy(base);
    leftoverGeneration(dir, { "stacks/agents/terraform.tfstate": "agents state", "manifest.json": "{}" });
    const r = ok(synth(dir));
    expect(r.stderr).not.toContain("kept Terraform state");
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "agents", "terraform.tfstate"), "utf8")).toBe(
      "agents state",
    );
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });

  test("one that differs from the live output's is kept aside and reported", () => {
    const dir = copy(base);
    const stale = leftoverGeneration(dir, { "stacks/state/terraform.tfstate": "another state" });
    const r = ok(synth(dir));
    const rescued = outputLayout(paths(dir)).rescued;
    const kept = copiesOf(rescued, "terraform.tfstate").paths;
    expect(kept).toHaveLength(1);
    expect(fs.readFileSync(kept[0], "utf8")).toBe("another state");
    expect(r.stderr).toContain(
      `kept Terraform state ${path.join(stale, "stacks", "state", "terraform.tfstate")} as ${kept[0]}`,
    );
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "state", "terraform.tfstate"), "utf8")).toBe(STATE);
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });

  const linux = fs.existsSync("/proc/self/cwd");
  (linux ? test : test.skip)(
    "a previous generation a process works in (terraform) is kept without its configuration until it is free",
    async () => {
      const dir = copy(base);
      const busy = fs.realpathSync(path.join(dir, "cdktf.out"));
      const worker = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], {
        cwd: path.join(busy, "stacks", "state"),
      });
      try {
        const r = ok(synth(dir));
        expect(r.stderr).toContain(`kept ${busy} without its configuration: PID ${worker.pid}`);
        expect(fs.existsSync(path.join(busy, "stacks", "state", "cdk.tf.json"))).toBe(false);
        expect(fs.readFileSync(path.join(busy, "stacks", "state", "terraform.tfstate"), "utf8")).toBe(STATE);
      } finally {
        await stop(worker);
      }
      ok(synth(dir));
      expect(fs.existsSync(busy)).toBe(false);
      expect(outputLeftovers(paths(dir))).toEqual([]);
    },
  );
});

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

describe("one synthesis at a time", () => {
  const holdLock = (dir: string, pid: number, start = processStart(pid)) => {
    const lock = outputLayout(paths(dir)).lockFile;
    fs.writeFileSync(
      lock,
      JSON.stringify({ pid, host: os.hostname(), since: new Date().toISOString(), processStart: start }),
    );
    return lock;
  };

  test("synthesis started together on one project: each waits its turn, none fails, output is complete", async () => {
    const dir = copy(base);
    changeBlueprint(dir);
    const runs = await Promise.all([0, 1, 2, 3].map(() => synthAsync(dir)));
    for (const r of runs) {
      expect([r.code, r.stderr]).toEqual([0, expect.not.stringMatching(/ENOTEMPTY|EEXIST|ENOENT/)]);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
    // Four at once on two cores: some of them met the lock held.
    expect(runs.filter((r) => r.stderr.includes("waiting up to 30 s for another synthesis")).length).toBeGreaterThan(0);
    expectRepaired(dir);
  });

  test("a live process's lock: stops after the wait with the lock file and the PID, output untouched", async () => {
    const dir = copy(base);
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      const lock = holdLock(dir, holder.pid!);
      const before = { out: snapshotTree(path.join(dir, "cdktf.out")), dist: snapshotTree(path.join(dir, "dist")) };
      const r = synth(dir, { AGENTCORE_LOCK_WAIT_SECONDS: "1" });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("Synthesis stopped; the previous output is unchanged.");
      expect(r.stderr).toContain(`Another synthesis holds the output lock ${lock} (PID ${holder.pid}, since `);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect({ out: snapshotTree(path.join(dir, "cdktf.out")), dist: snapshotTree(path.join(dir, "dist")) }).toEqual(
        before,
      );
      expect(outputLeftovers(paths(dir))).toEqual([lock]);
    } finally {
      await stop(holder);
    }
    // Its holder is gone now: the lock is taken over.
    const r = ok(synth(dir));
    expect(r.stderr).toContain(
      `took over the output lock ${outputLayout(paths(dir)).lockFile} from PID ${holder.pid}, which is no longer ` +
        "running",
    );
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });

  test("waits for a holder that finishes within the wait, then synthesizes", async () => {
    const dir = copy(base);
    changeBlueprint(dir);
    // Long enough to outlive the synthesis's start on a loaded machine (two jest workers).
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 4000)"]);
    holdLock(dir, holder.pid!);
    const started = Date.now();
    // Run asynchronously, so that this process reaps the holder when it exits.
    const r = await synthAsync(dir);
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect(r.stderr).toContain(`waiting up to 30 s for another synthesis (PID ${holder.pid})`);
    expectRepaired(dir);
  });

  test("a stale lock is taken over: a dead PID, a PID reused by another program, a lock left half-written", () => {
    const dir = copy(base);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    holdLock(dir, dead);
    expect(ok(synth(dir)).stderr).toContain(`from PID ${dead}, which is no longer running`);
    if (fs.existsSync("/proc/self/stat")) {
      // This test's own process runs, but did not start when the lock says.
      holdLock(dir, process.pid, "1");
      expect(ok(synth(dir)).stderr).toContain(`from PID ${process.pid}, which is no longer running`);
    }
    const lock = outputLayout(paths(dir)).lockFile;
    fs.writeFileSync(lock, "");
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, old, old);
    expect(ok(synth(dir)).stderr).toContain("from a half-written lock");
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });
});

describe("the previous guarantees and the readers of the output", () => {
  test("a synthesis that fails its checks after writing the new generation leaves everything as it was", () => {
    const dir = copy(base);
    const before = {
      out: snapshotTree(path.join(dir, "cdktf.out")),
      dist: snapshotTree(path.join(dir, "dist")),
      links: fs.readlinkSync(outputLayout(paths(dir)).current),
    };
    const always: Rule = {
      id: "TEST1",
      title: "always fails",
      why: "test",
      fix: "none",
      check: () => [{ resource: "x", message: "fails" }],
    };
    expect(() => synthesize({ rootDir: dir, ...paths(dir), rules: [always], warn: () => undefined })).toThrow(
      "[TEST1]",
    );
    expect({
      out: snapshotTree(path.join(dir, "cdktf.out")),
      dist: snapshotTree(path.join(dir, "dist")),
      links: fs.readlinkSync(outputLayout(paths(dir)).current),
    }).toEqual(before);
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });

  test("a stack's relative paths still reach the project root: the state stack's local backend", () => {
    const dir = copy(base);
    const backend = JSON.parse(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "state", "cdk.tf.json"), "utf8"))
      .terraform.backend.local.path;
    // Terraform resolves it from the folder it runs in, as the kernel does: through the links, from the real folder.
    ok(
      spawnSync(process.execPath, ["-e", `require("fs").writeFileSync(${JSON.stringify(backend)}, "probe")`], {
        cwd: path.join(dir, "cdktf.out", "stacks", "state"),
        encoding: "utf8",
      }),
    );
    expect(fs.readFileSync(path.join(dir, path.basename(backend)), "utf8")).toBe("probe");
  });

  slowTest("`cdktf synth` reads the output through the links and leaves them in place", () => {
    const dir = copy(base);
    const cdktf = path.join(ROOT, "node_modules", ".bin", "cdktf");
    const r = spawnSync(cdktf, ["synth", "--output", path.join(dir, "cdktf.out")], {
      cwd: CODE,
      encoding: "utf8",
      env: { ...env(dir), CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" },
      timeout: 120_000,
    });
    ok(r);
    expect(fs.lstatSync(path.join(dir, "cdktf.out")).isSymbolicLink()).toBe(true);
    expect(generated(path.join(dir, "cdktf.out"))).toEqual(oldOut);
    expect(fs.readFileSync(path.join(dir, "cdktf.out", "stacks", "state", "terraform.tfstate"), "utf8")).toBe(STATE);
    expect(outputLeftovers(paths(dir))).toEqual([]);
  });
});
