import {
  ASL_STATE_TYPES,
  DEFINITION_MAX,
  EVENT_MATCHERS,
  EVENT_PATTERN_MAX,
  PLACEHOLDER_REST_PATTERN,
  RUNTIME_PLACEHOLDER,
  SCHEDULE_MAX,
  SCHEDULE_PATTERN,
  STATE_NAME_MAX,
} from "../../lib/config/workflow-format";
import { type HclExpression, hcl, hclString, raw, template } from "../../lib/hcl";
import { AWS_NAMES, type NameRule, hclNameOk, nameProblem } from "../../lib/naming";
import { SECRET_KINDS, TEXT_IS_PUBLIC } from "../../lib/secrets";
import { hclLooksSecret, hclSecretAttributes, hclSecretShown } from "../../lib/secrets-hcl";

interface WorkflowNameParts {
  readonly namePrefix: string;
  readonly environment: string;
  readonly workflow: string;
}

const stem = (p: WorkflowNameParts) => `${p.namePrefix}-${p.environment}`;

/** `<prefix>-<env>-<workflow>-<kind>`: the workflows module's IAM roles, every one under the platform's boundary. */
const WORKFLOW_ROLE_KINDS = { role: "sfn", triggerRole: "start" } as const;
const workflowRoleName = (kind: string) => (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}-${kind}`;
/** The roles the workflows module creates for any workflow under `<name_prefix>-<environment>`, as IAM patterns. */
export const workflowRoleNamePatterns = (platformStem: string): string[] =>
  Object.values(WORKFLOW_ROLE_KINDS).map((kind) => `${platformStem}-*-${kind}`);

/** Names the workflows module derives, with the AWS rule each must satisfy. */
export const WORKFLOW_NAMES = {
  stateMachine: { rule: AWS_NAMES.stateMachine, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}` },
  role: { rule: AWS_NAMES.iamRole, name: workflowRoleName(WORKFLOW_ROLE_KINDS.role) },
  triggerRole: { rule: AWS_NAMES.iamRole, name: workflowRoleName(WORKFLOW_ROLE_KINDS.triggerRole) },
  rule: { rule: AWS_NAMES.eventRule, name: (p: WorkflowNameParts) => `${stem(p)}-${p.workflow}-trigger` },
} as const satisfies Record<string, { rule: NameRule; name: (p: WorkflowNameParts) => string }>;

export const WORKFLOW_NAME_PATTERN = "^[a-z][a-z0-9-]{0,30}[a-z0-9]$";
export { DEFINITION_MAX } from "../../lib/config/workflow-format";

/** Derived names of a workflow that AWS would reject (cdktf path). */
export function workflowNameProblems(namePrefix: string, environment: string, workflow: string): string[] {
  return Object.values(WORKFLOW_NAMES).flatMap((d) => {
    const name = d.name({ namePrefix, environment, workflow });
    const problem = nameProblem(d.rule, name);
    return problem ? [`makes the ${d.rule.what} "${name}", which ${problem}`] : [];
  });
}

const ref = (text: string) => hcl`${raw(text)}`.asString;
const q = hclString;

// --- Amazon States Language, as far as HCL can follow it -------------------------------------

const DEFINITION = "jsondecode(w.definition)";
/** A state machine object whose States is an object (a `for` can walk it). */
const walkable = (m: string) => `can(keys(${m}.States))`;
const isPositiveInteger = (x: string) => `try(floor(${x}) == ${x} && ${x} >= 1, false)`;
/**
 * The state machines HCL checks: the definition and, one level down, the branches of its Parallel
 * states and the item processors (ItemProcessor, or the older Iterator) of its Map states. Deeper
 * levels would need recursion, which Terraform expressions do not have.
 */
const ITEM_PROCESSORS = "[for p in [try(s.ItemProcessor, null), try(s.Iterator, null)] : p if p != null]";
const NESTED_MACHINES = `concat(try(concat(s.Branches), []), ${ITEM_PROCESSORS})`;
const MACHINES = `concat([${DEFINITION}], flatten([for n, s in ${DEFINITION}.States : ${NESTED_MACHINES}]))`;
const WALKABLE = `[for m in ${MACHINES} : m if ${walkable("m")}]`;
/** `check(s, m)` for every state `s` of every walkable machine `m`, as one list of booleans. */
const everyState = (check: (s: string, m: string) => string) =>
  `alltrue(flatten([for m in ${WALKABLE} : [for n, s in m.States : ${check("s", "m")}]]))`;
const TERMINAL_TYPES = `[${q("Succeed")}, ${q("Fail")}]`;
const typeOf = (s: string) => `try(${s}.Type, "")`;
/**
 * Where a state may move: Next, Default, each Choices[].Next and Catch[].Next ("" where one is
 * missing, null where optional).
 */
