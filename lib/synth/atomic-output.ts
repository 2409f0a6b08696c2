import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type CrashPoint, crashPoint } from "./crash-points";
import { acquireLock, isRunning, lockWaitMs } from "./output-lock";
import { WORKING_FILES, linkTree, lstatOrUndefined, sameContent, stackNames, stateFilesUnder } from "./terraform-files";

/**
 * The output switch (docs/adr/0007-atomic-output.md): the deploy stacks (`cdktf.out`) and the
 * registry modules (`dist/modules`) of one synthesis form a generation, and one `rename()` of a
 * symbolic link makes a generation live, so that a reader sees the complete old pair or the
 * complete new pair, whenever a synthesis is killed. For an output folder `<P>/<name>`:
 *
 * ```
 * <P>/<name>                       -> .agentcore/<name>/current/out          (created once)
 * <modulesDir>                     -> …/.agentcore/<name>/current/modules    (created once)
 * <P>/.agentcore/<name>/lock                      the process writing this output
 * <P>/.agentcore/<name>/current                   -> generations/<id>: THE switch
 * <P>/.agentcore/<name>/generations/<id>/modules/ the registry modules of generation <id>
 * <P>/.agentcore/<name>/generations/<id>/out      -> ../../../../.agentcore-<name>-<id>
 * <P>/.agentcore-<name>-<id>/                     the stacks of generation <id> (manifest.json, stacks/)
 * <P>/.agentcore/<name>/rescued/                  state files that were in the way (never deleted)
 * ```
 *
 * A generation's stacks folder sits directly in `<P>`, where `cdktf.out` itself would: Terraform
 * resolves the relative paths in a stack (the `state` stack's local backend,
 * `../../../terraform.state.tfstate`) from the folder's physical place, not through the link, so
 * they still reach `<P>`.
 */

/** An output the switch refuses to touch; `main.ts` prints it without a stack trace. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

export interface OutputPaths {
  /** The deploy stacks' folder, e.g. `<root>/cdktf.out`. */
  readonly outdir: string;
  /** The registry modules' folder, e.g. `<root>/dist/modules`. */
  readonly modulesDir: string;
}

export interface OutputLayout extends OutputPaths {
  readonly parent: string;
  readonly name: string;
  /** `<P>/.agentcore/<name>`. */
  readonly home: string;
  readonly lockFile: string;
  readonly current: string;
  readonly generations: string;
  readonly rescued: string;
  generation(id: string): string;
  stacks(id: string): string;
  /** What `outdir` links to. */
  readonly outLink: string;
  /** What `modulesDir` links to. */
  readonly modulesLink: string;
}

const ID = /^\d+-\d+-\d+$/;
let sequence = 0;
/** Milliseconds, PID, sequence: unique, and in order of creation within a process. */
const newId = () => `${Date.now()}-${process.pid}-${++sequence}`;

export function outputLayout({ outdir, modulesDir }: OutputPaths): OutputLayout {
  const parent = path.dirname(outdir);
  const name = path.basename(outdir);
  const home = path.join(parent, ".agentcore", name);
  return {
    outdir,
    modulesDir,
    parent,
    name,
    home,
    lockFile: path.join(home, "lock"),
    current: path.join(home, "current"),
    generations: path.join(home, "generations"),
    rescued: path.join(home, "rescued"),
    generation: (id) => path.join(home, "generations", id),
    stacks: (id) => path.join(parent, `.agentcore-${name}-${id}`),
    outLink: path.relative(parent, path.join(home, "current", "out")),
    modulesLink: linkText(path.dirname(modulesDir), path.join(home, "current", "modules")),
  };
}

/** Relative, so that a moved or copied project keeps working, unless the two share nothing but `/`. */
function linkText(fromDir: string, target: string): string {
  const top = (p: string) => p.split(path.sep)[1];
  return top(fromDir) === top(target) ? path.relative(fromDir, target) : target;
}

/** The generation `current` points at, when it is complete; read by name, never through the links. */
export function liveGeneration(layout: OutputLayout): string | undefined {
  let text: string;
  try {
    text = fs.readlinkSync(layout.current);
  } catch {
    return undefined;
  }
  const id = path.basename(text);
  return ID.test(id) && fs.existsSync(layout.generation(id)) && fs.existsSync(layout.stacks(id)) ? id : undefined;
}

/**
 * Starts writing a new generation of `paths`: takes the lock, waiting for another synthesis up to
 * `AGENTCORE_LOCK_WAIT_SECONDS`, and creates the generation's empty folders. Write the stacks into
 * `stacksDir` and the modules into `modulesDir`, then `commit()`; `close()` in any case.
 */
