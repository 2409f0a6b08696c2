import type { AgentSpec } from "../../lib/config/blueprints";
import { AGENT_FEATURES, AGENT_KEY_PATTERN, AGENT_PATTERNS, RESERVED_ENV } from "../../lib/config/agent-format";
import { HclExpression, hcl, raw, template } from "../../lib/hcl";
import { AWS_NAMES, NameRule, hclNameOk, nameProblem, underscored } from "../../lib/naming";

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

/**
 * Every name the agents module builds from a prefix, an environment and an agent key: the
 * construct names resources with these, and both the blueprint check (synthesis) and the `agents`
 * variable validation (plan) hold them to AWS's rules.
 */
export const AGENT_NAMES = {
  runtime: { rule: AWS_NAMES.runtime, name: (p) => `${underscored(p.namePrefix)}_${p.environment}_${underscored(p.key)}` },
  role: { rule: AWS_NAMES.iamRole, name: (p) => `${stem(p)}-${p.key}-runtime` },
  repository: { rule: AWS_NAMES.ecrRepository, name: (p) => `${stem(p)}-${p.key}`, exists: { ts: (a) => a.image_uri === undefined, hcl: "a.image_uri == null" } },
  buildRole: { rule: AWS_NAMES.iamRole, name: (p) => `${stem(p)}-${p.key}-build`, exists: { ts: (a) => a.codebuild, hcl: "a.codebuild" } },
  buildProject: { rule: AWS_NAMES.codebuildProject, name: (p) => `${stem(p)}-${p.key}-build`, exists: { ts: (a) => a.codebuild, hcl: "a.codebuild" } },
} as const satisfies Record<string, DerivedName>;

/** `<prefix>-<env>-<agent>-<name>`: credential provider names are unique per account and region. */
export const CREDENTIAL_PROVIDER_NAME: DerivedName = { rule: AWS_NAMES.credentialProvider, name: (p) => `${stem(p)}-${p.key}-${p.credential}` };

