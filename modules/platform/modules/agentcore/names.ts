import { LAMBDA_SUFFIX_PATTERN, TARGET_NAME_PATTERN } from "../../../../lib/config/target-format";
import { GATEWAY_ARN_PLACEHOLDER } from "../../../../lib/cedar/policies";
import { HclExpression, hcl, raw, template } from "../../../../lib/hcl";
import { AWS_NAMES, NameRule, hclNameOk, nameProblem, runtimeNamePrefix } from "../../../../lib/naming";

interface GatewayNameParts {
  readonly namePrefix: string;
  readonly environment: string;
  readonly function?: string;
}

/** Names the gateway module derives from its inputs, with the AWS rule each must satisfy. */
export const GATEWAY_NAMES = {
  policyEngine: { rule: AWS_NAMES.policyEngine, name: (p: GatewayNameParts) => `${runtimeNamePrefix(p.namePrefix, p.environment)}gateway_policies` },
  lambdaFunction: { rule: AWS_NAMES.lambdaFunction, name: (p: GatewayNameParts) => `${p.namePrefix}-${p.environment}-${p.function}` },
} as const satisfies Record<string, { rule: NameRule; name: (p: GatewayNameParts) => string }>;

/** AgentCore accepts Cedar statements of 35 to 10,000 characters (CreatePolicy). */
export const CEDAR_STATEMENT_LENGTH = { min: 35, max: 10_000 } as const;

/** Target names AgentCore's own Cedar action groups use; a target may not take one. */
export const RESERVED_ACTION_GROUPS = ["Mcp", "CallTool"] as const;

/** Lambda function names of the targets that AWS would reject (cdktf path). */
export function lambdaNameProblems(namePrefix: string, environment: string, targets: Record<string, { lambda: { function: string } }>): { target: string; problem: string }[] {
  return Object.entries(targets).flatMap(([target, t]) => {
    const name = GATEWAY_NAMES.lambdaFunction.name({ namePrefix, environment, function: t.lambda.function });
    const problem = nameProblem(GATEWAY_NAMES.lambdaFunction.rule, name);
    return problem ? [{ target, problem: `lambda.function makes the Lambda function name "${name}", which ${problem}` }] : [];
  });
}

const ref = (text: string) => hcl`${raw(text)}`.asString;
const every = (list: string, item: string, cond: unknown) => hcl`alltrue([for ${raw(item)} in ${raw(list)} : ${cond}])`;

function mapValidation(variable: string, noun: string, rules: { ok: HclExpression; problem: string; shown?: unknown }[]) {
  return rules.map((r) => ({
    condition: hcl`alltrue([for k, t in ${raw(`var.${variable}`)} : ${r.ok}])`.asString,
    errorMessage: template([`${noun} `, { interpolate: hcl`join(", ", [for k, t in ${raw(`var.${variable}`)} : ${r.shown ?? ref("k")} if !(${r.ok})])` }, ` ${r.problem}.`]),
  }));
}

/** Validation of `gateway_targets`: the checks the target blueprint schema makes, at plan time. */
export function gatewayTargetsValidation() {
  const fn = GATEWAY_NAMES.lambdaFunction.name({ namePrefix: ref("var.name_prefix"), environment: ref("var.environment"), function: ref("t.lambda.function") });
  return mapValidation("gateway_targets", "Gateway targets", [
    { ok: hcl`can(regex(${TARGET_NAME_PATTERN}, k)) && !contains(${[...RESERVED_ACTION_GROUPS]}, k)`, problem: `are not valid target names: 1-64 letters and digits in PascalCase, starting with an upper-case letter, and not ${RESERVED_ACTION_GROUPS.join(" or ")} (AgentCore's own action groups)` },
    { ok: hcl`t.name == null || t.name == k`, problem: "have a `name` attribute that differs from their map key" },
    { ok: hcl`length(t.description) >= 1 && length(t.description) <= 200`, problem: "need a description of 1-200 characters" },
    { ok: hcl`can(regex(${LAMBDA_SUFFIX_PATTERN}, t.lambda.function)) && ${hclNameOk(GATEWAY_NAMES.lambdaFunction.rule, fn)}`, problem: `have a lambda.function that is not 1-40 lowercase letters, digits and hyphens, or whose function name <name_prefix>-<environment>-<function> is over ${GATEWAY_NAMES.lambdaFunction.rule.max} characters`, shown: `${ref("k")} (${fn})` },
    { ok: hcl`length(t.tools) > 0`, problem: "need at least one tool" },
    { ok: every("t.tools", "tool", hcl`can(regex(${"^[a-z][a-z0-9_]{0,63}$"}, tool.name))`), problem: "have tools whose names are not 1-64 lowercase letters, digits and underscores, starting with a letter" },
    { ok: hcl`length(distinct(t.tools[*].name)) == length(t.tools)`, problem: "name a tool twice" },
    { ok: every("t.tools", "tool", hcl`tool.input_schema.type == "object" && alltrue([for r in tool.input_schema.required : contains(keys(tool.input_schema.properties), r)])`), problem: "have tools whose input_schema is not an object, or requires an argument it does not declare" },
  ]);
}

/** Validation of `policies`: names and sizes AgentCore accepts, and the gateway placeholder. */
export function policiesValidation() {
  const rule = AWS_NAMES.policy;
  return mapValidation("policies", "Policies", [
    { ok: hclNameOk(rule, ref("k")), problem: `have names AgentCore rejects: ${rule.min}-${rule.max} characters, ${rule.allowed}` },
    { ok: hcl`length(t) >= ${CEDAR_STATEMENT_LENGTH.min} && length(t) <= ${CEDAR_STATEMENT_LENGTH.max}`, problem: `are not ${CEDAR_STATEMENT_LENGTH.min}-${CEDAR_STATEMENT_LENGTH.max} characters long` },
    {
      ok: hcl`strcontains(t, ${GATEWAY_ARN_PLACEHOLDER}) || can(regex(${"resource\\s+is\\s+AgentCore::Gateway"}, t))`,
      problem: `name no gateway: a policy must name this gateway as resource == AgentCore::Gateway::"${GATEWAY_ARN_PLACEHOLDER}" (seed 003), or apply to every gateway with resource is AgentCore::Gateway`,
    },
  ]);
}
