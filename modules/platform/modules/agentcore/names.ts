import {
  API_KEY_LOCATIONS,
  API_KEY_PREFIX_LENGTH,
  NESTED_TOOL_TYPES,
  TOOL_ARGUMENT_NAME_PATTERN,
  TOOL_DESCRIPTION_LENGTH,
  OAUTH_CUSTOM_PARAMETERS,
  OAUTH_CUSTOM_PARAMETERS_RULE,
  TOOL_TYPES,
  LAMBDA_SUFFIX_PATTERN,
  LAMBDA_TOOL_NAME_PATTERN,
  OPENAPI_COMBINERS,
  OAUTH_SCOPE_COUNT,
  OAUTH_SCOPE_FIELD,
  OAUTH_SCOPE_LENGTH,
  RUNTIME_SIGV4_SERVICE,
  SERVICE_TOOL_NAME_PATTERN,
  SIGV4_SERVICE_KINDS,
  TARGET_AUTH,
  TARGET_KINDS,
  TARGET_NAME_PATTERN,
  TARGET_PATTERNS,
} from "../../../../lib/config/target-format";
import { GATEWAY_ARN_PLACEHOLDER, OPEN_PERMIT_ANNOTATION } from "../../../../lib/cedar/policies";
import { ACTION_SEPARATOR, AGENTCORE_ACTION_GROUPS, NAMESPACE, actionName } from "../../../../lib/cedar/schema";
import { AWS_REGIONS, regionsByPartition } from "../../../../lib/aws-context";
import { type HclExpression, allOf, hcl, lengthWithin, raw, template } from "../../../../lib/hcl";
import { AWS_NAMES, type NameRule, hclNameOk, nameProblem, runtimeNamePrefix } from "../../../../lib/naming";
import { SECRET_KINDS, TEXT_IS_PUBLIC } from "../../../../lib/secrets";
import { hclLooksSecret, hclSecretAttributes, hclSecretByName, hclSecretShown } from "../../../../lib/secrets-hcl";
import { awsRuleText, awsValueProblem, hclAwsValueOk } from "../../../../lib/aws-checks";

interface GatewayNameParts {
  readonly namePrefix: string;
  readonly environment: string;
  readonly function?: string;
  readonly target?: string;
}

/** What the module puts before a Lambda target's `lambda.function`: the gateway role may invoke only those. */
export const lambdaFunctionPrefix = (namePrefix: string, environment: string) => `${namePrefix}-${environment}-`;

/** Names the gateway module derives from its inputs, with the AWS rule each must satisfy. */
export const GATEWAY_NAMES = {
  policyEngine: {
    rule: AWS_NAMES.policyEngine,
    name: (p: GatewayNameParts) => `${runtimeNamePrefix(p.namePrefix, p.environment)}gateway_policies`,
  },
  lambdaFunction: {
    rule: AWS_NAMES.lambdaFunction,
    name: (p: GatewayNameParts) => `${lambdaFunctionPrefix(p.namePrefix, p.environment)}${p.function}`,
  },
  /**
   * `<prefix>-<env>-<Target>`: the API key or OAuth2 credential provider of a target. Credential
   * provider names are unique per account and region; an agent's are `<prefix>-<env>-<key>-<name>`
   * with a hyphen after the key, a target name has none, so the two never collide (not even
   * ignoring case).
   */
  targetCredentialProvider: {
    rule: AWS_NAMES.credentialProvider,
    name: (p: GatewayNameParts) => `${p.namePrefix}-${p.environment}-${p.target}`,
  },
} as const satisfies Record<string, { rule: NameRule; name: (p: GatewayNameParts) => string }>;

/**
 * `<prefix>-<env>-gateway`: the gateway's name (CreateGateway.name). NAME_PREFIX_RULE lets a
 * prefix hold `--`, AWS's gateway name pattern does not, so the name is checked as AWS checks it.
 */
export const GATEWAY_NAME = {
  field: "CreateGateway.name",
  name: (p: { readonly namePrefix: string; readonly environment: string }) =>
    `${p.namePrefix}-${p.environment}-gateway`,
} as const;

/** Why AWS refuses the gateway name of `namePrefix` and `environment`, or undefined (synthesis). */
export function gatewayNameProblem(namePrefix: string, environment: string): string | undefined {
  const name = GATEWAY_NAME.name({ namePrefix, environment });
  const problem = awsValueProblem(GATEWAY_NAME.field, name);
  return problem && `makes the gateway name "${name}", which ${problem}; AWS allows no two hyphens in a row`;
}

/** `<gateway name>/<scope>`: a `cognito_scopes` entry as the gateway requests it for `auth.cognito` targets. */
export const cognitoScope = (p: { readonly namePrefix: string; readonly environment: string }, scope: string) =>
  `${GATEWAY_NAME.name(p)}/${scope}`;

/** The `cognito_scopes` entries whose derived scope AWS refuses, and a count over AWS's (synthesis). */
export function cognitoScopeProblems(
  namePrefix: string,
  environment: string,
  scopes: readonly string[],
): { field: string; problem: string }[] {
  const problems = scopes.flatMap((scope, i) => {
    const derived = cognitoScope({ namePrefix, environment }, scope);
    const problem = awsValueProblem(OAUTH_SCOPE_FIELD, derived);
    return problem ? [{ field: `${i}`, problem: `makes the scope "${derived}", which ${problem}` }] : [];
  });
  if (scopes.length > OAUTH_SCOPE_COUNT.max)
    problems.push({
      field: "",
      problem: `holds ${scopes.length} scopes; AWS takes at most ${OAUTH_SCOPE_COUNT.max} a target`,
    });
  return problems;
}

