import { type BadInput, WORKFLOW, replace } from "./edits";

const F = WORKFLOW;
const PATTERN = "  event_pattern:\n    source: [acme.refunds]\n    detail-type: [RefundRequested]\n";
/** The fixture workflow with `text` in place of its event pattern's fields. */
const pattern = (text: string) => replace(F, PATTERN, `  event_pattern:\n${text}`);
/** The fixture workflow with a schedule besides its event pattern. */
const schedule = (expr: string) => replace(F, "triggers:\n", `triggers:\n  schedule: ${expr}\n`);
/** The fixture workflow's triage step with another `mode` payload field. */
const mode = (value: string) => replace(F, "      mode: triage\n", `      mode: ${value}\n`);

/** Workflow and EventBridge inputs Step Functions or EventBridge would reject. */
export const CATALOGUE: BadInput[] = [
  // --- EventBridge event patterns --------------------------------------------------------------
  {
    area: "workflow",
    name: "event pattern field given as a string",
    edit: replace(F, "    source: [acme.refunds]", "    source: acme.refunds"),
    message:
      `${F}: triggers.event_pattern.source (line 41): must be an array of values to match (EventBridge matches ` +
      `every field against a list, e.g. ["acme.refunds"]) or an object of nested fields; given: "acme.refunds"`,
  },
  {
    area: "workflow",
    name: "event pattern with an empty array",
    edit: replace(F, "    detail-type: [RefundRequested]", "    detail-type: []"),
    message: `${F}: triggers.event_pattern.detail-type (line 42): is an empty array; give at least one value to match`,
  },
  {
    area: "workflow",
    name: "event pattern with an empty nested object",
    edit: pattern("    source: [acme.refunds]\n    detail: {}\n"),
    message:
      `${F}: triggers.event_pattern.detail (line 42): is an empty object; EventBridge rejects empty objects in ` +
      "a pattern",
  },
  {
    area: "workflow",
    name: "event pattern with an unknown matcher",
    edit: pattern("    source: [{ begins-with: acme. }]\n"),
    message:
      `${F}: triggers.event_pattern.source.0 (line 41): is a matcher object with the unknown key ` +
      `"begins-with"; a matcher has exactly one of prefix, suffix, anything-but, numeric, exists, ` +
      "equals-ignore-case, wildcard, cidr",
  },
  {
    area: "workflow",
    name: "event pattern exists matcher with text",
    edit: pattern('    source: [acme.refunds]\n    detail:\n      paid: [{ exists: "yes" }]\n'),
    message: `${F}: triggers.event_pattern.detail.paid.0 (line 43): exists takes true or false`,
  },
  {
    area: "workflow",
    name: "event pattern numeric matcher without an operator",
    edit: pattern("    source: [acme.refunds]\n    detail:\n      amount: [{ numeric: [500] }]\n"),
    message: `${F}: triggers.event_pattern.detail.amount.0 (line 43): numeric takes [<operator>, <number>]`,
  },
  {
    area: "workflow",
    name: "event pattern $or with one branch",
    edit: pattern("    source: [acme.refunds]\n    $or:\n      - detail-type: [RefundRequested]\n"),
    message:
      `${F}: triggers.event_pattern.$or (line 42): must be an array of at least two patterns (objects of ` +
      "fields), any of which may match",
  },
  {
    area: "workflow",
    name: "event pattern with a list in a list",
    edit: pattern("    source: [[acme.refunds]]\n"),
    message: `${F}: triggers.event_pattern.source.0 (line 41): is an array inside an array`,
  },
  {
    area: "workflow",
    name: "event pattern over EventBridge's size quota",
    edit: pattern(`    source: [${"acme.refunds.".repeat(160)}]\n`),
    message:
      `${F}: triggers.event_pattern (line 40): is 2095 characters as JSON; EventBridge accepts event patterns ` +
      `of up to 2048 characters (quota "Event pattern size")`,
  },
  // --- EventBridge schedules -------------------------------------------------------------------
  {
    area: "workflow",
    name: "schedule that is no expression",
    edit: schedule("rate(banana)"),
    message:
      `${F}: triggers.schedule (line 40): must be rate(<positive whole number> <unit>), e.g. rate(5 minutes) ` +
      `or rate(1 day); given: "rate(banana)"`,
  },
  {
    area: "workflow",
    name: "rate of 1 with a plural unit",
    edit: schedule("rate(1 minutes)"),
    message:
      `${F}: triggers.schedule (line 40): has unit "minutes"; with 1 EventBridge takes minute, hour, day ` +
      `(singular exactly when the value is 1); given: "rate(1 minutes)"`,
  },
  {
    area: "workflow",
    name: "rate above 1 with a singular unit",
    edit: schedule("rate(5 minute)"),
    message:
      `${F}: triggers.schedule (line 40): has unit "minute"; with 5 EventBridge takes minutes, hours, days ` +
      `(singular exactly when the value is 1); given: "rate(5 minute)"`,
  },
  {
    area: "workflow",
    name: "cron with both day fields given",
    edit: schedule('"cron(0 6 * * MON *)"'),
    message:
      `${F}: triggers.schedule (line 40): has day-of-month "*" and day-of-week "MON"; exactly one of the two ` +
      "must be ? (EventBridge cannot match both)",
  },
  {
    area: "workflow",
    name: "cron hour out of range",
    edit: schedule('"cron(0 24 * * ? *)"'),
    message: `${F}: triggers.schedule (line 40): has hours "24"; that field takes 0-23 with , - * /`,
  },
  {
    area: "workflow",
    name: "cron with five fields",
    edit: schedule('"cron(0 6 * * ?)"'),
    message:
      `${F}: triggers.schedule (line 40): has 5 fields separated by single spaces; cron takes 6: minutes hours ` +
      "day-of-month month day-of-week year",
  },
  // --- literal text and compiled state names ---------------------------------------------------
  {
    area: "workflow",
    name: "payload text that starts like a path but is none",
    edit: mode("$.not-a-path"),
    message:
      `${F}: steps.triage.input.mode (line 12): starts like a JSONPath ($. $[ or $$) but is not one (paths are ` +
      "$, $.field.sub, $.list[0] or $$.Execution.Id, fields made of letters, digits and underscores); to pass " +
      `this text as it is, write { literal: "$.not-a-path" }; given: "$.not-a-path"`,
  },
  {
    area: "workflow",
    name: "payload text holding a runtime placeholder",
    edit: mode('"{{AGENT_RUNTIME_ARN:research}}"'),
    message:
      `${F}: steps.triage.input.mode (line 12): contains "{{AGENT_RUNTIME_ARN:", which the workflows module ` +
      "replaces with an agent runtime's ARN; it cannot appear in text",
  },
  {
    area: "workflow",
    name: "description holding a runtime placeholder",
    edit: replace(F, "description: Reviews a refund request;", "description: Reviews {{AGENT_RUNTIME_ARN:support}};"),
    message: `${F}: description (line 3): contains "{{AGENT_RUNTIME_ARN:"`,
  },
  {
    area: "workflow",
    name: "step named like a parallel branch's state",
    edit: replace(F, "  decide:\n", "  deep_review_0:\n    agent: support\n    end: true\n  decide:\n"),
    message:
      `${F}: steps.deep_review_0 (line 32): compiles to the Step Functions state "deep_review_0__payload", as ` +
      `step "deep_review" does (state names must be unique in a state machine); rename one of the two steps`,
  },
];
