import type { AgentSpec } from "../../lib/config/blueprints";
import {
  AGENT_DESCRIPTION_LENGTH as DESCRIPTION,
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
  PLAIN_ENVIRONMENT_IS_PUBLIC,
  PROMPT_LENGTH,
  RESERVED_ENV,
  RUNTIME_NETWORK_MODES,
  RUNTIME_PROTOCOLS,
  RUNTIME_SCOPE_FIELD,
} from "../../lib/config/agent-format";
import { awsRuleText, hclAwsValueOk } from "../../lib/aws-checks";
import { CAPABILITIES } from "./capabilities";
import { SECRET_KINDS, TEXT_IS_PUBLIC } from "../../lib/secrets";
import {
  hclLooksSecret,
  hclSecretAttributes,
  hclSecretByName,
  hclSecretIn,
  hclSecretShown,
} from "../../lib/secrets-hcl";
import { type HclExpression, allOf, hcl, raw, template } from "../../lib/hcl";
import { AWS_NAMES, type NameRule, hclNameOk, nameProblem, underscored } from "../../lib/naming";

/** The parts every agent resource name is built from: literal values, or Terraform values. */
export interface AgentNameParts {
  readonly namePrefix: string;
  readonly environment: string;
  readonly key: string;
  readonly credential?: string;
}

/** A name the agents module derives, with the AWS rule it must satisfy. */
export interface DerivedName {
  readonly rule: NameRule;
  readonly name: (p: AgentNameParts) => string;
  /** Whether the agent has the resource so named (default: always), in TypeScript and as HCL over `a`. */
  readonly exists?: { readonly ts: (a: AgentSpec) => boolean; readonly hcl: string };
}

const stem = (p: AgentNameParts) => `${p.namePrefix}-${p.environment}`;
/** `<prefix>_<env>_<key>`: AgentCore names allow no hyphens. */
const runtimeStem = (p: AgentNameParts) => `${underscored(p.namePrefix)}_${p.environment}_${underscored(p.key)}`;
/**
 * `<prefix>-<env>-<key>-<kind>`: the agents module's IAM roles, every one under the platform's
 * permissions boundary. The kind sets them apart from the platform's own roles
 * (`<prefix>-<env>-agentcore-gateway`, `-agentcore-admin`), which the deployer may not touch.
 */
const AGENT_ROLE_KINDS = { role: "runtime", buildRole: "build", memoryRole: "memory", browserRole: "browser" } as const;
const agentRoleName = (kind: string) => (p: AgentNameParts) => `${stem(p)}-${p.key}-${kind}`;
/** The roles the agents module creates for any agent under `<name_prefix>-<environment>`, as IAM name patterns. */
export const agentRoleNamePatterns = (platformStem: string): string[] =>
  Object.values(AGENT_ROLE_KINDS).map((kind) => `${platformStem}-*-${kind}`);
const existsWith = (c: keyof typeof CAPABILITIES) => ({
  ts: (a: AgentSpec) => CAPABILITIES[c].ts(a),
  hcl: CAPABILITIES[c].hcl("a"),
});

/**
 * Every name the agents module builds from a prefix, an environment and an agent key: the
 * construct names resources with these, and both the blueprint check (synthesis) and the `agents`
 * variable validation (plan) hold them to AWS's rules.
 */
