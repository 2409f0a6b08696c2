/**
 * Writes `docs/aws-limits.md`: for every AgentCore field the project sends, the limit AWS's model
 * puts on it (read from the limits table) next to what the project checks today, and a verdict.
 * The rows (which value the project sends where, what checks it, the verdict) are reviewed by
 * hand against `lib/naming.ts`, `lib/config/*.ts` and `modules/*\/names.ts`; the AWS column is
 * generated. Run with `npm run aws-limits -- --report`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type AwsFieldLimit, type AwsFieldPath, type AwsLimitsTable, limitLookup } from "../lib/aws-limits";
import { AGENT_PATTERNS, LIFECYCLE, MAX_REQUEST_HEADERS, MEMORY_EVENT_EXPIRY } from "../lib/config/agent-format";
import {
  TARGET_NAME_PATTERN,
  TARGET_PATTERNS,
  TOOL_ARGUMENT_NAME_PATTERN,
  TOOL_DESCRIPTION_LENGTH,
} from "../lib/config/target-format";
import { AWS_NAMES, PLATFORM_TAG_KEYS } from "../lib/naming";
import { TAG_LIMITS } from "../lib/config/environment";
import { PROJECT_ROOT } from "../lib/project-root";
import { DEFAULT_MODEL, awsLimitsOfFile } from "./aws-limits";

export const REPORT_FILE = path.join(PROJECT_ROOT, "docs", "aws-limits.md");
/** The release before the default one: the report lists what changed since, for the fields sent. */
export const PREVIOUS_MODEL = path.join(path.dirname(DEFAULT_MODEL), "bedrock-agentcore-control-2025-12-02.json");

/**
 * - same: the project accepts exactly what AWS accepts, for the values it can send.
 * - stricter: the project rejects values AWS accepts, and accepts none that AWS rejects.
 * - looser: on at least one path (blueprints at synthesis, module inputs at plan) the project
 *   accepts a value AWS rejects, so the apply fails.
 * - unchecked: nothing in the project checks the field (`fits`: the value is built so it always fits).
 */
type Verdict = "looser" | "unchecked" | "stricter" | "same";
const VERDICTS: readonly Verdict[] = ["looser", "unchecked", "stricter", "same"];

interface Comparison {
  /** The table's paths of the field; each `Create…` path's `Update…` twin is added when the table has it. */
  readonly paths: readonly AwsFieldPath[];
  /** What the project puts in the field, and where it comes from. */
  readonly sends: string;
  /** What checks it, and where; empty when nothing does. */
  readonly checks: string;
  readonly verdict: Verdict;
  /** For `unchecked`: the value is built so that it always fits. */
  readonly fits?: true;
  /** The mismatch, or the reason for deliberate strictness. */
  readonly note?: string;
}

interface Section {
  readonly title: string;
  /** The Terraform resource and the operations it calls. */
  readonly resource: string;
  readonly rows: readonly Comparison[];
}

const c = (s: string | number) => `\`${s}\``;
const TOOL_DESCRIPTION_REASON =
  "AWS states no bound; the model reads every description in each tools/list response, so each is kept to a " +
  "paragraph.";
const EMPTY_CLAIM_REASON = "An empty value would match a token whose claim is empty or missing; no issuer means it.";
/** `AWS_NAMES.<rule>` of lib/naming.ts. */
const awsName = (rule: keyof typeof AWS_NAMES) => `\`AWS_NAMES.${rule}\` (lib/naming.ts)`;
/** The rule's name, pattern and length. */
const awsRule = (rule: keyof typeof AWS_NAMES) =>
  `${awsName(rule)}: ${c(AWS_NAMES[rule].pattern)}, ${AWS_NAMES[rule].min}-${AWS_NAMES[rule].max} characters`;
const AGENT_NAMES = "modules/agents/names.ts `AGENT_NAMES` (synthesis: `agentNameProblems`; plan: `agentsValidation`)";
const BLUEPRINT = "lib/config/blueprints.ts (zod) and modules/agents/names.ts `agentsValidation` (plan)";
const TARGETS = "lib/config/gateway-targets.ts (zod) and modules/platform/modules/agentcore/names.ts (plan)";

/** Every operation's `tags` (the deploy stacks' default_tags reach each one) and the tagging calls. */
const TAGGED: readonly string[] = [
  "CreateAgentRuntime",
  "CreateAgentRuntimeEndpoint",
  "CreateApiKeyCredentialProvider",
  "CreateBrowser",
  "CreateCodeInterpreter",
  "CreateGateway",
  "CreateMemory",
  "CreateOauth2CredentialProvider",
  "CreatePolicyEngine",
  "TagResource",
];
const tagPaths = (part: "" | "{key}" | "{value}") =>
  TAGGED.map((op) => `${op}.tags${part}` as AwsFieldPath).concat(
    part === "{key}" ? ["UntagResource.tagKeys[]" as AwsFieldPath] : [],
  );

const STRATEGIES = ["semantic", "summary", "userPreference", "episodic", "custom"] as const;
const ADD = "UpdateMemory.memoryStrategies.addMemoryStrategies[]";
const MODIFY = "UpdateMemory.memoryStrategies.modifyMemoryStrategies[]";
const strategyPaths = (field: string) => STRATEGIES.map((s) => `${ADD}.${s}MemoryStrategy.${field}` as AwsFieldPath);
const OVERRIDE_STEPS = {
  semanticOverride: ["extraction", "consolidation"],
  summaryOverride: ["consolidation"],
  userPreferenceOverride: ["extraction", "consolidation"],
  episodicOverride: ["extraction", "consolidation", "reflection"],
} as const;
const overridePaths = (field: string) =>
  Object.entries(OVERRIDE_STEPS).flatMap(([override, steps]) =>
    steps.map((step) => `${ADD}.customMemoryStrategy.configuration.${override}.${step}.${field}` as AwsFieldPath),
  );