export function openOutput(paths: OutputPaths, warn: (message: string) => void): OutputRun {
  const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
  if (inside(paths.outdir, paths.modulesDir) || inside(paths.modulesDir, paths.outdir)) {
    throw new OutputError(
      `The stacks' output ${paths.outdir} and the modules' output ${paths.modulesDir} ` +
        "must be separate folders, neither inside the other.",
    );
  }
  const layout = outputLayout(paths);
  fs.mkdirSync(layout.generations, { recursive: true });
  const release = acquireLock(layout.lockFile, lockWaitMs(), warn);
  crashPoint("lock-taken");
  try {
    return new OutputRun(layout, release, warn);
  } catch (e) {
    release();
    throw e;
  }
}

type Kind = "missing" | "link" | "dir" | "other";
const kindOf = (file: string): Kind => {
  const stat = lstatOrUndefined(file);
  return !stat ? "missing" : stat.isSymbolicLink() ? "link" : stat.isDirectory() ? "dir" : "other";
};

export class OutputRun {
  readonly id = newId();
  /** Where the deploy stacks are synthesized (the cdktf App's outdir). */
  readonly stacksDir: string;
  /** Where the registry modules are written. */
  readonly modulesDir: string;
  /** A folder for the module emitter's App, removed by `close()`. */
  readonly scratchDir: string;
  private committed = false;
  /** Set once working files may have been moved into this generation: from then on it is never just deleted. */
  private holdsWorkingFiles = false;
  private migrated = false;

  constructor(
    private readonly layout: OutputLayout,
    private readonly release: () => void,
    private readonly warn: (message: string) => void,
  ) {
    const generation = layout.generation(this.id);
    this.stacksDir = layout.stacks(this.id);
    this.modulesDir = path.join(generation, "modules");
    this.scratchDir = path.join(layout.home, `scratch-${this.id}`);
    fs.mkdirSync(this.stacksDir);
    fs.mkdirSync(this.modulesDir, { recursive: true });
    fs.symlinkSync(path.relative(generation, this.stacksDir), path.join(generation, "out"));
    fs.mkdirSync(this.scratchDir);
  }

  /**
   * Makes this generation live: brings over the Terraform working files, switches `current`,
   * makes sure `outdir` and `modulesDir` are the links through it (migrating real folders an
   * earlier version wrote), then removes the previous generation and whatever killed runs left.
   */
  commit(): void {
    crashPoint("generation-written");
    const { layout } = this;
    const kinds = { out: kindOf(layout.outdir), modules: kindOf(layout.modulesDir), current: kindOf(layout.current) };
    if (kinds.current === "dir" || kinds.current === "other")
      throw new OutputError(
        `${layout.current} should be a symbolic link to the live generation; move it away and run again.`,
      );
    for (const [dir, kind] of [
      [layout.outdir, kinds.out],
      [layout.modulesDir, kinds.modules],
    ] as const) {
      if (kind === "other")
        throw new OutputError(`${dir} is a file where the output goes; move it away and run again.`);
    }
    let live = liveGeneration(layout);
    this.refuseForeignState(kinds.out, live);
    if (kinds.out === "dir" || kinds.modules === "dir") {
      live = this.migrate(kinds.out === "dir", kinds.modules === "dir", live);
      this.migrated = true;
    }

    this.holdsWorkingFiles = true;
    if (live) carryWorkingFiles(layout.stacks(live), this.stacksDir, "link");
    crashPoint("working-files-linked");
    for (const leftover of this.leftovers(live).filter((l) => l.output))
      carryWorkingFiles(leftover.path, this.stacksDir, "move");
    crashPoint("leftovers-moved");

    this.switchTo(this.id, "switch-link-created");
    crashPoint("switched");
    this.committed = true;
    this.placeLinks();
    crashPoint("links-placed");

    if (live) this.remove(layout.stacks(live));
    crashPoint("old-stacks-removed");
    if (live) this.remove(layout.generation(live));
    const leftovers = this.leftovers(undefined);
    for (const leftover of leftovers) this.remove(leftover.path);
    // The previous version's scratch folders in the system's temporary folder, looked for when
    // there is a sign of that version here (it is not worth a scan of that folder every run).
    if (this.migrated || leftovers.some((l) => /\.(next|prev)-\d+$/.test(l.path))) removeOldScratchFolders();
    crashPoint("leftovers-removed");
  }

