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
] as const;
export type AgentFeature = (typeof AGENT_FEATURES)[number];

/** The inference keys the platform hands to runtimes: as sensitive values, or as Secrets Manager secrets. */
export const SECRET_ENV = ["LITELLM_API_KEY", "ANTHROPIC_API_KEY", "LANGFUSE_PUBLIC_KEY", "LANGFUSE_SECRET_KEY"] as const;

/** Environment names the platform sets itself; a blueprint may not override them. */
export const RESERVED_ENV = ["AGENT_KEY", "PLATFORM_SSM_ROOT_PATH", "AGENTCORE_GATEWAY_URL", ...SECRET_ENV, ...SECRET_ENV.map((n) => `${n}_SECRET_ARN` as const), "LANGFUSE_HOST"] as const;

/**
 * The patterns of the agent format, shared by the blueprint schema (synthesis) and the agents
 * module's variable validation (plan), so both accept exactly the same agents.
 */
export const AGENT_PATTERNS = {
  credentialName: { pattern: "^[a-z][a-z0-9-]{0,30}$", message: "must be 1-31 characters: lowercase letters, digits and hyphens, starting with a letter" },
  modelId: {
    pattern: "^([a-z-]+\\.)?[a-z0-9-]+\\.[A-Za-z0-9.:_-]+$",
    message: "must be a Bedrock model id (e.g. anthropic.claude-3-5-haiku-20241022-v1:0) or inference profile id (e.g. us.anthropic.claude-sonnet-4-20250514-v1:0)",
  },
  environmentName: { pattern: "^[A-Z][A-Z0-9_]{0,63}$", message: "environment variable names must be UPPER_SNAKE_CASE" },
  imageTag: { pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", message: "must be a valid container image tag" },
  imageUri: {
    pattern: "^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[a-z0-9]+(?:[._/-][a-z0-9]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[a-f0-9]{64})$",
    message: "must be an ECR image URI: <account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> or @sha256:<digest>",
  },
  discoveryUrl: { pattern: "^https://.+/\\.well-known/openid-configuration$", message: "must be an https URL ending in /.well-known/openid-configuration" },
} as const;
