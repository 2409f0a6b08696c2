import { awsBounds } from "../aws-limits";
import { DELIBERATE_STRICTNESS } from "../naming";

/**
 * The agent format's names and patterns, without the schema: the modules and the deploy stacks
 * read them on every synthesis, the zod schema (blueprints.ts) only when inputs are validated.
 */

/** Agent keys: they become part of IAM role, repository, log group and runtime names. */
export const AGENT_KEY_PATTERN = "^[a-z][a-z0-9-]{0,22}[a-z0-9]$";
/** The optional permissions an agent may ask for; each adds seed 002 conditional statements. */
export const AGENT_FEATURES = [
  "artifacts_bucket",
  "extra_s3_read",
  "platform_kms",
  "domain_kms",
  "storage_kms",
  "prompt_registry",
  "artifacts_catalog",
  "idempotency_table",
  "evaluation_table",
  "shared_memory",
] as const;
export type AgentFeature = (typeof AGENT_FEATURES)[number];

/** The inference keys the platform hands to runtimes: as sensitive values, or as Secrets Manager secrets. */
export const SECRET_ENV = [
  "LITELLM_API_KEY",
  "ANTHROPIC_API_KEY",
  "LANGFUSE_PUBLIC_KEY",
  "LANGFUSE_SECRET_KEY",
] as const;

/**
 * The ids of the AgentCore resources an agent declares, handed to its runtime only when it has
 * them (memory, code_interpreter, browser; the shared memory with the feature shared_memory).
 */
export const CAPABILITY_ENV = {
  memory: "AGENTCORE_MEMORY_ID",
  sharedMemory: "AGENTCORE_SHARED_MEMORY_ID",
  codeInterpreter: "AGENTCORE_CODE_INTERPRETER_ID",
  browser: "AGENTCORE_BROWSER_ID",
} as const;

/** Environment names the platform sets itself; a blueprint may not override them. */
export const RESERVED_ENV = [
  "AGENT_KEY",
  "PLATFORM_SSM_ROOT_PATH",
  "AGENTCORE_GATEWAY_URL",
  ...SECRET_ENV,
  ...SECRET_ENV.map((n) => `${n}_SECRET_ARN` as const),
  "LANGFUSE_HOST",
  ...Object.values(CAPABILITY_ENV),
] as const;

/** The image a runtime runs (CreateAgentRuntime…containerConfiguration.containerUri). */
export const CONTAINER_URI_LENGTH = awsBounds(
  "CreateAgentRuntime.agentRuntimeArtifact.containerConfiguration.containerUri",
  "length",
);

/** A scope a runtime's JWT authorizer accepts. */
export const RUNTIME_SCOPE_FIELD = "CreateAgentRuntime.authorizerConfiguration.customJWTAuthorizer.allowedScopes[]";

/** A runtime's environment (CreateAgentRuntime.environmentVariables): entries, name and value lengths. */
export const ENVIRONMENT_VARIABLES = awsBounds("CreateAgentRuntime.environmentVariables", "size");
export const ENVIRONMENT_NAME_LENGTH = awsBounds("CreateAgentRuntime.environmentVariables{key}", "length");
export const ENVIRONMENT_VALUE_LENGTH = awsBounds("CreateAgentRuntime.environmentVariables{value}", "length");

/**
 * The variables the agents module may add to an agent's runtime besides its own `environment`:
 * always AGENT_KEY and PLATFORM_SSM_ROOT_PATH; the gateway URL, each inference key (as a value or
 * as `<NAME>_SECRET_ARN`, never both: the module refuses both) and LANGFUSE_HOST when set; the ids
 * of the capabilities the agent has. Synthesis counts all of them (which inputs are set is
 * Terraform's to decide); the module's precondition counts those it sets.
 */