  /** Removes the new generation unless it was committed or may hold working files, and releases the lock. */
  close(): void {
    try {
      fs.rmSync(this.scratchDir, { recursive: true, force: true });
      if (!this.committed && !this.holdsWorkingFiles) {
        fs.rmSync(this.layout.generation(this.id), { recursive: true, force: true });
        fs.rmSync(this.stacksDir, { recursive: true, force: true });
      }
    } finally {
      this.release();
      crashPoint("unlocked");
    }
  }

  /**
   * `outdir` a link this switch did not make (a project copied with links made absolute, a link
   * made by hand) is replaced by the right link; the folder it pointed at is never touched. That
   * would leave Terraform state there behind, unless the live generation has the same files.
   */
  private refuseForeignState(kind: Kind, live: string | undefined): void {
    const { layout } = this;
    if (kind !== "link" || fs.readlinkSync(layout.outdir) === layout.outLink) return;
    let target: string;
    try {
      target = fs.realpathSync(layout.outdir);
    } catch {
      return; // dangling: nothing behind it
    }
    const ours = live ? fs.realpathSync(layout.stacks(live)) : undefined;
    if (target === ours) return;
    const behind = stateFilesUnder(target).filter(
      (rel) => !(ours && sameContent(path.join(target, rel), path.join(ours, rel))),
    );
    if (behind.length) {
      throw new OutputError(
        `${layout.outdir} is a link to ${target}, which is not an output of this synthesis, ` +
          `and holds Terraform state (${behind.join(", ")}). ` +
          "Synthesis would replace the link and leave that state behind. " +
          "Point the output at that folder instead (CDKTF_OUTDIR, cdktf's --output), " +
          "or move those files away, then run again.",
      );
    }
  }

  /**
   * Real `outdir`/`modulesDir` folders written by an earlier version become a generation of their
   * own (the stacks folder renamed in place, so relative paths and running processes keep
   * working), made live, and linked; the new generation is then switched in as usual. While it
   * runs, each path is missing for an instant (a folder cannot be replaced by a link in one step);
   * a kill then leaves it missing until the next run, which finishes the migration.
   */
  private migrate(outIsDir: boolean, modulesIsDir: boolean, live: string | undefined): string {
    const { layout } = this;
    if (outIsDir) requireOutputFolder(layout.outdir, (entries) => entries.includes("manifest.json"), "manifest.json");
    if (modulesIsDir)
      requireOutputFolder(
        layout.modulesDir,
        (entries) => entries.some((e) => fs.existsSync(path.join(layout.modulesDir, e, "versions.tf.json"))),
        "a module folder with versions.tf.json",
      );
    const id = newId();
    const generation = layout.generation(id);
    const stacks = layout.stacks(id);
    fs.mkdirSync(generation);
    fs.symlinkSync(path.relative(generation, stacks), path.join(generation, "out"));
    const modules = path.join(generation, "modules");
    if (modulesIsDir) {
      try {
        fs.renameSync(layout.modulesDir, modules);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
        // Another filesystem: copied; placeLinks() sets the folder aside and removes it.
        fs.cpSync(layout.modulesDir, modules, { recursive: true, verbatimSymlinks: true });
      }
      crashPoint("legacy-modules-moved");
    } else if (live) linkTree(path.join(layout.generation(live), "modules"), modules);
    else fs.mkdirSync(modules);
    if (outIsDir) {
      fs.renameSync(layout.outdir, stacks);
      crashPoint("legacy-out-moved");
    } else if (live) linkTree(layout.stacks(live), stacks);
    else fs.mkdirSync(stacks);
    this.switchTo(id);
    crashPoint("legacy-switched");
    this.placeLinks();
    crashPoint("legacy-linked");
    // The generation that was live, if any, is a leftover now: its working files are moved on
    // and it is removed with the others once the new generation is live.
    return id;
  }

  /** `current` → `generations/<id>`, by renaming a new link over it: the switch. */
  private switchTo(id: string, beforeRename?: CrashPoint): void {
    const next = path.join(this.layout.home, `current.new-${process.pid}`);
    fs.rmSync(next, { force: true });
    fs.symlinkSync(path.join("generations", id), next);
    if (beforeRename) crashPoint(beforeRename);
    fs.renameSync(next, this.layout.current);
  }

  private placeLinks(): void {
    this.placeLink(this.layout.outdir, this.layout.outLink);
    this.placeLink(this.layout.modulesDir, this.layout.modulesLink);
  }