/** The same checks as a validation of `cognito_scopes` (plan). */
export function cognitoScopesValidation(): { condition: string; errorMessage: string } {
  const parts = { namePrefix: ref("var.name_prefix"), environment: ref("var.environment") };
  const derived = cognitoScope(parts, ref("s"));
  const ok = hclAwsValueOk(OAUTH_SCOPE_FIELD, derived);
  return {
    condition:
      hcl`length(var.cognito_scopes) <= ${OAUTH_SCOPE_COUNT.max} && alltrue([for s in var.cognito_scopes : ${ok}])`
        .asString,
    errorMessage: template([
      "cognito_scopes make scopes AWS refuses (",
      { interpolate: hcl`join(", ", [for s in var.cognito_scopes : ${derived} if !(${ok})])` },
      `): each <name_prefix>-<environment>-gateway/<scope> is ${OAUTH_SCOPE_LENGTH.min}-${OAUTH_SCOPE_LENGTH.max} ` +
        `characters, at most ${OAUTH_SCOPE_COUNT.max} scopes (${OAUTH_SCOPE_FIELD}).`,
    ]),
  };
}

/** The same check as a validation of `name_prefix` (plan), which reads `var.environment`. */
export function gatewayNameValidation(): { condition: string; errorMessage: string } {
  const name = GATEWAY_NAME.name({ namePrefix: ref("var.name_prefix"), environment: ref("var.environment") });
  return {
    condition: hclAwsValueOk(GATEWAY_NAME.field, name).asString,
    errorMessage: template([
      "name_prefix and environment make the gateway name ",
      { interpolate: hcl`${name}` },
      `, which AWS refuses: it takes ${awsRuleText(GATEWAY_NAME.field)}, no two hyphens in a row.`,
    ]),
  };
}

/** Target names AgentCore's own Cedar action groups use; a target may not take one. */
export const RESERVED_ACTION_GROUPS = AGENTCORE_ACTION_GROUPS;

/**
 * Cedar actions the gateway's schema would hold twice (lib/cedar/schema.ts): AgentCore's own
 * groups, one group per target named like the target, `<Target>___<tool>` per tool. Target and
 * tool name patterns keep tools apart from groups and from each other today; this check keeps
 * that true whatever the patterns become. Each problem names the target and its field.
 */
export function actionNameProblems(
  targets: readonly { readonly name: string; readonly tools: readonly { readonly name: string }[] }[],
): { target: string; field: string; problem: string }[] {
  const reserved = `one of AgentCore's own Cedar action groups (${RESERVED_ACTION_GROUPS.join(", ")})`;
  const owners = new Map<string, string>(RESERVED_ACTION_GROUPS.map((g) => [g, reserved]));
  const problems: { target: string; field: string; problem: string }[] = [];
  const claim = (action: string, target: string, field: string, what: string, owner: string) => {
    const other = owners.get(action);
    if (other === undefined) owners.set(action, owner);
    else
      problems.push({
        target,
        field,
        problem: `${what} is ${other}; name the ${field === "name" ? "target" : "tool"} otherwise`,
      });
  };
  for (const t of targets) {
    claim(t.name, t.name, "name", `"${t.name}"`, `the action group of target ${t.name}`);
    t.tools.forEach((tool, i) => {
      const action = actionName(t.name, tool.name);
      claim(
        action,
        t.name,
        `tools.${i}.name`,
        `"${tool.name}" makes the Cedar action "${action}", which`,
        `the action of tool ${tool.name} of target ${t.name}`,
      );
    });
  }
  return problems;
}

/** A name problem of one target, for the cdktf path: the field it comes from and the problem. */
export interface TargetNameProblem {
  readonly target: string;
  readonly field: string;
  readonly problem: string;
}

/** Lambda function and credential provider names of the targets that AWS would reject (cdktf path). */
export function targetNameProblems(
  namePrefix: string,
  environment: string,
  targets: Record<
    string,
    { lambda?: { function: string } | null; auth?: { api_key?: unknown; oauth?: unknown } | null }
  >,
): TargetNameProblem[] {
  return Object.entries(targets).flatMap(([target, t]) => {
    const problems: TargetNameProblem[] = [];
    if (t.lambda) {
      const name = GATEWAY_NAMES.lambdaFunction.name({ namePrefix, environment, function: t.lambda.function });
      const prefix = lambdaFunctionPrefix(namePrefix, environment);
      if (t.lambda.function.startsWith(prefix))
        problems.push({
          target,
          field: "lambda.function",
          problem:
            `starts with "${prefix}", which the module puts before it (the function would be "${name}"); ` +
            `drop the prefix: function: ${t.lambda.function.slice(prefix.length)}`,
        });
      const problem = nameProblem(GATEWAY_NAMES.lambdaFunction.rule, name);
      if (problem)
        problems.push({
          target,
          field: "lambda.function",
          problem: `makes the Lambda function name "${name}", which ${problem}`,
        });
    }
    for (const kind of ["api_key", "oauth"] as const) {
      if (!t.auth?.[kind]) continue;
      const name = GATEWAY_NAMES.targetCredentialProvider.name({ namePrefix, environment, target });
      const problem = nameProblem(GATEWAY_NAMES.targetCredentialProvider.rule, name);
      if (problem)
        problems.push({
          target,
          field: `auth.${kind}`,
          problem: `makes the credential provider name "${name}", which ${problem}`,
        });
    }
    return problems;
  });
}