export function platformEnvironmentAtMost(a: {
  readonly memory?: unknown;
  readonly features: readonly string[];
  readonly code_interpreter?: unknown;
  readonly browser?: unknown;
}): string[] {
  return [
    "AGENT_KEY",
    "PLATFORM_SSM_ROOT_PATH",
    "AGENTCORE_GATEWAY_URL",
    ...SECRET_ENV,
    "LANGFUSE_HOST",
    ...(a.memory != null ? [CAPABILITY_ENV.memory] : []),
    ...(a.features.includes("shared_memory") ? [CAPABILITY_ENV.sharedMemory] : []),
    ...(a.code_interpreter != null ? [CAPABILITY_ENV.codeInterpreter] : []),
    ...(a.browser != null ? [CAPABILITY_ENV.browser] : []),
  ];
}

/**
 * The patterns of the agent format, shared by the blueprint schema (synthesis) and the agents
 * module's variable validation (plan), so both accept exactly the same agents.
 */
export const AGENT_PATTERNS = {
  credentialName: {
    pattern: "^[a-z][a-z0-9-]{0,30}$",
    message: "must be 1-31 characters: lowercase letters, digits and hyphens, starting with a letter",
  },
  modelId: {
    pattern: "^([a-z-]+\\.)?[a-z0-9-]+\\.[A-Za-z0-9.:_-]+$",
    message:
      "must be a Bedrock model id (e.g. anthropic.claude-3-5-haiku-20241022-v1:0) " +
      "or inference profile id (e.g. us.anthropic.claude-sonnet-4-20250514-v1:0)",
  },
  environmentName: {
    // AWS's length (1-100), in UPPER_SNAKE_CASE (DELIBERATE_STRICTNESS).
    pattern: `^[A-Z][A-Z0-9_]{0,${ENVIRONMENT_NAME_LENGTH.max - 1}}$`,
    message:
      `environment variable names must be UPPER_SNAKE_CASE, ${ENVIRONMENT_NAME_LENGTH.min}-` +
      `${ENVIRONMENT_NAME_LENGTH.max} characters (${DELIBERATE_STRICTNESS.environmentName.what})`,
  },
  imageTag: { pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", message: "must be a valid container image tag" },
  imageUri: {
    // AWS also takes public.ecr.aws and untagged URIs; the project pins a tag or digest (DELIBERATE_STRICTNESS).
    maxLength: CONTAINER_URI_LENGTH.max,
    pattern:
      // registry, repository, then a tag or a digest
      "^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?" +
      "/[a-z0-9]+(?:[._/-][a-z0-9]+)*" +
      "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$",
    message:
      "must be an ECR image URI: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>, " +
      `at most ${CONTAINER_URI_LENGTH.max} characters`,
  },
  discoveryUrl: {
    pattern: "^https://.+/\\.well-known/openid-configuration$",
    message: "must be an https URL ending in /.well-known/openid-configuration",
  },
  // VpcConfig of CreateAgentRuntime, CreateCodeInterpreter, CreateBrowser: 1-16 of each.
  subnetId: {
    pattern: "^subnet-[0-9a-zA-Z]{8,17}$",
    message: "must be a subnet id (subnet- and 8-17 letters or digits)",
  },
  securityGroupId: {
    pattern: "^sg-[0-9a-zA-Z]{8,17}$",
    message: "must be a security group id (sg- and 8-17 letters or digits)",
  },
  // RequestHeaderConfiguration.requestHeaderAllowlist of the AgentCore control-plane API.
  requestHeader: {
    pattern: "^(Authorization|X-Amzn-Bedrock-AgentCore-Runtime-Custom-[a-zA-Z0-9-]+)$",
    message:
      "must be Authorization or start with X-Amzn-Bedrock-AgentCore-Runtime-Custom- " +
      "followed by letters, digits and hyphens " +
      "(RequestHeaderConfiguration of the AgentCore API), at most 256 characters",
  },
  // MemoryStrategyInput names and namespace templates (CreateMemory, UpdateMemory; API_MemoryStrategyInput).
  strategyName: {
    pattern: "^[a-zA-Z][a-zA-Z0-9_]{0,47}$",
    message: "must be 1-48 letters, digits and underscores, starting with a letter",
  },
  namespace: {
    pattern: "^[a-zA-Z0-9/_-]*(\\{(actorId|sessionId|memoryStrategyId)\\}[a-zA-Z0-9/_-]*)*$",
    message:
      "must be a namespace template: letters, digits, / _ - " +
      "and the placeholders {actorId}, {sessionId}, {memoryStrategyId}, 1-512 characters",
  },
} as const;

/** Runtime network modes; VPC needs `vpc` (subnets and security groups). */
export const RUNTIME_NETWORK_MODES = ["PUBLIC", "VPC"] as const;
/** Code interpreter network modes: SANDBOX has no network access outside AgentCore. */
export const CODE_INTERPRETER_NETWORK_MODES = ["SANDBOX", "PUBLIC", "VPC"] as const;
export const BROWSER_NETWORK_MODES = ["PUBLIC", "VPC"] as const;
/** The runtime's server protocol (ProtocolConfiguration.serverProtocol). */
export const RUNTIME_PROTOCOLS = ["HTTP", "MCP", "A2A"] as const;

/**
 * Lifecycle limits of a microVM runtime (LifecycleConfiguration; the larger limits apply to
 * runtimes on capacity providers, which this module does not create). AgentCore's defaults are
 * 900 seconds idle and 28,800 seconds lifetime; when only the lifetime is given the idle timeout
 * is the smaller of 900 and the lifetime.
 */
export const LIFECYCLE = { min: 60, max: 28_800, defaultIdle: 900, defaultMaxLifetime: 28_800 } as const;
/** Request headers a runtime may receive (RequestHeaderConfiguration): at most 20. */
export const MAX_REQUEST_HEADERS = 20;

/** Memory event retention (CreateMemory eventExpiryDuration), in days: AWS's range; the default is ours. */
export const MEMORY_EVENT_EXPIRY = { ...awsBounds("CreateMemory.eventExpiryDuration", "range"), default: 30 } as const;
/** An agent's description: AWS's minimum, and the one-line bound of DELIBERATE_STRICTNESS.agentDescription. */
export const AGENT_DESCRIPTION_LENGTH = {
  min: awsBounds("CreateAgentRuntime.description", "length").min,
  max: DELIBERATE_STRICTNESS.agentDescription.max,
} as const;
/** Built-in memory strategy types; at most one of each per memory. */
export const BUILT_IN_STRATEGIES = ["SEMANTIC", "SUMMARIZATION", "USER_PREFERENCE", "EPISODIC"] as const;
export const MEMORY_STRATEGY_TYPES = [...BUILT_IN_STRATEGIES, "CUSTOM"] as const;
/**
 * The overrides of a CUSTOM strategy: a built-in strategy's steps with your own model and prompt
 * additions, invoked in your account (so the memory gets an execution role). SELF_MANAGED (your
 * own pipeline behind SNS and S3) is not offered here.
 */
export const MEMORY_OVERRIDES = [
  "SEMANTIC_OVERRIDE",
  "SUMMARY_OVERRIDE",
  "USER_PREFERENCE_OVERRIDE",
  "EPISODIC_OVERRIDE",
] as const;
/** The text a CUSTOM strategy's step appends to the built-in prompt (`appendToPrompt`, AWS's model). */
export const PROMPT_LENGTH = awsBounds(
  "CreateMemory.memoryStrategies[].customMemoryStrategy.configuration.semanticOverride.extraction.appendToPrompt",
  "length",
);
/** A memory strategy's namespace template (AWS's `Namespace`: 1-512 characters). */
export const NAMESPACE_LENGTH = awsBounds(
  "CreateMemory.memoryStrategies[].semanticMemoryStrategy.namespaceTemplates[]",
  "length",
);
/** A memory holds at most six strategies. */
export const MAX_MEMORY_STRATEGIES = 6;

/** Why a secret must not be a plain environment value, and where it goes instead. */
export const PLAIN_ENVIRONMENT_IS_PUBLIC =
  "Plain environment values are written into the generated Terraform, its plan and the runtime's configuration; " +
  "pass secrets as credential providers (credentials.api_keys, credentials.oauth2: values from SSM) " +
  "or as inference keys (the sensitive variables or inference_key_secret_arns)";
