/**
 * The workflow format's rules and helpers, without the schema: the workflows module reads them on
 * every synthesis, the zod schema (workflows.ts) only when inputs are validated. Each rule Step
 * Functions or EventBridge puts on a workflow input is stated once here, as a pattern or a pure
 * function, and read by the blueprint schema (synthesis) and the workflows module's variable
 * validation (plan, modules/workflows/names.ts).
 */
import type { WorkflowBlueprint, WorkflowStep } from "./workflows";
import { AGENT_KEY_PATTERN } from "./agent-format";

export function isChoice(s: WorkflowStep): s is Extract<WorkflowStep, { choice: unknown }> {
  return "choice" in s;
}
export function isParallel(s: WorkflowStep): s is Extract<WorkflowStep, { parallel: unknown }> {
  return "parallel" in s;
}

/** The agents a workflow invokes. */
export function agentsOf(w: WorkflowBlueprint): string[] {
  const keys = Object.values(w.steps).flatMap((s) =>
    isChoice(s) ? [] : isParallel(s) ? s.parallel.map((b) => b.agent) : [s.agent],
  );
  return [...new Set(keys)].sort();
}

// --- state names -----------------------------------------------------------------------------

/** The Pass state that builds an agent call's payload. */
export const payloadState = (call: string) => `${call}__payload`;
/** The agent call of branch `i` of a parallel step. */
export const branchCall = (step: string, i: number) => `${step}_${i}`;

/**
 * The Step Functions states a step compiles to (modules/workflows/asl.ts); the first is where the
 * step starts. Step Functions wants state names unique in the whole state machine, branches
 * included, so two steps must never compile to one name.
 */
export function statesOf(name: string, s: WorkflowStep): string[] {
  if (isChoice(s)) return [name];
  if (isParallel(s))
    return [name, ...s.parallel.flatMap((_, i) => [payloadState(branchCall(name, i)), branchCall(name, i)])];
  return [payloadState(name), name];
}

// --- payload values: paths and literals ------------------------------------------------------

/**
 * A path a payload field copies from: into the workflow state (`$`, `$.order.id`,
 * `$.items[0]`) or, with `$$`, into the execution's context object (`$$.Execution.Id`).
 */