const ref = (text: string) => hcl`${raw(text)}`.asString;
const every = (list: string, item: string, cond: unknown) => hcl`alltrue([for ${raw(item)} in ${raw(list)} : ${cond}])`;
/** `<optional attribute> == null ? true : <condition>`: Terraform reports errors of the branch it takes only. */
const ifSet = (attribute: string, cond: unknown) => hcl`${raw(attribute)} == null ? true : (${cond})`;

function mapValidation(
  variable: string,
  noun: string,
  rules: { ok: HclExpression; problem: string; shown?: unknown }[],
) {
  return rules.map((r) => ({
    condition: hcl`alltrue([for k, t in ${raw(`var.${variable}`)} : ${r.ok}])`.asString,
    errorMessage: template([
      `${noun} `,
      { interpolate: hcl`join(", ", [for k, t in ${raw(`var.${variable}`)} : ${r.shown ?? ref("k")} if !(${r.ok})])` },
      ` ${r.problem}.`,
    ]),
  }));
}

/** The kind of target `v` (an entry of `gateway_targets`) as HCL: `"lambda"`, ..., `""` for none. */
export function targetKindExpression(v: string): string {
  return `(${TARGET_KINDS.map((k) => `${v}.${k} != null ? "${k}" : `).join("")}"")`;
}

/** How the gateway authenticates to target `v`, as HCL: its `auth`, or its kind's default; `""` when it needs one. */
export function targetAuthExpression(v: string): string {
  const defaults = Object.fromEntries(
    TARGET_KINDS.flatMap((k) => (TARGET_AUTH[k].default ? [[k, TARGET_AUTH[k].default]] : [])),
  );
  const fallback = `lookup(${JSON.stringify(defaults).replace(/":/g, '" = ')}, ${targetKindExpression(v)}, "")`;
  const a = `${v}.auth`;
  const given = [
    `${a}.gateway_iam_role != null ? "gateway_iam_role"`,
    `${a}.api_key != null ? "api_key"`,
    `${a}.oauth != null ? "oauth"`,
    `${a}.cognito ? "cognito"`,
    `${a}.none ? "none"`,
  ].join(" : ");
  return `(${a} == null ? ${fallback} : ${given} : ${fallback})`;
}

/** How many of a target's kinds, or of its `auth` fields, are set. */
const kindCount = (v: string) => `(${TARGET_KINDS.map((k) => `(${v}.${k} != null ? 1 : 0)`).join(" + ")})`;
const authCount = (v: string) => {
  const a = `${v}.auth`;
  const set = [
    `${a}.gateway_iam_role != null`,
    `${a}.api_key != null`,
    `${a}.oauth != null`,
    `${a}.cognito`,
    `${a}.none`,
  ];
  return `(${a} == null ? 0 : ${set.map((s) => `(${s} ? 1 : 0)`).join(" + ")})`;
};

/** The operationIds of an inline OpenAPI document, `""` for an operation without one (HCL over `t`). */
const OPENAPI_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const IS_OPERATION = `contains(${JSON.stringify(OPENAPI_METHODS)}, m)`;
const PATH_OPERATION_IDS = `[for m, op in item : try(op.operationId, "") if ${IS_OPERATION}]`;
const operationIdsOf = (v: string) =>
  `try(flatten([for p, item in yamldecode(${v}.openapi.inline).paths : ${PATH_OPERATION_IDS}]), [""])`;
const operationIds = operationIdsOf("t");
/**
 * The tool names of target `v` that a plan can know: an inline OpenAPI document's operationIds
 * (JSON is YAML, so `yamldecode` reads both), or the declared tools; empty when only AgentCore
 * knows them (S3-hosted documents, an inline Smithy model, MCP servers without declared tools).
 */
const knownToolsOf = (v: string) =>
  `(try(${v}.openapi.inline, null) != null ? ${operationIdsOf(v)} : ${v}.tools[*].name)`;