export const AGENT_NAMES = {
  runtime: { rule: AWS_NAMES.runtime, name: (p) => runtimeStem(p) },
  role: { rule: AWS_NAMES.iamRole, name: agentRoleName(AGENT_ROLE_KINDS.role) },
  repository: {
    rule: AWS_NAMES.ecrRepository,
    name: (p) => `${stem(p)}-${p.key}`,
    exists: { ts: (a) => a.image_uri == null, hcl: "a.image_uri == null" },
  },
  buildRole: {
    rule: AWS_NAMES.iamRole,
    name: agentRoleName(AGENT_ROLE_KINDS.buildRole),
    exists: { ts: (a) => a.codebuild, hcl: "a.codebuild" },
  },
  buildProject: {
    rule: AWS_NAMES.codebuildProject,
    name: (p) => `${stem(p)}-${p.key}-build`,
    exists: { ts: (a) => a.codebuild, hcl: "a.codebuild" },
  },
  memory: { rule: AWS_NAMES.memory, name: (p) => runtimeStem(p), exists: existsWith("memory") },
  memoryRole: {
    rule: AWS_NAMES.iamRole,
    name: agentRoleName(AGENT_ROLE_KINDS.memoryRole),
    exists: existsWith("memoryRole"),
  },
  codeInterpreter: {
    rule: AWS_NAMES.codeInterpreter,
    name: (p) => `${runtimeStem(p)}_interpreter`,
    exists: existsWith("codeInterpreter"),
  },
  browser: { rule: AWS_NAMES.browser, name: (p) => `${runtimeStem(p)}_browser`, exists: existsWith("browser") },
  browserRole: {
    rule: AWS_NAMES.iamRole,
    name: agentRoleName(AGENT_ROLE_KINDS.browserRole),
    exists: existsWith("browserRecording"),
  },
  capabilityPolicy: {
    rule: AWS_NAMES.iamPolicy,
    name: (p) => `${stem(p)}-${p.key}-capabilities`,
    exists: existsWith("capabilityPolicy"),
  },
} as const satisfies Record<string, DerivedName>;

/** `<prefix>-<env>-<agent>-<name>`: credential provider names are unique per account and region. */
export const CREDENTIAL_PROVIDER_NAME: DerivedName = {
  rule: AWS_NAMES.credentialProvider,
  name: (p) => `${stem(p)}-${p.key}-${p.credential}`,
};

/** The credential provider names of one agent (literal values). */
export function credentialProviderNames(
  p: Omit<AgentNameParts, "credential">,
  a: Pick<AgentSpec, "credentials">,
): { api_keys: string[]; oauth2: string[] } {
  return {
    api_keys: a.credentials.api_keys.map((n) => CREDENTIAL_PROVIDER_NAME.name({ ...p, credential: n })),
    oauth2: a.credentials.oauth2.map((o) => CREDENTIAL_PROVIDER_NAME.name({ ...p, credential: o.name })),
  };
}

/** A problem of the whole `agents` map, found in TypeScript (the cdktf path). */
export interface AgentNameProblem {
  readonly agent: string;
  readonly field: string;
  readonly problem: string;
}

/**
 * Every derived name of every agent that AWS would reject, and credential provider names that
 * two agents share (`support` + `bot-zendesk` and `support-bot` + `zendesk`).
 */
