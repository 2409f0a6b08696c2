#!/usr/bin/env node
/**
 * Runs the synthesis (`main.ts`) as compiled JavaScript: `npm run synth` and cdktf's `app`.
 *
 * The TypeScript is bundled with esbuild into `build/main.js` (dependencies stay in
 * node_modules). The bundle is used only while it is fresh: `build/main.meta.json` records the
 * SHA-256 of every source file esbuild read, and any change, addition in an import or deletion
 * rebuilds it first, so an edit is always synthesized and a stale build never is. Running from
 * TypeScript through a loader costs about half of a synthesis (issue 16, `npm run bench`).
 */

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const BUILD = path.join(ROOT, "build");
const BUNDLE = path.join(BUILD, "main.js");
const META = path.join(BUILD, "main.meta.json");

const digest = (file) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/** The recorded inputs when every input the bundle was built from is unchanged, else undefined. */
function fresh() {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(META, "utf8"));
  } catch {
    return undefined;
  }
  if (!fs.existsSync(BUNDLE)) return undefined;
  const same = Object.entries(meta.inputs).every(([file, hash]) => {
    try {
      return digest(path.join(ROOT, file)) === hash;
    } catch {
      return false;
    }
  });
  return same ? meta.inputs : undefined;
}

/** Written beside the target and renamed over it, so a concurrent run never reads half a file. */
function replaceFile(target, write) {
  const temp = `${target}.tmp-${process.pid}`;
  write(temp);
  fs.renameSync(temp, target);
}

function build() {
  const esbuild = require("esbuild");
  const temp = `${BUNDLE}.tmp-${process.pid}`;
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: ["main.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    outfile: temp,
    metafile: true,
    logLevel: "error",
  });
  fs.renameSync(temp, BUNDLE);
  const inputs = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((file) => [file, digest(path.join(ROOT, file))]),
  );
  // Written last: a bundle whose record is missing or older is rebuilt on the next run.
  replaceFile(META, (file) => fs.writeFileSync(file, JSON.stringify({ inputs }, null, 1)));
  return inputs;
}

/**
 * The version of the code the caches of lib/cache.ts are keyed by: every source file in the
 * bundle and the files outside it that shape the output (dependencies, version, license). Saves
 * synthesis hashing the sources a second time; without it, lib/cache.ts hashes them itself.
 */
function codeVersion(inputs) {
  const hash = crypto.createHash("sha256");
  for (const file of Object.keys(inputs).sort()) hash.update(file).update(inputs[file]);
  for (const file of ["package.json", "package-lock.json", "LICENSE"])
    hash.update(file).update(digest(path.join(ROOT, file)));
  return hash.digest("hex");
}

process.env.AGENTCORE_CODE_VERSION = codeVersion(fresh() ?? build());
require("./defer-archiver").deferArchiver();
require(BUNDLE);
