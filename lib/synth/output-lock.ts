import * as fs from "node:fs";
import * as os from "node:os";

/**
 * The lock that lets one synthesis at a time write an output (lib/synth/atomic-output.ts): a file
 * created with O_EXCL (`wx`) that names the process holding it. A second synthesis waits for it
 * a bounded time, then stops with a message naming the file and the process. A lock whose process
 * is gone (killed, crashed, or its PID now belongs to another program) is taken over.
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lock (ISO 8601). */
  readonly since: string;
  /** The holder's start time in clock ticks after boot (Linux), which tells a reused PID apart. */
  readonly processStart?: string;
}

/** A synthesis stopped because another one holds the output; `main.ts` prints it without a stack. */
export class OutputLocked extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder | undefined,
    waitedMs: number,
  ) {
    const who = holder
      ? `PID ${holder.pid}${holder.host === os.hostname() ? "" : ` on host ${holder.host}`}, since ${holder.since}`
      : "a process that has not written its name yet";
    const advice =
      holder && holder.host !== os.hostname()
        ? `This machine cannot tell whether it still runs; remove ${lockFile} once it has finished.`
        : `If no synthesis is running, PID ${holder?.pid ?? "?"} is another program: remove ${lockFile} and run again.`;
    super(
      `Another synthesis holds the output lock ${lockFile} (${who}); ` +
        `waited ${Math.round(waitedMs / 1000)} s for it. ${advice}`,
    );
    this.name = "OutputLocked";
  }
}

/** How long a synthesis waits for another one: `AGENTCORE_LOCK_WAIT_SECONDS`, default 30. */
export function lockWaitMs(): number {
  const seconds = Number(process.env.AGENTCORE_LOCK_WAIT_SECONDS ?? 30);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 30_000;
}

/** A lock file that cannot be read as a holder is being written, or was left half-written by a kill. */
const UNREADABLE_LOCK_GRACE_MS = 5_000;

/**
 * Takes the lock `file` (its folder must exist), waiting up to `waitMs` for a live holder.
 * Returns the function that releases it.
 */
export function acquireLock(file: string, waitMs: number, warn: (message: string) => void): () => void {
  const me: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    processStart: processStart(process.pid),
  };
  const text = JSON.stringify(me);
  const start = Date.now();
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(file, "wx");
      try {
        fs.writeSync(fd, text);
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        // Only ever remove our own lock, never one that replaced it.
        if (readText(file) === text) fs.rmSync(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const seen = readLock(file);
    if (!seen) continue; // released in between: try again at once
    if (isStale(seen)) {
      if (takeOver(file, seen.text))
        warn(
          `took over the output lock ${file} from ${seen.holder ? `PID ${seen.holder.pid}` : "a half-written lock"}, ` +
            "which is no longer running",
        );
      continue;
    }
    const waited = Date.now() - start;
    if (waited >= waitMs) throw new OutputLocked(file, seen.holder, waited);
    if (!announced) {
      warn(
        `waiting up to ${Math.round(waitMs / 1000)} s for another synthesis ` +
          `(${seen.holder ? `PID ${seen.holder.pid}` : "starting"}) that holds ${file}`,
      );
      announced = true;
    }
    sleep(Math.min(100, waitMs - waited));
  }
}

interface SeenLock {
  readonly text: string;
  readonly holder: LockHolder | undefined;
  readonly ageMs: number;
}

function readLock(file: string): SeenLock | undefined {
  try {
    const text = fs.readFileSync(file, "utf8");
    const ageMs = Date.now() - fs.statSync(file).mtimeMs;
    let holder: LockHolder | undefined;
    try {
      const parsed = JSON.parse(text);
      if (Number.isInteger(parsed?.pid) && parsed.pid > 0 && typeof parsed.host === "string") holder = parsed;
    } catch {
      holder = undefined;
    }
    return { text, holder, ageMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function isStale(seen: SeenLock): boolean {
  const holder = seen.holder;
  if (!holder) return seen.ageMs > UNREADABLE_LOCK_GRACE_MS;
  // Another machine's process (a shared folder) cannot be checked from here.
  if (holder.host !== os.hostname()) return false;
  return !isRunning(holder.pid, holder.processStart);
}

/**
 * Removes a stale lock, unless another process took it over first: the lock is renamed aside and
 * compared with what was judged stale; a live lock caught that way is put back.
 */
function takeOver(file: string, staleText: string): boolean {
  const aside = `${file}.stale-${process.pid}`;
  try {
    fs.renameSync(file, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw e;
  }
  if (readText(aside) === staleText) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  try {
    fs.linkSync(aside, file);
  } catch {
    // A third process created a lock meanwhile; it holds the output now.
  }
  fs.rmSync(aside, { force: true });
  return false;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Whether process `pid` runs: it exists, is not a zombie, and (when known) started when the lock
 * says, so that a PID the system gave to another program since does not hold the lock forever.
 */
export function isRunning(pid: number, startedAt?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ESRCH") return false;
    // EPERM: it exists, under another user.
  }
  const stat = procStat(pid);
  if (!stat) return true;
  if (stat.state === "Z" || stat.state === "X") return false;
  return startedAt === undefined || stat.start === startedAt;
}

/** The start time of `pid` from /proc (Linux); undefined elsewhere. */
export function processStart(pid: number): string | undefined {
  return procStat(pid)?.start;
}

function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so split after the last `)`.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0], start: fields[19] };
  } catch {
    return undefined;
  }
}

function sleep(ms: number): void {
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
