import * as fs from "node:fs";
import * as path from "node:path";
import {
  aslProblems,
  eventPatternProblems,
  scheduleProblem,
  SCHEDULE_PATTERN,
  runtimePlaceholder,
} from "../lib/config/workflow-format";
import { workflowSpecSchema } from "../lib/config/workflows";
import { HCL_PATTERN_DEPTH } from "../modules/workflows/names";
import { INVOKE_AGENT_RUNTIME, stateMachineDefinition } from "../modules/workflows/asl";
import { loadBlueprints } from "../lib/config/blueprints";
import { FIXTURE, ROOT, synthProject } from "./helpers/synth";
import {
  type TerraformRun,
  describeWithTerraform,
  isolate,
  offlineProvider,
  prepareTerraform,
} from "./helpers/terraform";

/**
 * The rules on the workflows module's `workflows` input, held in both places they live: the
 * TypeScript checks (synthesis) and the module's variable validation (plan). One table of good and
 * bad values per rule; TypeScript must decide every case as the table says, and terraform must
 * too, except where the table records that HCL cannot follow (nesting deeper than HCL walks,
 * matcher details): those cases document exactly what the plan-time check leaves to AWS.
 */

// --- schedules --------------------------------------------------------------------------------

const GOOD_SCHEDULES = [
  "rate(1 minute)",
  "rate(5 minutes)",
  "rate(1 hour)",
  "rate(12 hours)",
  "rate(1 day)",
  "rate(10 days)",
  "rate(100 minutes)",
  "cron(0 6 * * ? *)",
  "cron(0/15 * * * ? *)",
  "cron(*/5 8-17 ? * MON-FRI *)",
  "cron(5,35 14 * * ? *)",
  "cron(0 18 L * ? *)",
  "cron(0 0 LW JAN,JUL ? 1970-2199/2)",
  "cron(0 8 1W * ? *)",
  "cron(0 9 ? * 6L 2030)",
  "cron(0 9 ? * 2#1 *)",
  "cron(0 9 ? * L *)",
  "cron(15 10 ? * SUN 2027-2028)",
  "cron(0 12 1 JAN-DEC/3 ? *)",
  "cron(59 23 31 12 ? 2199)",
  "cron(0 0 1-15/2 * ? *)",
  "cron(0 0 ? * 1,7 *)",
];
const BAD_SCHEDULES = [
  "rate(banana)",
  "rate(1 minutes)",
  "rate(5 minute)",
  "rate(0 minutes)",
  "rate(05 minutes)",
  "rate(5 weeks)",
  "rate(-1 days)",
  "rate(5  minutes)",
  "rate(1.5 hours)",
  "daily",
  "cron(0 6 * * * *)",
  "cron(0 6 ? * ? *)",
  "cron(60 6 * * ? *)",
  "cron(0 24 * * ? *)",
  "cron(0 6 0 * ? *)",
  "cron(0 6 32 * ? *)",
  "cron(0 6 * 13 ? *)",
  "cron(0 6 ? * 8 *)",
  "cron(0 6 * * ? 1969)",
  "cron(0 6 * * ? 2200)",
  "cron(0 6 * * ?)",
  "cron(0 6 * * ? * *)",
  "cron(0/0 * * * ? *)",
  "cron(0 6 ? * MON/2 *)",
  "cron(0 6 * jan ? *)",
  "cron(0 6 ? * 2#6 *)",
  "cron(0 6 32W * ? *)",
  "cron( 0 6 * * ? *)",
  `cron(${Array.from({ length: 60 }, (_, i) => i).join(",")} ${Array.from({ length: 24 }, (_, i) => i).join(",")} ` +
    `* * ? ${Array.from({ length: 40 }, (_, i) => 1970 + i).join(",")})`,
];

