import * as fs from "fs";
import * as path from "path";

/** A fresh sibling directory of `target` to build into, so that `target` is only ever replaced whole. */
export function stagingDir(target: string): string {
  const dir = `${target}.next-${process.pid}`;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Replaces `target` with `staged` in two renames. Terraform working state that lives inside a
 * stack folder (`.terraform/`, `.terraform.lock.hcl`, local state) is carried over, so that a
 * re-synthesis does not force `terraform init` again.
 */
export function replaceDir(staged: string, target: string, carryOver: (oldDir: string, newDir: string) => void = () => {}): void {
  const previous = `${target}.prev-${process.pid}`;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target)) {
    carryOver(target, staged);
    fs.renameSync(target, previous);
  }
  fs.renameSync(staged, target);
  fs.rmSync(previous, { recursive: true, force: true });
}

/** Moves each stack's Terraform working files from the old output to the new one. */
export function carryTerraformWorkingFiles(oldOut: string, newOut: string): void {
  const stacks = path.join(oldOut, "stacks");
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks)) {
    for (const item of [".terraform", ".terraform.lock.hcl", "terraform.tfstate", "terraform.tfstate.backup"]) {
      const from = path.join(stacks, stack, item);
      const toDir = path.join(newOut, "stacks", stack);
      if (fs.existsSync(from) && fs.existsSync(toDir)) fs.renameSync(from, path.join(toDir, item));
    }
  }
}