/** The credential provider names of one agent (literal values). */
export function credentialProviderNames(p: Omit<AgentNameParts, "credential">, a: Pick<AgentSpec, "credentials">): { api_keys: string[]; oauth2: string[] } {
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
export function agentNameProblems(namePrefix: string, environment: string, agents: Record<string, AgentSpec>): AgentNameProblem[] {
  const problems: AgentNameProblem[] = [];
  const providers = new Map<string, string>();
  for (const [key, a] of Object.entries(agents)) {
    const parts = { namePrefix, environment, key };
    for (const derived of Object.values(AGENT_NAMES) as DerivedName[]) {
      if (derived.exists && !derived.exists.ts(a)) continue;
      const name = derived.name(parts);
      const problem = nameProblem(derived.rule, name);
      if (problem) problems.push({ agent: key, field: "key", problem: `makes the ${derived.rule.what} "${name}", which ${problem}. Shorten the agent key (or name_prefix/environment)` });
    }
    for (const credential of [...a.credentials.api_keys, ...a.credentials.oauth2.map((o) => o.name)]) {
      const name = CREDENTIAL_PROVIDER_NAME.name({ ...parts, credential });
      const problem = nameProblem(CREDENTIAL_PROVIDER_NAME.rule, name);
      if (problem) problems.push({ agent: key, field: "credentials", problem: `makes the credential provider name "${name}", which ${problem}` });
      const owner = providers.get(name);
      if (owner !== undefined && owner !== key) problems.push({ agent: key, field: "credentials", problem: `makes the credential provider name "${name}", which agent "${owner}" already makes; rename one of the credentials` });
      providers.set(name, key);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The same rules as validation blocks of the `agents` variable (plan time, HCL callers).
// ---------------------------------------------------------------------------------------------

const ref = (text: string) => hcl`${raw(text)}`.asString;
const PLAN_PARTS: AgentNameParts = { namePrefix: ref("var.name_prefix"), environment: ref("var.environment"), key: ref("k") };
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
      problem: `make ${d.rule.what}s that AWS rejects (${d.rule.min}-${d.rule.max} characters: ${d.rule.allowed}); shorten the agent key, name_prefix or environment`,
      shown: `${ref("k")} (${name})`,
    };
  });
  const credentials = "concat(a.credentials.api_keys, a.credentials.oauth2[*].name)";
  const provider = CREDENTIAL_PROVIDER_NAME.name({ ...PLAN_PARTS, credential: ref("c") });
  return [
    { ok: hcl`can(regex(${AGENT_KEY_PATTERN}, k))`, problem: "are not valid agent keys: 2-24 characters, lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit" },
    { ok: hcl`a.key == null || a.key == k`, problem: "have a `key` attribute that differs from their map key" },
    ...derived,
    { ok: every("a.features", "f", hcl`contains(${[...AGENT_FEATURES]}, f)`), problem: `list unknown features; known: ${AGENT_FEATURES.join(", ")}` },
    { ok: hcl`length(distinct(a.features)) == length(a.features)`, problem: "list a feature twice" },
    { ok: hcl`length(a.models) > 0 && ${every("a.models", "m", hcl`can(regex(${AGENT_PATTERNS.modelId.pattern}, m))`)}`, problem: `need at least one model, and every model ${AGENT_PATTERNS.modelId.message}` },
    { ok: hcl`length(a.description) >= 1 && length(a.description) <= 200`, problem: "need a description of 1-200 characters" },
    { ok: hcl`can(regex(${AGENT_PATTERNS.imageTag.pattern}, a.image_tag))`, problem: "have an invalid image_tag: 1-128 letters, digits, _ . and -, not starting with . or -" },
    { ok: hcl`a.image_uri == null || can(regex(${AGENT_PATTERNS.imageUri.pattern}, a.image_uri))`, problem: `have an invalid image_uri: it ${AGENT_PATTERNS.imageUri.message}` },
    { ok: hcl`!(a.image_uri != null && a.codebuild)`, problem: "set both image_uri and codebuild; CodeBuild pushes to the agent's own repository, which an agent with image_uri does not have" },
    { ok: hcl`contains(["PUBLIC"], a.network_mode)`, problem: "have an unknown network_mode; allowed: PUBLIC" },
    { ok: every("keys(a.environment)", "e", hcl`can(regex(${AGENT_PATTERNS.environmentName.pattern}, e))`), problem: `have environment variable names that are not UPPER_SNAKE_CASE, 1-64 characters` },
    { ok: hcl`length(setintersection(keys(a.environment), ${[...RESERVED_ENV]})) == 0`, problem: `set environment variables the platform sets itself (${RESERVED_ENV.join(", ")}); choose other names` },
    { ok: every("values(a.environment)", "e", hcl`length(e) <= 4096`), problem: "have environment values longer than 4096 characters" },
    { ok: every(credentials, "c", hcl`can(regex(${AGENT_PATTERNS.credentialName.pattern}, c))`), problem: `have credential names that are not valid: ${AGENT_PATTERNS.credentialName.message}` },
    { ok: every(credentials, "c", hclNameOk(CREDENTIAL_PROVIDER_NAME.rule, provider)), problem: `make credential provider names <name_prefix>-<environment>-<key>-<credential> that AWS rejects (${CREDENTIAL_PROVIDER_NAME.rule.min}-${CREDENTIAL_PROVIDER_NAME.rule.max} characters)` },
    { ok: hcl`length(distinct(${raw(credentials)})) == length(${raw(credentials)})`, problem: "use a credential name twice" },
    { ok: every("a.credentials.oauth2", "o", hcl`can(regex(${AGENT_PATTERNS.discoveryUrl.pattern}, o.discovery_url))`), problem: `have OAuth2 credentials whose discovery_url ${AGENT_PATTERNS.discoveryUrl.message}` },
  ];
}

/** The validation blocks of the `agents` input. */
export function agentsValidation(): { condition: string; errorMessage: string }[] {
  const perAgent = agentRules().map((r) => ({
    condition: hcl`alltrue([for k, a in var.agents : ${r.ok}])`.asString,
    errorMessage: template(["Agents ", { interpolate: hcl`join(", ", [for k, a in var.agents : ${r.shown ?? ref("k")} if !(${r.ok})])` }, ` ${r.problem}.`]),
  }));
  // Across agents: a credential provider name that two agents make.
  const allProviders = hcl`flatten([for k, a in var.agents : [for c in concat(a.credentials.api_keys, a.credentials.oauth2[*].name) : ${CREDENTIAL_PROVIDER_NAME.name({ ...PLAN_PARTS, credential: ref("c") })}]])`;
  return [
    ...perAgent,
    {
      condition: hcl`length(distinct(${allProviders})) == length(${allProviders})`.asString,
      errorMessage: template([
        "Two agents make the same credential provider names (",
        { interpolate: hcl`join(", ", distinct([for n in ${allProviders} : n if length([for m in ${allProviders} : m if m == n]) > 1]))` },
        "): <name_prefix>-<environment>-<key>-<credential> must be unique; rename a credential.",
      ]),
    },
  ];
}