describe("schedule expressions: one table for both paths", () => {
  test.each(GOOD_SCHEDULES)("%s is accepted", (s) => {
    expect(scheduleProblem(s)).toBeUndefined();
    expect(new RegExp(SCHEDULE_PATTERN).test(s)).toBe(true);
  });
  test.each(BAD_SCHEDULES)("%s is rejected", (s) => {
    expect(scheduleProblem(s)).toBeDefined();
    // The pattern the module's validation uses, except the length rule that it checks apart.
    if (s.length <= 256) expect(new RegExp(SCHEDULE_PATTERN).test(s)).toBe(false);
  });
  test("the words name the part that is wrong", () => {
    expect(scheduleProblem("rate(1 minutes)")).toContain(
      'has unit "minutes"; with 1 EventBridge takes minute, hour, day',
    );
    expect(scheduleProblem("cron(0 6 * * * *)")).toContain("exactly one of the two must be ?");
    expect(scheduleProblem("cron(0 6 32 * ? *)")).toContain('has day-of-month "32"');
  });
});

// --- event patterns ---------------------------------------------------------------------------

interface PatternCase {
  readonly name: string;
  readonly pattern: unknown;
  readonly ok: boolean;
  /** What the plan decides where it differs from TypeScript (HCL follows less). */
  readonly hcl?: "passes";
}

const deep = (levels: number, leaf: unknown): unknown =>
  levels === 0 ? leaf : { [`l${levels}`]: deep(levels - 1, leaf) };

const PATTERNS: PatternCase[] = [
  {
    name: "plain values",
    pattern: { source: ["acme.refunds"], "detail-type": ["RefundRequested", "RefundUpdated"] },
    ok: true,
  },
  {
    name: "nested fields",
    pattern: { source: ["acme.refunds"], detail: { amount: [100, 200], express: [true], note: [null, ""] } },
    ok: true,
  },
  {
    name: "prefix, also ignoring case",
    pattern: { detail: { a: [{ prefix: "us-" }, { prefix: { "equals-ignore-case": "EU-" } }] } },
    ok: true,
  },
  {
    name: "suffix, also ignoring case",
    pattern: { detail: { b: [{ suffix: ".png" }, { suffix: { "equals-ignore-case": ".PNG" } }] } },
    ok: true,
  },
  {
    name: "anything-but values",
    pattern: {
      detail: {
        c: [
          { "anything-but": "initializing" },
          { "anything-but": 123 },
          { "anything-but": ["stopped", "overloaded"] },
          { "anything-but": [100, 200] },
        ],
      },
    },
    ok: true,
  },
  {
    name: "anything-but operators",
    pattern: {
      detail: {
        d: [
          { "anything-but": { prefix: "init" } },
          { "anything-but": { suffix: ".tmp" } },
          { "anything-but": { "equals-ignore-case": ["X", "y"] } },
          { "anything-but": { wildcard: "*/lib/*" } },
        ],
      },
    },
    ok: true,
  },
  {
    name: "numeric ranges",
    pattern: { detail: { e: [{ numeric: [">", 0, "<=", 5] }, { numeric: ["=", 3.018e2] }, { numeric: ["<", 10] }] } },
    ok: true,
  },
  { name: "exists", pattern: { detail: { f: [{ exists: true }], g: [{ exists: false }] } }, ok: true },
  {
    name: "equals-ignore-case and wildcard",
    pattern: { detail: { h: [{ "equals-ignore-case": "alice" }], i: [{ wildcard: "dir/*.png" }] } },
    ok: true,
  },
  {
    name: "cidr, IPv4 and IPv6",
    pattern: { detail: { j: [{ cidr: "10.0.0.0/24" }, { cidr: "2001:db8::/32" }] } },
    ok: true,
  },
  {
    name: "$or of two patterns",
    pattern: { source: ["acme"], $or: [{ detail: { a: ["x"] } }, { "detail-type": ["y"] }] },
    ok: true,
  },
  { name: "fields three levels deep", pattern: deep(3, ["x"]), ok: true },
  { name: "a string where a list belongs (source: acme.refunds)", pattern: { source: "acme.refunds" }, ok: false },
  { name: "a number where a list belongs", pattern: { detail: { amount: 5 } }, ok: false },
  { name: "null where a list belongs", pattern: { source: null }, ok: false },
  { name: "a string three levels deep", pattern: deep(3, "x"), ok: false },
  { name: "an empty pattern", pattern: {}, ok: false },
  { name: "an empty array", pattern: { source: [] }, ok: false },
  { name: "an empty nested object", pattern: { detail: {} }, ok: false },
  { name: "an array in an array", pattern: { source: [["a"]] }, ok: false },
  { name: "an unknown matcher", pattern: { source: [{ begins: "a" }] }, ok: false },
  { name: "a matcher with two keys", pattern: { source: [{ prefix: "a", suffix: "b" }] }, ok: false },
  { name: "exists with a string", pattern: { detail: { a: [{ exists: "yes" }] } }, ok: false },
  { name: "numeric without a list", pattern: { detail: { a: [{ numeric: 5 }] } }, ok: false },
  { name: "a prefix that is a number", pattern: { source: [{ prefix: 5 }] }, ok: false },
  { name: "a cidr that is no CIDR block", pattern: { source: [{ cidr: "10.0.0.300/8" }] }, ok: false },
  { name: "anything-but true", pattern: { source: [{ "anything-but": true }] }, ok: false },
  { name: "$or with one pattern", pattern: { $or: [{ source: ["a"] }] }, ok: false },
  { name: "$or that is an object", pattern: { $or: { source: ["a"] } }, ok: false },
  { name: "a list of patterns instead of one", pattern: [{ source: ["a"] }], ok: false },
  // Beyond what HCL follows: rejected at synthesis, left to EventBridge on the HCL path.
  { name: "a string four levels deep", pattern: deep(4, "x"), ok: false, hcl: "passes" },
  {
    name: "numeric with a bad operator",
    pattern: { detail: { a: [{ numeric: ["~", 5] }] } },
    ok: false,
    hcl: "passes",
  },
  {
    name: "numeric with a string value",
    pattern: { detail: { a: [{ numeric: [">", "5"] }] } },
    ok: false,
    hcl: "passes",
  },
  {
    name: "anything-but of mixed strings and numbers",
    pattern: { source: [{ "anything-but": ["a", 1] }] },
    ok: false,
    hcl: "passes",
  },
  {
    name: "anything-but with an unknown operator",
    pattern: { source: [{ "anything-but": { exists: true } }] },
    ok: false,
    hcl: "passes",
  },
];