const transitionTargets = (s: string) => {
  const nextOf = (list: string) => `[for c in try(concat(${s}.${list}), []) : try(c.Next, "")]`;
  return `concat([try(${s}.Next, null), try(${s}.Default, null)], ${nextOf("Choices")}, ${nextOf("Catch")})`;
};

/**
 * Each ASL rule as a condition on one workflow `w`; a definition that is not JSON with States
 * fails only the first rule (the others hold for it), and a rule whose expression errors on an
 * odd value fails (`try(..., false)`).
 */
function aslRules(): { ok: string; problem: string }[] {
  const guard = (check: string) => `try(${check}, !${walkable(DEFINITION)})`;
  const stateNames = `flatten([for m in ${WALKABLE} : keys(m.States)])`;
  const transitions = (s: string, m: string) =>
    `[for t in ${transitionTargets(s)} : t == null ? true : try(contains(keys(${m}.States), t), false)]`;
  const retrier = (r: string) => {
    const ifGiven = (field: string, check: string) => `(try(${r}.${field}, null) == null ? true : ${check})`;
    return [
      `try(length(${r}.ErrorEquals) > 0, false)`,
      ifGiven("IntervalSeconds", isPositiveInteger(`${r}.IntervalSeconds`)),
      ifGiven("MaxAttempts", `try(floor(${r}.MaxAttempts) == ${r}.MaxAttempts && ${r}.MaxAttempts >= 0, false)`),
      ifGiven("BackoffRate", `try(${r}.BackoffRate >= 1, false)`),
    ].join(" && ");
  };
  const machinesStart = `alltrue([for m in ${MACHINES} : ${walkable("m")} && can(tostring(m.StartAt))])`;
  const isTerminal = `try(s.End, false) == true || contains(${TERMINAL_TYPES}, ${typeOf("s")})`;
  const namedTargets = `[for x in flatten([for o, t in m.States : ${transitionTargets("t")}]) : x if x != null]`;
  const allReachable = `alltrue([for n, s in m.States : n == m.StartAt || contains(${namedTargets}, n)])`;
  const timeout = `${DEFINITION}.TimeoutSeconds`;
  const machineTimeoutOk = `(try(${timeout}, null) == null ? true : ${isPositiveInteger(timeout)})`;
  const timeoutFields = `[${q("TimeoutSeconds")}, ${q("HeartbeatSeconds")}]`;
  const stateTimeoutsOk = everyState(
    (st) =>
      `alltrue([for f in ${timeoutFields} : try(${st}[f], null) == null ? true : ${isPositiveInteger(`${st}[f]`)}])`,
  );
  const placeholderParts = `split(${q(RUNTIME_PLACEHOLDER.open)}, w.definition)`;
  const laterParts = `slice(${placeholderParts}, 1, length(${placeholderParts}))`;
  return [
    {
      ok: `try(${walkable(DEFINITION)} && ${machinesStart}, false)`,
      problem:
        "have a definition that is not Amazon States Language JSON (an object with StartAt and a States object, " +
        "and so is every Parallel branch and Map item processor)",
    },
    {
      ok: guard(`alltrue([for m in ${WALKABLE} : contains(keys(m.States), m.StartAt)])`),
      problem:
        "have a definition whose StartAt (or a Parallel branch's or Map item processor's StartAt) " +
        "names no state of its States",
    },
    {
      ok: guard(everyState((st) => `contains(${JSON.stringify(ASL_STATE_TYPES)}, ${typeOf(st)})`)),
      problem: `have a state whose Type is not one of ${ASL_STATE_TYPES.join(", ")}`,
    },
    {
      ok: guard(everyState((st, m) => `alltrue(${transitions(st, m)})`)),
      problem: "have a Next, Default, Choices[].Next or Catch[].Next that names no state of the same States",
    },
    {
      ok: guard(
        everyState(
          (st) =>
            `contains([${q("Choice")}, ${q("Succeed")}, ${q("Fail")}], ${typeOf(st)}) || ` +
            `((try(${st}.Next, null) != null) != (try(${st}.End, false) == true))`,
        ),
      ),
      problem: "have a state (not Choice, Succeed or Fail) without exactly one of Next and End = true",
    },
    {
      ok: guard(`alltrue([for m in ${WALKABLE} : anytrue([for n, s in m.States : ${isTerminal}])])`),
      problem:
        "have a state machine (or Parallel branch, or Map item processor) without a terminal state " +
        "(End = true, Succeed or Fail)",
    },
    {
      ok: guard(`alltrue([for m in ${WALKABLE} : !contains(keys(m.States), m.StartAt) ? true : ${allReachable}])`),
      problem:
        "have a state that no StartAt, Next, Default, Choices[].Next or Catch[].Next names " +
        "(Step Functions rejects unreachable states)",
    },
    {
      ok: guard(`alltrue([for n in ${stateNames} : length(n) <= ${STATE_NAME_MAX}])`),
      problem: `have a state name over ${STATE_NAME_MAX} characters`,
    },
    {
      ok: guard(`length(${stateNames}) == length(distinct(${stateNames}))`),
      problem: "use a state name twice (state names must be unique in the whole state machine, branches included)",
    },
    {
      ok: guard(`${machineTimeoutOk} && ${stateTimeoutsOk}`),
      problem: "have a TimeoutSeconds or HeartbeatSeconds that is not a positive whole number",
    },
    {
      ok: guard(
        everyState(
          (st) =>
            `try(${st}.Retry, null) == null ? true : ` +
            `try(alltrue([for r in concat(${st}.Retry) : ${retrier("r")}]), false)`,
        ),
      ),
      problem:
        "have a Retry that Step Functions rejects (a list of retriers: ErrorEquals non-empty, " +
        "IntervalSeconds a positive whole number, MaxAttempts a whole number >= 0, BackoffRate >= 1)",
    },
    { ok: `length(w.definition) <= ${DEFINITION_MAX}`, problem: `have a definition over ${DEFINITION_MAX} characters` },
    {
      ok: `alltrue([for part in ${laterParts} : can(regex(${q(PLACEHOLDER_REST_PATTERN)}, part))])`,
      problem:
        `name runtimes as ${RUNTIME_PLACEHOLDER.open}<agent key>${RUNTIME_PLACEHOLDER.close} with a malformed ` +
        `agent key or without the closing ${RUNTIME_PLACEHOLDER.close}`,
    },
  ];
}

