import { z } from "zod";
import { InputError, InputErrors } from "../errors";
import {
  EVENT_PATTERN_MAX,
  RUNTIME_PLACEHOLDER,
  SCHEDULE_PATTERN,
  STATE_PATH_PATTERN,
  aslProblems,
  eventPatternProblems,
  isChoice,
  isParallel,
  payloadStringProblem,
  runtimePlaceholder,
  scheduleProblem,
  statesOf,
} from "./workflow-format";

export { RUNTIME_PLACEHOLDER, agentsOf, isChoice, isParallel, runtimePlaceholder } from "./workflow-format";

const stepName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "step names are 1-40 lowercase letters, digits and underscores");
const jsonPath = z
  .string()
  .regex(new RegExp(STATE_PATH_PATTERN), "must be a JSONPath into the workflow state such as $.order.id");

/** Adds each problem a rule finds as an issue of the value it checks. */
const problems =
  <T>(find: (v: T) => readonly (string | { path: readonly (string | number)[]; problem: string })[]) =>
  (v: T, ctx: z.RefinementCtx) => {
    for (const p of find(v))
      ctx.addIssue(
        typeof p === "string"
          ? { code: "custom", message: p }
          : { code: "custom", message: p.problem, path: [...p.path] },
      );
  };
const one = <T>(find: (v: T) => string | undefined) =>
  problems((v: T) => [find(v)].filter((p): p is string => p !== undefined));

const retries = z
  .object({
    max_attempts: z.number().int().min(0).max(10).default(2),
    interval_seconds: z.number().int().min(1).max(3600).default(2),
    backoff_rate: z.number().min(1).max(10).default(2),
  })
  .strict();

/** A payload field: a path (copied from the state at run time) or a literal. */
const payloadValue = z
  .union([
    z.string(),
    z.number(),
    z.boolean(),
    z.object({ literal: z.string().describe("Passed exactly as written, even if it looks like a path.") }).strict(),
  ])
  .superRefine(one((v) => (typeof v === "string" ? payloadStringProblem(v) : undefined)));

/** One agent invocation: the agent, how its payload is built, where its answer goes. */
const agentCall = z
  .object({
    agent: z.string().describe("Key of the agent to invoke (a file in blueprints/agents/)."),
    input: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "payload fields are identifiers"), payloadValue)
      .default({})
      .describe(
        "Payload fields. A string that is a JSONPath copies that value from the workflow state at run time: " +
          "`$`, `$.order.id`, `$.items[0]`, or `$$.Execution.Id` from the execution's context object. " +
          "Any other string, and every number and boolean, is passed as written (`$5 off` stays text). " +
          "A string that starts like a path (`$.`, `$[`, `$$`) must be a valid one; " +
          'to pass such text literally write `{ literal: "$.not-a-path" }`.',
      ),
    output: jsonPath.optional().describe("Where the agent's answer is stored. Default: `$.results.<step>`."),
    timeout_seconds: z
      .number()
      .int()
      .min(1)
      .max(900)
      .default(300)
      .describe("Per-invocation timeout (AgentCore synchronous invocations end after 15 minutes)."),
    retries: retries.default({ max_attempts: 2, interval_seconds: 2, backoff_rate: 2 }),
  })
  .strict();

const choiceRule = z
  .object({
    variable: jsonPath,
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    greater_than: z.number().optional(),
    less_than: z.number().optional(),
    next: stepName,
  })
  .strict()
  .refine(
    (r) => [r.equals, r.greater_than, r.less_than].filter((v) => v !== undefined).length === 1,
    "a choice needs exactly one of equals, greater_than, less_than",
  );

const step = z.union([
  agentCall.extend({ next: stepName.optional(), end: z.literal(true).optional() }).strict(),
  z
    .object({
      parallel: z.array(agentCall).min(2, "a parallel step needs at least two branches"),
      output: jsonPath.optional(),
      next: stepName.optional(),
      end: z.literal(true).optional(),
    })
    .strict(),
  z.object({ choice: z.array(choiceRule).min(1), default: stepName }).strict(),
]);