/** Validation of `gateway_targets`: the checks the target blueprint schema makes, at plan time. */
export function gatewayTargetsValidation() {
  const fn = GATEWAY_NAMES.lambdaFunction.name({
    namePrefix: ref("var.name_prefix"),
    environment: ref("var.environment"),
    function: ref("t.lambda.function"),
  });
  const provider = GATEWAY_NAMES.targetCredentialProvider.name({
    namePrefix: ref("var.name_prefix"),
    environment: ref("var.environment"),
    target: ref("k"),
  });
  const kind = targetKindExpression("t");
  const authKind = targetAuthExpression("t");
  const allowed = Object.fromEntries(TARGET_KINDS.map((k) => [k, [...TARGET_AUTH[k].allowed]]));
  const matrix = TARGET_KINDS.map((k) => {
    const auth = TARGET_AUTH[k];
    return `${k}: ${auth.allowed.join(", ")}${auth.default ? ` (default ${auth.default})` : " (required)"}`;
  }).join("; ");
  const matches = (p: { pattern: string; maxLength?: number }, value: string) =>
    p.maxLength === undefined
      ? hcl`can(regex(${p.pattern}, ${raw(value)}))`
      : hcl`(can(regex(${p.pattern}, ${raw(value)})) && try(length(${raw(value)}) <= ${p.maxLength}, false))`;
  const document = (d: "openapi" | "smithy") => {
    const doc = `t.${d}`;
    const owner = `${doc}.s3.bucket_owner_account_id`;
    const ownerOk = hcl`${raw(owner)} == null ? true : ${matches(TARGET_PATTERNS.accountId, owner)}`;
    const uriOk = matches(TARGET_PATTERNS.s3Uri, `${doc}.s3.uri`);
    const s3Ok = hcl`${raw(doc)}.s3 == null ? true : (${uriOk} && (${ownerOk}))`;
    return ifSet(doc, hcl`(${raw(doc)}.inline == null) != (${raw(doc)}.s3 == null) && (${s3Ok})`);
  };
  const functionNameOk = hclNameOk(GATEWAY_NAMES.lambdaFunction.rule, fn);
  const unprefixed = lambdaFunctionPrefix(ref("var.name_prefix"), ref("var.environment"));
  const serviceToolsOk = every("t.tools", "tool", hcl`can(regex(${SERVICE_TOOL_NAME_PATTERN}, tool.name))`);
  const lambdaToolsOk = every(
    "t.tools",
    "tool",
    hcl`can(regex(${LAMBDA_TOOL_NAME_PATTERN}, tool.name)) && tool.description != null && tool.input_schema != null`,
  );
  const requiredDeclared = raw(
    "alltrue([for r in tool.input_schema.required : contains(keys(tool.input_schema.properties), r)])",
  );
  const kindShown = hcl`${raw(kind)} == "" ? "no kind" : ${raw(kind)}`;
  const authShown = hcl`${raw(authKind)} == "" ? "no auth" : ${raw(authKind)}`;
  const iamService = raw("try(t.auth.gateway_iam_role.service, null)");
  const iamRegion = raw("try(t.auth.gateway_iam_role.region, null)");
  const needsService = hcl`contains(${[...SIGV4_SERVICE_KINDS]}, ${raw(kind)})`;
  const serviceFits = hcl`${needsService} ? ${iamService} != null : ${iamService} == null`;
  const serviceOk = matches(TARGET_PATTERNS.sigv4Service, "t.auth.gateway_iam_role.service");
  const regionPartitions = Object.fromEntries(Object.entries(AWS_REGIONS).map(([r, { partition }]) => [r, partition]));
  const regionOk = hcl`contains(${Object.keys(AWS_REGIONS)}, t.auth.gateway_iam_role.region)`;
  const discoveryUrlOk = matches(TARGET_PATTERNS.discoveryUrl, "t.auth.oauth.discovery_url");
  const oauthScopes = raw("coalesce(t.auth.oauth.scopes, [])");
  const scopeOk = hclAwsValueOk(OAUTH_SCOPE_FIELD, raw("s"));
  const everyScopeOk = every("coalesce(t.auth.oauth.scopes, [])", "s", scopeOk);
  const oauthScopesOk = hcl`length(${oauthScopes}) <= ${OAUTH_SCOPE_COUNT.max} && ${everyScopeOk}`;
  const apiKeyLocated = hcl`contains(${[...API_KEY_LOCATIONS]}, t.auth.api_key.location)`;
  const apiKeyParameter = "t.auth.api_key.parameter_name";
  const apiKeyParameterMatches = matches(TARGET_PATTERNS.apiKeyParameter, apiKeyParameter);
  const apiKeyParameterOk = hcl`${raw(apiKeyParameter)} == null ? true : ${apiKeyParameterMatches}`;
  const apiKeyPrefix = raw("t.auth.api_key.prefix");
  const apiKeyPrefixOk = hcl`${apiKeyPrefix} == null ? true : ${lengthWithin(apiKeyPrefix, API_KEY_PREFIX_LENGTH)}`;
  const { count: parameterCount, name: parameterName, value: parameterValue } = OAUTH_CUSTOM_PARAMETERS;
  const parameters = raw("t.auth.oauth.custom_parameters");
  const parameterFits = allOf(lengthWithin(raw("n"), parameterName), lengthWithin(raw("v"), parameterValue));
  const parametersFit = allOf(
    lengthWithin(parameters, parameterCount),
    hcl`alltrue([for n, v in ${parameters} : ${parameterFits}])`,
  );
  const parametersOk = hcl`${parameters} == null ? true : ${parametersFit}`;
  const nestedTypeOk = (q: string) => hcl`contains(${[...NESTED_TOOL_TYPES]}, ${raw(q)}.type)`;
  const argumentTypeOk = allOf(
    hcl`contains(${[...TOOL_TYPES]}, p.type)`,
    hcl`(p.items == null ? true : ${nestedTypeOk("p.items")})`,
    hcl`(p.properties == null ? true : ${every("values(p.properties)", "q", nestedTypeOk("q"))})`,
  );
  const argumentNamed = allOf(
    hcl`can(regex(${TOOL_ARGUMENT_NAME_PATTERN}, n))`,
    hcl`length(coalesce(p.description, "x")) <= ${TOOL_DESCRIPTION_LENGTH.max}`,
  );
  const toolDescribedOk = lengthWithin(raw('coalesce(tool.description, "x")'), TOOL_DESCRIPTION_LENGTH);
  const argumentsNamedOk = every(
    "t.tools",
    "tool",
    allOf(
      toolDescribedOk,
      ifSet("tool.input_schema", hcl`alltrue([for n, p in tool.input_schema.properties : ${argumentNamed}])`),
    ),
  );
  const argumentTypesOk = every(
    "t.tools",
    "tool",
    ifSet("tool.input_schema", every("values(tool.input_schema.properties)", "p", argumentTypeOk)),
  );
  const providerNameOk = hclNameOk(GATEWAY_NAMES.targetCredentialProvider.rule, provider);
  const opIds = raw(operationIds);
  const opIdsPresent = hcl`length(${opIds}) > 0 && !contains(${opIds}, "")`;
  const opIdsDistinct = hcl`length(distinct(${opIds})) == length(${opIds})`;
  const opIdsAreTools = every(operationIds, "o", hcl`can(regex(${SERVICE_TOOL_NAME_PATTERN}, o))`);
  const operationIdsOk = hcl`${opIdsPresent} && ${opIdsDistinct} && ${opIdsAreTools}`;
  const servers = raw("try(yamldecode(t.openapi.inline).servers, [])");
  const serversOk = hcl`length(${servers}) > 0 && ${every(servers.text, "s", raw('can(regex("//", s.url))'))}`;
  const combinersUsed = hcl`can(regex(${OPENAPI_COMBINER_KEY}, t.openapi.inline))`;
  const hostVariables = raw('regexall("[{]([^}]+)[}]", try(split("/", split("//", s.url)[1])[0], ""))');
  const hostVariableOk = raw("length(try(s.variables[v[0]].enum, [])) > 0");
  const hostsOk = every(servers.text, "s", every(hostVariables.text, "v", hostVariableOk));
  const actionsOk = every("p.actions", "a", hcl`can(regex(${TARGET_PATTERNS.iamAction.pattern}, a))`);
  const resourcesOk = every("p.resources", "r", hcl`can(regex(${TARGET_PATTERNS.iamResource.pattern}, r))`);
  const permissionOk = hcl`length(p.actions) > 0 && length(p.resources) > 0 && ${actionsOk} && ${resourcesOk}`;
  const runtimeArnOk = matches(TARGET_PATTERNS.runtimeArn, "t.agent_runtime.runtime_arn");
  const qualifierOk = matches(TARGET_PATTERNS.qualifier, "t.agent_runtime.qualifier");
  const secretAttributes = hclSecretAttributes("t");
  const customParameters = "try(t.auth.oauth.custom_parameters, null)";
  const secretParameters = hcl`[for n, v in ${raw(customParameters)} : n if ${hclSecretByName("n", "v")}]`;
  const runtimeArnPart = (i: number) => raw(`try(split(":", t.agent_runtime.runtime_arn)[${i}], "")`);
  const runtimeRegionOk = hcl`lookup(${regionPartitions}, ${runtimeArnPart(3)}, "") == ${runtimeArnPart(1)}`;
  return mapValidation("gateway_targets", "Gateway targets", [
    {
      ok: hcl`!${hclLooksSecret(raw("k"))} && length(${secretAttributes}) == 0`,
      problem:
        `have text that looks like a secret (${SECRET_KINDS}) in the attributes named ` +
        `(descriptions, api_key prefixes, endpoint URLs, OAuth parameters, documents, any text). ${TEXT_IS_PUBLIC}`,
      shown: hclSecretShown("k", secretAttributes).asString,
    },
    {
      ok: hcl`${raw(customParameters)} == null ? true : length(${secretParameters}) == 0`,
      problem:
        "have auth.oauth.custom_parameters whose names say they hold a secret (such as client_secret or " +
        `*_token) with a value that is not a reference. ${TEXT_IS_PUBLIC}`,
      shown: `${ref("k")} (${hcl`${raw(customParameters)} == null ? "" : join(", ", ${secretParameters})`.asString})`,
    },
    {
      ok: hcl`can(regex(${TARGET_NAME_PATTERN}, k)) && !contains(${[...RESERVED_ACTION_GROUPS]}, k)`,
      problem:
        "are not valid target names: 1-64 letters and digits in PascalCase, starting with an upper-case letter, " +
        `and not ${RESERVED_ACTION_GROUPS.join(" or ")} (AgentCore's own action groups)`,
    },
    { ok: hcl`t.name == null || t.name == k`, problem: "have a `name` attribute that differs from their map key" },
    {
      ok: hcl`length([for other in keys(var.gateway_targets) : other if lower(other) == lower(k)]) == 1`,
      problem:
        "have names that differ from another target's only by case: as target files " +
        "(blueprints/gateway/targets/<Name>.yaml) they are one file on case-insensitive file systems " +
        "(macOS, Windows); rename one",
    },
    {
      ok: hcl`length(t.description) >= 1 && length(t.description) <= 200`,
      problem: "need a description of 1-200 characters",
    },
    {
      ok: hcl`${raw(kindCount("t"))} == 1`,
      problem: `need exactly one of ${TARGET_KINDS.join(", ")} (what the target is)`,
    },
    {
      ok: ifSet("t.lambda", hcl`can(regex(${LAMBDA_SUFFIX_PATTERN}, t.lambda.function)) && ${functionNameOk}`),
      problem:
        "have a lambda.function that is not 1-40 lowercase letters, digits and hyphens, or whose function name " +
        `<name_prefix>-<environment>-<function> is over ${GATEWAY_NAMES.lambdaFunction.rule.max} characters`,
      shown: `${ref("k")} (${fn})`,
    },
    {
      ok: ifSet("t.lambda", hcl`!startswith(t.lambda.function, ${unprefixed})`),
      problem:
        "have a lambda.function that already starts with <name_prefix>-<environment>-, which the module puts " +
        "before it (the name would hold it twice); drop the prefix",
      shown: `${ref("k")} (${fn})`,
    },
    {
      ok: ifSet("t.lambda", hcl`length(t.tools) > 0`),
      problem: "are Lambda targets without tools: a Lambda target needs at least one tool",
    },
    {
      ok: hcl`t.lambda == null ? ${serviceToolsOk} : ${lambdaToolsOk}`,
      problem:
        "have tools whose names are not valid (Lambda tools: 1-64 lowercase letters, digits and underscores, " +
        "starting with a letter, each with a description and an input_schema; others: " +
        "1-128 letters, digits, _ - and ., starting with a letter or _)",
    },
    { ok: hcl`length(distinct(t.tools[*].name)) == length(t.tools)`, problem: "name a tool twice" },
    {
      ok: every(
        "t.tools",
        "tool",
        ifSet("tool.input_schema", hcl`tool.input_schema.type == "object" && ${requiredDeclared}`),
      ),
      problem: "have tools whose input_schema is not an object, or requires an argument it does not declare",
    },
    {
      ok: argumentsNamedOk,
      problem:
        `have tool descriptions that are not ${TOOL_DESCRIPTION_LENGTH.min}-${TOOL_DESCRIPTION_LENGTH.max} ` +
        "characters, or tool arguments whose names are not identifiers (letters, digits and _, not starting with " +
        `a digit) or whose descriptions are over ${TOOL_DESCRIPTION_LENGTH.max} characters`,
    },
    {
      ok: argumentTypesOk,
      problem:
        `have tool arguments of a type AgentCore does not take: ${TOOL_TYPES.join(", ")}; ` +
        `an array's items and an object's fields: ${NESTED_TOOL_TYPES.join(", ")}`,
    },
    {
      ok: hcl`${raw(authCount("t"))} <= 1`,
      problem:
        "give more than one outbound auth; " +
        "give exactly one of auth.gateway_iam_role, api_key, oauth, cognito, none",
    },
    {
      ok: hcl`contains(lookup(${allowed}, ${raw(kind)}, []), ${raw(authKind)})`,
      problem: `have an outbound auth their kind does not support, or none where their kind needs one (${matrix})`,
      shown: hcl`"\${k} (\${${kindShown}}, \${${authShown}})"`,
    },
    {
      ok: hcl`${raw(authKind)} != "gateway_iam_role" ? true : (${serviceFits})`,
      problem:
        `have a SigV4 service that does not fit their kind: ${SIGV4_SERVICE_KINDS.join(" and ")} targets ` +
        "need auth.gateway_iam_role.service (the service the target verifies, e.g. execute-api); " +
        `the gateway knows it for the others (${RUNTIME_SIGV4_SERVICE} for agent_runtime)`,
    },
    {
      ok: hcl`${iamService} == null ? true : ${serviceOk}`,
      problem: `have an auth.gateway_iam_role.service that ${TARGET_PATTERNS.sigv4Service.message}`,
    },
    {
      ok: hcl`${iamRegion} == null ? true : ${regionOk}`,
      problem: `have an auth.gateway_iam_role.region that is not a region AWS has (${regionsByPartition()})`,
      shown: hcl`"\${k} (\${t.auth.gateway_iam_role.region})"`,
    },
    {
      ok: hcl`try(t.auth.oauth, null) == null ? true : (${oauthScopesOk})`,
      problem:
        `have auth.oauth.scopes AWS refuses: at most ${OAUTH_SCOPE_COUNT.max}, each ` +
        `${OAUTH_SCOPE_LENGTH.min}-${OAUTH_SCOPE_LENGTH.max} characters (${OAUTH_SCOPE_FIELD})`,
    },
    {
      ok: hcl`try(t.auth.oauth, null) == null ? true : ${discoveryUrlOk}`,
      problem: `have an auth.oauth.discovery_url that ${TARGET_PATTERNS.discoveryUrl.message}`,
    },
    {
      ok: hcl`try(t.auth.api_key, null) == null ? true : (${apiKeyLocated} && (${apiKeyParameterOk}))`,
      problem:
        `have an auth.api_key whose location is not ${API_KEY_LOCATIONS.join(" or ")}, ` +
        `or whose parameter_name ${TARGET_PATTERNS.apiKeyParameter.message.replace(/^must be/, "is not")}`,
    },
    {
      ok: hcl`try(t.auth.api_key, null) == null ? true : (${apiKeyPrefixOk})`,
      problem:
        `have an auth.api_key.prefix AWS refuses: ${API_KEY_PREFIX_LENGTH.min}-${API_KEY_PREFIX_LENGTH.max} ` +
        "characters (apiKeyCredentialProvider.credentialPrefix)",
    },
    {
      ok: hcl`try(t.auth.oauth, null) == null ? true : (${parametersOk})`,
      problem: `have auth.oauth.custom_parameters AWS refuses: ${OAUTH_CUSTOM_PARAMETERS_RULE}`,
    },
    {
      ok: hcl`${raw(authKind)} != "cognito" || ${raw("var.enable_cognito")}`,
      problem: "use auth.cognito, the gateway's own Cognito client, but enable_cognito is false",
    },
    {
      ok: hcl`!contains(["api_key", "oauth"], ${raw(authKind)}) || ${providerNameOk}`,
      problem:
        "make credential provider names <name_prefix>-<environment>-<Target> that AWS rejects " +
        `(${GATEWAY_NAMES.targetCredentialProvider.rule.min}-${GATEWAY_NAMES.targetCredentialProvider.rule.max} ` +
        `characters: ${GATEWAY_NAMES.targetCredentialProvider.rule.allowed})`,
      shown: `${ref("k")} (${provider})`,
    },
    {
      ok: document("openapi"),
      problem:
        "have an openapi without exactly one of inline or s3, " +
        `or an s3.uri that ${TARGET_PATTERNS.s3Uri.message.replace(/^must be/, "is not")} ` +
        "(or a bucket_owner_account_id that is not 12 digits)",
    },
    {
      ok: document("smithy"),
      problem:
        "have a smithy without exactly one of inline or s3, " +
        `or an s3.uri that ${TARGET_PATTERNS.s3Uri.message.replace(/^must be/, "is not")} ` +
        "(or a bucket_owner_account_id that is not 12 digits)",
    },
    {
      ok: hcl`try(t.openapi.inline, null) == null ? true : (${operationIdsOk})`,
      problem:
        "have an inline OpenAPI document that does not parse, has no operations, " +
        "or has an operation without an operationId, with an operationId that is not a tool name, " +
        "or with one operationId twice (the gateway names each tool by its operation's operationId)",
    },
    {
      ok: hcl`try(t.openapi.inline, null) == null ? true : (${serversOk})`,
      problem:
        "have an inline OpenAPI document without servers, or with a server without an absolute url: the " +
        'gateway needs the URL of the real endpoint (servers: [{ url: "https://api.example.com/v1" }])',
    },
    {
      ok: hcl`try(t.openapi.inline, null) == null ? true : !${combinersUsed}`,
      problem:
        `have an inline OpenAPI document that uses ${OPENAPI_COMBINERS.join(", ")}, which the gateway's OpenAPI ` +
        "targets do not support: describe one shape (an object with optional properties)",
    },
    {
      ok: hcl`try(t.openapi.inline, null) == null ? true : ${hostsOk}`,
      problem:
        "have an inline OpenAPI server whose host holds a {variable} without an enum: its value could send the " +
        "gateway's requests to any host; list the hosts it may take in servers[*].variables.<name>.enum, " +
        "or write the host out",
    },
    {
      ok: hcl`try(t.openapi.inline, null) == null && try(t.smithy.inline, null) == null ? true : length(t.tools) == 0`,
      problem: "declare tools for an inline document, whose tools are read from it; remove tools",
    },
    {
      ok: ifSet(
        "t.smithy",
        hcl`length(t.smithy.permissions) > 0 && ${every("t.smithy.permissions", "p", permissionOk)}`,
      ),
      problem:
        "have smithy.permissions that are empty or not IAM actions and resources: " +
        "the gateway role signs every call, so list what it may call " +
        `(actions ${TARGET_PATTERNS.iamAction.message.replace(/^must be /, "")}; resources ARNs or "*")`,
    },
    {
      ok: ifSet("t.mcp_server", matches(TARGET_PATTERNS.httpsUrl, "t.mcp_server.endpoint")),
      problem: `have an mcp_server.endpoint that is not an https URL (the gateway calls targets over TLS only)`,
    },
    {
      ok: ifSet("t.agent_runtime", hcl`${runtimeArnOk} && ${qualifierOk}`),
      problem:
        "have an agent_runtime whose runtime_arn " +
        `${TARGET_PATTERNS.runtimeArn.message.replace(/^must be/, "is not")}, ` +
        "or whose qualifier is not a runtime endpoint name",
    },
    {
      ok: ifSet("t.agent_runtime", runtimeRegionOk),
      problem:
        "have an agent_runtime.runtime_arn whose region is not a region AWS has, or not one of the ARN's " +
        `partition (arn:<partition>:bedrock-agentcore:<region>:...; ${regionsByPartition()})`,
      shown: hcl`"\${k} (\${${runtimeArnPart(1)}}, \${${runtimeArnPart(3)}})"`,
    },
  ]);
}