describe("event patterns: the EventBridge grammar in TypeScript", () => {
  test.each(PATTERNS.filter((c) => c.ok))("$name is accepted", ({ pattern }) => {
    expect(eventPatternProblems(pattern)).toEqual([]);
    expect(
      workflowSpecSchema.safeParse({ definition: MINIMAL, triggers: { event_pattern: JSON.stringify(pattern) } })
        .success,
    ).toBe(true);
  });
  test.each(PATTERNS.filter((c) => !c.ok))("$name is rejected", ({ pattern }) => {
    expect(eventPatternProblems(pattern)).not.toEqual([]);
    expect(
      workflowSpecSchema.safeParse({ definition: MINIMAL, triggers: { event_pattern: JSON.stringify(pattern) } })
        .success,
    ).toBe(false);
  });
  test("a problem names where it is", () => {
    expect(eventPatternProblems({ detail: { state: "x" } })).toEqual([
      { path: ["detail", "state"], problem: expect.stringContaining("must be an array of values to match") },
    ]);
    expect(eventPatternProblems({ a: [1, { foo: 1 }] })).toEqual([
      { path: ["a", 1], problem: expect.stringContaining('unknown key "foo"') },
    ]);
  });
  test("HCL walks exactly HCL_PATTERN_DEPTH levels: the table has a case on each side of the line", () => {
    expect(HCL_PATTERN_DEPTH).toBe(3);
    expect(PATTERNS.find((c) => c.name === "a string three levels deep")!.hcl).toBeUndefined();
    expect(PATTERNS.find((c) => c.name === "a string four levels deep")!.hcl).toBe("passes");
  });
});

// --- state machine definitions ----------------------------------------------------------------

const MINIMAL = JSON.stringify({ StartAt: "Only", States: { Only: { Type: "Pass", End: true } } });
const task = (extra: Record<string, unknown> = {}) => ({
  Type: "Task",
  Resource: INVOKE_AGENT_RUNTIME,
  Parameters: { AgentRuntimeArn: runtimePlaceholder("triage"), Qualifier: "live" },
  ...extra,
});
const machine = (
  states: Record<string, unknown>,
  startAt = Object.keys(states)[0],
  extra: Record<string, unknown> = {},
) => JSON.stringify({ StartAt: startAt, States: states, ...extra });
const branch = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) => ({
  StartAt: startAt,
  States: states,
});