/** One workflow: `blueprints/workflows/<name>.yaml`. */
export const workflowBlueprintSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/, "must be 2-32 characters: lowercase letters, digits and hyphens")
      .describe("Workflow name; must equal the file name without `.yaml`."),
    description: z.string().min(1).max(200),
    timeout_seconds: z.number().int().min(1).max(31_536_000).default(3600).describe("Timeout of a whole execution."),
    start_at: stepName,
    steps: z.record(stepName, step).describe("The steps: an agent call, `parallel` agent calls, or a `choice`."),
    triggers: z
      .object({
        schedule: z
          .string()
          .superRefine(one(scheduleProblem))
          // For editors: the same rule as one pattern (the words come from scheduleProblem).
          .meta({ pattern: SCHEDULE_PATTERN })
          .optional()
          .describe(
            "EventBridge schedule expression: `rate(<n> <unit>)` with minute, hour or day " +
              "(singular exactly when n is 1: `rate(1 day)`, `rate(5 minutes)`), " +
              "or `cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)` " +
              "with exactly one of day-of-month and day-of-week `?` (`cron(0 6 * * ? *)`).",
          ),
        event_pattern: z
          .record(z.string(), z.unknown())
          .superRefine(problems(eventPatternProblems))
          .optional()
          .describe(
            "An EventBridge event pattern; matching events start the workflow with the event as input. " +
              "Every field is a non-empty list of values to match " +
              "(`source: [acme.refunds]`: strings, numbers, booleans, null, or matcher objects such as " +
              '`{ prefix: acme. }`, `{ anything-but: [test] }`, `{ numeric: [">", 0] }`, `{ exists: true }`), ' +
              "an object of nested fields, or `$or`: a list of at least two patterns. " +
              `At most ${EVENT_PATTERN_MAX} characters as JSON.`,
          ),
      })
      .strict()
      .default({}),
  })
  .strict();

export type WorkflowBlueprint = z.output<typeof workflowBlueprintSchema> & { readonly sourceFile: string };
export type WorkflowStep = WorkflowBlueprint["steps"][string];
export type AgentCall = z.output<typeof agentCall>;

function successors(s: WorkflowStep): string[] {
  if (isChoice(s)) return [...s.choice.map((c) => c.next), s.default];
  return s.next ? [s.next] : [];
}

/**
 * The workflow graph is sound: known agents, targets that exist, every step ends or moves on,
 * every step reachable from start_at, and no cycle (each execution terminates). What the
 * blueprint becomes is sound too: no two steps compile to one Step Functions state, no text reads
 * as a runtime placeholder, and the event pattern fits EventBridge's size quota.
 */