/** A key `oneOf:`, `anyOf:` or `allOf:` of a JSON or YAML document (RE2, as Terraform's `regex`). */
const OPENAPI_COMBINER_KEY = `(^|[\\s{,])["']?(${OPENAPI_COMBINERS.join("|")})["']?\\s*:`;

const reEscape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ws = "\\s*";
const qualified = (...parts: string[]) => parts.join(`${ws}::${ws}`);
const PLACEHOLDER_ENTITY = qualified(NAMESPACE, "Gateway", `"${reEscape(GATEWAY_ARN_PLACEHOLDER)}"`);
const OPEN_ACTION_GROUP = qualified(NAMESPACE, "Action", `"(${AGENTCORE_ACTION_GROUPS.join("|")})"`);
/** Cedar text patterns the `policies` validation matches (RE2, as Terraform's `regex`). */
const CEDAR_TEXT = {
  /** `?principal` / `?resource`: a template, which AgentCore does not take. */
  slot: "\\?(principal|resource)\\b",
  /** Any gateway entity literal; checked after the placeholder ones are removed. */
  gatewayLiteral: `Gateway${ws}::${ws}"`,
  placeholderGateway: `/${PLACEHOLDER_ENTITY}/`,
  lineComment: "/\\/\\/[^\\n]*/",
  /** A scope whose action is every tool: `action` alone or `action in` one of AgentCore's groups. */
  openAction: `\\(${ws}principal[^,]*,${ws}action${ws}(in\\s+${OPEN_ACTION_GROUP}${ws})?,`,
  /**
   * A permit of every principal, every action and every resource, bare or with `when { true }` /
   * `unless { false }` conditions (the TypeScript check folds every constant condition).
   */
  openPermit: [
    `permit${ws}\\(${ws}principal${ws}(is\\s+${qualified(NAMESPACE, "(OAuthUser|IamEntity)")}${ws})?,${ws}`,
    `action${ws}(in\\s+${OPEN_ACTION_GROUP}${ws})?,${ws}`,
    `resource${ws}(is\\s+${qualified(NAMESPACE, "Gateway")}${ws}|==${ws}${PLACEHOLDER_ENTITY}${ws})?\\)${ws}`,
    `((when${ws}\\{${ws}true${ws}\\}|unless${ws}\\{${ws}false${ws}\\})${ws})*;`,
  ].join(""),
  /** `@open_permit("<reason>")` with a reason that is not blank. */
  openPermitMark: `@${OPEN_PERMIT_ANNOTATION}${ws}\\(${ws}"[^"]*[^"\\s][^"]*"${ws}\\)`,
} as const;