const RUNTIME_JWT = "CreateAgentRuntime.authorizerConfiguration.customJWTAuthorizer";
const GATEWAY_JWT = "CreateGateway.authorizerConfiguration.customJWTAuthorizer";
const CREDENTIAL = "CreateGatewayTarget.credentialProviderConfigurations[]";
const PROVIDER = `${CREDENTIAL}.credentialProvider`;
const MCP = "CreateGatewayTarget.targetConfiguration.mcp";
const TOOL = `${MCP}.lambda.toolSchema.inlinePayload[]`;
const CUSTOM_OAUTH = "CreateOauth2CredentialProvider.oauth2ProviderConfigInput.customOauth2ProviderConfig";
const vpcPaths = (list: "subnets" | "securityGroups", items = "") =>
  [
    `CreateAgentRuntime.networkConfiguration.networkModeConfig.${list}${items}`,
    `CreateCodeInterpreter.networkConfiguration.vpcConfig.${list}${items}`,
    `CreateBrowser.networkConfiguration.vpcConfig.${list}${items}`,
  ] as AwsFieldPath[];
const agentPattern = (p: keyof typeof AGENT_PATTERNS) => `\`AGENT_PATTERNS.${p}\` ${c(AGENT_PATTERNS[p].pattern)}`;
const targetPattern = (p: keyof typeof TARGET_PATTERNS) => `\`TARGET_PATTERNS.${p}\` ${c(TARGET_PATTERNS[p].pattern)}`;
const USER_TAGS = TAG_LIMITS.count.max - PLATFORM_TAG_KEYS.length;
const FROM_RESOURCE = "the ARN or id of a resource the same configuration creates";