export function checkWorkflow(w: WorkflowBlueprint, agentKeys: readonly string[]): void {
  const errors: InputError[] = [];
  const fail = (field: string, problem: string) => errors.push(new InputError(w.sourceFile, field, problem));
  const names = Object.keys(w.steps);
  if (!w.steps[w.start_at]) fail("start_at", `names "${w.start_at}", which is not a step; steps: ${names.join(", ")}`);
  for (const [name, s] of Object.entries(w.steps)) {
    const calls = isChoice(s)
      ? []
      : isParallel(s)
        ? s.parallel.map((c, i) => [`steps.${name}.parallel.${i}.agent`, c.agent] as const)
        : [[`steps.${name}.agent`, s.agent] as const];
    for (const [field, agent] of calls) {
      if (!agentKeys.includes(agent))
        fail(
          field,
          `names agent "${agent}", which no blueprint defines (blueprints/agents/${agent}.yaml does not exist); ` +
            `agents: ${agentKeys.join(", ") || "none"}`,
        );
    }
    if (!isChoice(s)) {
      if (s.next && s.end) fail(`steps.${name}`, "has both next and end; give one");
      if (!s.next && !s.end) fail(`steps.${name}`, "has neither next nor end; give one");
    }
    for (const next of successors(s))
      if (!w.steps[next]) fail(`steps.${name}`, `moves to "${next}", which is not a step; steps: ${names.join(", ")}`);
  }
  const compiledBy = new Map<string, string>();
  for (const [name, s] of Object.entries(w.steps)) {
    const states = statesOf(name, s);
    const taken = states.find((state) => compiledBy.has(state));
    if (taken)
      fail(
        `steps.${name}`,
        `compiles to the Step Functions state "${taken}", as step "${compiledBy.get(taken)}" does ` +
          "(state names must be unique in a state machine); rename one of the two steps",
      );
    else for (const state of states) compiledBy.set(state, name);
  }
  const text = (v: unknown, field: string): void => {
    if (typeof v === "string" && v.includes(RUNTIME_PLACEHOLDER.open))
      fail(
        field,
        `contains "${RUNTIME_PLACEHOLDER.open}", which the workflows module replaces with an agent runtime's ARN; ` +
          "it cannot appear in text",
      );
    else if (v && typeof v === "object") for (const [k, e] of Object.entries(v)) text(e, `${field}.${k}`);
  };
  text(w.description, "description");
  text(w.steps, "steps");
  const pattern = w.triggers.event_pattern && JSON.stringify(w.triggers.event_pattern);
  if (pattern && pattern.length > EVENT_PATTERN_MAX)
    fail(
      "triggers.event_pattern",
      `is ${pattern.length} characters as JSON; ` +
        `EventBridge accepts event patterns of up to ${EVENT_PATTERN_MAX} characters (quota "Event pattern size")`,
    );
  if (errors.length) throw new InputErrors(errors);

  const reachable = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (path.includes(name)) {
      fail(
        `steps.${name}`,
        `is part of a cycle: ${[...path.slice(path.indexOf(name)), name].join(" -> ")}; workflows must terminate`,
      );
      return;
    }
    if (reachable.has(name)) return;
    for (const next of successors(w.steps[name])) visit(next, [...path, name]);
    reachable.add(name);
  };
  visit(w.start_at, []);
  for (const name of names)
    if (!reachable.has(name) && !errors.some((e) => e.field === `steps.${name}`))
      fail(`steps.${name}`, `is unreachable from start_at "${w.start_at}"`);
  if (errors.length) throw new InputErrors(errors);
}

/**
 * One entry of the workflows module's `workflows` input (the map key is the workflow name): an
 * Amazon States Language definition, compiled from a workflow blueprint on the cdktf path or
 * written by hand (`jsonencode({...})`, `file("x.asl.json")`) in HCL.
 */
export const workflowSpecSchema = z
  .object({
    description: z.string().max(256).default("").describe("What the workflow does."),
    definition: z
      .string()
      .min(1)
      .superRefine(problems(aslProblems))
      .describe(
        "The state machine definition (Amazon States Language JSON). " +
          `Agent runtimes appear as \`${runtimePlaceholder("<agent key>")}\`, invoked at the \`live\` endpoint.`,
      ),
    triggers: z
      .object({
        schedule: z
          .string()
          .superRefine(one(scheduleProblem))
          .optional()
          .describe("EventBridge schedule expression, `rate(<n> <unit>)` or `cron(<6 fields>)`."),
        event_pattern: z
          .string()
          .superRefine(problems(eventPatternJsonProblems))
          .optional()
          .describe(
            `EventBridge event pattern as JSON (at most ${EVENT_PATTERN_MAX} characters); ` +
              "matching events start the workflow with the event as input.",
          ),
      })
      .strict()
      .default({})
      .describe("What starts the workflow besides StartExecution calls."),
  })
  .strict();

export type WorkflowSpec = z.output<typeof workflowSpecSchema>;

/** An event pattern given as JSON text (the module input): the size, the JSON, the grammar. */
function eventPatternJsonProblems(json: string): string[] {
  if (json.length > EVENT_PATTERN_MAX)
    return [
      `is ${json.length} characters long; ` +
        `EventBridge accepts event patterns of up to ${EVENT_PATTERN_MAX} characters (quota "Event pattern size")`,
    ];
  let pattern: unknown;
  try {
    pattern = JSON.parse(json);
  } catch (e) {
    return [`is not JSON: ${(e as Error).message}`];
  }
  return eventPatternProblems(pattern).map((p) => (p.path.length ? `${p.path.join(".")}: ${p.problem}` : p.problem));
}