/**
 * Validation of `policies`: names and sizes AgentCore accepts, and, on the text, the Cedar rules
 * synthesis checks with cedar-wasm that a pattern can express: the gateway named only by the
 * placeholder, no template slots, no open permit in ENFORCE.
 */
export function policiesValidation() {
  const rule = AWS_NAMES.policy;
  const uncommented = hcl`replace(t, ${CEDAR_TEXT.lineComment}, "")`;
  // Every action id a policy names (`AgentCore::Action::"<id>"`), outside comments.
  const actionIds = hcl`[for m in regexall(${qualified(NAMESPACE, "Action", '"([^"]+)"')}, ${uncommented}) : m[0]]`;
  const target = (id: string) => `regex("^([A-Za-z0-9]+)${ACTION_SEPARATOR}", ${id})[0]`;
  const knownAction = (id: string) => {
    const tools = knownToolsOf(`var.gateway_targets[${target(id)}]`);
    const tool = `replace(${id}, "/^[A-Za-z0-9]+${ACTION_SEPARATOR}/", "")`;
    const toolKnown = `length(${tools}) == 0 ? true : contains(${tools}, ${tool})`;
    const knownTool = `lookup(var.gateway_targets, ${target(id)}, null) == null ? false : (${toolKnown})`;
    const groups = JSON.stringify([...AGENTCORE_ACTION_GROUPS]);
    const knownGroup = `contains(${groups}, ${id}) || contains(keys(var.gateway_targets), ${id})`;
    return raw(`(can(regex("^[A-Za-z0-9]+${ACTION_SEPARATOR}", ${id})) ? (${knownTool}) : (${knownGroup}))`);
  };
  const namesPlaceholder = hcl`strcontains(t, ${GATEWAY_ARN_PLACEHOLDER})`;
  const everyGateway = hcl`can(regex(${"resource\\s+is\\s+AgentCore::Gateway"}, t))`;
  const markedOpen = hcl`can(regex(${CEDAR_TEXT.openPermitMark}, t))`;
  const openPermit = hcl`can(regex(${CEDAR_TEXT.openPermit}, ${uncommented}))`;
  return mapValidation("policies", "Policies", [
    {
      ok: hcl`!${hclLooksSecret(raw("t"))}`,
      problem: `hold text that looks like a secret (${SECRET_KINDS}), in a condition or a comment. ${TEXT_IS_PUBLIC}`,
    },
    {
      ok: hclNameOk(rule, ref("k")),
      problem: `have names AgentCore rejects: ${rule.min}-${rule.max} characters, ${rule.allowed}`,
    },
    {
      ok: hcl`${namesPlaceholder} || ${everyGateway} || can(regex(${CEDAR_TEXT.openAction}, ${uncommented}))`,
      problem:
        "name no gateway: a policy naming specific actions must name this gateway as " +
        `resource == AgentCore::Gateway::"${GATEWAY_ARN_PLACEHOLDER}" (seed 003), ` +
        "or apply to every gateway with resource is AgentCore::Gateway",
    },
    {
      ok: hcl`alltrue([for id in ${actionIds} : ${knownAction("id")}])`,
      problem:
        "name Cedar actions of targets or tools that gateway_targets does not have: actions are AgentCore's groups " +
        "(Mcp, CallTool), a target's group `<Target>`, or `<Target>___<tool>` with a tool of the target " +
        "(checked where the plan knows the tools: Lambda targets, inline OpenAPI documents, declared tools; " +
        "AgentCore checks the rest when it creates the policy)",
      shown: hcl`"\${k} (\${join(", ", [for id in ${actionIds} : id if !(${knownAction("id")})])})"`,
    },
    {
      ok: hcl`!can(regex(${CEDAR_TEXT.gatewayLiteral}, replace(t, ${CEDAR_TEXT.placeholderGateway}, "")))`,
      problem:
        "name a gateway other than by the placeholder: the only gateway a policy may name is this one, " +
        `written exactly AgentCore::Gateway::"${GATEWAY_ARN_PLACEHOLDER}" (the module puts in its ARN; ` +
        "a literal ARN names another gateway, or this one only until it is replaced)",
    },
    {
      ok: hcl`!can(regex(${CEDAR_TEXT.slot}, t))`,
      problem:
        "use template slots (?principal, ?resource): AgentCore policies are static (CreatePolicy has no " +
        "template-linked policies), so a slot would never be filled; name the principal or resource instead",
    },
    {
      ok: hcl`${raw("var.policy_engine_mode")} != "ENFORCE" || ${markedOpen} || !${openPermit}`,
      problem:
        "permit every caller every tool while policy_engine_mode is ENFORCE: narrow the principal, " +
        `the action or the conditions, or mark a deliberate one with @${OPEN_PERMIT_ANNOTATION}("<reason>")`,
    },
  ]);
}