  /** Makes `at` the link `text`: a new link renamed over it, after setting aside a folder in the way. */
  private placeLink(at: string, text: string): void {
    const stat = lstatOrUndefined(at);
    if (stat?.isSymbolicLink() && fs.readlinkSync(at) === text) return;
    const dir = path.dirname(at);
    fs.mkdirSync(dir, { recursive: true });
    const next = path.join(dir, `.agentcore-link-${path.basename(at)}-${process.pid}`);
    fs.rmSync(next, { force: true });
    fs.symlinkSync(text, next);
    if (stat?.isDirectory())
      fs.renameSync(at, path.join(dir, `.agentcore-old-${path.basename(at)}-${process.pid}-${++sequence}`));
    fs.renameSync(next, at);
  }

  /**
   * Everything interrupted runs (of this version or the previous one) left for this output, other
   * than the new and the live generation. `output`: has an output's layout, so working files may be
   * in it. Entries named after a process are taken only once that process has ended, since a run
   * of the previous version, or one writing another output next to this one, takes no lock here.
   */
  private leftovers(live: string | undefined): { path: string; output: boolean }[] {
    const { layout } = this;
    const kept = new Set([this.id, live]);
    const ended = (pid: string) => Number(pid) === process.pid || !isRunning(Number(pid));
    const found: { path: string; output: boolean }[] = [];
    const scan = (dir: string, match: (entry: string) => boolean | "output") => {
      for (const entry of readdirOrEmpty(dir)) {
        const verdict = match(entry);
        if (verdict) found.push({ path: path.join(dir, entry), output: verdict === "output" });
      }
    };
    const byProcess = (base: string, entry: string) => {
      const b = escapeRegExp(base);
      const pattern = `^(?:\\.agentcore-(?:old|link)-${b}-(\\d+)(?:-\\d+)?|${b}\\.(?:next|prev)-(\\d+))$`;
      const m = new RegExp(pattern).exec(entry);
      return m !== null && ended(m[1] ?? m[2]);
    };
    scan(layout.generations, (e) => ID.test(e) && !kept.has(e));
    scan(layout.home, (e) => {
      const m = /^(?:scratch-(\d+-\d+-\d+)|current\.new-(\d+)|lock\.stale-(\d+))$/.exec(e);
      return m !== null && (m[1] ? !kept.has(m[1]) : ended(m[2] ?? m[3]));
    });
    const stacksPrefix = `.agentcore-${layout.name}-`;
    scan(layout.parent, (e) => {
      if (e.startsWith(stacksPrefix) && ID.test(e.slice(stacksPrefix.length)))
        return !kept.has(e.slice(stacksPrefix.length)) && "output";
      return byProcess(layout.name, e) && (e.startsWith(".agentcore-link-") ? true : "output");
    });
    scan(path.dirname(layout.modulesDir), (e) => byProcess(path.basename(layout.modulesDir), e));
    return found;
  }

  /**
   * Removes a leftover folder, never a Terraform state file: one that the live generation does not
   * hold identically at the same place is moved to `rescued/` and reported. A folder a process
   * works in (Linux: its current directory is inside, e.g. terraform running there) is kept,
   * without its configuration, so that terraform can neither lose the state it is writing nor
   * apply an outdated stack by mistake; a later run removes it.
   */
  private remove(entry: string): void {
    try {
      const stat = lstatOrUndefined(entry);
      if (!stat) return;
      if (!stat.isDirectory()) {
        fs.rmSync(entry, { force: true });
        return;
      }
      const users = path.dirname(entry) === this.layout.parent ? processesIn(entry) : [];
      if (users.length) {
        for (const stack of stackNames(entry))
          for (const file of ["cdk.tf.json", "cdk.tf", "metadata.json"])
            fs.rmSync(path.join(entry, "stacks", stack, file), { force: true });
        fs.rmSync(path.join(entry, "manifest.json"), { force: true });
        this.warn(
          `kept ${entry} without its configuration: ${users.join(", ")} works in it; the next synthesis removes it`,
        );
        return;
      }
      for (const rel of stateFilesUnder(entry)) {
        const file = path.join(entry, rel);
        const home = path.join(this.stacksDir, rel);
        if (!sameContent(file, home)) this.rescue(file, path.basename(entry), rel, home);
      }
      fs.rmSync(entry, { recursive: true, force: true });
    } catch (e) {
      this.warn(`could not remove ${entry}: ${(e as Error).message}`);
    }
  }