// --- EventBridge event patterns, as far as HCL can follow them -------------------------------

/** How many object levels of an event pattern HCL walks: the top level and two nested levels. */
export const HCL_PATTERN_DEPTH = 3;
const isList = (x: string) => `can(concat(${x}))`;
const isObject = (x: string) => `can(keys(${x}))`;
const isString = (x: string) => `try(${x} != null && tostring(${x}) == ${x}, false)`;
const ignoreCase = (x: string) => {
  const onlyKey = `length(keys(${x})) == 1 && contains(keys(${x}), ${q("equals-ignore-case")})`;
  return `try(${onlyKey} && ${isString(`${x}["equals-ignore-case"]`)}, false)`;
};

/** The value check of each matcher, by name (coarser than eventPatternProblems: types only). */
const MATCHER_VALUE: Record<(typeof EVENT_MATCHERS)[number], (v: string) => string> = {
  prefix: (v) => `${isString(v)} || ${ignoreCase(v)}`,
  suffix: (v) => `${isString(v)} || ${ignoreCase(v)}`,
  "equals-ignore-case": isString,
  wildcard: isString,
  cidr: (v) => `${isString(v)} && can(cidrhost(${v}, 0))`,
  exists: (v) => `${v} == true || ${v} == false`,
  numeric: isList,
  "anything-but": (v) => `${v} != null && !(${v} == true || ${v} == false)`,
};

/** One element of a field's array: a plain value, or a matcher object with one known key. */
function elementOk(e: string): string {
  const byName = Object.entries(MATCHER_VALUE)
    .map(([name, check]) => `keys(${e})[0] == ${q(name)} ? (${check(`${e}[${q(name)}]`)}) : `)
    .join("");
  return `(${isObject(e)} ? (length(keys(${e})) == 1 ? (${byName}false) : false) : !${isList(e)})`;
}

/**
 * The pattern objects one level below those of `objects`: the fields that are objects and the
 * branches of `$or`. A `for` filter (`if`) rather than a conditional, whose two results would have
 * to share one type.
 */
const childObjects = (objects: string) => {
  const fields = `flatten([for o in ${objects} : [for f, v in o : v if f != "$or" && ${isObject("v")}]])`;
  const orBranches = `[for b in v : b if ${isObject("b")}]`;
  const branches = `flatten([for o in ${objects} : [for f, v in o : ${orBranches} if f == "$or" && ${isList("v")}]])`;
  return `concat(${fields}, ${branches})`;
};

/**
 * Every field of a pattern object: `$or` of two or more objects, an object, or a non-empty array
 * of valid elements.
 */
const fieldOk = (f: string, v: string) => {
  const orOk = `${isList(v)} ? (length(${v}) >= 2 && alltrue([for b in ${v} : ${isObject("b")}])) : false`;
  const arrayOk = `${isList(v)} ? (length(${v}) > 0 && alltrue([for e in ${v} : ${elementOk("e")}])) : false`;
  return `(${f} == "$or" ? (${orOk}) : (${isObject(v)} ? true : (${arrayOk})))`;
};

