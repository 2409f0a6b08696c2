import * as path from "node:path";
import { z } from "zod";
import { InputError } from "../errors";
import { type PolicyFile, loadPolicyFiles } from "../cedar/policies";
import { type GatewayTarget, gatewayTargetSchema } from "./gateway-targets";
import { type WorkflowBlueprint, checkWorkflow, workflowBlueprintSchema } from "./workflows";
import { loadYamlFile } from "./yaml-file";
import { listInputFiles } from "./files";
import {
  AGENT_DESCRIPTION_LENGTH,
  AGENT_FEATURES,
  AGENT_KEY_PATTERN,
  AGENT_PATTERNS,
  BROWSER_NETWORK_MODES,
  BUILT_IN_STRATEGIES,
  CODE_INTERPRETER_NETWORK_MODES,
  LIFECYCLE,
  MAX_MEMORY_STRATEGIES,
  MAX_REQUEST_HEADERS,
  MEMORY_EVENT_EXPIRY,
  MEMORY_OVERRIDES,
  MEMORY_STRATEGY_TYPES,
  NAMESPACE_LENGTH,
  ENVIRONMENT_VALUE_LENGTH,
  ENVIRONMENT_VARIABLES,
  PLAIN_ENVIRONMENT_IS_PUBLIC,
  PROMPT_LENGTH,
  platformEnvironmentAtMost,
  RESERVED_ENV,
  RUNTIME_NETWORK_MODES,
  RUNTIME_PROTOCOLS,
  RUNTIME_SCOPE_FIELD,
} from "./agent-format";
import { secretByName, secretValueKind } from "../secrets";
import { awsValueProblem } from "../aws-checks";
import type { AwsFieldPath } from "../aws-limits";

