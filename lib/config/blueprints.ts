import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { InputError } from "../errors";
import { GatewayTarget, gatewayTargetSchema } from "./gateway-targets";
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
  /** Gateway targets (`blueprints/gateway/targets/*.yaml`), sorted by name. */
  readonly gatewayTargets: readonly GatewayTarget[];
}

/** Reads every blueprint under `dir`, sorted by key so that output order never depends on the file system. */
export function loadBlueprints(dir: string, rootDir = process.cwd()): Blueprints {
  const agents = loadNamed(path.join(dir, "agents"), agentBlueprintSchema, "key", rootDir);
  const gatewayTargets = loadNamed(path.join(dir, "gateway", "targets"), gatewayTargetSchema, "name", rootDir);
  return { agents, gatewayTargets };
}

/** Loads every file of a folder whose `nameField` must equal its file name; sorted by that name. */
function loadNamed<S extends z.ZodType, K extends string>(dir: string, schema: S, nameField: K, rootDir: string): (z.output<S> & { sourceFile: string })[] {
  return yamlFiles(dir)
    .map((file) => {
      const item = loadYamlFile(file, schema, rootDir) as z.output<S> & Record<K, string>;
      const shown = path.relative(rootDir, file);
      const stem = path.basename(file).replace(/\.ya?ml$/, "");
      if (item[nameField] !== stem) {
        throw new InputError(shown, nameField, `is "${item[nameField]}" but the file is named "${path.basename(file)}"; name the file <${nameField}>.yaml`);
      }
      return { ...item, sourceFile: shown };
    })
    .sort((a, b) => (a[nameField] as string).localeCompare(b[nameField] as string));
}

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