interface AslCase {
  readonly name: string;
  readonly definition: string;
  /** The words of the module's validation rule that must name this case; absent: accepted. */
  readonly rule?: string;
  /** HCL does not see this one (deeper than one level of branches); TypeScript does. */
  readonly hcl?: "passes";
}

const RULES = {
  json: "have a definition that is not Amazon States Language JSON",
  startAt: "have a definition whose StartAt",
  type: "have a state whose Type is not one of",
  transition: "have a Next, Default, Choices[].Next or Catch[].Next that names no state",
  nextOrEnd: "have a state (not Choice, Succeed or Fail) without exactly one of Next and End = true",
  terminal: "have a state machine (or Parallel branch, or Map item processor) without a terminal state",
  unreachable: "have a state that no StartAt, Next, Default, Choices[].Next or Catch[].Next names",
  nameLength: "have a state name over 80 characters",
  unique: "use a state name twice",
  timeout: "have a TimeoutSeconds or HeartbeatSeconds that is not a positive whole number",
  retry: "have a Retry that Step Functions rejects",
  size: "have a definition over 1048576 characters",
  placeholder: "name runtimes as {{AGENT_RUNTIME_ARN:<agent key>}} with a malformed agent key",
};

const compiled = (() => {
  const blueprints = loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE);
  return JSON.stringify(stateMachineDefinition(blueprints.workflows[0], runtimePlaceholder));
})();

const NEXT_NOWHERE = machine({
  A: task({ Next: "Nowhere", Catch: [{ ErrorEquals: ["States.ALL"], Next: "B" }] }),
  B: { Type: "Succeed" },
});