/**
 * The pattern objects of the first HCL_PATTERN_DEPTH levels (the pattern, its object fields and
 * `$or` branches, theirs), each non-empty with every field sound. Objects deeper down are taken
 * as they are.
 */
function patternOk(pattern: string): string {
  const levels = [`[${pattern}]`];
  while (levels.length < HCL_PATTERN_DEPTH) levels.push(childObjects(levels[levels.length - 1]));
  const objectOk = `length(keys(o)) > 0 && alltrue([for f, v in o : ${fieldOk("f", "v")}])`;
  return `alltrue([for o in concat(${levels.join(", ")}) : ${objectOk}])`;
}

const PATTERN = "w.triggers.event_pattern";
const eventPatternRules = (): { ok: string; problem: string }[] => [
  {
    ok: `${PATTERN} == null ? true : can(keys(jsondecode(${PATTERN})))`,
    problem: "have an event_pattern that is not a JSON object",
  },
  {
    ok: `${PATTERN} == null ? true : length(${PATTERN}) <= ${EVENT_PATTERN_MAX}`,
    problem: `have an event_pattern over ${EVENT_PATTERN_MAX} characters (EventBridge quota "Event pattern size")`,
  },
  {
    ok: `${PATTERN} == null ? true : try(${patternOk(`jsondecode(${PATTERN})`)}, !can(keys(jsondecode(${PATTERN}))))`,
    problem:
      "have an event_pattern EventBridge rejects: it must be a non-empty object whose every field is a non-empty " +
      `array of strings, numbers, booleans, null or matcher objects with one of ${EVENT_MATCHERS.join(", ")} (e.g. ` +
      `source = ["acme.refunds"]), a non-empty object of fields, or "$or" with at least two patterns ` +
      `(checked ${HCL_PATTERN_DEPTH} levels deep)`,
  },
];

/** Validation of `workflows` at plan time. */
export function workflowsValidation(): { condition: string; errorMessage: string }[] {
  const parts: WorkflowNameParts = {
    namePrefix: ref("var.name_prefix"),
    environment: ref("var.environment"),
    workflow: ref("k"),
  };
  const schedule = raw("w.triggers.schedule");
  const scheduleOk = hcl`length(${schedule}) <= ${SCHEDULE_MAX} && can(regex(${SCHEDULE_PATTERN}, ${schedule}))`;
  const secretAttributes = hclSecretAttributes("w");
  const rules: { ok: HclExpression; problem: string; shown?: unknown }[] = [
    {
      ok: hcl`can(regex(${WORKFLOW_NAME_PATTERN}, k))`,
      problem: "are not valid workflow names: 2-32 lowercase letters, digits and hyphens, starting with a letter",
    },
    ...Object.values(WORKFLOW_NAMES).map((d) => ({
      ok: hclNameOk(d.rule, d.name(parts)),
      problem:
        `make ${d.rule.what}s that AWS rejects (${d.rule.min}-${d.rule.max} characters: ${d.rule.allowed}); ` +
        "shorten the workflow name, name_prefix or environment",
      shown: `${ref("k")} (${d.name(parts)})`,
    })),
    ...[...aslRules(), ...eventPatternRules()].map((r) => ({ ok: hcl`${raw(r.ok)}`, problem: r.problem })),
    {
      ok: hcl`${schedule} == null ? true : ${scheduleOk}`,
      problem:
        "have a schedule that EventBridge rejects: " +
        "rate(1 minute|hour|day), rate(<n> minutes|hours|days) or cron(<minutes> <hours> <day-of-month> <month> " +
        "<day-of-week> <year>) with exactly one of day-of-month and day-of-week ?",
    },
    { ok: hcl`length(w.description) <= 256`, problem: "have a description over 256 characters" },
    {
      ok: hcl`!${hclLooksSecret(raw("k"))} && length(${secretAttributes}) == 0`,
      problem:
        `have text that looks like a secret (${SECRET_KINDS}) in the attributes named ` +
        `(the description, payload literals of the definition, event patterns, any text). ${TEXT_IS_PUBLIC}`,
      shown: hclSecretShown("k", secretAttributes).asString,
    },
  ];
  return rules.map((r) => ({
    condition: hcl`alltrue([for k, w in var.workflows : ${r.ok}])`.asString,
    errorMessage: template([
      "Workflows ",
      { interpolate: hcl`join(", ", [for k, w in var.workflows : ${r.shown ?? ref("k")} if !(${r.ok})])` },
      ` ${r.problem}.`,
    ]),
  }));
}