export const SECTIONS: readonly Section[] = [
  {
    title: "Tags",
    resource:
      "`tags` of every resource through the deploy stacks' provider `default_tags` (lib/hosts/deploy-stack.ts); " +
      "the provider sends them with each Create call and with TagResource / UntagResource. Registry modules set " +
      "no tags: an HCL caller's own provider `default_tags` are not checked by the project at all.",
    rows: [
      {
        paths: tagPaths(""),
        sends: `the environment's \`tags\` plus ${PLATFORM_TAG_KEYS.map(c).join(", ")}`,
        checks: `lib/config/environment.ts \`tagMap\`: at most ${USER_TAGS} of the environment's own`,
        verdict: "same",
      },
      {
        paths: tagPaths("{key}"),
        sends: "tag keys",
        checks:
          "`tagMap`: AWS's length and pattern (`awsValueProblem`, `\\s` as Java's ASCII spaces); no `aws:` prefix; " +
          "not a platform key",
        verdict: "stricter",
        note:
          "Stricter only by the `aws:` prefix AWS reserves (not in the model) and the platform's own keys. Registry " +
          "modules take no tags (an HCL caller's provider `default_tags` are the caller's).",
      },
      {
        paths: tagPaths("{value}"),
        sends: "tag values",
        checks: "`tagMap`: AWS's length and pattern (`awsValueProblem`)",
        verdict: "same",
      },
    ],
  },
  {
    title: "Agent runtime",
    resource: "`aws_bedrockagentcore_agent_runtime` (modules/agents/index.ts): CreateAgentRuntime, UpdateAgentRuntime",
    rows: [
      {
        paths: ["CreateAgentRuntime.agentRuntimeName"],
        sends: "`<name_prefix>_<environment>_<key>`, hyphens as underscores",
        checks: `${AGENT_NAMES}: \`runtime\` = ${awsRule("runtime")}`,
        verdict: "same",
      },
      {
        paths: ["CreateAgentRuntime.description"],
        sends: "the agent's `description`",
        checks: `${BLUEPRINT}: 1-200 characters`,
        verdict: "stricter",
        note:
          "Deliberately (lib/naming.ts `DELIBERATE_STRICTNESS.agentDescription`): the blueprint format's one-line " +
          "description, a gateway target's bound; AWS allows 1-4,096.",
      },
      {
        paths: ["CreateAgentRuntime.roleArn"],
        sends: "the ARN of the agent's execution role (`aws_iam_role`)",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateAgentRuntime.agentRuntimeArtifact.containerConfiguration.containerUri"],
        sends: "`image_uri`, or `<own repository URL>:<image_tag>`",
        checks:
          `${BLUEPRINT}: ${agentPattern("imageUri")}, at most ${AGENT_PATTERNS.imageUri.maxLength} characters; ` +
          `\`image_tag\` ${c(AGENT_PATTERNS.imageTag.pattern)}`,
        verdict: "stricter",
        note:
          "A tag or digest is required (an untagged URI runs whatever `latest` is at the time) and `public.ecr.aws` " +
          "images are refused (the runtime role pulls from ECR in the account).",
      },
      {
        paths: ["CreateAgentRuntime.environmentVariables"],
        sends:
          "the agent's `environment` plus up to 12 the platform sets (AGENT_KEY, PLATFORM_SSM_ROOT_PATH, " +
          "AGENTCORE_GATEWAY_URL, the four inference keys or their `_SECRET_ARN`s, LANGFUSE_HOST, four capability ids)",
        checks:
          "lib/config/blueprints.ts (zod): the agent's own plus every one the platform may set for it " +
          "(`platformEnvironmentAtMost`: 8, and the ids of its capabilities); modules/agents/index.ts (plan): a " +
          "precondition of each runtime counts the map it sends; both at most AWS's maximum",
        verdict: "same",
        note:
          "Synthesis counts the optional inputs as set (Terraform decides them at plan), so it may refuse an " +
          "agent the plan would take with fewer inputs set: stricter there by at most 6 (a worst case, never looser).",
      },
      {
        paths: ["CreateAgentRuntime.environmentVariables{key}"],
        sends: "environment variable names",
        checks:
          `${BLUEPRINT}: ${agentPattern("environmentName")} (AWS's 100 characters); ` +
          "the platform's own are reserved",
        verdict: "stricter",
        note:
          "UPPER_SNAKE_CASE, deliberately (lib/naming.ts `DELIBERATE_STRICTNESS.environmentName`): " +
          "the length is AWS's.",
      },
      {
        paths: ["CreateAgentRuntime.environmentVariables{value}"],
        sends: "environment values (the platform's: SSM path, gateway URL, keys, ARNs, ids)",
        checks:
          `${BLUEPRINT}: at most AWS's 5,000 characters, no secret-looking value ` +
          "(the platform's own: not checked)",
        verdict: "stricter",
        note: "Stricter only by the secret-looking values it refuses; the length is AWS's.",
      },
      {
        paths: ["CreateAgentRuntime.networkConfiguration.networkMode"],
        sends: "`network_mode`",
        checks: `${BLUEPRINT}: PUBLIC or VPC`,
        verdict: "same",
      },
      {
        paths: [...vpcPaths("subnets"), ...vpcPaths("securityGroups")],
        sends: "`vpc.subnet_ids`, `vpc.security_group_ids` (one `vpc` for the runtime, code interpreter and browser)",
        checks: `${BLUEPRINT}: 1-16 each`,
        verdict: "same",
      },
      {
        paths: vpcPaths("subnets", "[]"),
        sends: "subnet ids",
        checks: agentPattern("subnetId"),
        verdict: "same",
      },
      {
        paths: vpcPaths("securityGroups", "[]"),
        sends: "security group ids",
        checks: agentPattern("securityGroupId"),
        verdict: "same",
      },
      {
        paths: ["CreateAgentRuntime.protocolConfiguration.serverProtocol"],
        sends: "`protocol`",
        checks: `${BLUEPRINT}: HTTP, MCP or A2A`,
        verdict: "stricter",
        note: "AGUI is new in the 2026-07-15 model.",
      },
      {
        paths: ["CreateAgentRuntime.requestHeaderConfiguration.requestHeaderAllowlist"],
        sends: "`request_headers` (the block is left out when empty)",
        checks: `${BLUEPRINT}: at most ${MAX_REQUEST_HEADERS}, no name twice ignoring case`,
        verdict: "stricter",
        note: "AWS's `uniqueItems` is case-sensitive.",
      },
      {
        paths: ["CreateAgentRuntime.requestHeaderConfiguration.requestHeaderAllowlist[]"],
        sends: "request header names",
        checks: `${agentPattern("requestHeader")}, at most 256 characters`,
        verdict: "stricter",
        note:
          "The project's pattern is the 2025-12-02 model's; 2026-07-15 accepts any header name. Whether the " +
          "service still requires the `X-Amzn-Bedrock-AgentCore-Runtime-Custom-` prefix is not in the model.",
      },
      {
        paths: [`${RUNTIME_JWT}.discoveryUrl`],
        sends: "`authorizer.discovery_url`, or the platform's Cognito issuer for MCP agents without one",
        checks: `${BLUEPRINT}: ${agentPattern("discoveryUrl")}`,
        verdict: "stricter",
        note: "https only; AWS takes any scheme.",
      },
      {
        paths: [`${RUNTIME_JWT}.allowedAudience`, `${RUNTIME_JWT}.allowedClients`, `${RUNTIME_JWT}.allowedScopes`],
        sends: "`authorizer.allowed_audiences` / `allowed_clients` / `allowed_scopes`; an empty list is sent as null",
        checks: "modules/agents/index.ts maps empty lists to null",
        verdict: "same",
      },
      {
        paths: [`${RUNTIME_JWT}.allowedAudience[]`, `${RUNTIME_JWT}.allowedClients[]`],
        sends: "audiences, client ids (the Cognito default: `cognito_client_id`)",
        checks: `${BLUEPRINT}: at least 1 character`,
        verdict: "stricter",
        note: EMPTY_CLAIM_REASON,
      },
      {
        paths: [`${RUNTIME_JWT}.allowedScopes[]`],
        sends: "scopes",
        checks:
          `${BLUEPRINT}: AWS's length and pattern ` +
          "(lib/config/blueprints.ts `awsString`, lib/aws-checks.ts `hclAwsValueOk`)",
        verdict: "same",
      },
      {
        paths: [
          "CreateAgentRuntime.lifecycleConfiguration.idleRuntimeSessionTimeout",
          "CreateAgentRuntime.lifecycleConfiguration.maxLifetime",
        ],
        sends: "`lifecycle` (both values, AgentCore's defaults filling the one not given)",
        checks: `${BLUEPRINT}: whole seconds ${LIFECYCLE.min}-${LIFECYCLE.max}, idle not longer than the lifetime`,
        verdict: "same",
      },
    ],
  },
  {
    title: "Runtime endpoint",
    resource:
      "`aws_bedrockagentcore_agent_runtime_endpoint` (modules/agents/index.ts): CreateAgentRuntimeEndpoint, " +
      "UpdateAgentRuntimeEndpoint",
    rows: [
      {
        paths: ["CreateAgentRuntimeEndpoint.name"],
        sends: "`live` (modules/agents/permissions.ts `LIVE_ENDPOINT`)",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateAgentRuntimeEndpoint.agentRuntimeId"],
        sends: FROM_RESOURCE,
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateAgentRuntimeEndpoint.agentRuntimeVersion"],
        sends: "`runtime_version`",
        checks: `${BLUEPRINT}: a whole number 1-99,999`,
        verdict: "same",
      },
      {
        paths: ["CreateAgentRuntimeEndpoint.description"],
        sends: "`Live endpoint of <key>`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
    ],
  },
  {
    title: "Memory",
    resource: "`aws_bedrockagentcore_memory` (modules/agents/index.ts): CreateMemory, UpdateMemory",
    rows: [
      {
        paths: ["CreateMemory.name"],
        sends: "`<name_prefix>_<environment>_<key>`",
        checks: `${AGENT_NAMES}: \`memory\` = ${awsRule("memory")}`,
        verdict: "same",
      },
      {
        paths: ["CreateMemory.description"],
        sends: "`Memory of the agent <key> (<name_prefix>-<environment>)`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateMemory.eventExpiryDuration"],
        sends: "`memory.event_expiry_days`",
        checks: `${BLUEPRINT}: whole days ${MEMORY_EVENT_EXPIRY.min}-${MEMORY_EVENT_EXPIRY.max} (AWS's range)`,
        verdict: "same",
        note: "Was 7-365 with no recorded reason; AWS's 3-365 since.",
      },
      {
        paths: ["CreateMemory.encryptionKeyArn"],
        sends: "`data_kms_key_arn` (the platform's data key in the deploy stacks), or null",
        checks: "the agents module's `data_kms_key_arn` validation: empty, or AWS's pattern (lib/aws-checks.ts)",
        verdict: "same",
      },
      {
        paths: ["CreateMemory.memoryExecutionRoleArn"],
        sends: "the memory role's ARN (CUSTOM strategies), or null",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
    ],
  },
  {
    title: "Memory strategies",
    resource:
      "`aws_bedrockagentcore_memory_strategy` (lib/provider-ext/memory-strategy.ts): UpdateMemory " +
      "`addMemoryStrategies` to create, `modifyMemoryStrategies` to change (same limits where listed)",
    rows: [
      {
        paths: strategyPaths("name"),
        sends: "`memory.strategies[].name`",
        checks: `${BLUEPRINT}: ${agentPattern("strategyName")}`,
        verdict: "same",
      },
      {
        paths: [...strategyPaths("description"), `${MODIFY}.description` as AwsFieldPath],
        sends: "`<TYPE> strategy of the memory of <key>`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: [
          ...strategyPaths("namespaceTemplates"),
          `${ADD}.episodicMemoryStrategy.reflectionConfiguration.namespaceTemplates`,
        ],
        sends: "`[namespace]`, `[reflection_namespace]`: always one",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: [
          ...strategyPaths("namespaceTemplates[]"),
          `${ADD}.episodicMemoryStrategy.reflectionConfiguration.namespaceTemplates[]`,
          `${ADD}.customMemoryStrategy.configuration.episodicOverride.reflection.namespaceTemplates[]`,
          `${MODIFY}.namespaceTemplates[]` as AwsFieldPath,
        ],
        sends: "`namespace`, `reflection_namespace`",
        checks:
          `lib/config/blueprints.ts (zod) and modules/agents/names.ts (plan): ${agentPattern("namespace")}, ` +
          "AWS's 1-512 characters (`NAMESPACE_LENGTH`)",
        verdict: "same",
      },
      {
        paths: overridePaths("modelId"),
        sends: "`override.<step>.model`",
        checks: `${BLUEPRINT}: ${agentPattern("modelId")}`,
        verdict: "stricter",
        note: "AWS states no limit on `modelId`; the pattern keeps the memory role's IAM scope meaningful.",
      },
      {
        paths: overridePaths("appendToPrompt"),
        sends: "`override.<step>.prompt`",
        checks: `${BLUEPRINT}: 1-30,000 characters`,
        verdict: "same",
      },
    ],
  },
  {
    title: "Code interpreter and browser",
    resource:
      "`aws_bedrockagentcore_code_interpreter`, `aws_bedrockagentcore_browser` (modules/agents/index.ts): " +
      "CreateCodeInterpreter, CreateBrowser (VPC fields: see Agent runtime)",
    rows: [
      {
        paths: ["CreateCodeInterpreter.name"],
        sends: "`<name_prefix>_<environment>_<key>_interpreter`",
        checks: `${AGENT_NAMES}: ${awsRule("codeInterpreter")}`,
        verdict: "same",
      },
      {
        paths: ["CreateBrowser.name"],
        sends: "`<name_prefix>_<environment>_<key>_browser`",
        checks: `${AGENT_NAMES}: ${awsRule("browser")}`,
        verdict: "same",
      },
      {
        paths: ["CreateCodeInterpreter.description", "CreateBrowser.description"],
        sends: "`Code interpreter of the agent <key> (<stem>)`, `Browser of the agent <key> (<stem>)`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateCodeInterpreter.networkConfiguration.networkMode"],
        sends: "`code_interpreter.network_mode`",
        checks: `${BLUEPRINT}: SANDBOX, PUBLIC or VPC`,
        verdict: "same",
      },
      {
        paths: ["CreateBrowser.networkConfiguration.networkMode"],
        sends: "`browser.network_mode`",
        checks: `${BLUEPRINT}: PUBLIC or VPC`,
        verdict: "same",
      },
      {
        paths: ["CreateBrowser.executionRoleArn"],
        sends: "the browser role's ARN (recording), or null",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateBrowser.recording.s3Location.bucket"],
        sends: "the sixth `:`-separated part of `artifacts_bucket_arn`",
        checks:
          "lib/config/environment.ts (synthesis) and the agents module's `artifacts_bucket_arn` validation (plan): " +
          "a bucket ARN whose name follows S3's naming rules (`S3_BUCKET_RULE`, lib/naming.ts)",
        verdict: "stricter",
        note:
          "S3's rules refuse names AWS's pattern takes (`a..b`, an IP address, `xn--` prefixes): S3 never " +
          "creates them.",
      },
      {
        paths: ["CreateBrowser.recording.s3Location.prefix"],
        sends: "`browser-recordings/<key>/`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
    ],
  },
  {
    title: "Credential providers",
    resource:
      "`aws_bedrockagentcore_api_key_credential_provider`, `aws_bedrockagentcore_oauth2_credential_provider` " +
      "(modules/agents/index.ts, modules/platform/modules/agentcore/index.ts): Create/Update" +
      "ApiKeyCredentialProvider, Create/UpdateOauth2CredentialProvider",
    rows: [
      {
        paths: ["CreateApiKeyCredentialProvider.name", "CreateOauth2CredentialProvider.name"],
        sends:
          "`<name_prefix>-<environment>-<key>-<credential>` (agents), `<name_prefix>-<environment>-<Target>` (targets)",
        checks:
          `${AGENT_NAMES}: \`CREDENTIAL_PROVIDER_NAME\`; modules/platform/modules/agentcore/names.ts ` +
          `\`targetCredentialProvider\`; both ${awsRule("credentialProvider")}`,
        verdict: "same",
      },
      {
        paths: ["CreateOauth2CredentialProvider.name"],
        sends: "`<name_prefix>-<environment>-gateway-m2m` (the gateway's Cognito client)",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateApiKeyCredentialProvider.apiKey"],
        sends: "an SSM SecureString value, write-only",
        checks: "",
        verdict: "unchecked",
        fits: true,
        note: "SSM values are at most 8 KB, under AWS's 65,536.",
      },
      {
        paths: ["CreateOauth2CredentialProvider.credentialProviderVendor"],
        sends: "`CustomOauth2`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: [`${CUSTOM_OAUTH}.oauthDiscovery.discoveryUrl`],
        sends: "`credentials.oauth2[].discovery_url`, a target's `auth.oauth.discovery_url`, the Cognito issuer",
        checks: `${BLUEPRINT}; ${TARGETS}: ${c(AGENT_PATTERNS.discoveryUrl.pattern)}`,
        verdict: "stricter",
        note: "https only, and not `/.well-known/oauth-authorization-server`, which the 2026-07-15 model accepts.",
      },
      {
        paths: [`${CUSTOM_OAUTH}.clientId`, `${CUSTOM_OAUTH}.clientSecret`],
        sends: "SSM SecureString values, write-only (the Cognito client's id and secret for the gateway)",
        checks: "",
        verdict: "unchecked",
        fits: true,
        note:
          "The module writes them from the Cognito user pool client it creates, whose id and secret are far under " +
          "AWS's 256 and 2,048 characters. An agent's own OAuth2 credentials are read from SSM at apply (ephemeral, " +
          "never in a plan): their lengths are AWS's to refuse.",
      },
    ],
  },
  {
    title: "Gateway",
    resource:
      "`aws_bedrockagentcore_gateway` (modules/platform/modules/agentcore/index.ts): CreateGateway, UpdateGateway",
    rows: [
      {
        paths: ["CreateGateway.name"],
        sends: "`<name_prefix>-<environment>-gateway`",
        checks:
          "modules/platform/modules/agentcore/names.ts `GATEWAY_NAME` (synthesis: `gatewayNameProblem` in " +
          "app/checks.ts; plan: the `name_prefix` validation of the gateway and platform modules): AWS's pattern",
        verdict: "same",
        note:
          "`name_prefix` (NAME_PREFIX_RULE) may hold `--`; the derived name is held to AWS's pattern, so " +
          "`a--b` is refused. (The 2025-12-02 model allowed 100 groups, 2026-07-15 48; the name has at most 35 " +
          "characters.)",
      },
      {
        paths: ["CreateGateway.description"],
        sends: "`MCP gateway of <name_prefix>-<environment>`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateGateway.roleArn"],
        sends: "the gateway role's ARN",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateGateway.protocolType"],
        sends: "`MCP`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateGateway.authorizerType"],
        sends: "`authorizer_type` (module), from `platform.gateway.authorizer` (environment)",
        checks: "the module's validation; lib/config/environment.ts: CUSTOM_JWT or AWS_IAM",
        verdict: "stricter",
        note: "NONE (no inbound authorization) and AUTHENTICATE_ONLY are not offered.",
      },
      {
        paths: [`${GATEWAY_JWT}.discoveryUrl`],
        sends: "`jwt_discovery_url`, or the Cognito issuer",
        checks: "the module's validation; lib/config/environment.ts: `^https://.+/\\.well-known/openid-configuration$`",
        verdict: "stricter",
        note: "https only.",
      },
      {
        paths: [`${GATEWAY_JWT}.allowedAudience`, `${GATEWAY_JWT}.allowedClients`],
        sends:
          "`jwt_allowed_audiences`, `jwt_allowed_clients`, an empty list as null (Cognito: null and the m2m " +
          "client id)",
        checks: "",
        verdict: "unchecked",
        fits: true,
        note:
          "AWS takes a list of at least one value or none: the gateway module sends an empty list as null " +
          "(`nonEmptyOrNull`), as the agents module does for runtimes. Nothing requires either list to be given " +
          "(the model does not either).",
      },
      {
        paths: [`${GATEWAY_JWT}.allowedAudience[]`, `${GATEWAY_JWT}.allowedClients[]`],
        sends: "audiences, client ids",
        checks: "lib/config/environment.ts and the gateway module's validations: at least 1 character",
        verdict: "stricter",
        note: EMPTY_CLAIM_REASON,
      },
      {
        paths: ["CreateGateway.kmsKeyArn", "CreatePolicyEngine.encryptionKeyArn"],
        sends: "`kms_key_arn` (the platform's `platform_artifacts` key in the deploy stacks)",
        checks: "the gateway module's `kms_key_arn` validation: empty, or AWS's pattern (a key ARN, not an alias)",
        verdict: "same",
      },
      {
        paths: ["CreateGateway.policyEngineConfiguration.arn"],
        sends: FROM_RESOURCE,
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateGateway.policyEngineConfiguration.mode"],
        sends: "`policy_engine_mode`",
        checks: "the module's validation; lib/config/environment.ts: LOG_ONLY or ENFORCE",
        verdict: "same",
      },
    ],
  },
  {
    title: "Gateway targets",
    resource:
      "`aws_bedrockagentcore_gateway_target` (modules/platform/modules/agentcore/index.ts): CreateGatewayTarget, " +
      "UpdateGatewayTarget",
    rows: [
      {
        paths: ["CreateGatewayTarget.gatewayIdentifier"],
        sends: FROM_RESOURCE,
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreateGatewayTarget.name"],
        sends: "the target's name (map key / file name)",
        checks: `${TARGETS}: \`TARGET_NAME_PATTERN\` ${c(TARGET_NAME_PATTERN)}, not Mcp or CallTool`,
        verdict: "stricter",
        note: "The name is the Cedar action group `<Target>___<tool>`: PascalCase, no hyphens.",
      },
      {
        paths: ["CreateGatewayTarget.description"],
        sends: "the target's `description`",
        checks: `${TARGETS}: 1-200 characters`,
        verdict: "same",
      },
      {
        paths: [`${MCP}.lambda.lambdaArn`],
        sends: "`arn:<partition>:lambda:<region>:<account>:function:<name_prefix>-<environment>-<function>`",
        checks: `${TARGETS}: the function name, ${awsRule("lambdaFunction")}`,
        verdict: "same",
      },
      {
        paths: [`${TOOL}.name`],
        sends: "Lambda tool names",
        checks: `${TARGETS}: ${c("^[a-z][a-z0-9_]{0,63}$")}`,
        verdict: "stricter",
        note: "AWS states no limit; the project's tool naming.",
      },
      {
        paths: [`${TOOL}.description`],
        sends: "tool descriptions",
        checks:
          `${TARGETS}: required for Lambda tools, ` +
          `${TOOL_DESCRIPTION_LENGTH.min}-${TOOL_DESCRIPTION_LENGTH.max} characters`,
        verdict: "stricter",
        note: TOOL_DESCRIPTION_REASON,
      },
      {
        paths: [`${TOOL}.inputSchema.type`],
        sends:
          "`object` for a tool's input, each argument's type (the table lists the schema once: `properties{value}` " +
          "and `items` are the same shape, marked `recursive`)",
        checks:
          "`object` at the top; arguments: AWS's types (`TOOL_TYPES`, lib/config/target-format.ts); an array's " +
          "items and an object's fields: the same without `object` (`NESTED_TOOL_TYPES`), in the zod schema and " +
          "the gateway_targets validation",
        verdict: "stricter",
        note: "Arguments nest one level: Terraform types cannot recurse, so the module input could not hold more.",
      },
      {
        paths: [`${TOOL}.inputSchema.properties{key}`],
        sends: "argument names",
        checks: `${TARGETS}: identifiers ${c(TOOL_ARGUMENT_NAME_PATTERN)}`,
        verdict: "stricter",
        note: "The Lambda receives the arguments by name: identifiers bind as they are in every language.",
      },
      {
        paths: [`${TOOL}.inputSchema.description`],
        sends: "argument descriptions",
        checks: `${TARGETS}: at most ${TOOL_DESCRIPTION_LENGTH.max} characters`,
        verdict: "stricter",
        note: TOOL_DESCRIPTION_REASON,
      },
      {
        paths: [`${MCP}.openApiSchema.inlinePayload`, `${MCP}.smithyModel.inlinePayload`],
        sends: "`openapi.inline`, `smithy.inline`",
        checks:
          "lib/config/gateway-targets.ts: non-empty, parsed for their tools; OpenAPI: servers with absolute " +
          "URLs, no `oneOf`/`anyOf`/`allOf`, no host `{variable}` without an `enum`; plan: an inline OpenAPI " +
          "document's operationIds, servers, combiners and host variables",
        verdict: "stricter",
        note:
          "What the developer guide's OpenAPI schema targets page says the gateway does not support, " +
          "and its URL-parameter security advice.",
      },
      {
        paths: [`${MCP}.openApiSchema.s3.uri`, `${MCP}.smithyModel.s3.uri`],
        sends: "`openapi.s3.uri`, `smithy.s3.uri`",
        checks: `${TARGETS}: ${targetPattern("s3Uri")}, at most ${TARGET_PATTERNS.s3Uri.maxLength} characters`,
        verdict: "stricter",
        note: "A valid bucket name and a key are required: AWS's pattern takes any text after `s3://`.",
      },
      {
        paths: [`${MCP}.openApiSchema.s3.bucketOwnerAccountId`, `${MCP}.smithyModel.s3.bucketOwnerAccountId`],
        sends: "`s3.bucket_owner_account_id`",
        checks: `${TARGETS}: ${c(TARGET_PATTERNS.accountId.pattern)}`,
        verdict: "same",
      },
      {
        paths: [`${MCP}.mcpServer.endpoint`],
        sends: "`mcp_server.endpoint`, or an `agent_runtime`'s invocation URL",
        checks: `${TARGETS}: ${targetPattern("httpsUrl")}; the runtime ARN and qualifier`,
        verdict: "stricter",
        note: "A host is required and no whitespace: AWS's `^https://.*` takes `https://` alone.",
      },
      {
        paths: ["CreateGatewayTarget.credentialProviderConfigurations"],
        sends: "one block, or none for `auth.none`",
        checks: `${TARGETS}: exactly one outbound auth`,
        verdict: "same",
      },
      {
        paths: [`${CREDENTIAL}.credentialProviderType`],
        sends: "GATEWAY_IAM_ROLE, API_KEY or OAUTH, by the provider from the block given",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: [`${PROVIDER}.iamCredentialProvider.service`],
        sends: "`auth.gateway_iam_role.service`, or `bedrock-agentcore` for runtimes",
        checks: `${TARGETS}: ${targetPattern("sigv4Service")}`,
        verdict: "stricter",
        note: "AWS also takes upper case, `.` and `_`.",
      },
      {
        paths: [`${PROVIDER}.iamCredentialProvider.region`],
        sends: "`auth.gateway_iam_role.region`, or the runtime ARN's region",
        checks: `${TARGETS}: a region of \`lib/aws-regions.json\` (for a runtime ARN, of the ARN's partition)`,
        verdict: "stricter",
        note: "Only regions AWS has; AWS's model takes any 1-32 letters, digits and hyphens.",
      },
      {
        paths: [`${PROVIDER}.apiKeyCredentialProvider.providerArn`, `${PROVIDER}.oauthCredentialProvider.providerArn`],
        sends: FROM_RESOURCE,
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: [`${PROVIDER}.apiKeyCredentialProvider.credentialLocation`],
        sends: "`auth.api_key.location`",
        checks: `${TARGETS}: HEADER or QUERY_PARAMETER`,
        verdict: "same",
      },
      {
        paths: [`${PROVIDER}.apiKeyCredentialProvider.credentialParameterName`],
        sends: "`auth.api_key.parameter_name`",
        checks: `${TARGETS}: ${targetPattern("apiKeyParameter")}`,
        verdict: "stricter",
        note: "AWS takes any 1-64 characters.",
      },
      {
        paths: [`${PROVIDER}.apiKeyCredentialProvider.credentialPrefix`],
        sends: "`auth.api_key.prefix`",
        checks: `${TARGETS}: AWS's length (\`API_KEY_PREFIX_LENGTH\`, lib/config/target-format.ts)`,
        verdict: "same",
      },
      {
        paths: [`${PROVIDER}.oauthCredentialProvider.scopes`],
        sends: "`auth.oauth.scopes`; for `auth.cognito`, `<gateway name>/<scope>` of every `cognito_scopes` entry",
        checks:
          "lib/config/gateway-targets.ts (zod) and modules/platform/modules/agentcore/names.ts (plan) for " +
          "`auth.oauth.scopes`; app/checks.ts `cognitoScopeProblems` (synthesis) and the `cognito_scopes` " +
          "validation (plan): at most AWS's maximum (`OAUTH_SCOPE_COUNT`)",
        verdict: "same",
      },
      {
        paths: [`${PROVIDER}.oauthCredentialProvider.scopes[]`],
        sends: "scopes; for `auth.cognito`, `<name_prefix>-<environment>-gateway/<scope>`",
        checks:
          "the same checks: each target scope, and each derived Cognito scope, AWS's length (`OAUTH_SCOPE_LENGTH`)",
        verdict: "same",
        note:
          "The Cognito scope carries the gateway name (up to 35 characters): the derived scope is checked, so an " +
          "entry that fits the environment schema's 256 but makes a scope over 64 is refused at synthesis and plan.",
      },
      {
        paths: [
          `${PROVIDER}.oauthCredentialProvider.customParameters`,
          `${PROVIDER}.oauthCredentialProvider.customParameters{key}`,
          `${PROVIDER}.oauthCredentialProvider.customParameters{value}`,
        ],
        sends: "`auth.oauth.custom_parameters`",
        checks: `${TARGETS}: AWS's entries and lengths (\`OAUTH_CUSTOM_PARAMETERS\`, lib/config/target-format.ts)`,
        verdict: "same",
      },
    ],
  },
  {
    title: "Policy engine and policies",
    resource:
      "`aws_bedrockagentcore_policy_engine`, `aws_bedrockagentcore_policy` (lib/provider-ext/policy-engine.ts, " +
      "modules/platform/modules/agentcore/index.ts): Create/UpdatePolicyEngine, Create/UpdatePolicy",
    rows: [
      {
        paths: ["CreatePolicyEngine.name"],
        sends: "`<name_prefix>_<environment>_gateway_policies` (at most 44 characters)",
        checks: "",
        verdict: "unchecked",
        fits: true,
        note: `Only the README's naming table shows ${awsName("policyEngine")} for it.`,
      },
      {
        paths: ["CreatePolicyEngine.description", "CreatePolicy.description"],
        sends: "`Cedar policies of <gateway name>`, `Cedar policy <name> of <gateway name>`",
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreatePolicy.name"],
        sends: "the policy's `@id` (blueprints) or map key (module input)",
        checks: `lib/cedar/policies.ts; modules/platform/modules/agentcore/names.ts: ${awsRule("policy")}`,
        verdict: "same",
      },
      {
        paths: ["CreatePolicy.policyEngineId"],
        sends: FROM_RESOURCE,
        checks: "",
        verdict: "unchecked",
        fits: true,
      },
      {
        paths: ["CreatePolicy.definition.cedar.statement"],
        sends: "the policy text with `{{GATEWAY_ARN}}` replaced by the gateway's ARN",
        checks:
          "lib/cedar/policies.ts `STATEMENT_LENGTH` (AWS's bounds), counted with `{{GATEWAY_ARN}}` replaced by an " +
          "ARN of the real one's length: at synthesis the offline ARN (app/gateway-policies.ts), at plan a " +
          "precondition of `aws_bedrockagentcore_policy` (partition, region and account from the provider)",
        verdict: "same",
        note:
          "The gateway's id is its name, `-` and 10 characters (AWS's `GatewayIdentifier` pattern, " +
          "`GATEWAY_ID_SUFFIX_LENGTH`), so the ARN's length is exact before the gateway exists, not a worst case. " +
          "A precondition, not a variable validation: a validation cannot read the provider's region. " +
          "The 2025-12-02 model allowed 153,600.",
      },
      {
        paths: ["CreatePolicy.validationMode"],
        sends: "`policy_validation_mode`",
        checks: "the module's validation; lib/config/environment.ts: FAIL_ON_ANY_FINDINGS or IGNORE_ALL_FINDINGS",
        verdict: "same",
      },
    ],
  },
];

