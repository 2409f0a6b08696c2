import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { InputError } from "../errors";
import { loadYamlFile } from "./yaml-file";

export const agentKey = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,22}[a-z0-9]$/, "must be 2-24 characters: lowercase letters, digits and hyphens, starting with a letter (it becomes part of IAM role, log group and runtime names)");

/** One agent: `blueprints/agents/<key>.yaml`. Adding an agent is adding one such file. */
export const agentBlueprintSchema = z
  .object({
    key: agentKey.describe("The agent's key; must equal the file name without `.yaml`."),
    description: z.string().min(1).max(200).describe("What the agent does, one line."),
  })
  .strict();

export type AgentBlueprint = z.output<typeof agentBlueprintSchema> & { readonly sourceFile: string };

export interface Blueprints {
  readonly agents: readonly AgentBlueprint[];
}

/** Reads every blueprint under `dir`, sorted by key so that output order never depends on the file system. */
export function loadBlueprints(dir: string, rootDir = process.cwd()): Blueprints {
  const agentsDir = path.join(dir, "agents");
  const agents = yamlFiles(agentsDir).map((file) => {
    const bp = loadYamlFile(file, agentBlueprintSchema, rootDir);
    const shown = path.relative(rootDir, file);
    const stem = path.basename(file).replace(/\.ya?ml$/, "");
    if (bp.key !== stem) {
      throw new InputError(shown, "key", `is "${bp.key}" but the file is named "${path.basename(file)}"; name the file <key>.yaml`);
    }
    return { ...bp, sourceFile: shown };
  });
  return { agents: agents.sort((a, b) => a.key.localeCompare(b.key)) };
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
