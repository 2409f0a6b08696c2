/**
 * Phase timings of a synthesis, printed to stderr when `AGENTCORE_TIMINGS=1` (used to profile
 * what a run spends its time on; `npm run bench` reports the whole process).
 */
import { performance } from "node:perf_hooks";

const ENABLED = Boolean(process.env.AGENTCORE_TIMINGS);
const phases: [string, number][] = [];

/** `fn()`, timed as `name` when timings are on. */
export function phase<T>(name: string, fn: () => T): T {
  if (!ENABLED) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    phases.push([name, performance.now() - start]);
  }
}

/** Prints the phases and the time spent loading code before the first of them. */
export function printTimings(): void {
  if (!ENABLED) return;
  const total = performance.now();
  const measured = phases.reduce((n, [, ms]) => n + ms, 0);
  const lines = [...phases, ["other (module loading, process start)", total - measured] as [string, number]].map(
    ([name, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${name}`,
  );
  process.stderr.write(`${lines.join("\n")}\n${total.toFixed(1).padStart(7)} ms  total\n`);
}
