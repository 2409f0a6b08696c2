import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { InputError } from "../errors";
import { PolicyFile, loadPolicyFiles } from "../cedar/policies";
import { GatewayTarget, gatewayTargetSchema } from "./gateway-targets";
import { WorkflowBlueprint, checkWorkflow, workflowBlueprintSchema } from "./workflows";
import { loadYamlFile } from "./yaml-file";
import { AGENT_FEATURES, AGENT_KEY_PATTERN, AGENT_PATTERNS, RESERVED_ENV } from "./agent-format";

export { AGENT_FEATURES, AGENT_KEY_PATTERN, AGENT_PATTERNS, RESERVED_ENV, SECRET_ENV } from "./agent-format";
export type { AgentFeature } from "./agent-format";

export const agentKey = z
  .string()
  .regex(new RegExp(AGENT_KEY_PATTERN), "must be 2-24 characters: lowercase letters, digits and hyphens, starting with a letter (it becomes part of IAM role, log group and runtime names)");

const matching = (p: { pattern: string; message: string }) => z.string().regex(new RegExp(p.pattern), p.message);

/** The fields of an agent: a blueprint file holds them, and so does each entry of the agents module's `agents` input. */
const agentFields = {
  description: z.string().min(1).max(200).describe("What the agent does, one line."),
  image_tag: matching(AGENT_PATTERNS.imageTag)
    .default("latest")
    .describe("Tag of the agent's image in its own ECR repository `<name_prefix>-<environment>-<key>` (tags are immutable: deploy a new tag to roll out)."),
  image_uri: matching(AGENT_PATTERNS.imageUri)
    .optional()
    .describe("A full ECR image URI to run instead; the agent then gets no repository of its own and may pull only from this one (same account, or a repository policy that lets its role pull)."),
  models: z.array(matching(AGENT_PATTERNS.modelId)).min(1, "an agent needs at least one model").describe("Bedrock models and inference profiles the agent invokes; the production setting allows exactly these."),
  features: z.array(z.enum(AGENT_FEATURES)).default([]).describe(`Optional permissions: ${AGENT_FEATURES.join(", ")}.`),
  environment: z
    .record(matching(AGENT_PATTERNS.environmentName), z.string().max(4096))
    .default({})
    .describe("Plain environment variables of the runtime. Never secrets: those are Terraform variables."),
  network_mode: z.enum(["PUBLIC"]).default("PUBLIC").describe("Runtime network mode."),
  credentials: z
    .object({
      api_keys: z.array(matching(AGENT_PATTERNS.credentialName)).default([]).describe("API key credential providers; values from SSM `<ssm_root>/agents/<key>/credentials/<name>/api-key`."),
      oauth2: z
        .array(
          z
            .object({
              name: matching(AGENT_PATTERNS.credentialName),
              discovery_url: matching(AGENT_PATTERNS.discoveryUrl),
            })
            .strict(),
        )
        .default([])
        .describe("OAuth2 credential providers; client id and secret from SSM `<ssm_root>/agents/<key>/oauth/<name>/client-id|client-secret`."),
    })
    .strict()
    .default({ api_keys: [], oauth2: [] }),
  codebuild: z.boolean().default(false).describe("Create a CodeBuild execution role that builds and pushes this agent's image (seed 004)."),
};

type AgentShape = { environment: Record<string, string>; credentials: { api_keys: string[]; oauth2: { name: string }[] }; features: string[]; image_uri?: string; codebuild: boolean };

/** Checks across fields, the same for blueprint files and module input. */
function checkAgent(b: AgentShape, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(b.environment)) {
    if ((RESERVED_ENV as readonly string[]).includes(name)) {
      ctx.addIssue({ code: "custom", path: ["environment", name], message: `is set by the platform; choose another name (reserved: ${RESERVED_ENV.join(", ")})` });
    }
  }
  const names = [...b.credentials.api_keys, ...b.credentials.oauth2.map((o) => o.name)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) ctx.addIssue({ code: "custom", path: ["credentials"], message: `credential provider name "${dup}" is used twice` });
  const features = b.features.find((f, i) => b.features.indexOf(f) !== i);
  if (features) ctx.addIssue({ code: "custom", path: ["features"], message: `feature "${features}" is listed twice` });
  if (b.image_uri !== undefined && b.codebuild) ctx.addIssue({ code: "custom", path: ["codebuild"], message: "builds into the agent's own repository, which an agent with image_uri does not have; remove one of them" });
}

/** One entry of the agents module's `agents` input (the map key is the agent key). */
export const agentSpecSchema = z
  .object({ key: agentKey.optional().describe("The agent's key; when given, it must equal the map key (a blueprint file's `key`)."), ...agentFields })
  .strict()
  .superRefine(checkAgent);

/** One agent: `blueprints/agents/<key>.yaml`. Adding an agent is adding one such file. */
export const agentBlueprintSchema = z
  .object({ key: agentKey.describe("The agent's key; must equal the file name without `.yaml`."), ...agentFields })
  .strict()
  .superRefine(checkAgent);

export type AgentSpec = z.output<typeof agentSpecSchema>;
export type AgentBlueprint = z.output<typeof agentBlueprintSchema> & { readonly sourceFile: string };

export interface Blueprints {
  readonly agents: readonly AgentBlueprint[];
  /** Gateway targets (`blueprints/gateway/targets/*.yaml`), sorted by name. */
  readonly gatewayTargets: readonly GatewayTarget[];
  /** Cedar policies of the gateway (`blueprints/gateway/policies/*.cedar`); a policy engine exists when there are any. */
  readonly policies: readonly PolicyFile[];
  /** Workflows (`blueprints/workflows/*.yaml`), sorted by name, checked against the agents. */
  readonly workflows: readonly WorkflowBlueprint[];
}

/** Reads every blueprint under `dir`, sorted by key so that output order never depends on the file system. */
export function loadBlueprints(dir: string, rootDir = process.cwd()): Blueprints {
  const agents = loadNamed(path.join(dir, "agents"), agentBlueprintSchema, "key", rootDir);
  const gatewayTargets = loadNamed(path.join(dir, "gateway", "targets"), gatewayTargetSchema, "name", rootDir);
  const policies = loadPolicyFiles(path.join(dir, "gateway", "policies"), rootDir);
  const workflows = loadNamed(path.join(dir, "workflows"), workflowBlueprintSchema, "name", rootDir);
  for (const w of workflows) checkWorkflow(w, agents.map((a) => a.key));
  return { agents, gatewayTargets, policies, workflows };
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
