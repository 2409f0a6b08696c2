/**
 * Writes `lib/aws-regions.json`, the regions the environment's `region` is checked against, with
 * the partition each belongs to.
 *
 * Source: the endpoint partition data the AWS SDK for JavaScript ships (`partitions.js` of
 * `@aws-sdk/core`, the file the SDK resolves endpoints with), read as data from the package
 * downloaded into a temp folder. The project does not depend on the SDK; rerun this when AWS
 * opens a region (bump REGIONS_PACKAGE to the newest version first).
 *
 *   npm run regions
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const REGIONS_PACKAGE = { name: "@aws-sdk/core", version: "3.981.2" } as const;
const PARTITIONS_FILE = "package/dist-cjs/submodules/client/index.js";
const OUT = path.join(__dirname, "..", "lib", "aws-regions.json");

interface Partition {
  id: string;
  outputs: { name: string };
  regions: Record<string, { description?: string }>;
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-regions-"));
  try {
    const tgz = execFileSync("npm", ["pack", `${REGIONS_PACKAGE.name}@${REGIONS_PACKAGE.version}`, "--silent"], {
      cwd: work,
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    execFileSync("tar", ["xzf", tgz], { cwd: work });
    const source = fs.readFileSync(path.join(work, PARTITIONS_FILE), "utf8");
    // The data is one object literal in JSON syntax: `partitionsInfo = { "partitions": [...] ... }`.
    const start = source.indexOf("{", source.indexOf("partitionsInfo = "));
    let depth = 0;
    let end = start;
    for (; end < source.length; end++) {
      if (source[end] === "{") depth++;
      else if (source[end] === "}" && --depth === 0) break;
    }
    const info = JSON.parse(source.slice(start, end + 1)) as { partitions: Partition[] };
    const regions: Record<string, { partition: string; name: string }> = {};
    for (const p of info.partitions) {
      for (const [code, r] of Object.entries(p.regions)) {
        if (!/-\d+$/.test(code)) continue; // pseudo-regions such as aws-global
        regions[code] = { partition: p.outputs.name, name: r.description ?? code };
      }
    }
    const sorted = Object.fromEntries(Object.entries(regions).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(
      OUT,
      `${JSON.stringify(
        {
          source: `${REGIONS_PACKAGE.name}@${REGIONS_PACKAGE.version} ${PARTITIONS_FILE}`,
          generatedBy: "npm run regions",
          regions: sorted,
        },
        null,
        2,
      )}\n`,
    );
    console.log(`Wrote ${Object.keys(sorted).length} regions to ${path.relative(process.cwd(), OUT)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