export function agentNameProblems(
  namePrefix: string,
  environment: string,
  agents: Record<string, AgentSpec>,
): AgentNameProblem[] {
  const problems: AgentNameProblem[] = [];
  const providers = new Map<string, string>();
  for (const [key, a] of Object.entries(agents)) {
    const parts = { namePrefix, environment, key };
    for (const derived of Object.values(AGENT_NAMES) as DerivedName[]) {
      if (derived.exists && !derived.exists.ts(a)) continue;
      const name = derived.name(parts);
      const problem = nameProblem(derived.rule, name);
      if (problem)
        problems.push({
          agent: key,
          field: "key",
          problem:
            `makes the ${derived.rule.what} "${name}", which ${problem}. ` +
            `${name.length > derived.rule.max ? "Shorten" : "Change"} the agent key (or name_prefix/environment)`,
        });
    }
    for (const credential of [...a.credentials.api_keys, ...a.credentials.oauth2.map((o) => o.name)]) {
      const name = CREDENTIAL_PROVIDER_NAME.name({ ...parts, credential });
      const problem = nameProblem(CREDENTIAL_PROVIDER_NAME.rule, name);
      if (problem)
        problems.push({
          agent: key,
          field: "credentials",
          problem: `makes the credential provider name "${name}", which ${problem}`,
        });
      const owner = providers.get(name);
      if (owner !== undefined && owner !== key)
        problems.push({
          agent: key,
          field: "credentials",
          problem:
            `makes the credential provider name "${name}", which agent "${owner}" already makes; ` +
            "rename one of the credentials",
        });
      providers.set(name, key);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The same rules as validation blocks of the `agents` variable (plan time, HCL callers).
// ---------------------------------------------------------------------------------------------

const ref = (text: string) => hcl`${raw(text)}`.asString;
const PLAN_PARTS: AgentNameParts = {
  namePrefix: ref("var.name_prefix"),
  environment: ref("var.environment"),
  key: ref("k"),
};
const every = (list: string, item: string, cond: unknown) => hcl`alltrue([for ${raw(item)} in ${raw(list)} : ${cond}])`;

/** A rule every agent `a` (key `k`) must satisfy; the message lists the agents that do not. */
interface AgentRule {
  readonly ok: HclExpression;
  /** "<agents> <problem>." */
  readonly problem: string;
  /** What is shown for each offender; default the key. */
  readonly shown?: unknown;
}

function agentRules(): AgentRule[] {
  const derived: AgentRule[] = (Object.values(AGENT_NAMES) as DerivedName[]).map((d) => {
    const name = d.name(PLAN_PARTS);
    return {
      ok: d.exists ? hcl`!(${raw(d.exists.hcl)}) || ${hclNameOk(d.rule, name)}` : hclNameOk(d.rule, name),
      problem:
        `make ${d.rule.what}s that AWS rejects (${d.rule.min}-${d.rule.max} characters: ${d.rule.allowed}); ` +
        "shorten the agent key, name_prefix or environment",
      shown: `${ref("k")} (${name})`,
    };
  });
  const credentials = "concat(a.credentials.api_keys, a.credentials.oauth2[*].name)";
  const provider = CREDENTIAL_PROVIDER_NAME.name({ ...PLAN_PARTS, credential: ref("c") });
  const looksSecret = hclLooksSecret(raw("v"));
  const secretByName = hclSecretByName("n", "v");
  const secretNames = hcl`join(", ", [for n, v in a.environment : n if ${looksSecret} || (${secretByName})])`;
  // Every other attribute, whatever it holds (prompts, descriptions, URLs, headers): its own rule.
  // The environment's names too (its values have the rule above).
  const secretEnvironmentNames = hcl`${hclSecretIn("keys(a.environment)")} ? ["environment"] : []`;
  const secretAttributes = hcl`concat(${hclSecretAttributes("a", ["environment"])}, ${secretEnvironmentNames})`;
  const imageUriOk = allOf(
    hcl`length(a.image_uri) <= ${AGENT_PATTERNS.imageUri.maxLength}`,
    hcl`can(regex(${AGENT_PATTERNS.imageUri.pattern}, a.image_uri))`,
  );
  return [
    {
      ok: hcl`can(regex(${AGENT_KEY_PATTERN}, k))`,
      problem:
        "are not valid agent keys: 2-24 characters, lowercase letters, digits and hyphens, " +
        "starting with a letter and ending with a letter or digit",
    },
    { ok: hcl`a.key == null || a.key == k`, problem: "have a `key` attribute that differs from their map key" },
    ...derived,
    {
      ok: every("a.features", "f", hcl`contains(${[...AGENT_FEATURES]}, f)`),
      problem: `list unknown features; known: ${AGENT_FEATURES.join(", ")}`,
    },
    { ok: hcl`length(distinct(a.features)) == length(a.features)`, problem: "list a feature twice" },
    {
      ok: hcl`length(a.models) > 0 && ${every("a.models", "m", hcl`can(regex(${AGENT_PATTERNS.modelId.pattern}, m))`)}`,
      problem: `need at least one model, and every model ${AGENT_PATTERNS.modelId.message}`,
    },
    {
      ok: hcl`length(a.description) >= ${DESCRIPTION.min} && length(a.description) <= ${DESCRIPTION.max}`,
      problem: `need a description of ${DESCRIPTION.min}-${DESCRIPTION.max} characters`,
    },
    {
      ok: hcl`can(regex(${AGENT_PATTERNS.imageTag.pattern}, a.image_tag))`,
      problem: "have an invalid image_tag: 1-128 letters, digits, _ . and -, not starting with . or -",
    },
    {
      ok: ifSet("a.image_uri", imageUriOk),
      problem: `have an invalid image_uri: it ${AGENT_PATTERNS.imageUri.message}`,
    },
    {
      ok: hcl`!(a.image_uri != null && a.codebuild)`,
      problem:
        "set both image_uri and codebuild; " +
        "CodeBuild pushes to the agent's own repository, which an agent with image_uri does not have",
    },
    ...capabilityRules(),
    {
      ok: every("keys(a.environment)", "e", hcl`can(regex(${AGENT_PATTERNS.environmentName.pattern}, e))`),
      problem: `have environment variable names that break the rule: ${AGENT_PATTERNS.environmentName.message}`,
    },
    {
      ok: hcl`length(setintersection(keys(a.environment), ${[...RESERVED_ENV]})) == 0`,
      problem: `set environment variables the platform sets itself (${RESERVED_ENV.join(", ")}); choose other names`,
    },
    {
      ok: every("values(a.environment)", "e", hcl`length(e) <= ${ENVIRONMENT_VALUE_LENGTH.max}`),
      problem:
        `have environment values longer than ${ENVIRONMENT_VALUE_LENGTH.max} characters ` +
        "(CreateAgentRuntime.environmentVariables{value})",
    },
    {
      ok: hcl`alltrue([for n, v in a.environment : !${looksSecret} && !(${secretByName})])`,
      problem:
        `have environment values that look like secrets (${SECRET_KINDS}, ` +
        `or a value under a name such as *_PASSWORD or *_TOKEN). ${PLAIN_ENVIRONMENT_IS_PUBLIC}`,
      shown: `${ref("k")} (${secretNames.asString})`,
    },
    {
      ok: hcl`!${hclLooksSecret(raw("k"))} && length(${secretAttributes}) == 0`,
      problem:
        `have text that looks like a secret (${SECRET_KINDS}) in the attributes named ` +
        `(memory prompts, descriptions, URLs, any text). ${TEXT_IS_PUBLIC}`,
      shown: hclSecretShown("k", secretAttributes).asString,
    },
    {
      ok: every(credentials, "c", hcl`can(regex(${AGENT_PATTERNS.credentialName.pattern}, c))`),
      problem: `have credential names that are not valid: ${AGENT_PATTERNS.credentialName.message}`,
    },
    {
      ok: every(credentials, "c", hclNameOk(CREDENTIAL_PROVIDER_NAME.rule, provider)),
      problem:
        "make credential provider names <name_prefix>-<environment>-<key>-<credential> that AWS rejects " +
        `(${CREDENTIAL_PROVIDER_NAME.rule.min}-${CREDENTIAL_PROVIDER_NAME.rule.max} characters)`,
    },
    {
      ok: hcl`length(distinct(${raw(credentials)})) == length(${raw(credentials)})`,
      problem: "use a credential name twice",
    },
    {
      ok: every("a.credentials.oauth2", "o", hcl`can(regex(${AGENT_PATTERNS.discoveryUrl.pattern}, o.discovery_url))`),
      problem: `have OAuth2 credentials whose discovery_url ${AGENT_PATTERNS.discoveryUrl.message}`,
    },
  ];
}

/** `<optional block> == null ? true : <condition>`: Terraform reports errors of the branch it takes only. */
const ifSet = (block: string, cond: unknown) => hcl`${raw(block)} == null ? true : (${cond})`;
const STRATEGIES = "try(a.memory.strategies, [])";
const VPC_USED = CAPABILITIES.vpc.hcl("a");
const inRange = (v: string, min: number, max: number) =>
  hcl`${raw(v)} >= ${min} && ${raw(v)} <= ${max} && floor(${raw(v)}) == ${raw(v)}`;
const ids = (list: string, p: { pattern: string }) =>
  hcl`length(${raw(list)}) >= 1 && length(${raw(list)}) <= 16 && ${every(list, "x", hcl`can(regex(${p.pattern}, x))`)}`;
const MAX_LIFETIME = `coalesce(a.lifecycle.max_lifetime_seconds, ${LIFECYCLE.defaultMaxLifetime})`;
const IDLE = `coalesce(a.lifecycle.idle_timeout_seconds, min(${LIFECYCLE.defaultIdle}, ${MAX_LIFETIME}))`;
const LIFECYCLE_GIVEN = "(a.lifecycle.idle_timeout_seconds != null || a.lifecycle.max_lifetime_seconds != null)";

/**
 * The capability fields (network, protocol, lifecycle, authorizer, headers, memory, tools) held to
 * the rules of `capabilityProblems` (lib/config/blueprints.ts), for HCL callers at plan time.
 */
function capabilityRules(): AgentRule[] {
  const step = (name: string) => {
    const overrideStep = raw(`s.override.${name}`);
    const modelOk = hcl`can(regex(${AGENT_PATTERNS.modelId.pattern}, ${overrideStep}.model))`;
    const prompt = raw(`length(s.override.${name}.prompt)`);
    const promptOk = hcl`${prompt} >= ${PROMPT_LENGTH.min} && ${prompt} <= ${PROMPT_LENGTH.max}`;
    // Parenthesized: `?:` binds looser than `&&`, so `x == null ? true : y && <next step>` would
    // end the whole condition at the first step that is absent.
    return hcl`(${overrideStep} == null ? true : (${modelOk} && ${promptOk}))`;
  };
  const namespaceOk = (v: string) => {
    const namespace = raw(v);
    const { min, max } = NAMESPACE_LENGTH;
    const lengthOk = hcl`length(${namespace}) >= ${min} && length(${namespace}) <= ${max}`;
    return hcl`${lengthOk} && can(regex(${AGENT_PATTERNS.namespace.pattern}, ${namespace}))`;
  };
  const subnetsOk = ids("a.vpc.subnet_ids", AGENT_PATTERNS.subnetId);
  const securityGroupsOk = ids("a.vpc.security_group_ids", AGENT_PATTERNS.securityGroupId);
  const secondsOk = (v: string) => inRange(v, LIFECYCLE.min, LIFECYCLE.max);
  const timeoutsOk = hcl`${secondsOk(IDLE)} && ${secondsOk(MAX_LIFETIME)} && ${raw(IDLE)} <= ${raw(MAX_LIFETIME)}`;
  const lowerHeaders = raw("[for h in a.request_headers : lower(h)]");
  const headerOk = hcl`length(h) <= 256 && can(regex(${AGENT_PATTERNS.requestHeader.pattern}, h))`;
  const headersOk = every("a.request_headers", "h", headerOk);
  const headersDistinct = hcl`length(distinct(${lowerHeaders})) == length(a.request_headers)`;
  const strategyNamed = hcl`can(regex(${AGENT_PATTERNS.strategyName.pattern}, s.name))`;
  const strategyTyped = hcl`contains(${[...MEMORY_STRATEGY_TYPES]}, s.type)`;
  const strategiesOk = every(
    STRATEGIES,
    "s",
    hcl`${strategyNamed} && ${strategyTyped} && ${namespaceOk("s.namespace")}`,
  );
  const strategyNamesDistinct = hcl`length(distinct(${raw(STRATEGIES)}[*].name)) == length(${raw(STRATEGIES)})`;
  const strategyShape = [
    '(s.type == "CUSTOM") == (s.override != null)',
    '(s.reflection_namespace == null || s.type == "EPISODIC" || try(s.override.type, "") == "EPISODIC_OVERRIDE")',
  ].join(" && ");
  const reflectionNamespaceOk = hcl`s.reflection_namespace == null ? true : (${namespaceOk("s.reflection_namespace")})`;
  const overrideShape = [
    "(s.override.extraction != null || s.override.consolidation != null || s.override.reflection != null)",
    '!(s.override.type == "SUMMARY_OVERRIDE" && s.override.extraction != null)',
    '(s.override.type == "EPISODIC_OVERRIDE") == (s.override.reflection != null)',
    '!(s.override.type == "EPISODIC_OVERRIDE" && s.reflection_namespace == null)',
  ].join(" && ");
  const stepsOk = hcl`${step("extraction")} && ${step("consolidation")} && ${step("reflection")}`;
  const overrideOk = hcl`contains(${[...MEMORY_OVERRIDES]}, s.override.type) && ${raw(overrideShape)} && ${stepsOk}`;
  return [
    {
      ok: hcl`contains(${[...RUNTIME_NETWORK_MODES]}, a.network_mode)`,
      problem: `have an unknown network_mode; allowed: ${RUNTIME_NETWORK_MODES.join(", ")}`,
    },
    {
      ok: hcl`!${raw(VPC_USED)} || a.vpc != null`,
      problem:
        "run in VPC mode (network_mode, code_interpreter.network_mode or browser.network_mode) without `vpc`; " +
        "give subnet_ids and security_group_ids",
    },
    {
      ok: hcl`a.vpc == null || ${raw(VPC_USED)}`,
      problem: "give `vpc` but run nothing in VPC mode; set a network_mode to VPC or remove vpc",
    },
    {
      ok: ifSet("a.vpc", hcl`${subnetsOk} && ${securityGroupsOk}`),
      problem:
        `have a vpc that is not 1-16 subnet ids (${AGENT_PATTERNS.subnetId.message}) and 1-16 security group ids ` +
        `(${AGENT_PATTERNS.securityGroupId.message})`,
    },
    {
      ok: ifSet("a.protocol", hcl`contains(${[...RUNTIME_PROTOCOLS]}, a.protocol)`),
      problem: `have an unknown protocol; allowed: ${RUNTIME_PROTOCOLS.join(", ")}`,
    },
    {
      ok: ifSet("a.lifecycle", hcl`${raw(LIFECYCLE_GIVEN)} && ${timeoutsOk}`),
      problem:
        "have a lifecycle that AgentCore rejects: " +
        `give idle_timeout_seconds and/or max_lifetime_seconds, whole seconds ${LIFECYCLE.min}-${LIFECYCLE.max}, ` +
        `idle not longer than the lifetime (default ${LIFECYCLE.defaultMaxLifetime})`,
    },
    {
      ok: ifSet("a.authorizer", hcl`can(regex(${AGENT_PATTERNS.discoveryUrl.pattern}, a.authorizer.discovery_url))`),
      problem: `have an authorizer whose discovery_url ${AGENT_PATTERNS.discoveryUrl.message}`,
    },
    {
      ok: ifSet(
        "a.authorizer",
        every("concat(a.authorizer.allowed_audiences, a.authorizer.allowed_clients)", "v", hcl`v != ""`),
      ),
      problem: "have an authorizer whose allowed_audiences or allowed_clients hold an empty string",
    },
    {
      ok: ifSet(
        "a.authorizer",
        every("a.authorizer.allowed_scopes", "s", hclAwsValueOk(RUNTIME_SCOPE_FIELD, raw("s"))),
      ),
      problem: `have an authorizer whose allowed_scopes AWS refuses: it takes ${awsRuleText(RUNTIME_SCOPE_FIELD)}`,
    },
    {
      ok: hcl`length(a.request_headers) <= ${MAX_REQUEST_HEADERS} && ${headersOk} && ${headersDistinct}`,
      problem:
        `have request_headers AgentCore rejects: at most ${MAX_REQUEST_HEADERS}, no name twice (case-insensitive), ` +
        `each ${AGENT_PATTERNS.requestHeader.message}`,
    },
    {
      ok: hcl`!contains(${lowerHeaders}, "authorization") || a.authorizer != null || a.protocol == "MCP"`,
      problem: "pass the Authorization header without a JWT authorizer; add `authorizer`",
    },
    {
      ok: hcl`a.runtime_version == null ? true : (${inRange("a.runtime_version", 1, 99999)})`,
      problem: "have a runtime_version that is not a version number (1, 2, ...)",
    },
    {
      ok: ifSet("a.memory", inRange("a.memory.event_expiry_days", MEMORY_EVENT_EXPIRY.min, MEMORY_EVENT_EXPIRY.max)),
      problem: `have a memory whose event_expiry_days is not ${MEMORY_EVENT_EXPIRY.min}-${MEMORY_EVENT_EXPIRY.max}`,
    },
    {
      ok: hcl`length(${raw(STRATEGIES)}) <= ${MAX_MEMORY_STRATEGIES} && ${strategiesOk} && ${strategyNamesDistinct}`,
      problem:
        "have memory strategies AgentCore rejects: " +
        `at most ${MAX_MEMORY_STRATEGIES}, unique names that ${AGENT_PATTERNS.strategyName.message}, ` +
        `a type of ${MEMORY_STRATEGY_TYPES.join(", ")}, and a namespace that ${AGENT_PATTERNS.namespace.message}`,
    },
    {
      ok: every(
        JSON.stringify(BUILT_IN_STRATEGIES),
        "t",
        hcl`length([for s in ${raw(STRATEGIES)} : s if s.type == t]) <= 1`,
      ),
      problem: `have two memory strategies of one built-in type (${BUILT_IN_STRATEGIES.join(", ")})`,
    },
    {
      ok: every(
        STRATEGIES,
        "s",
        hcl`${raw(strategyShape)} && (${reflectionNamespaceOk}) && (s.override == null ? true : (${overrideOk}))`,
      ),
      problem:
        "have memory strategies whose override does not fit: CUSTOM strategies and only they need override " +
        `(${MEMORY_OVERRIDES.join(", ")}) with at least one step; SUMMARY_OVERRIDE has no extraction; ` +
        "reflection (with the strategy's reflection_namespace) only and always with EPISODIC_OVERRIDE; " +
        `reflection_namespace only for EPISODIC; models and prompts (${PROMPT_LENGTH.min}-${PROMPT_LENGTH.max} ` +
        "characters) as for models",
    },
    {
      ok: ifSet(
        "a.code_interpreter",
        hcl`contains(${[...CODE_INTERPRETER_NETWORK_MODES]}, a.code_interpreter.network_mode)`,
      ),
      problem: `have a code_interpreter network_mode other than ${CODE_INTERPRETER_NETWORK_MODES.join(", ")}`,
    },
    {
      ok: ifSet("a.browser", hcl`contains(${[...BROWSER_NETWORK_MODES]}, a.browser.network_mode)`),
      problem: `have a browser network_mode other than ${BROWSER_NETWORK_MODES.join(", ")}`,
    },
  ];
}

/** The validation blocks of the `agents` input. */
export function agentsValidation(): { condition: string; errorMessage: string }[] {
  const perAgent = agentRules().map((r) => ({
    condition: hcl`alltrue([for k, a in var.agents : ${r.ok}])`.asString,
    errorMessage: template([
      "Agents ",
      { interpolate: hcl`join(", ", [for k, a in var.agents : ${r.shown ?? ref("k")} if !(${r.ok})])` },
      ` ${r.problem}.`,
    ]),
  }));
  // Across agents: a credential provider name that two agents make.
  const provider = CREDENTIAL_PROVIDER_NAME.name({ ...PLAN_PARTS, credential: ref("c") });
  const providersOfAgent = hcl`[for c in concat(a.credentials.api_keys, a.credentials.oauth2[*].name) : ${provider}]`;
  const allProviders = hcl`flatten([for k, a in var.agents : ${providersOfAgent}])`;
  const repeated = hcl`[for n in ${allProviders} : n if length([for m in ${allProviders} : m if m == n]) > 1]`;
  return [
    ...perAgent,
    {
      condition: hcl`length(distinct(${allProviders})) == length(${allProviders})`.asString,
      errorMessage: template([
        "Two agents make the same credential provider names (",
        {
          interpolate: hcl`join(", ", distinct(${repeated}))`,
        },
        "): <name_prefix>-<environment>-<key>-<credential> must be unique; rename a credential.",
      ]),
    },
  ];
}