export const PAYLOAD_PATH_PATTERN = "^\\$\\$?(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])*$";
/** A path into the workflow state: choice variables and where results go. */
export const STATE_PATH_PATTERN = "^\\$(\\.[A-Za-z_][A-Za-z0-9_]*|\\[[0-9]+\\])*$";
/** How a path starts: text that starts so but is no path is most likely a mistyped one. */
const PATH_START = /^\$(\$|\.|\[)/;

/** A payload field's value in a blueprint; `{ literal }` is passed as written, whatever it looks like. */
export type PayloadValue = string | number | boolean | { readonly literal: string };

/** Whether a payload value is a path (it becomes a `<field>.$` parameter) rather than a literal. */
export function isPayloadPath(v: PayloadValue): v is string {
  return typeof v === "string" && new RegExp(PAYLOAD_PATH_PATTERN).test(v);
}

/** What is wrong with a payload string, or undefined: it is a path, or plainly a literal. */
export function payloadStringProblem(v: string): string | undefined {
  if (!PATH_START.test(v) || isPayloadPath(v)) return undefined;
  return (
    "starts like a JSONPath ($. $[ or $$) but is not one " +
    "(paths are $, $.field.sub, $.list[0] or $$.Execution.Id, fields made of letters, digits and underscores); " +
    `to pass this text as it is, write { literal: ${JSON.stringify(v)} }`
  );
}

/** The ASL `Parameters` entry of a payload field: `<field>.$` for a path, the value itself otherwise. */
export function payloadParameter(field: string, v: PayloadValue): [string, string | number | boolean] {
  if (typeof v === "object") return [field, v.literal];
  return isPayloadPath(v) ? [`${field}.$`, v] : [field, v];
}

// --- EventBridge schedule expressions --------------------------------------------------------

/**
 * The six fields of an EventBridge cron expression with their values and wildcards
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html).
 * `value` and `step` are RE2-compatible alternations (terraform `regex`), `special` whole-field
 * forms; day-of-month and day-of-week take `?`, and exactly one of them must be `?`.
 */
export const CRON_FIELDS = [
  { name: "minutes", allowed: "0-59 with , - * /", value: "[0-5]?[0-9]", step: "0?[1-9]|[1-5][0-9]", special: [] },
  {
    name: "hours",
    allowed: "0-23 with , - * /",
    value: "[01]?[0-9]|2[0-3]",
    step: "0?[1-9]|1[0-9]|2[0-3]",
    special: [],
  },
  {
    name: "day-of-month",
    allowed: "1-31 with , - * / ?, or L, LW, <day>W",
    value: "0?[1-9]|[12][0-9]|3[01]",
    step: "0?[1-9]|[12][0-9]|3[01]",
    special: ["L", "LW", "(?:0?[1-9]|[12][0-9]|3[01])W"],
  },
  {
    name: "month",
    allowed: "1-12 or JAN-DEC with , - * /",
    value: "0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC",
    step: "0?[1-9]|1[0-2]",
    special: [],
  },
  {
    name: "day-of-week",
    allowed: "1-7 or SUN-SAT with , - * ?, or L, <day>L, <day>#<1-5>",
    value: "[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT",
    step: undefined,
    special: ["L", "(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)L", "(?:[1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)#[1-5]"],
  },
  {
    name: "year",
    allowed: "1970-2199 with , - * /",
    value: "19[7-9][0-9]|2[01][0-9][0-9]",
    step: "[1-9][0-9]{0,2}",
    special: [],
  },
] as const;

type CronField = (typeof CRON_FIELDS)[number];

/** A field without `?`: a list of `*`, values, ranges and increments, or one of its special forms. */
function cronFieldPattern(f: CronField): string {
  const v = `(?:${f.value})`;
  const base = `(?:\\*|${v}(?:-${v})?)`;
  const item = f.step ? `${base}(?:/(?:${f.step}))?` : base;
  return `(?:${[`${item}(?:,${item})*`, ...f.special].join("|")})`;
}

const [MINUTES, HOURS, DAY_OF_MONTH, MONTH, DAY_OF_WEEK, YEAR] = CRON_FIELDS.map(cronFieldPattern);
/** `rate(<n> <unit>)`: singular unit exactly when n is 1. */
export const RATE_PATTERN = "^rate\\((?:1 (?:minute|hour|day)|(?:[2-9]|[1-9][0-9]+) (?:minutes|hours|days))\\)$";
export const CRON_PATTERN =
  `^cron\\(${MINUTES} ${HOURS} ` + `(?:${DAY_OF_MONTH} ${MONTH} \\?|\\? ${MONTH} ${DAY_OF_WEEK}) ${YEAR}\\)$`;
/** Every schedule EventBridge accepts, one pattern for both paths. */
export const SCHEDULE_PATTERN = `^(?:${RATE_PATTERN.slice(1, -1)}|${CRON_PATTERN.slice(1, -1)})$`;
/** PutRule ScheduleExpression: at most 256 characters. */
export const SCHEDULE_MAX = 256;

/**
 * What EventBridge would reject in a schedule expression, in words, or undefined. Accepts exactly
 * what SCHEDULE_PATTERN accepts (a test holds them together); the words say which part is wrong.
 */
export function scheduleProblem(expr: string): string | undefined {
  if (expr.length > SCHEDULE_MAX)
    return `is ${expr.length} characters long; EventBridge accepts schedule expressions of up to ${SCHEDULE_MAX}`;
  const rate = /^rate\((.*)\)$/.exec(expr);
  if (rate) {
    const m = /^(\S+) (\S+)$/.exec(rate[1]);
    if (!m || !/^[1-9][0-9]*$/.test(m[1]))
      return "must be rate(<positive whole number> <unit>), e.g. rate(5 minutes) or rate(1 day)";
    const units = m[1] === "1" ? ["minute", "hour", "day"] : ["minutes", "hours", "days"];
    if (!units.includes(m[2]))
      return (
        `has unit "${m[2]}"; with ${m[1]} EventBridge takes ${units.join(", ")} ` +
        "(singular exactly when the value is 1)"
      );
    return undefined;
  }
  const cron = /^cron\((.*)\)$/.exec(expr);
  if (!cron)
    return (
      "must be an EventBridge schedule expression: rate(<value> <unit>) " +
      "or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)"
    );
  const fields = cron[1].split(" ");
  if (fields.length !== 6)
    return (
      `has ${fields.length} fields separated by single spaces; ` +
      "cron takes 6: minutes hours day-of-month month day-of-week year"
    );
  for (const [i, f] of CRON_FIELDS.entries()) {
    const ok = new RegExp(`^(?:${cronFieldPattern(f)}${f.name.startsWith("day-of") ? "|\\?" : ""})$`).test(fields[i]);
    if (!ok) return `has ${f.name} "${fields[i]}"; that field takes ${f.allowed}`;
  }
  if ((fields[2] === "?") === (fields[4] === "?"))
    return (
      `has day-of-month "${fields[2]}" and day-of-week "${fields[4]}"; ` +
      "exactly one of the two must be ? (EventBridge cannot match both)"
    );
  return undefined;
}

// --- EventBridge event patterns --------------------------------------------------------------

/**
 * Event pattern size: 2,048 characters by default (EventBridge quota "Event pattern size",
 * adjustable up to the PutRule maximum of 4,096).
 */
export const EVENT_PATTERN_MAX = 2048;
/** The matcher objects an array of an event pattern may hold besides plain values. */
export const EVENT_MATCHERS = [
  "prefix",
  "suffix",
  "anything-but",
  "numeric",
  "exists",
  "equals-ignore-case",
  "wildcard",
  "cidr",
] as const;

export interface PatternProblem {
  /** Where, from the pattern's root: field names and array indexes. */
  readonly path: readonly (string | number)[];
  readonly problem: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const NUMERIC_OPERATORS = ["=", ">", ">=", "<", "<="];
const IPV4_OCTET = "(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])";
const CIDR = new RegExp(
  // IPv4, then IPv6
  `^(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}\\/(?:3[0-2]|[12]?[0-9])$` +
    "|^[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*\\/(?:12[0-8]|1[01][0-9]|[1-9]?[0-9])$",
);

/**
 * What EventBridge would reject in an event pattern: the grammar of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html and
 * eb-create-pattern-operators.html (as compiled by aws/event-ruler's JsonRuleCompiler): a
 * non-empty object whose fields are non-empty objects of fields, `$or` arrays of at least two such
 * objects, or non-empty arrays of strings, numbers, booleans, null and matcher objects.
 */
export function eventPatternProblems(pattern: unknown): PatternProblem[] {
  const out: PatternProblem[] = [];
  const fail = (path: readonly (string | number)[], problem: string): void => void out.push({ path, problem });
  const object = (o: unknown, path: readonly (string | number)[]) => {
    if (!isObject(o)) return fail(path, "must be an object of event fields, e.g. { source: [my.app] }");
    if (Object.keys(o).length === 0)
      return fail(path, "is an empty object; EventBridge rejects empty objects in a pattern");
    for (const [k, v] of Object.entries(o)) {
      const at = [...path, k];
      if (k === "$or") {
        if (!Array.isArray(v) || v.length < 2 || !v.every(isObject))
          fail(at, "must be an array of at least two patterns (objects of fields), any of which may match");
        else
          v.forEach((branch, i) => {
            object(branch, [...at, i]);
          });
      } else if (isObject(v)) object(v, at);
      else if (Array.isArray(v)) values(v, at);
      else
        fail(
          at,
          "must be an array of values to match " +
            `(EventBridge matches every field against a list, e.g. [${JSON.stringify(v)}]) ` +
            "or an object of nested fields",
        );
    }
  };
  const values = (a: unknown[], path: readonly (string | number)[]) => {
    if (a.length === 0) return fail(path, "is an empty array; give at least one value to match");
    a.forEach((e, i) => {
      if (Array.isArray(e))
        fail(
          [...path, i],
          "is an array inside an array; a field's values are strings, numbers, booleans, null or matcher objects",
        );
      else if (isObject(e)) {
        const problem = matcherProblem(e);
        if (problem) fail([...path, i], problem);
      }
    });
  };
  object(pattern, []);
  return out;
}

function matcherProblem(m: Record<string, unknown>): string | undefined {
  const keys = Object.keys(m);
  if (keys.length !== 1 || !(EVENT_MATCHERS as readonly string[]).includes(keys[0])) {
    return (
      `is a matcher object with ${keys.length === 1 ? `the unknown key "${keys[0]}"` : `${keys.length} keys`}; ` +
      `a matcher has exactly one of ${EVENT_MATCHERS.join(", ")}`
    );
  }
  const [name] = keys;
  const v = m[name];
  const str = typeof v === "string";
  const ignoreCase = (x: unknown) =>
    isObject(x) && Object.keys(x).length === 1 && typeof x["equals-ignore-case"] === "string";
  switch (name) {
    case "prefix":
    case "suffix":
      return str || ignoreCase(v) ? undefined : `${name} takes a string or { equals-ignore-case: <string> }`;
    case "equals-ignore-case":
    case "wildcard":
      return str ? undefined : `${name} takes a string`;
    case "cidr":
      return str && CIDR.test(v) ? undefined : "cidr takes an IPv4 or IPv6 CIDR block such as 10.0.0.0/24";
    case "exists":
      return typeof v === "boolean" ? undefined : "exists takes true or false";
    case "numeric":
      return numericProblem(v);
    default:
      return anythingButProblem(v);
  }
}

function numericProblem(v: unknown): string | undefined {
  const problem =
    'numeric takes [<operator>, <number>] or a range [">" or ">=", <number>, "<" or "<=", <number>]; ' +
    "operators: = > >= < <=";
  if (!Array.isArray(v)) return problem;
  const num = (x: unknown) => typeof x === "number" && Number.isFinite(x);
  if (v.length === 2) return NUMERIC_OPERATORS.includes(v[0] as string) && num(v[1]) ? undefined : problem;
  if (v.length === 4)
    return [">", ">="].includes(v[0] as string) && num(v[1]) && ["<", "<="].includes(v[2] as string) && num(v[3])
      ? undefined
      : problem;
  return problem;
}

function anythingButProblem(v: unknown): string | undefined {
  const problem =
    "anything-but takes a string, a number, a list of only strings or only numbers, or one of " +
    "{ prefix: <string> }, { suffix: <string> }, " +
    "{ equals-ignore-case: <string or strings> }, { wildcard: <string or strings> }";
  if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) return undefined;
  const strings = (x: unknown) => Array.isArray(x) && x.length > 0 && x.every((e) => typeof e === "string");
  if (Array.isArray(v))
    return strings(v) || (v.length > 0 && v.every((e) => typeof e === "number")) ? undefined : problem;
  if (!isObject(v) || Object.keys(v).length !== 1) return problem;
  const [op, arg] = Object.entries(v)[0];
  if (op === "prefix" || op === "suffix") return typeof arg === "string" && arg !== "" ? undefined : problem;
  if (op === "equals-ignore-case" || op === "wildcard")
    return typeof arg === "string" || strings(arg) ? undefined : problem;
  return problem;
}

// --- Amazon States Language ------------------------------------------------------------------

/** The state types of the Amazon States Language. */
export const ASL_STATE_TYPES = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
/** Step Functions records state names of up to 80 characters (StateEnteredEventDetails.name). */
export const STATE_NAME_MAX = 80;
/** Step Functions accepts definitions of up to 1,048,576 characters (CreateStateMachine). */
export const DEFINITION_MAX = 1_048_576;

/**
 * How a state machine definition names an agent's runtime: `{{AGENT_RUNTIME_ARN:<agent key>}}`.
 * The workflows module puts in the ARN from `agent_runtime_arns` and allows the workflow's role to
 * invoke exactly the runtimes its definition names.
 */
export const RUNTIME_PLACEHOLDER = { open: "{{AGENT_RUNTIME_ARN:", close: "}}" } as const;
export const runtimePlaceholder = (agent: string) => `${RUNTIME_PLACEHOLDER.open}${agent}${RUNTIME_PLACEHOLDER.close}`;
/** What follows each placeholder opening: an agent key and the closing braces. */
const PLACEHOLDER_CLOSE_PATTERN = RUNTIME_PLACEHOLDER.close.replace(/[{}]/g, "\\$&");
export const PLACEHOLDER_REST_PATTERN = `^${AGENT_KEY_PATTERN.slice(1, -1)}${PLACEHOLDER_CLOSE_PATTERN}`;

const positiveInteger = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;

/**
 * What Step Functions would reject in a state machine definition (CreateStateMachine), as far as
 * the definition alone says: JSON object, StartAt naming a state, known state types, transitions
 * to existing states, Next or End on every state that needs one, a terminal state, state names of
 * at most 80 characters and unique across the whole machine (branches included), every state
 * reachable from StartAt, positive whole
 * timeouts, sound retriers, well-formed runtime placeholders, and the size limit. Parallel
 * branches and Map processors are checked at every depth.
 */
export function aslProblems(definition: string): string[] {
  const problems: string[] = [];
  if (definition.length > DEFINITION_MAX)
    problems.push(
      `is ${definition.length} characters long; Step Functions accepts definitions of up to ${DEFINITION_MAX}`,
    );
  const parts = definition.split(RUNTIME_PLACEHOLDER.open).slice(1);
  const malformed = parts.filter((p) => !new RegExp(PLACEHOLDER_REST_PATTERN).test(p));
  if (malformed.length)
    problems.push(
      `names a runtime as ${RUNTIME_PLACEHOLDER.open}${malformed[0].slice(0, 30)}..., ` +
        `which is not ${runtimePlaceholder("<agent key>")}`,
    );
  let asl: unknown;
  try {
    asl = JSON.parse(definition);
  } catch (e) {
    return [...problems, `is not JSON: ${(e as Error).message}`];
  }
  if (!isObject(asl)) return [...problems, "is not a JSON object with StartAt and States"];
  if (asl.TimeoutSeconds !== undefined && !positiveInteger(asl.TimeoutSeconds))
    problems.push(`has TimeoutSeconds ${JSON.stringify(asl.TimeoutSeconds)}; it must be a positive whole number`);
  const names: string[] = [];
  machineProblems(asl, "", names, problems);
  const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
  if (twice.length)
    problems.push(
      `names states ${twice.map((n) => `"${n}"`).join(", ")} more than once; ` +
        "state names must be unique in the whole state machine, branches included",
    );
  return problems;
}

function machineProblems(m: Record<string, unknown>, where: string, names: string[], problems: string[]): void {
  const fail = (p: string): void => void problems.push(`${where}${p}`);
  const states = m.States;
  if (typeof m.StartAt !== "string" || !isObject(states) || Object.keys(states).length === 0) {
    fail("needs StartAt (a state name) and States (an object of at least one state)");
    return;
  }
  const known = Object.keys(states);
  if (!known.includes(m.StartAt)) fail(`has StartAt "${m.StartAt}", which is not a state; states: ${known.join(", ")}`);
  const moveTo = (state: string, field: string, target: unknown) => {
    if (typeof target !== "string" || !known.includes(target))
      fail(
        `state "${state}" has ${field} ${JSON.stringify(target)}, ` +
          `which is not a state of ${where ? "its branch" : "the state machine"}`,
      );
  };
  let terminal = false;
  const targets = new Map<string, string[]>();
  for (const [name, s] of Object.entries(states)) {
    targets.set(name, isObject(s) ? transitionTargets(s) : []);
    names.push(name);
    if (name.length > STATE_NAME_MAX)
      fail(
        `state "${name.slice(0, 40)}..." has a name of ${name.length} characters; ` +
          `Step Functions takes up to ${STATE_NAME_MAX}`,
      );
    if (!isObject(s) || !(ASL_STATE_TYPES as readonly string[]).includes(s.Type as string)) {
      fail(
        `state "${name}" has Type ${JSON.stringify(isObject(s) ? s.Type : s)}; ` +
          `it must be one of ${ASL_STATE_TYPES.join(", ")}`,
      );
      continue;
    }
    const ends = s.Type === "Succeed" || s.Type === "Fail" || s.End === true;
    terminal ||= ends;
    if (s.Type !== "Choice" && s.Type !== "Succeed" && s.Type !== "Fail" && (s.Next !== undefined) === (s.End === true))
      fail(`state "${name}" must have exactly one of Next and End: true`);
    if (s.Next !== undefined) moveTo(name, "Next", s.Next);
    if (s.Type === "Choice") {
      if (!Array.isArray(s.Choices) || s.Choices.length === 0)
        fail(`Choice state "${name}" needs a non-empty Choices array`);
      else
        s.Choices.forEach((c, i) => {
          moveTo(name, `Choices[${i}].Next`, isObject(c) ? c.Next : undefined);
        });
      if (s.Default !== undefined) moveTo(name, "Default", s.Default);
    }
    if (Array.isArray(s.Catch))
      s.Catch.forEach((c, i) => {
        moveTo(name, `Catch[${i}].Next`, isObject(c) ? c.Next : undefined);
      });
    for (const field of ["TimeoutSeconds", "HeartbeatSeconds"]) {
      if (s[field] !== undefined && !positiveInteger(s[field]))
        fail(`state "${name}" has ${field} ${JSON.stringify(s[field])}; it must be a positive whole number`);
    }
    if (s.Retry !== undefined && !Array.isArray(s.Retry))
      fail(`state "${name}" has a Retry that is not an array of retriers`);
    if (Array.isArray(s.Retry)) {
      s.Retry.forEach((r, i) => {
        const bad =
          !isObject(r) ||
          !Array.isArray(r.ErrorEquals) ||
          r.ErrorEquals.length === 0 ||
          (r.IntervalSeconds !== undefined && !positiveInteger(r.IntervalSeconds)) ||
          (r.MaxAttempts !== undefined && !(Number.isInteger(r.MaxAttempts) && (r.MaxAttempts as number) >= 0)) ||
          (r.BackoffRate !== undefined && !(typeof r.BackoffRate === "number" && r.BackoffRate >= 1));
        if (bad)
          fail(
            `state "${name}" has Retry[${i}] that Step Functions rejects: ` +
              "ErrorEquals a non-empty list, IntervalSeconds a positive whole number, " +
              "MaxAttempts a whole number >= 0, BackoffRate >= 1",
          );
      });
    }
    if (s.Type === "Parallel") {
      if (!Array.isArray(s.Branches) || s.Branches.length === 0)
        fail(`Parallel state "${name}" needs a non-empty Branches array`);
      else
        s.Branches.forEach((b, i) => {
          if (isObject(b)) machineProblems(b, `${where}Parallel state "${name}" branch ${i}: `, names, problems);
          else fail(`Parallel state "${name}" branch ${i} is not an object`);
        });
    }
    if (s.Type === "Map") {
      const processor = s.ItemProcessor ?? s.Iterator;
      if (!isObject(processor)) fail(`Map state "${name}" needs an ItemProcessor (StartAt and States)`);
      else machineProblems(processor, `${where}Map state "${name}" item processor: `, names, problems);
    }
  }
  if (!terminal) fail("has no terminal state (End: true, Succeed or Fail); every execution must be able to end");
  const reached = new Set<string>();
  const reach = (name: string) => {
    if (reached.has(name) || !known.includes(name)) return;
    reached.add(name);
    targets.get(name)!.forEach(reach);
  };
  reach(m.StartAt);
  const unreachable = known.filter((n) => !reached.has(n));
  if (unreachable.length && known.includes(m.StartAt))
    fail(
      `has states that cannot be reached from StartAt: ${unreachable.map((n) => `"${n}"`).join(", ")} ` +
        "(Step Functions rejects unreachable states)",
    );
}

/** The states a state may move to: Next, Default, Choices[].Next, Catch[].Next. */
function transitionTargets(s: Record<string, unknown>): string[] {
  const nexts = (list: unknown) => (Array.isArray(list) ? list.map((c) => (isObject(c) ? c.Next : undefined)) : []);
  return [s.Next, s.Default, ...nexts(s.Choices), ...nexts(s.Catch)].filter((t): t is string => typeof t === "string");
}
