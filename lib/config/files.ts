import * as fs from "node:fs";
import * as path from "node:path";
import { InputError, InputErrors } from "../errors";

/**
 * The project's input files (configuration, blueprints, Cedar policies), listed and read so that
 * whatever a loader could not use is a named error instead of a crash or a silent change: a
 * folder named like a file, two files for one name (`.yml` next to `.yaml`, or names that differ
 * only by case, one file on macOS and Windows), a link to a file
 * outside the project folder (never followed: its content is never read or echoed), a binary
 * file, bytes that are not UTF-8 (they would silently become U+FFFD and change, say, a Cedar
 * `like` pattern).
 */

/** How a file is named in messages: relative to the project folder. */
export const shownPath = (file: string, rootDir: string) => path.relative(rootDir, file) || file;

/**
 * The files of `dir` whose names end in one of `extensions` (e.g. `[".yaml", ".yml"]`), sorted;
 * none when the folder does not exist. Every entry must be a regular file inside the project
 * folder, and no two may share a name without their extension, ignoring case.
 */
export function listInputFiles(dir: string, extensions: readonly string[], rootDir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const errors: InputError[] = [];
  const byStem = new Map<string, string>();
  const byLowerStem = new Map<string, string>();
  const files: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const ext = extensions.find((e) => name.endsWith(e));
    if (!ext) continue;
    const full = path.join(dir, name);
    const problem = fileProblem(full, rootDir);
    if (problem) {
      errors.push(new InputError(shownPath(full, rootDir), "(file)", problem));
      continue;
    }
    const stem = name.slice(0, -ext.length);
    const other = byStem.get(stem);
    const sameButCase = byLowerStem.get(stem.toLowerCase());
    if (!other && sameButCase) {
      errors.push(
        new InputError(
          shownPath(full, rootDir),
          "(file)",
          `differs from ${path.basename(sameButCase)} only by case; on a case-insensitive file system (macOS, ` +
            "Windows) the two are one file, so a checkout keeps only one of them: rename one",
        ),
      );
      continue;
    }
    if (other) {
      errors.push(
        new InputError(
          shownPath(full, rootDir),
          "(file)",
          `defines "${stem}" again, as ${path.basename(other)} does; keep one of the two files`,
        ),
      );
      continue;
    }
    byStem.set(stem, full);
    byLowerStem.set(stem.toLowerCase(), full);
    files.push(full);
  }
  if (errors.length) throw new InputErrors(errors);
  return files;
}

/**
 * A file's text, checked: it exists, is a regular file inside the project folder (links
 * resolved), holds no NUL byte and is valid UTF-8 (a byte-order mark is dropped).
 */
export function readInputFile(file: string, rootDir: string): string {
  const shown = shownPath(file, rootDir);
  if (!fs.existsSync(file)) {
    const link = isLink(file);
    throw new InputError(shown, "(file)", link ? brokenLinkProblem(file) : "does not exist");
  }
  const problem = fileProblem(file, rootDir);
  if (problem) throw new InputError(shown, "(file)", problem);
  const bytes = fs.readFileSync(file);
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    throw new InputError(shown, `line ${lineOfByte(bytes, nul)}`, "holds a NUL byte: this is a binary file, not text");
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new InputError(
      shown,
      `line ${lineOfByte(bytes, at)}`,
      `holds bytes that are not UTF-8 (0x${bytes[at].toString(16).padStart(2, "0")} at byte ${at}); ` +
        "save the file as UTF-8",
    );
  }
}

/** Why `file` cannot be an input file, or undefined. */
function fileProblem(file: string, rootDir: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return brokenLinkProblem(file);
  }
  const root = fs.realpathSync(rootDir);
  if (real !== root && !real.startsWith(root + path.sep)) {
    return (
      `${isLink(file) ? "is a symbolic link to a file" : "is"} outside the project folder ${rootDir}; ` +
      "input files must be inside it (copy the file in instead of linking it)"
    );
  }
  const stat = fs.statSync(real);
  if (stat.isDirectory()) return "is a folder; a file is expected here";
  if (!stat.isFile()) return "is not a regular file";
  return undefined;
}

/** Why a symbolic link cannot be followed: a loop of links, or a target that does not exist. */
function brokenLinkProblem(file: string): string {
  try {
    fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOOP")
      return (
        "is a symbolic link in a loop of links (following it leads back to it); " +
        "link it to a file, or copy the file in"
      );
  }
  return "is a symbolic link to a file that does not exist";
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

const lineOfByte = (bytes: Buffer, offset: number) => bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1;

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong, surrogate and out-of-range sequences, as the decoder rejects them.
    if (len === 3 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return i;
    if (len === 4 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return i;
    i += len;
  }
  return Math.max(0, bytes.length - 1);
}