const ASL: AslCase[] = [
  { name: "the compiled fixture workflow", definition: compiled },
  {
    name: "examples/complete daily-report",
    definition: fs.readFileSync(path.join(ROOT, "examples", "complete", "workflows", "daily-report.asl.json"), "utf8"),
  },
  {
    name: "choice, wait, succeed, fail, catch, retry",
    definition: machine(
      {
        Ask: task({
          Next: "Route",
          TimeoutSeconds: 300,
          HeartbeatSeconds: 60,
          Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 2, MaxAttempts: 0, BackoffRate: 1 }],
          Catch: [{ ErrorEquals: ["States.ALL"], Next: "Broken" }],
        }),
        Route: {
          Type: "Choice",
          Choices: [
            { Variable: "$.ok", BooleanEquals: true, Next: "Done" },
            { Not: { Variable: "$.x", IsPresent: true }, Next: "Later" },
          ],
          Default: "Broken",
        },
        Later: { Type: "Wait", Seconds: 60, Next: "Done" },
        Done: { Type: "Succeed" },
        Broken: { Type: "Fail", Error: "Refused" },
      },
      "Ask",
      { TimeoutSeconds: 3600, Comment: "$.not-a-path stays a comment" },
    ),
  },
  {
    name: "parallel and map with nested machines",
    definition: machine({
      Fan: {
        Type: "Parallel",
        Branches: [branch({ A: { Type: "Pass", End: true } }), branch({ B: { Type: "Pass", End: true } })],
        Next: "Each",
      },
      Each: { Type: "Map", ItemProcessor: branch({ C: { Type: "Pass", End: true } }), End: true },
    }),
  },
  {
    name: "a map with the older Iterator",
    definition: machine({ Each: { Type: "Map", Iterator: branch({ C: { Type: "Succeed" } }), End: true } }),
  },
  { name: "a state name of 80 characters", definition: machine({ ["s".repeat(80)]: { Type: "Succeed" } }) },
  { name: "not JSON", definition: "{ not json", rule: RULES.json },
  { name: "a JSON array", definition: "[]", rule: RULES.json },
  { name: "no States", definition: JSON.stringify({ StartAt: "A" }), rule: RULES.json },
  {
    name: "a branch without States",
    definition: machine({ Fan: { Type: "Parallel", Branches: [{ StartAt: "A" }], End: true } }),
    rule: RULES.json,
  },
  { name: "StartAt naming no state", definition: machine({ A: { Type: "Succeed" } }, "Nope"), rule: RULES.startAt },
  {
    name: "a branch's StartAt naming no state",
    definition: machine({ Fan: { Type: "Parallel", Branches: [branch({ A: { Type: "Succeed" } }, "B")], End: true } }),
    rule: RULES.startAt,
  },
  { name: "an unknown Type", definition: machine({ A: { Type: "Lambda", End: true } }), rule: RULES.type },
  { name: "a state without Type", definition: machine({ A: { End: true } }), rule: RULES.type },
  { name: "Next naming no state", definition: NEXT_NOWHERE, rule: RULES.transition },
  {
    name: "a choice moving nowhere",
    definition: machine({
      A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "y", Next: "Gone" }], Default: "B" },
      B: { Type: "Succeed" },
    }),
    rule: RULES.transition,
  },
  {
    name: "a choice rule without Next",
    definition: machine({
      A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "y" }], Default: "B" },
      B: { Type: "Succeed" },
    }),
    rule: RULES.transition,
  },
  {
    name: "a Default naming no state",
    definition: machine({
      A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "y", Next: "B" }], Default: "Gone" },
      B: { Type: "Succeed" },
    }),
    rule: RULES.transition,
  },
  {
    name: "a Catch moving nowhere",
    definition: machine({ A: task({ End: true, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Gone" }] }) }),
    rule: RULES.transition,
  },
  {
    name: "a branch moving to a top-level state",
    definition: machine({
      Fan: {
        Type: "Parallel",
        Branches: [
          branch({
            A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "y", Next: "Done" }], Default: "B" },
            B: { Type: "Succeed" },
          }),
        ],
        Next: "Done",
      },
      Done: { Type: "Succeed" },
    }),
    rule: RULES.transition,
  },
  {
    name: "a Pass with neither Next nor End",
    definition: machine({
      A: { Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "y", Next: "B" }], Default: "C" },
      B: { Type: "Pass" },
      C: { Type: "Succeed" },
    }),
    rule: RULES.nextOrEnd,
  },
  {
    name: "a Task with both Next and End",
    definition: machine({ A: task({ Next: "B", End: true }), B: { Type: "Succeed" } }),
    rule: RULES.nextOrEnd,
  },
  {
    name: "no terminal state",
    definition: machine({ A: { Type: "Pass", Next: "B" }, B: { Type: "Pass", Next: "A" } }),
    rule: RULES.terminal,
  },
  {
    name: "a state nothing moves to",
    definition: machine({ A: { Type: "Succeed" }, B: { Type: "Succeed" } }),
    rule: RULES.unreachable,
  },
  {
    name: "a state name of 81 characters",
    definition: machine({ ["s".repeat(81)]: { Type: "Succeed" } }),
    rule: RULES.nameLength,
  },
  {
    name: "a branch state named like a top-level state",
    definition: machine({ Fan: { Type: "Parallel", Branches: [branch({ Fan: { Type: "Succeed" } })], End: true } }),
    rule: RULES.unique,
  },
  { name: "TimeoutSeconds 0", definition: machine({ A: task({ End: true, TimeoutSeconds: 0 }) }), rule: RULES.timeout },
  {
    name: "TimeoutSeconds 1.5",
    definition: machine({ A: task({ End: true, TimeoutSeconds: 1.5 }) }),
    rule: RULES.timeout,
  },
  {
    name: "a negative HeartbeatSeconds",
    definition: machine({ A: task({ End: true, HeartbeatSeconds: -1 }) }),
    rule: RULES.timeout,
  },
  {
    name: "a machine TimeoutSeconds as text",
    definition: machine({ A: { Type: "Succeed" } }, "A", { TimeoutSeconds: "60" }),
    rule: RULES.timeout,
  },
  {
    name: "a retrier with MaxAttempts -1",
    definition: machine({ A: task({ End: true, Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: -1 }] }) }),
    rule: RULES.retry,
  },
  {
    name: "a retrier with BackoffRate 0.5",
    definition: machine({ A: task({ End: true, Retry: [{ ErrorEquals: ["States.ALL"], BackoffRate: 0.5 }] }) }),
    rule: RULES.retry,
  },
  {
    name: "a retrier without errors",
    definition: machine({ A: task({ End: true, Retry: [{ ErrorEquals: [] }] }) }),
    rule: RULES.retry,
  },
  {
    name: "a Retry that is no list",
    definition: machine({ A: task({ End: true, Retry: { ErrorEquals: ["States.ALL"] } }) }),
    rule: RULES.retry,
  },
  {
    name: "a definition over 1 MiB",
    definition: machine({ A: { Type: "Succeed" } }, "A", { Comment: "x".repeat(1_048_576) }),
    rule: RULES.size,
  },
  {
    name: "a placeholder with an upper-case key",
    definition: machine({ A: task({ End: true, Parameters: { AgentRuntimeArn: "{{AGENT_RUNTIME_ARN:Triage}}" } }) }),
    rule: RULES.placeholder,
  },
  {
    name: "a placeholder never closed",
    definition: machine({ A: task({ End: true, Parameters: { AgentRuntimeArn: "{{AGENT_RUNTIME_ARN:triage" } }) }),
    rule: RULES.placeholder,
  },
  // Two levels of branches: TypeScript follows, HCL does not.
  {
    name: "a nested branch's StartAt naming no state",
    definition: machine({
      Fan: {
        Type: "Parallel",
        Branches: [
          branch({ Inner: { Type: "Parallel", Branches: [branch({ A: { Type: "Succeed" } }, "B")], End: true } }),
        ],
        End: true,
      },
    }),
    rule: RULES.startAt,
    hcl: "passes",
  },
  {
    name: "an island of states that name each other",
    definition: machine({ A: { Type: "Succeed" }, B: { Type: "Pass", Next: "C" }, C: { Type: "Pass", Next: "B" } }),
    rule: RULES.unreachable,
    hcl: "passes",
  },
  {
    name: "a nested branch without a terminal state",
    definition: machine({
      Each: {
        Type: "Map",
        ItemProcessor: branch({
          Fan: { Type: "Parallel", Branches: [branch({ A: { Type: "Pass", Next: "A" } })], End: true },
        }),
        End: true,
      },
    }),
    rule: RULES.terminal,
    hcl: "passes",
  },
];

