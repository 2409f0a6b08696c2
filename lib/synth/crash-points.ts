/**
 * Every point of the output switch (lib/synth/atomic-output.ts) where a kill must lose nothing,
 * in the order a run passes them. `AGENTCORE_CRASH_AT=<point>` makes synthesis kill itself with
 * SIGKILL there; `__tests__/atomic-output.test.ts` does so at each point and checks that the
 * output is the complete old or the complete new pair, that no Terraform state file is lost and
 * that the next run repairs everything.
 *
 * `layout` is the starting point that reaches the point: `generations` is a project synthesized
 * by this version, `legacy` one whose `cdktf.out/` and `dist/modules/` are real folders written
 * by an earlier version (migrated once, in the steps marked legacy).
 */
export const CRASH_POINTS = {
  "lock-taken": { layout: "generations", after: "the lock file is created" },
  "generation-written": {
    layout: "generations",
    after: "the new generation is complete and checked, before anything live is touched",
  },
  "legacy-modules-moved": {
    layout: "legacy",
    after: "the real dist/modules folder is moved into the legacy generation",
  },
  "legacy-out-moved": {
    layout: "legacy",
    after: "the real cdktf.out folder is renamed to the legacy generation's stacks folder",
  },
  "legacy-switched": { layout: "legacy", after: "current points at the legacy generation, before the links exist" },
  "legacy-linked": {
    layout: "legacy",
    after: "cdktf.out and dist/modules are links through current to the legacy generation",
  },
  "working-files-linked": {
    layout: "generations",
    after: "the live stacks' .terraform/, lock and state files are hard-linked into the new generation",
  },
  "leftovers-moved": {
    layout: "generations",
    after: "working files left by interrupted runs are moved into the new generation",
  },
  "switch-link-created": { layout: "generations", after: "the new current link exists under a temporary name" },
  switched: { layout: "generations", after: "the rename of the new link over current: the one switch" },
  "links-placed": { layout: "generations", after: "cdktf.out and dist/modules are (still) the links through current" },
  "old-stacks-removed": {
    layout: "generations",
    after: "the previous generation's stacks folder is removed, before its modules",
  },
  "leftovers-removed": { layout: "generations", after: "every leftover is removed, before the lock is released" },
  unlocked: { layout: "generations", after: "the lock file is removed" },
} as const satisfies Record<string, { layout: "generations" | "legacy"; after: string }>;

export type CrashPoint = keyof typeof CRASH_POINTS;

/** Kills this process with SIGKILL when `AGENTCORE_CRASH_AT` names `point` (tests only). */
export function crashPoint(point: CrashPoint): void {
  if (process.env.AGENTCORE_CRASH_AT !== point) return;
  process.kill(process.pid, "SIGKILL");
  // SIGKILL is delivered before kill() returns; never run on if it were not.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
