import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { loadBlueprints } from "../lib/config/blueprints";
import { type WorkflowBlueprint, runtimePlaceholder, workflowBlueprintSchema } from "../lib/config/workflows";
import { WORKFLOW_ROLE_STATEMENTS, TRIGGER_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import { INVOKE_AGENT_RUNTIME, stateMachineDefinition } from "../modules/workflows/asl";
import { shapeInputs } from "../app/inputs";
import { type Policy, identityDecision, trustDecision, unknownActions } from "./helpers/iam";
import { FIXTURE, type Json, type Synthesized, scratchProject, synthProject } from "./helpers/synth";
import {
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  probeAttributes,
} from "./helpers/terraform";

const ACCOUNT = "123456789012";
const WF = "workflows";
const runtimeArn = (key: string) =>
  `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_${key}-AbCdEf1234`;

const blueprints = loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE);
const refundReview = blueprints.workflows.find((w) => w.name === "refund-review")!;
const definition: Json = stateMachineDefinition(refundReview, runtimePlaceholder);

describe("state machine definition compiled from the workflow blueprint", () => {
  test("starts with the first step's payload and ends with the last agent call", () => {
    expect(definition.StartAt).toBe("triage__payload");
    expect(definition.TimeoutSeconds).toBe(1800);
    expect(definition.States.decide.End).toBe(true);
  });

  test("an agent step builds its payload from input paths and literals and invokes the runtime's live endpoint", () => {
    expect(definition.States.triage__payload).toEqual({
      Type: "Pass",
      Parameters: { "order_id.$": "$.order_id", "question.$": "$.question", mode: "triage" },
      ResultPath: "$.payloads.triage",
      Next: "triage",
    });
    const triage = definition.States.triage;
    expect(triage.Resource).toBe(INVOKE_AGENT_RUNTIME);
    expect(triage.Parameters).toEqual({
      AgentRuntimeArn: "{{AGENT_RUNTIME_ARN:support}}",
      Qualifier: "live",
      "RuntimeSessionId.$": "States.UUID()",
      ContentType: "application/json",
      Accept: "application/json",
      "Payload.$": "States.JsonToString($.payloads.triage)",
    });
    expect(triage.TimeoutSeconds).toBe(120);
    expect(triage.Retry).toEqual([
      {
        ErrorEquals: expect.arrayContaining(["BedrockAgentCore.ThrottlingException", "States.Timeout"]),
        IntervalSeconds: 2,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
    ]);
    expect(triage.ResultPath).toBe("$.triage");
    expect(triage.Next).toBe("size_check");
  });

  test("a choice on a result field, with a default", () => {
    expect(definition.States.size_check).toEqual({
      Type: "Choice",
      Choices: [{ Variable: "$.amount", NumericGreaterThan: 500, Next: "deep_review" }],
      Default: "decide__payload",
    });
  });

  test("parallel branches invoke their agents and return only the agent's answer", () => {
    const p = definition.States.deep_review;
    expect(p).toMatchObject({ Type: "Parallel", ResultPath: "$.reviews", Next: "decide__payload" });
    expect(p.Branches).toHaveLength(2);
    const [research] = p.Branches;
    expect(research.StartAt).toBe("deep_review_0__payload");
    expect(research.States.deep_review_0).toMatchObject({
      TimeoutSeconds: 600,
      ResultPath: "$.result",
      OutputPath: "$.result",
      End: true,
    });
    expect(research.States.deep_review_0.Parameters.AgentRuntimeArn).toBe("{{AGENT_RUNTIME_ARN:research}}");
  });

  test("the deploy stack passes the compiled definition and the event pattern as the module input", () => {
    const workflow = shapeInputs(blueprints).workflows["refund-review"];
    expect(JSON.parse(workflow.definition)).toEqual(definition);
    expect(JSON.parse(workflow.triggers.event_pattern!)).toEqual({
      source: ["acme.refunds"],
      "detail-type": ["RefundRequested"],
    });
    expect(workflow.triggers.schedule).toBeNull();
  });
});

describe("synthesized workflows stack", () => {
  let out: Synthesized;
  let stack: Json;
  beforeAll(() => {
    out = synthProject();
    stack = out.stack("workflows");
  });

  test("one for_each per resource over the workflows map, fed the agents' runtime ARN map", () => {
    expect(Object.keys(stack.locals.workflows_blueprints)).toEqual(["refund-review"]);
    for (const type of ["aws_sfn_state_machine", "aws_iam_role", "aws_cloudwatch_log_group"]) {
      for (const r of Object.values(stack.resource[type]) as Json[])
        expect(r.for_each).toMatch(
          /^\$\{local\.workflows_blueprints\}$|^\$\{\{ for k, w in local\.workflows_blueprints/,
        );
    }
    expect(stack.locals.workflows_definitions).toContain(
      "data.terraform_remote_state.cross_stack_reference_input_agents.outputs." +
        "cross_stack_output_local_agents_runtime_arns",
    );
  });

  test("logs go to the workflow's own KMS-encrypted log group, without execution data; tracing on", () => {
    const logs = stack.resource.aws_cloudwatch_log_group[`${WF}_state_machine_log_group`];
    expect(logs.retention_in_days).toBe(30);
    expect(logs.kms_key_id).toMatch(/cross_stack_output_aws_kms_key_platform_kms_storage_arn/);
    const sm = stack.resource.aws_sfn_state_machine[`${WF}_state_machine_state_machine`];
    expect(sm.logging_configuration).toEqual({
      log_destination: `\${aws_cloudwatch_log_group.${WF}_state_machine_log_group[each.key].arn}:*`,
      include_execution_data: false,
      level: "ERROR",
    });
    expect(sm.tracing_configuration).toEqual({ enabled: true });
  });

  test("every action exists (iam-data)", async () => {
    expect(
      await unknownActions([...WORKFLOW_ROLE_STATEMENTS, ...TRIGGER_ROLE_STATEMENTS].flatMap((s) => s.actions)),
    ).toEqual([]);
  });
});

const FIXTURE_WORKFLOW = path.join(FIXTURE, "blueprints", "workflows", "refund-review.yaml");
/** The fixture workflow blueprint as parsed YAML, with `edit` applied, through the blueprint schema. */
const parsedWorkflow = (edit: (raw: Json) => void) => {
  const raw = parse(fs.readFileSync(FIXTURE_WORKFLOW, "utf8"));
  edit(raw);
  return workflowBlueprintSchema.safeParse(raw);
};

describe("triggers EventBridge accepts", () => {
  test.each([
    ["rate, 1 with a singular unit", ["rate(1 minute)", "rate(1 hour)", "rate(1 day)"]],
    ["rate, n with a plural unit", ["rate(2 minutes)", "rate(15 minutes)", "rate(12 hours)", "rate(30 days)"]],
    [
      "cron with values, lists and ranges",
      [
        "cron(0 6 * * ? *)",
        "cron(5,35 14 * * ? *)",
        "cron(0 8-17 ? * MON-FRI *)",
        "cron(0 0 1,15 JAN-MAR ? 2030-2035)",
      ],
    ],
    [
      "cron with increments",
      [
        "cron(0/15 * * * ? *)",
        "cron(*/5 * * * ? *)",
        "cron(0 0 1-15/2 * ? *)",
        "cron(0 12 1 */3 ? *)",
        "cron(0 0 1 1 ? 1970/10)",
      ],
    ],
    [
      "cron with L, W and #",
      [
        "cron(0 18 L * ? *)",
        "cron(0 18 LW * ? *)",
        "cron(0 8 15W * ? *)",
        "cron(0 9 ? * L *)",
        "cron(0 9 ? * 6L *)",
        "cron(0 9 ? * MON#1 *)",
        "cron(0 9 ? * 2#5 *)",
      ],
    ],
  ])("%s", (_shape, schedules) => {
    for (const schedule of schedules) {
      const r = parsedWorkflow((w) => (w.triggers.schedule = schedule));
      expect({ schedule, ok: r.success, issues: r.error?.issues }).toEqual({ schedule, ok: true, issues: undefined });
    }
  });

  test("an event pattern with matcher objects, nested fields and $or", () => {
    const pattern = {
      source: [{ prefix: "acme." }],
      "detail-type": [{ "anything-but": ["Test", "Debug"] }],
      detail: {
        amount: [{ numeric: [">", 0, "<=", 5000] }],
        customer: { tier: [{ "equals-ignore-case": "gold" }], id: [{ exists: true }] },
        ip: [{ cidr: "10.0.0.0/8" }],
        file: [{ wildcard: "*.pdf" }],
        note: [null],
      },
      $or: [{ "detail-type": ["RefundRequested"] }, { detail: { urgent: [true] } }],
    };
    const r = parsedWorkflow((w) => (w.triggers.event_pattern = pattern));
    expect(r.error?.issues).toBeUndefined();
    expect(r.data!.triggers.event_pattern).toEqual(pattern);
  });
});

describe("payload values: paths become paths, everything else stays literal", () => {
  const compile = (input: Json, extra: (w: Json) => void = () => undefined) => {
    const r = parsedWorkflow((w) => {
      w.steps.triage.input = input;
      extra(w);
    });
    expect(r.error?.issues).toBeUndefined();
    return stateMachineDefinition({ ...(r.data as WorkflowBlueprint), sourceFile: "x" }, runtimePlaceholder) as Json;
  };

  test("paths into the state and the context object are `.$` parameters", () => {
    const p = compile({
      whole: "$",
      id: "$.order.id",
      first: "$.items[0]",
      execution: "$$.Execution.Id",
      context: "$$",
    }).States.triage__payload.Parameters;
    expect(p).toEqual({
      "whole.$": "$",
      "id.$": "$.order.id",
      "first.$": "$.items[0]",
      "execution.$": "$$.Execution.Id",
      "context.$": "$$",
    });
  });

  test("text with $ that is no path, { literal } text, numbers and booleans are plain parameters", () => {
    const p = compile({
      price: "$5 off",
      currency: "$USD",
      escaped: { literal: "$.not-a-path" },
      looks_like_path: { literal: "$.order_id" },
      call: "States.Format('{}', $.x)",
      n: 3,
      yes: true,
    }).States.triage__payload.Parameters;
    expect(p).toEqual({
      price: "$5 off",
      currency: "$USD",
      escaped: "$.not-a-path",
      looks_like_path: "$.order_id",
      call: "States.Format('{}', $.x)",
      n: 3,
      yes: true,
    });
    expect(Object.keys(p).filter((k) => k.endsWith(".$"))).toEqual([]);
  });

  test("a choice on text that looks like a path compares with the text (StringEquals, never StringEqualsPath)", () => {
    const d = compile(
      { order_id: "$.order_id" },
      (w) => (w.steps.size_check.choice = [{ variable: "$.code", equals: "$.literal", next: "deep_review" }]),
    );
    expect(d.States.size_check.Choices).toEqual([
      { Variable: "$.code", StringEquals: "$.literal", Next: "deep_review" },
    ]);
  });

  test("the synthesized workflows stack carries literal text as text and paths as paths", () => {
    const dir = scratchProject();
    const file = path.join(dir, "blueprints", "workflows", "refund-review.yaml");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(
      file,
      text.replace(
        "      mode: triage\n",
        () => '      mode: "$5 off"\n      note: { literal: "$.not-a-path" }\n      execution: $$.Execution.Id\n',
      ),
    );
    const stack = synthProject(dir).stack("workflows");
    const spec = stack.locals.workflows_blueprints["refund-review"];
    const payload = JSON.parse(spec.definition).States.triage__payload.Parameters;
    expect(payload).toEqual({
      "order_id.$": "$.order_id",
      "question.$": "$.question",
      mode: "$5 off",
      note: "$.not-a-path",
      "execution.$": "$$.Execution.Id",
    });
  });
});

/** Workflows as an HCL caller writes them: an ASL definition naming runtimes by placeholder. */
const HCL_WORKFLOWS = {
  "nightly-digest": {
    description: "Summarizes the day's tickets.",
    definition: JSON.stringify({
      StartAt: "Summarize",
      States: {
        Summarize: {
          Type: "Task",
          Resource: INVOKE_AGENT_RUNTIME,
          Parameters: {
            AgentRuntimeArn: runtimePlaceholder("triage"),
            Qualifier: "live",
            "Payload.$": "States.JsonToString($)",
          },
          Next: "Check",
        },
        Check: {
          Type: "Task",
          Resource: INVOKE_AGENT_RUNTIME,
          Parameters: {
            AgentRuntimeArn: runtimePlaceholder("billing-bot"),
            Qualifier: "live",
            "Payload.$": "States.JsonToString($)",
          },
          Next: "Again",
        },
        Again: {
          Type: "Task",
          Resource: INVOKE_AGENT_RUNTIME,
          Parameters: {
            AgentRuntimeArn: runtimePlaceholder("triage"),
            Qualifier: "live",
            "Payload.$": "States.JsonToString($)",
          },
          End: true,
        },
      },
    }),
    triggers: { schedule: "cron(0 2 * * ? *)" },
  },
  "on-demand": { definition: JSON.stringify({ StartAt: "Only", States: { Only: { Type: "Pass", End: true } } }) },
};
const MODULE_VARS = {
  name_prefix: "acme",
  environment: "dev",
  account_id: ACCOUNT,
  logs_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/55555555-5555-5555-5555-555555555555",
  permissions_boundary_arn: "arn:aws:iam::123456789012:policy/acme-dev-role-boundary",
  agent_runtime_arns: {
    triage: runtimeArn("triage"),
    "billing-bot": runtimeArn("billing_bot"),
    unused: runtimeArn("unused"),
  },
};
// The provider validates a state machine definition with an API call at plan time: the state
// machine is probed instead of planned.
const PLANNABLE = (type: string) => type !== "aws_sfn_state_machine" && type !== "aws_cloudwatch_event_target";

describeWithTerraform("workflows module called from HCL, planned by terraform", (tool) => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("workflows").tree();
  });
  const plan = (vars: Record<string, unknown>) => {
    const tf = prepareTerraform(
      { ...isolate(tree, PLANNABLE), "provider.tf.json": offlineProvider("us-east-1") },
      tool,
    );
    return planResources(tf, { ...MODULE_VARS, ...vars });
  };

  test("passes terraform validate", () => {
    const tf = prepareTerraform({ ...tree, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const validate = tf.run(["validate", "-no-color"]);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
  });

  test("with workflows = {} the module creates nothing", () => {
    expect(plan({ workflows: {} })).toEqual([]);
  });

  test("each role may invoke exactly the runtimes its definition names and trusts only its state machine", async () => {
    const planned = plan({ workflows: HCL_WORKFLOWS });
    const policy = (key: string): Policy =>
      JSON.parse(
        planned.find((r) => r.address === `aws_iam_role_policy.${WF}_iam_permissions["${key}"]`)!.values.policy,
      );
    const digest = policy("nightly-digest");
    const invoke = digest.Statement.find((s) => s.Sid === "InvokeAgentRuntimes");
    expect(invoke.Resource).toEqual([
      runtimeArn("triage"),
      runtimeArn("billing_bot"),
      `${runtimeArn("triage")}/runtime-endpoint/live`,
      `${runtimeArn("billing_bot")}/runtime-endpoint/live`,
    ]);
    expect(await identityDecision([digest], "bedrock-agentcore:InvokeAgentRuntime", runtimeArn("triage"))).toBe(
      "Allowed",
    );
    expect(await identityDecision([digest], "bedrock-agentcore:InvokeAgentRuntime", runtimeArn("unused"))).toBe(
      "ImplicitlyDenied",
    );
    expect(
      await identityDecision([policy("on-demand")], "bedrock-agentcore:InvokeAgentRuntime", runtimeArn("triage")),
    ).toBe("ImplicitlyDenied");

    const trust = JSON.parse(
      planned.find((r) => r.address === `aws_iam_role.${WF}_iam_role["nightly-digest"]`)!.values.assume_role_policy,
    );
    const sm = "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-nightly-digest";
    const role = "arn:aws:iam::123456789012:role/acme-dev-nightly-digest-sfn";
    expect(
      await trustDecision(trust, "states.amazonaws.com", role, { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": sm }),
    ).toBe("Allowed");
    expect(
      await trustDecision(trust, "states.amazonaws.com", role, {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": `${sm}-other`,
      }),
    ).toBe("ImplicitlyDenied");
  });

  test("a triggered workflow gets a rule and a role that may start only it, assumed only by its rule", async () => {
    const planned = plan({ workflows: HCL_WORKFLOWS });
    expect(
      planned.filter((r) => r.type === "aws_cloudwatch_event_rule").map((r) => [r.index, r.values.schedule_expression]),
    ).toEqual([["nightly-digest", "cron(0 2 * * ? *)"]]);
    const p = JSON.parse(
      planned.find((r) => r.address === `aws_iam_role_policy.${WF}_triggers_permissions["nightly-digest"]`)!.values
        .policy,
    );
    expect(
      await identityDecision(
        [p],
        "states:StartExecution",
        "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-nightly-digest",
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [p],
        "states:StartExecution",
        "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-on-demand",
      ),
    ).toBe("ImplicitlyDenied");
    const trust = JSON.parse(
      planned.find((r) => r.address === `aws_iam_role.${WF}_triggers_role["nightly-digest"]`)!.values
        .assume_role_policy,
    );
    const rule = "arn:aws:events:us-east-1:123456789012:rule/acme-dev-nightly-digest-trigger";
    expect(
      await trustDecision(trust, "events.amazonaws.com", "arn:aws:iam::123456789012:role/x", {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": rule,
      }),
    ).toBe("Allowed");
    expect(
      await trustDecision(trust, "events.amazonaws.com", "arn:aws:iam::123456789012:role/x", {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": `${rule}-2`,
      }),
    ).toBe("ImplicitlyDenied");
  });

  test("the deployed definition has the runtime ARNs in place of every placeholder, and nothing else changed", () => {
    const probed = probeAttributes(
      tree,
      [
        {
          type: "aws_sfn_state_machine",
          name: `${WF}_state_machine_state_machine`,
          attributes: ["name", "definition"],
        },
      ],
      { ...MODULE_VARS, workflows: HCL_WORKFLOWS },
      PLANNABLE,
      tool,
    );
    const byKey = Object.fromEntries(
      probed[`aws_sfn_state_machine.${WF}_state_machine_state_machine`].map((r) => [r.key, r.input]),
    );
    expect(byKey["nightly-digest"].name).toBe("acme-dev-nightly-digest");
    const deployed = JSON.parse(byKey["nightly-digest"].definition);
    const expected = JSON.parse(HCL_WORKFLOWS["nightly-digest"].definition);
    expected.States.Summarize.Parameters.AgentRuntimeArn = runtimeArn("triage");
    expected.States.Check.Parameters.AgentRuntimeArn = runtimeArn("billing_bot");
    expected.States.Again.Parameters.AgentRuntimeArn = runtimeArn("triage");
    expect(deployed).toEqual(expected);
    expect(byKey["on-demand"].definition).toBe(HCL_WORKFLOWS["on-demand"].definition);
  });

  test("the compiled blueprint workflow deploys with its agents' ARNs too", () => {
    const workflow = shapeInputs(blueprints).workflows["refund-review"];
    const vars = {
      ...MODULE_VARS,
      workflows: { "refund-review": workflow },
      agent_runtime_arns: { support: runtimeArn("support"), research: runtimeArn("research") },
    };
    const probed = probeAttributes(
      tree,
      [{ type: "aws_sfn_state_machine", name: `${WF}_state_machine_state_machine`, attributes: ["definition"] }],
      vars,
      PLANNABLE,
      tool,
    );
    const deployed = JSON.parse(probed[`aws_sfn_state_machine.${WF}_state_machine_state_machine`][0].input.definition);
    expect(deployed.States.triage.Parameters.AgentRuntimeArn).toBe(runtimeArn("support"));
    expect(deployed.States.deep_review.Branches[0].States.deep_review_0.Parameters.AgentRuntimeArn).toBe(
      runtimeArn("research"),
    );
    expect(JSON.stringify(deployed)).not.toContain("{{AGENT_RUNTIME_ARN:");
  });

  test("a plan without a runtime ARN the workflow needs fails with a sentence naming the workflow and agents", () => {
    const tf = prepareTerraform(
      { ...isolate(tree, PLANNABLE), "provider.tf.json": offlineProvider("us-east-1") },
      tool,
    );
    expect(
      planError(tf, { ...MODULE_VARS, workflows: HCL_WORKFLOWS, agent_runtime_arns: { triage: runtimeArn("triage") } }),
    ).toContain("Workflow nightly-digest invokes agents billing-bot that agent_runtime_arns does not hold");
  });

  test.each([
    [
      "a definition that is not ASL JSON",
      { broken: { definition: "{ not json" } },
      "Workflows broken have a definition that is not Amazon States Language JSON",
    ],
    [
      "a schedule EventBridge rejects",
      { nightly: { definition: HCL_WORKFLOWS["on-demand"].definition, triggers: { schedule: "rate(banana)" } } },
      "Workflows nightly have a schedule that EventBridge rejects",
    ],
    [
      "a malformed placeholder",
      {
        odd: {
          definition: JSON.stringify({
            StartAt: "A",
            States: {
              A: {
                Type: "Task",
                Resource: INVOKE_AGENT_RUNTIME,
                Parameters: { AgentRuntimeArn: "{{AGENT_RUNTIME_ARN:Triage" },
                End: true,
              },
            },
          }),
        },
      },
      "Workflows odd name runtimes as {{AGENT_RUNTIME_ARN:<agent key>}} with a malformed agent key",
    ],
    [
      "a name that makes the role name longer than 64 characters",
      { "a-very-long-workflow-name-for-tests": { definition: HCL_WORKFLOWS["on-demand"].definition } },
      "make IAM role names that AWS rejects",
    ],
  ])("%s fails the plan with a message naming the workflow and the rule", (_name, workflows, message) => {
    const tf = prepareTerraform(
      { ...isolate(tree, PLANNABLE), "provider.tf.json": offlineProvider("us-east-1") },
      tool,
    );
    expect(
      planError(tf, { ...MODULE_VARS, name_prefix: "acme-platform-eu", environment: "production", workflows }),
    ).toContain(message);
  });
});