describe("state machine definitions: the ASL checks in TypeScript", () => {
  test.each(ASL.filter((c) => !c.rule))("$name is accepted", ({ definition }) => {
    expect(aslProblems(definition)).toEqual([]);
  });
  test.each(ASL.filter((c) => c.rule))("$name is rejected", ({ definition }) => {
    expect(aslProblems(definition)).not.toEqual([]);
  });
  test("each problem says what and where", () => {
    expect(aslProblems(NEXT_NOWHERE)).toEqual([
      'state "A" has Next "Nowhere", which is not a state of the state machine',
    ]);
    expect(aslProblems(ASL.find((c) => c.name === "an island of states that name each other")!.definition)).toEqual([
      'has states that cannot be reached from StartAt: "B", "C" (Step Functions rejects unreachable states)',
    ]);
    expect(aslProblems(ASL.find((c) => c.name === "a nested branch's StartAt naming no state")!.definition)).toEqual([
      expect.stringMatching(
        /^Parallel state "Fan" branch 0: Parallel state "Inner" branch 0: has StartAt "B", which is not a state/,
      ),
    ]);
  });
});

// --- terraform: the same tables through the module's variable validation ----------------------

const key = (kind: string, i: number) => `${kind}-${i}`;
interface Expected {
  readonly workflows: Record<string, { definition: string; triggers?: { schedule?: string; event_pattern?: string } }>;
  /** Per rule text, the workflow keys its message must list (exactly). */
  readonly failing: Map<string, string[]>;
  /** Keys that no message may list. */
  readonly passing: string[];
}

