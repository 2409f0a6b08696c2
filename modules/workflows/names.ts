import { RUNTIME_PLACEHOLDER } from "../../lib/config/workflow-format";
import { HclExpression, hcl, raw, template } from "../../lib/hcl";
import { AWS_NAMES, NameRule, hclNameOk, nameProblem } from "../../lib/naming";

interface WorkflowNameParts {
  readonly namePrefix: string;
  readonly environment: string;
  readonly workflow: string;
}

const stem = (p: WorkflowNameParts) => `${p.namePrefix}-${p.environment}`;

/** Names the workflows module derives, with the AWS rule each must satisfy. */
export const WORKFLOW_NAMES = {
  stateMachine: { rule: AWS_NAMES.stateMachine, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}` },
  role: { rule: AWS_NAMES.iamRole, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}-sfn` },
  triggerRole: { rule: AWS_NAMES.iamRole, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}-start` },
  rule: { rule: AWS_NAMES.eventRule, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}-trigger` },
} as const satisfies Record<string, { rule: NameRule; name: (p: WorkflowNameParts) => string }>;

export const WORKFLOW_NAME_PATTERN = "^[a-z][a-z0-9-]{0,30}[a-z0-9]$";
/** Step Functions accepts definitions of up to 1,048,576 characters (CreateStateMachine). */
export const DEFINITION_MAX = 1_048_576;

/** Derived names of a workflow that AWS would reject (cdktf path). */
export function workflowNameProblems(namePrefix: string, environment: string, workflow: string): string[] {
  return Object.values(WORKFLOW_NAMES).flatMap((d) => {
    const name = d.name({ namePrefix, environment, workflow });
    const problem = nameProblem(d.rule, name);
    return problem ? [`makes the ${d.rule.what} "${name}", which ${problem}`] : [];
  });
}

const ref = (text: string) => hcl`${raw(text)}`.asString;

/** Validation of `workflows` at plan time. */
export function workflowsValidation(): { condition: string; errorMessage: string }[] {
  const parts: WorkflowNameParts = { namePrefix: ref("var.name_prefix"), environment: ref("var.environment"), workflow: ref("k") };
  const rules: { ok: HclExpression; problem: string; shown?: unknown }[] = [
    { ok: hcl`can(regex(${WORKFLOW_NAME_PATTERN}, k))`, problem: "are not valid workflow names: 2-32 lowercase letters, digits and hyphens, starting with a letter" },
    ...Object.values(WORKFLOW_NAMES).map((d) => ({
      ok: hclNameOk(d.rule, d.name(parts)),
      problem: `make ${d.rule.what}s that AWS rejects (${d.rule.min}-${d.rule.max} characters: ${d.rule.allowed}); shorten the workflow name, name_prefix or environment`,
      shown: `${ref("k")} (${d.name(parts)})`,
    })),
    { ok: hcl`can(jsondecode(w.definition).StartAt) && can(keys(jsondecode(w.definition).States))`, problem: "have a definition that is not Amazon States Language JSON with StartAt and States" },
    { ok: hcl`length(w.definition) <= ${DEFINITION_MAX}`, problem: `have a definition over ${DEFINITION_MAX} characters` },
    {
      ok: hcl`alltrue([for part in slice(split(${RUNTIME_PLACEHOLDER.open}, w.definition), 1, length(split(${RUNTIME_PLACEHOLDER.open}, w.definition))) : can(regex(${`^[a-z][a-z0-9-]{0,22}[a-z0-9]${RUNTIME_PLACEHOLDER.close.replace(/[{}]/g, "\\$&")}`}, part))])`,
      problem: `name runtimes as ${RUNTIME_PLACEHOLDER.open}<agent key>${RUNTIME_PLACEHOLDER.close} with a malformed agent key or without the closing ${RUNTIME_PLACEHOLDER.close}`,
    },
    { ok: hcl`w.triggers.schedule == null || can(regex(${"^(rate\\(\\d+ (minute|minutes|hour|hours|day|days)\\)|cron\\(\\S+ \\S+ \\S+ \\S+ \\S+ \\S+\\))$"}, w.triggers.schedule))`, problem: "have a schedule that is not an EventBridge expression: rate(<n> minute(s)|hour(s)|day(s)) or cron(<6 fields>)" },
    { ok: hcl`w.triggers.event_pattern == null || can(keys(jsondecode(w.triggers.event_pattern)))`, problem: "have an event_pattern that is not a JSON object" },
    { ok: hcl`length(w.description) <= 256`, problem: "have a description over 256 characters" },
  ];
  return rules.map((r) => ({
    condition: hcl`alltrue([for k, w in var.workflows : ${r.ok}])`.asString,
    errorMessage: template(["Workflows ", { interpolate: hcl`join(", ", [for k, w in var.workflows : ${r.shown ?? ref("k")} if !(${r.ok})])` }, ` ${r.problem}.`]),
  }));
}