/** A zod string AWS accepts as the field `path`; the message says what AWS takes. */
const awsString = (path: AwsFieldPath) =>
  z.string().superRefine((value, ctx) => {
    const problem = awsValueProblem(path, value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export { AGENT_FEATURES, AGENT_KEY_PATTERN, AGENT_PATTERNS, RESERVED_ENV, SECRET_ENV } from "./agent-format";
export type { AgentFeature } from "./agent-format";

export const agentKey = z
  .string()
  .regex(
    new RegExp(AGENT_KEY_PATTERN),
    "must be 2-24 characters: lowercase letters, digits and hyphens, " +
      "starting with a letter (it becomes part of IAM role, log group and runtime names)",
  );

/** A string matching `p.pattern`, and at most `p.maxLength` characters where AWS bounds the field. */
const matching = (p: { pattern: string; message: string; maxLength?: number }) =>
  (p.maxLength === undefined ? z.string() : z.string().max(p.maxLength, p.message)).regex(
    new RegExp(p.pattern),
    p.message,
  );

/** A step of a CUSTOM strategy's override: the model that runs it and what is appended to its prompt. */
const overrideStep = (what: string) =>
  z
    .object({
      model: matching(AGENT_PATTERNS.modelId).describe(
        `Bedrock model or inference profile that runs the ${what} step, ` +
          "invoked in this account through the memory's execution role.",
      ),
      prompt: z
        .string()
        .min(PROMPT_LENGTH.min)
        .max(PROMPT_LENGTH.max)
        .describe(`Text appended to the built-in ${what} prompt.`),
    })
    .strict();

const memoryStrategy = z
  .object({
    name: matching(AGENT_PATTERNS.strategyName).describe("Strategy name, unique within the agent's memory."),
    type: z
      .enum(MEMORY_STRATEGY_TYPES)
      .describe(`${MEMORY_STRATEGY_TYPES.join(", ")}; at most one of each built-in type. CUSTOM needs \`override\`.`),
    namespace: matching(AGENT_PATTERNS.namespace)
      .min(NAMESPACE_LENGTH.min, `must be ${NAMESPACE_LENGTH.min}-${NAMESPACE_LENGTH.max} characters`)
      .max(NAMESPACE_LENGTH.max)
      .describe("Namespace template the strategy writes records under, e.g. `/facts/{actorId}`."),
    reflection_namespace: matching(AGENT_PATTERNS.namespace)
      .min(NAMESPACE_LENGTH.min, `must be ${NAMESPACE_LENGTH.min}-${NAMESPACE_LENGTH.max} characters`)
      .max(NAMESPACE_LENGTH.max)
      .optional()
      .describe(
        "EPISODIC and EPISODIC_OVERRIDE only: namespace template of the reflections across episodes " +
          "(required for EPISODIC_OVERRIDE).",
      ),
    override: z
      .object({
        type: z
          .enum(MEMORY_OVERRIDES)
          .describe(`The built-in strategy the override customizes: ${MEMORY_OVERRIDES.join(", ")}.`),
        extraction: overrideStep("extraction").optional().describe("Extraction step (not for SUMMARY_OVERRIDE)."),
        consolidation: overrideStep("consolidation").optional().describe("Consolidation step."),
        reflection: overrideStep("reflection")
          .optional()
          .describe("Reflection step (EPISODIC_OVERRIDE only, and required there)."),
      })
      .strict()
      .optional()
      .describe("CUSTOM only: which built-in strategy it overrides, with which models and prompt additions."),
  })
  .strict();

const vpcConfig = z
  .object({
    subnet_ids: z
      .array(matching(AGENT_PATTERNS.subnetId))
      .min(1)
      .max(16)
      .describe("Subnets AgentCore places the network interfaces in (1-16, in Availability Zones AgentCore supports)."),
    security_group_ids: z
      .array(matching(AGENT_PATTERNS.securityGroupId))
      .min(1)
      .max(16)
      .describe("Security groups of those network interfaces (1-16); they decide what the agent can reach."),
  })
  .strict();

const lifecycleSeconds = (what: string) =>
  z
    .number()
    .int()
    .min(LIFECYCLE.min)
    .max(LIFECYCLE.max)
    .optional()
    .describe(`${what}, ${LIFECYCLE.min}-${LIFECYCLE.max} seconds.`);

/**
 * The fields of an agent: a blueprint file holds them, and so does each entry of the agents
 * module's `agents` input.
 */
const agentFields = {
  description: z
    .string()
    .min(AGENT_DESCRIPTION_LENGTH.min)
    .max(AGENT_DESCRIPTION_LENGTH.max)
    .describe("What the agent does, one line."),
  image_tag: matching(AGENT_PATTERNS.imageTag)
    .default("latest")
    .describe(
      "Tag of the agent's image in its own ECR repository `<name_prefix>-<environment>-<key>` " +
        "(tags are immutable: deploy a new tag to roll out).",
    ),
  image_uri: matching(AGENT_PATTERNS.imageUri)
    .optional()
    .describe(
      "A full ECR image URI to run instead; the agent then gets no repository of its own " +
        "and may pull only from this one (same account, or a repository policy that lets its role pull).",
    ),
  models: z
    .array(matching(AGENT_PATTERNS.modelId))
    .min(1, "an agent needs at least one model")
    .describe("Bedrock models and inference profiles the agent invokes; the production setting allows exactly these."),
  features: z
    .array(z.enum(AGENT_FEATURES))
    .default([])
    .describe(`Optional permissions: ${AGENT_FEATURES.join(", ")}.`),
  environment: z
    .record(matching(AGENT_PATTERNS.environmentName), z.string().max(ENVIRONMENT_VALUE_LENGTH.max))
    .default({})
    .describe("Plain environment variables of the runtime. Never secrets: those are Terraform variables."),
  network_mode: z
    .enum(RUNTIME_NETWORK_MODES)
    .default("PUBLIC")
    .describe(
      "Runtime network mode: PUBLIC, or VPC (needs `vpc`; " +
        "AgentCore creates its network interfaces through its service-linked role).",
    ),
  vpc: vpcConfig
    .optional()
    .describe(
      "Subnets and security groups for every part of the agent whose network_mode is VPC " +
        "(runtime, code interpreter, browser).",
    ),
  protocol: z
    .enum(RUNTIME_PROTOCOLS)
    .optional()
    .describe(
      "Protocol the runtime serves: HTTP (AgentCore's default), MCP or A2A. " +
        "An MCP server without `authorizer` accepts the platform's Cognito tokens when the module is given them.",
    ),
  lifecycle: z
    .object({
      idle_timeout_seconds: lifecycleSeconds(
        "Idle time after which a session ends " +
          `(AgentCore default ${LIFECYCLE.defaultIdle}, or max_lifetime_seconds when smaller)`,
      ),
      max_lifetime_seconds: lifecycleSeconds(
        `Longest life of a runtime instance (AgentCore default ${LIFECYCLE.defaultMaxLifetime})`,
      ),
    })
    .strict()
    .optional()
    .describe(
      "Session lifecycle of the runtime; both values are sent, " +
        "AgentCore's defaults filling the one not given (provider issue #45290).",
    ),
  authorizer: z
    .object({
      discovery_url: matching(AGENT_PATTERNS.discoveryUrl).describe(
        "OpenID Connect discovery URL of the token issuer.",
      ),
      allowed_audiences: z.array(z.string().min(1)).default([]).describe("Accepted `aud` values."),
      allowed_clients: z.array(z.string().min(1)).default([]).describe("Accepted client ids."),
      allowed_scopes: z
        .array(awsString(RUNTIME_SCOPE_FIELD))
        .default([])
        .describe('Accepted scopes: 1-255 printable ASCII characters each, without space, `"` or `\\`.'),
    })
    .strict()
    .optional()
    .describe("Inbound JWT authorizer of the runtime (instead of SigV4)."),
  request_headers: z
    .array(matching(AGENT_PATTERNS.requestHeader).max(256))
    .max(MAX_REQUEST_HEADERS)
    .default([])
    .describe(
      `Request headers passed through to the agent (at most ${MAX_REQUEST_HEADERS}): ` +
        "Authorization (needs a JWT authorizer) and X-Amzn-Bedrock-AgentCore-Runtime-Custom-*.",
    ),
  runtime_version: z
    .number()
    .int()
    .min(1)
    .max(99_999)
    .optional()
    .describe(
      "Runtime version the `live` endpoint serves (AgentCore numbers versions 1, 2, ...); " +
        "absent, it follows the latest version.",
    ),
  memory: z
    .object({
      event_expiry_days: z
        .number()
        .int()
        .min(MEMORY_EVENT_EXPIRY.min)
        .max(MEMORY_EVENT_EXPIRY.max)
        .default(MEMORY_EVENT_EXPIRY.default)
        .describe(
          `Days raw events are kept (short-term memory), ${MEMORY_EVENT_EXPIRY.min}-${MEMORY_EVENT_EXPIRY.max}.`,
        ),
      strategies: z
        .array(memoryStrategy)
        .max(MAX_MEMORY_STRATEGIES)
        .default([])
        .describe(`Long-term memory strategies (at most ${MAX_MEMORY_STRATEGIES}); none: short-term memory only.`),
    })
    .strict()
    .optional()
    .describe(
      "An AgentCore memory of the agent's own, encrypted with the platform's data key; " +
        "the runtime gets AGENTCORE_MEMORY_ID.",
    ),
  code_interpreter: z
    .object({
      network_mode: z
        .enum(CODE_INTERPRETER_NETWORK_MODES)
        .default("SANDBOX")
        .describe("SANDBOX (no network outside AgentCore), PUBLIC, or VPC (needs `vpc`)."),
    })
    .strict()
    .optional()
    .describe(
      "A code interpreter of the agent's own; the runtime gets AGENTCORE_CODE_INTERPRETER_ID. " +
        "It has no execution role: code it runs has no AWS credentials.",
    ),
  browser: z
    .object({
      network_mode: z.enum(BROWSER_NETWORK_MODES).default("PUBLIC").describe("PUBLIC, or VPC (needs `vpc`)."),
      recording: z
        .boolean()
        .default(false)
        .describe(
          "Record sessions to the artifacts bucket under `browser-recordings/<key>/` " +
            "(needs `artifacts_bucket_arn`); the browser then gets an execution role that may write only there.",
        ),
    })
    .strict()
    .optional()
    .describe("A browser of the agent's own; the runtime gets AGENTCORE_BROWSER_ID."),
  credentials: z
    .object({
      api_keys: z
        .array(matching(AGENT_PATTERNS.credentialName))
        .default([])
        .describe(
          "API key credential providers; values from SSM `<ssm_root>/agents/<key>/credentials/<name>/api-key`.",
        ),
      oauth2: z
        .array(
          z
            .object({
              name: matching(AGENT_PATTERNS.credentialName).describe(
                "Provider name; the provider is `<name_prefix>-<environment>-<key>-<name>`.",
              ),
              discovery_url: matching(AGENT_PATTERNS.discoveryUrl).describe(
                "OpenID Connect discovery URL of the service the agent calls.",
              ),
            })
            .strict(),
        )
        .default([])
        .describe(
          "OAuth2 credential providers; client id and secret from SSM " +
            "`<ssm_root>/agents/<key>/oauth/<name>/client-id|client-secret`.",
        ),
    })
    .strict()
    .default({ api_keys: [], oauth2: [] })
    .describe("Credential providers the agent reads outbound secrets from (production: it may read only these)."),
  codebuild: z
    .boolean()
    .default(false)
    .describe("Create a CodeBuild execution role that builds and pushes this agent's image (seed 004)."),
};

type AgentShape = {
  environment: Record<string, string>;
  credentials: { api_keys: string[]; oauth2: { name: string }[] };
  features: string[];
  image_uri?: string;
  codebuild: boolean;
} & Pick<
  z.output<z.ZodObject<typeof agentFields>>,
  | "network_mode"
  | "vpc"
  | "protocol"
  | "lifecycle"
  | "authorizer"
  | "request_headers"
  | "memory"
  | "code_interpreter"
  | "browser"
>;

/** Checks across fields, the same for blueprint files and module input. */
function checkAgent(b: AgentShape, ctx: z.RefinementCtx): void {
  for (const [name, value] of Object.entries(b.environment)) {
    if ((RESERVED_ENV as readonly string[]).includes(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["environment", name],
        message: `is set by the platform; choose another name (reserved: ${RESERVED_ENV.join(", ")})`,
      });
      continue;
    }
    const kind = secretValueKind(value) ?? (secretByName(name, value) ? "a secret (its name says so)" : undefined);
    if (kind)
      ctx.addIssue({
        code: "custom",
        path: ["environment", name],
        message: `looks like ${kind}. ${PLAIN_ENVIRONMENT_IS_PUBLIC}`,
      });
  }
  const own = Object.keys(b.environment).length;
  const platform = platformEnvironmentAtMost(b);
  if (own + platform.length > ENVIRONMENT_VARIABLES.max)
    ctx.addIssue({
      code: "custom",
      path: ["environment"],
      message:
        `holds ${own} variables; with the ${platform.length} the platform may set for this agent ` +
        `(${platform.join(", ")}) that is ${own + platform.length}, and AgentCore takes at most ` +
        `${ENVIRONMENT_VARIABLES.max} (CreateAgentRuntime.environmentVariables): ` +
        `give at most ${ENVIRONMENT_VARIABLES.max - platform.length}`,
    });
  const names = [...b.credentials.api_keys, ...b.credentials.oauth2.map((o) => o.name)];
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    ctx.addIssue({ code: "custom", path: ["credentials"], message: `credential provider name "${dup}" is used twice` });
  const features = b.features.find((f, i) => b.features.indexOf(f) !== i);
  if (features) ctx.addIssue({ code: "custom", path: ["features"], message: `feature "${features}" is listed twice` });
  if (b.image_uri !== undefined && b.codebuild)
    ctx.addIssue({
      code: "custom",
      path: ["codebuild"],
      message:
        "builds into the agent's own repository, which an agent with image_uri does not have; remove one of them",
    });
  for (const problem of capabilityProblems(b))
    ctx.addIssue({ code: "custom", path: problem.path, message: problem.message });
}

/**
 * What AgentCore would reject across the capability fields, or what cannot work: the same rules
 * the agents module's variable validation states in HCL (modules/agents/names.ts).
 */
export function capabilityProblems(b: AgentShape): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const vpcUsers = [
    b.network_mode === "VPC" && "network_mode",
    b.code_interpreter?.network_mode === "VPC" && "code_interpreter.network_mode",
    b.browser?.network_mode === "VPC" && "browser.network_mode",
  ].filter(Boolean);
  if (vpcUsers.length > 0 && !b.vpc)
    problems.push({
      path: ["vpc"],
      message: `is required: ${vpcUsers.join(", ")} is VPC; give subnet_ids and security_group_ids`,
    });
  if (vpcUsers.length === 0 && b.vpc)
    problems.push({
      path: ["vpc"],
      message: "is given but nothing of the agent runs in VPC mode; set network_mode: VPC (or a tool's) or remove vpc",
    });
  if (b.lifecycle) {
    const { idle_timeout_seconds: idle, max_lifetime_seconds: max } = b.lifecycle;
    if (idle === undefined && max === undefined)
      problems.push({ path: ["lifecycle"], message: "needs idle_timeout_seconds or max_lifetime_seconds" });
    if (idle !== undefined && idle > (max ?? LIFECYCLE.defaultMaxLifetime))
      problems.push({
        path: ["lifecycle", "idle_timeout_seconds"],
        message:
          `is ${idle}, longer than the lifetime (${max ?? LIFECYCLE.defaultMaxLifetime} seconds); ` +
          "AgentCore needs idle <= max",
      });
  }
  const headers = b.request_headers.map((h) => h.toLowerCase());
  const twice = b.request_headers.find((h, i) => headers.indexOf(h.toLowerCase()) !== i);
  if (twice)
    problems.push({ path: ["request_headers"], message: `lists "${twice}" twice (header names are case-insensitive)` });
  if (headers.includes("authorization") && !b.authorizer && b.protocol !== "MCP")
    problems.push({
      path: ["request_headers"],
      message: "passes Authorization, which AgentCore allows only with a JWT authorizer; add `authorizer`",
    });
  const strategies = b.memory?.strategies ?? [];
  strategies.forEach((s, i) => {
    const at = ["memory", "strategies", i];
    if (strategies.findIndex((o) => o.name === s.name) !== i)
      problems.push({ path: [...at, "name"], message: `"${s.name}" is used twice` });
    if (
      (BUILT_IN_STRATEGIES as readonly string[]).includes(s.type) &&
      strategies.findIndex((o) => o.type === s.type) !== i
    )
      problems.push({ path: [...at, "type"], message: `a memory has at most one ${s.type} strategy` });
    const override = s.override;
    if (s.type === "CUSTOM" && !override) problems.push({ path: at, message: "is CUSTOM and needs `override`" });
    if (s.type !== "CUSTOM" && override)
      problems.push({ path: [...at, "override"], message: `is only for CUSTOM strategies, not ${s.type}` });
    const episodic = s.type === "EPISODIC" || override?.type === "EPISODIC_OVERRIDE";
    if (s.reflection_namespace !== undefined && !episodic)
      problems.push({
        path: [...at, "reflection_namespace"],
        message: "is only for EPISODIC strategies and EPISODIC_OVERRIDE",
      });
    if (!override) return;
    if (!override.extraction && !override.consolidation && !override.reflection)
      problems.push({
        path: [...at, "override"],
        message: "needs at least one of extraction, consolidation, reflection",
      });
    if (override.type === "SUMMARY_OVERRIDE" && override.extraction)
      problems.push({ path: [...at, "override", "extraction"], message: "is not a step of SUMMARY_OVERRIDE" });
    if (override.type === "EPISODIC_OVERRIDE" && (!override.reflection || s.reflection_namespace === undefined))
      problems.push({
        path: [...at, "override"],
        message: "EPISODIC_OVERRIDE needs reflection and the strategy's reflection_namespace",
      });
    if (override.type !== "EPISODIC_OVERRIDE" && override.reflection)
      problems.push({ path: [...at, "override", "reflection"], message: "is a step of EPISODIC_OVERRIDE only" });
  });
  return problems;
}

/** One entry of the agents module's `agents` input (the map key is the agent key). */
export const agentSpecSchema = z
  .object({
    key: agentKey
      .optional()
      .describe("The agent's key; when given, it must equal the map key (a blueprint file's `key`)."),
    ...agentFields,
  })
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
  /**
   * Cedar policies of the gateway (`blueprints/gateway/policies/*.cedar`); a policy engine
   * exists when there are any.
   */
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
  for (const w of workflows)
    checkWorkflow(
      w,
      agents.map((a) => a.key),
    );
  return { agents, gatewayTargets, policies, workflows };
}

/** Loads every file of a folder whose `nameField` must equal its file name; sorted by that name. */
function loadNamed<S extends z.ZodType, K extends string>(
  dir: string,
  schema: S,
  nameField: K,
  rootDir: string,
): (z.output<S> & { sourceFile: string })[] {
  return listInputFiles(dir, [".yaml", ".yml"], rootDir)
    .map((file) => {
      const item = loadYamlFile(file, schema, rootDir) as z.output<S> & Record<K, string>;
      const shown = path.relative(rootDir, file);
      const stem = path.basename(file).replace(/\.ya?ml$/, "");
      if (item[nameField] !== stem) {
        throw new InputError(
          shown,
          nameField,
          `is "${item[nameField]}" but the file is named "${path.basename(file)}"; name the file <${nameField}>.yaml`,
        );
      }
      return { ...item, sourceFile: shown };
    })
    .sort((a, b) => (a[nameField] as string).localeCompare(b[nameField] as string));
}