/** The mismatches that let an apply fail, most likely first: what the wiring should fix. */
export const READ_FIRST: readonly { readonly path: AwsFieldPath; readonly text: string }[] = [
  {
    path: "CreateGatewayTarget.targetConfiguration.mcp.lambda.toolSchema.inlinePayload[].inputSchema.type",
    text:
      "HCL path gaps, where the plan-time validation lacks a check the schema has: tool argument types, an API " +
      "key's `prefix`. Checked nowhere or only in part: custom " +
      "OAuth parameters, the characters of runtime authorizer scopes, KMS key inputs (AWS wants key ARNs, not " +
      "aliases), the recording bucket taken from `artifacts_bucket_arn`.",
  },
];

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
const range = (b: { min?: number; max?: number }) =>
  b.min !== undefined && b.max !== undefined
    ? b.min === b.max
      ? `exactly ${b.min}`
      : `${b.min}-${b.max}`
    : b.min !== undefined
      ? `at least ${b.min}`
      : `at most ${b.max}`;
/** `1-20 items`, `at least 1 item`, `0-50 entries`. */
const counted = (b: { min?: number; max?: number }, one: string, many: string) =>
  `${range(b)} ${b.max === 1 || (b.max === undefined && b.min === 1) ? one : many}`;

/** AWS's limits of a field in words, without `required` (which differs between Create and Update). */
export function limitSummary(limit: AwsFieldLimit): string {
  const parts: string[] = [];
  if (limit.length) parts.push(`length ${range(limit.length)}`);
  if (limit.size)
    parts.push(limit.type === "map" ? counted(limit.size, "entry", "entries") : counted(limit.size, "item", "items"));
  if (limit.uniqueItems) parts.push("unique items");
  if (limit.range) parts.push(`value ${range(limit.range)}`);
  if (limit.pattern) parts.push(`pattern \`${limit.pattern}\``);
  if (limit.enum) parts.push(`one of ${limit.enum.join(", ")}`);
  if (limit.recursive) parts.push("recursive");
  return parts.length ? parts.join("; ") : `any ${limit.type}`;
}

