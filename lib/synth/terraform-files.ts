import * as fs from "node:fs";
import * as path from "node:path";

/**
 * What Terraform leaves in a stack's folder and a new synthesis must keep: the providers and
 * backend settings of `terraform init`, the provider lock file, and local state (the `state`
 * stack's own state lives outside, see BOOTSTRAP_STATE_PATH, but a user may keep any stack's state
 * locally, with workspaces under `terraform.tfstate.d/`).
 */
export const WORKING_FILES = [
  ".terraform",
  ".terraform.lock.hcl",
  "terraform.tfstate",
  "terraform.tfstate.backup",
  "terraform.tfstate.d",
] as const;

/** A Terraform state file of any kind: `terraform.tfstate`, its `.backup`, `errored.tfstate`, numbered backups. */
export const isStateFile = (name: string): boolean => /\.tfstate(\.|$)/.test(name);

/** `lstat`, or undefined when nothing is there. */
export function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR")
      return undefined;
    throw e;
  }
}

/**
 * Recreates `from` at `to` with hard links: the same files under a second name, so that the
 * original stays complete until it is removed, and a write through either name (Terraform
 * rewrites state in place) is seen by both. Folders are recreated, symbolic links copied as
 * they are; where a hard link is refused (another filesystem, a filesystem without them) the
 * file is copied.
 */
export function linkTree(from: string, to: string): void {
  const stat = fs.lstatSync(from);
  if (stat.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
  else if (stat.isDirectory()) {
    fs.mkdirSync(to, { mode: stat.mode });
    for (const entry of fs.readdirSync(from)) linkTree(path.join(from, entry), path.join(to, entry));
  } else {
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    }
  }
}

/** Whether two files hold the same bytes (the same file under two names does). */
export function sameContent(a: string, b: string): boolean {
  const sa = lstatOrUndefined(a);
  const sb = lstatOrUndefined(b);
  if (!sa?.isFile() || !sb?.isFile()) return false;
  if (sa.dev === sb.dev && sa.ino === sb.ino) return true;
  return sa.size === sb.size && fs.readFileSync(a).equals(fs.readFileSync(b));
}

/** The state files under `dir`, relative to it; symbolic links are not followed. */
export function stateFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && isStateFile(entry.name)) out.push(child);
    }
  };
  walk("");
  return out;
}

/** The stack folders of an output folder (`stacks/<name>`), by name. */
export function stackNames(outdir: string): string[] {
  try {
    return fs
      .readdirSync(path.join(outdir, "stacks"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}