function expectations(): Expected {
  const workflows: Expected["workflows"] = {};
  const failing = new Map<string, string[]>();
  const passing: string[] = [];
  const fails = (rule: string, k: string) => failing.set(rule, [...(failing.get(rule) ?? []), k]);
  ASL.forEach((c, i) => {
    workflows[key("asl", i)] = { definition: c.definition };
    if (c.rule && !c.hcl) fails(c.rule, key("asl", i));
    else passing.push(key("asl", i));
  });
  const SCHEDULE_RULE = "have a schedule that EventBridge rejects";
  [...GOOD_SCHEDULES, ...BAD_SCHEDULES].forEach((s, i) => {
    workflows[key("schedule", i)] = { definition: MINIMAL, triggers: { schedule: s } };
    if (BAD_SCHEDULES.includes(s)) fails(SCHEDULE_RULE, key("schedule", i));
    else passing.push(key("schedule", i));
  });
  PATTERNS.forEach((c, i) => {
    workflows[key("pattern", i)] = { definition: MINIMAL, triggers: { event_pattern: JSON.stringify(c.pattern) } };
    const notObject = c.pattern === null || typeof c.pattern !== "object" || Array.isArray(c.pattern);
    if (notObject) fails("have an event_pattern that is not a JSON object", key("pattern", i));
    else if (!c.ok && !c.hcl) fails("have an event_pattern EventBridge rejects", key("pattern", i));
    else passing.push(key("pattern", i));
  });
  workflows["pattern-json"] = { definition: MINIMAL, triggers: { event_pattern: "{ source: [x] }" } };
  fails("have an event_pattern that is not a JSON object", "pattern-json");
  workflows["pattern-size"] = {
    definition: MINIMAL,
    triggers: { event_pattern: JSON.stringify({ source: ["x".repeat(2048)] }) },
  };
  fails('have an event_pattern over 2048 characters (EventBridge quota "Event pattern size")', "pattern-size");
  return { workflows, failing, passing };
}

/** Which keys a rule's message lists, from terraform's error output. */
function listed(output: string, rule: string): string[] {
  const at = output.indexOf(rule);
  if (at < 0) return [];
  const before = output.slice(0, at).trimEnd();
  const m = /Workflows ((?:[a-z0-9-]+, )*[a-z0-9-]+)$/.exec(before);
  return m ? m[1].split(", ") : [];
}

describeWithTerraform("the workflows module's validation, evaluated by terraform on the same tables", (tool) => {
  let tf: TerraformRun;
  beforeAll(() => {
    const tree = synthProject().module("workflows").tree();
    // Only the variables and what reads nothing else: the validation is what is under test. The
    // output makes terraform evaluate (and so validate) `workflows`.
    const probe = { output: { workflow_names: { value: "${keys(var.workflows)}" } } };
    tf = prepareTerraform(
      { ...isolate(tree, () => false), "probe.tf.json": probe, "provider.tf.json": offlineProvider("us-east-1") },
      tool,
    );
  });
  const plan = (workflows: unknown) => {
    // Pretty-printed, so that terraform quotes one short line of it in its errors.
    fs.writeFileSync(
      path.join(tf.dir, "test.auto.tfvars.json"),
      JSON.stringify(
        {
          name_prefix: "acme",
          environment: "dev",
          account_id: "123456789012",
          agent_runtime_arns: {},
          permissions_boundary_arn: "arn:aws:iam::123456789012:policy/b",
          logs_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/k",
          workflows,
        },
        null,
        1,
      ),
    );
    const r = tf.run(["plan", "-input=false", "-no-color", "-refresh=false"]);
    // Without the lines of the variables file terraform quotes.
    const output = (r.stdout + r.stderr).replace(
      /on test\.auto\.tfvars\.json line \d+:[\s\S]*?var\.workflows is map of object with \d+ elements/g,
      "",
    );
    return { status: r.status, output: output.replace(/[│╷╵]/g, " ").replace(/\s+/g, " ") };
  };

  test("every good value of every table passes the plan", () => {
    const { workflows, passing } = expectations();
    const good = Object.fromEntries(passing.map((k) => [k, workflows[k]]));
    const r = plan(good);
    expect(r.output).not.toContain("Error");
    expect(r.status).toBe(0);
  });

  test("every bad value fails the plan under its own rule, and under no other", () => {
    const { workflows, failing, passing } = expectations();
    const r = plan(workflows);
    expect(r.status).not.toBe(0);
    expect(r.output).not.toContain("Invalid validation condition");
    const allRules = [...failing.keys()];
    for (const rule of allRules)
      expect({ rule, keys: listed(r.output, rule) }).toEqual({ rule, keys: [...failing.get(rule)!].sort() });
    // Each bad value under exactly one rule, each good one under none.
    const named = [
      ...r.output.matchAll(/Workflows ((?:[a-z0-9-]+, )*[a-z0-9-]+) (?:have|use|name|make|are) /g),
    ].flatMap((m) => m[1].split(", "));
    expect(named.sort()).toEqual([...failing.values()].flat().sort());
    for (const k of passing) expect(named).not.toContain(k);
  });
});