/** The row's paths with the `Update…` twins the table has. */
function withTwins(table: AwsLimitsTable, paths: readonly string[]): string[] {
  const all = new Set<string>();
  for (const p of paths) {
    all.add(p);
    const twin = p.replace(/^Create/, "Update");
    if (twin !== p && twin in table.fields && table.fields[twin].type === table.fields[p].type) all.add(twin);
  }
  return [...all];
}

function awsCell(table: AwsLimitsTable, paths: readonly string[]): string {
  const lookup = limitLookup(table);
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const summary = limitSummary(lookup(p));
    groups.set(summary, [...(groups.get(summary) ?? []), p]);
  }
  const required = lookup(paths[0]).required ? "required; " : "";
  if (groups.size === 1) return required + [...groups.keys()][0];
  return (
    required +
    [...groups.entries()]
      .map(
        ([summary, ps]) => `${[...new Set(ps.map((p) => c(p.slice(p.lastIndexOf(".") + 1))))].join(", ")}: ${summary}`,
      )
      .join("<br>")
  );
}

const verdictText = (r: Comparison) =>
  r.verdict === "unchecked" && r.fits ? "unchecked (fits by construction)" : r.verdict;

/** What changed between two tables for the given paths (limits only); a Create and Update twin share a line. */
function changes(before: AwsLimitsTable, after: AwsLimitsTable, paths: readonly string[]): string[] {
  const byChange = new Map<string, { change: string; paths: string[] }>();
  for (const p of paths) {
    const [old, now] = [before.fields[p], after.fields[p]];
    if (!now) continue;
    const [a, b] = [old, now].map((l) => l && `${l.required ? "required; " : ""}${limitSummary(l)}`);
    const change = a === undefined ? `new in ${after.model.release}` : a === b ? undefined : `${a} → ${b}`;
    if (change === undefined) continue;
    const key = `${p.replace(/^(Create|Update)/, "")} ${change}`;
    byChange.set(key, { change, paths: [...(byChange.get(key)?.paths ?? []), p] });
  }
  return [...byChange.values()].map((x) => `- ${x.paths.map(c).join(", ")}: ${cell(x.change)}`);
}