  private rescue(file: string, from: string, rel: string, home: string): void {
    const dest = path.join(this.layout.rescued, `${new Date().toISOString().replace(/[:.]/g, "")}-${from}`, rel);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    try {
      fs.renameSync(file, dest);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
      fs.copyFileSync(file, dest, fs.constants.COPYFILE_EXCL);
      if (!sameContent(file, dest)) throw new Error(`copying ${file} to ${dest} changed it`);
      fs.rmSync(file);
    }
    const why = fs.existsSync(home) ? `it differs from the live ${home}` : `the live output has no ${rel}`;
    this.warn(`kept Terraform state ${file} as ${dest} (${why}); decide which state is right before running terraform`);
  }
}

/**
 * Brings each stack's working files from the output folder `from` to the new one, where the new
 * one has that stack and not the file yet: hard-linked from the live output (which stays complete
 * until it is replaced), moved from a leftover.
 */
function carryWorkingFiles(from: string, to: string, how: "link" | "move"): void {
  for (const stack of stackNames(from)) {
    const target = path.join(to, "stacks", stack);
    if (!fs.existsSync(target)) continue;
    for (const item of WORKING_FILES) {
      const source = path.join(from, "stacks", stack, item);
      const dest = path.join(target, item);
      if (!lstatOrUndefined(source) || lstatOrUndefined(dest)) continue;
      if (how === "link") linkTree(source, dest);
      else {
        try {
          fs.renameSync(source, dest);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
          linkTree(source, dest);
        }
      }
    }
  }
}

function requireOutputFolder(dir: string, looksRight: (entries: string[]) => boolean, expected: string): void {
  const entries = fs.readdirSync(dir);
  if (entries.length && !looksRight(entries)) {
    throw new OutputError(
      `${dir} is a folder that synthesis did not write (it has no ${expected}); ` +
        "synthesis replaces its output folders whole, so it will not take this one. " +
        "Empty it, move it away or choose another output folder.",
    );
  }
}

/** The processes whose current directory is in `dir` (Linux; none found elsewhere). */
function processesIn(dir: string): string[] {
  const real = fs.realpathSync(dir);
  const users: string[] = [];
  for (const pid of readdirOrEmpty("/proc")) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cwd === real || cwd.startsWith(real + path.sep))
        users.push(`PID ${pid} (${fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim()})`);
    } catch {
      // ended meanwhile, or another user's
    }
  }
  return users;
}

/**
 * The previous version's scratch folders (`<tmp>/agentcore-modules-*`), which a killed run left
 * behind. They only ever held empty folders; one with a file in it is not ours and stays.
 */
function removeOldScratchFolders(): void {
  const tmp = os.tmpdir();
  for (const entry of readdirOrEmpty(tmp)) {
    if (!entry.startsWith("agentcore-modules-")) continue;
    const dir = path.join(tmp, entry);
    try {
      if (!holdsAFile(dir)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // another user's, or gone
    }
  }
}

function holdsAFile(dir: string): boolean {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .some((e) => !e.isDirectory() || holdsAFile(path.join(dir, e.name)));
}

function readdirOrEmpty(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What this switch owns for `paths` besides the live generation, whoever left it: for tests that
 * check that a run, failed or killed, leaves nothing behind once the next run is done.
 */
export function outputLeftovers(paths: OutputPaths): string[] {
  const layout = outputLayout(paths);
  const live = liveGeneration(layout);
  const stacksPrefix = `.agentcore-${layout.name}-`;
  const names = [
    ...readdirOrEmpty(layout.generations)
      .filter((e) => e !== live)
      .map((e) => path.join(layout.generations, e)),
    ...readdirOrEmpty(layout.home)
      .filter((e) => !["current", "generations", "rescued"].includes(e))
      .map((e) => path.join(layout.home, e)),
    ...readdirOrEmpty(layout.parent)
      .filter(
        (e) =>
          (e.startsWith(stacksPrefix) && e !== `${stacksPrefix}${live}`) ||
          e.startsWith(`.agentcore-old-${layout.name}-`) ||
          e.startsWith(`.agentcore-link-${layout.name}-`) ||
          e.startsWith(`${layout.name}.next-`) ||
          e.startsWith(`${layout.name}.prev-`),
      )
      .map((e) => path.join(layout.parent, e)),
  ];
  const modulesBase = path.basename(paths.modulesDir);
  names.push(
    ...readdirOrEmpty(path.dirname(paths.modulesDir))
      .filter(
        (e) =>
          e.startsWith(`.agentcore-old-${modulesBase}-`) ||
          e.startsWith(`.agentcore-link-${modulesBase}-`) ||
          e.startsWith(`${modulesBase}.next-`) ||
          e.startsWith(`${modulesBase}.prev-`),
      )
      .map((e) => path.join(path.dirname(paths.modulesDir), e)),
  );
  return names.sort();
}
