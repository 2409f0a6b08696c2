#!/usr/bin/env node
// Biome formats to 120 columns but cannot break a long string; this check keeps every source line
// within the limit, so long data (messages, descriptions, expressions) goes into named constants.
// Usage: node scripts/check-line-length.mjs [folder...]   (default: the whole tracked tree)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 120;
const SOURCE = /\.(ts|js|mjs|cjs)$/;
const folders = process.argv.slice(2);
const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", ...folders], {
  encoding: "utf8",
})
  .split("\n")
  .filter((f) => SOURCE.test(f));
const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  text.split("\n").forEach((line, i) => {
    if (line.length > LIMIT) long.push(`${file}:${i + 1}: ${line.length} characters (limit ${LIMIT})`);
  });
}
if (long.length) {
  console.error(long.join("\n"));
  console.error(`${long.length} line(s) over ${LIMIT} characters; move long text into a named constant or split it.`);
  process.exit(1);
}