export function renderAwsLimitsReport(table: AwsLimitsTable, previous?: AwsLimitsTable): string {
  const rows = SECTIONS.flatMap((s) => s.rows);
  const sent = [...new Set(rows.flatMap((r) => withTwins(table, r.paths)))];
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v).length;
  const fitting = rows.filter((r) => r.verdict === "unchecked" && r.fits).length;
  const lines = [
    "# AWS limits of the fields the project sends",
    "",
    "Generated by `npm run aws-limits -- --report` (scripts/aws-limits-report.ts) " +
      "from `lib/aws-limits-table.json`, " +
      `derived from AWS's model \`${table.model.file}\` (release ${table.model.release}, API version ` +
      `${table.model.apiVersion}). Look a field up in code with \`awsLimit("<path>")\` (lib/aws-limits.ts).`,
    "",
    "The AWS column is the model's; the project column, which value is sent and the verdict were reviewed by " +
      "hand against `lib/naming.ts`, `lib/config/*.ts`, `modules/*/names.ts` and the constructs. Paths: " +
      "`<Operation>.<member>`, `.` into structures and unions, `[]` list items, `{key}` / `{value}` map keys and " +
      "values. Each `Create…` path is listed with its `Update…` twin where the update sends the same field.",
    "",
    "Verdicts: **same** — the project accepts exactly what AWS accepts; **stricter** — it rejects values AWS " +
      "accepts and accepts none AWS rejects (the note gives the reason where one is known); **looser** — on at " +
      "least one path (blueprints at synthesis, module inputs at plan) it accepts a value AWS rejects, so the " +
      "apply fails; **unchecked** — nothing checks the field (*fits by construction*: the project builds the " +
      "value so that it always fits).",
    "",
    `**${rows.length} fields compared** (${sent.length} table paths): ${count("looser")} looser, ` +
      `${count("unchecked")} unchecked (${fitting} of them fit by construction, ${count("unchecked") - fitting} ` +
      `can fail), ${count("stricter")} stricter, ${count("same")} same. The table holds ` +
      `${Object.keys(table.fields).length} paths of ${table.operations.length} operations; the others are fields ` +
      "the project does not send (identifiers and `clientToken`s the provider fills in are listed only where " +
      "they matter).",
    "",
  ];
  lines.push("## Read first", "", "The mismatches that can fail an apply, most likely first:", "");
  for (const r of READ_FIRST) {
    limitLookup(table)(r.path);
    lines.push(`- ${c(r.path)}: ${r.text}`);
  }
  lines.push("");
  for (const section of SECTIONS) {
    lines.push(`## ${section.title}`, "", section.resource, "");
    lines.push("| field | AWS | project sends | project checks | verdict |", "| --- | --- | --- | --- | --- |");
    for (const r of section.rows) {
      const paths = withTwins(table, r.paths);
      const note = r.note ? `<br>${cell(r.note)}` : "";
      lines.push(
        `| ${paths.map(c).join("<br>")} | ${cell(awsCell(table, paths))} | ${cell(r.sends)} | ` +
          `${cell(r.checks || "—")} | **${verdictText(r)}**${note} |`,
      );
    }
    lines.push("");
  }
  lines.push("## Changed since the previous release", "");
  if (!previous) lines.push(`\`${path.basename(PREVIOUS_MODEL)}\` was not found; nothing compared.`, "");
  else {
    const changed = changes(previous, table, sent);
    lines.push(
      `Limits of the fields above that differ between \`${previous.model.file}\` and \`${table.model.file}\`:`,
      "",
      ...(changed.length ? changed : ["- none"]),
      "",
    );
  }
  return lines.join("\n");
}

/** Writes docs/aws-limits.md for `table`, comparing with the previous release when it is present. */
export function writeAwsLimitsReport(table: AwsLimitsTable): void {
  const previous =
    fs.existsSync(PREVIOUS_MODEL) && path.basename(PREVIOUS_MODEL) !== table.model.file
      ? awsLimitsOfFile(PREVIOUS_MODEL)
      : undefined;
  fs.writeFileSync(REPORT_FILE, renderAwsLimitsReport(table, previous));
  const rows = SECTIONS.flatMap((s) => s.rows);
  const tally = VERDICTS.map((v) => `${rows.filter((r) => r.verdict === v).length} ${v}`).join(", ");
  console.log(`Wrote ${path.relative(process.cwd(), REPORT_FILE)}: ${rows.length} fields (${tally})`);
}
