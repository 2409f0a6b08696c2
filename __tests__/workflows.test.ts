import * as fs from "fs";
import * as path from "path";
import { WORKFLOW_ROLE_STATEMENTS, TRIGGER_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import { INVOKE_AGENT_RUNTIME } from "../modules/workflows/asl";
import { identityDecision, renderPolicy, trustDecision, unknownActions } from "./helpers/iam";
import { Json, Synthesized, scratchProject, synthProject } from "./helpers/synth";
import { describeWithTerraform, isolate, offlineProvider, planResources, prepareTerraform } from "./helpers/terraform";

const ACCOUNT = "123456789012";
const WF = "workflows_refund_review";
const runtimeArn = (key: string) => `arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_${key}-AbCdEf1234`;
const remote = (key: string) => `data.terraform_remote_state.cross_stack_reference_input_agents.outputs.cross_stack_output_aws_bedrockagentcore_agent_runtime_agents_${key}_runtime_runtime_agent_runtime_arn`;

let out: Synthesized;
let stack: Json;
let definition: Json;
beforeAll(() => {
  // An extra agent that the workflow does not use: its runtime must stay out of the role.
  const dir = scratchProject();
  fs.writeFileSync(path.join(dir, "blueprints", "agents", "billing.yaml"), "key: billing\ndescription: Explains invoices.\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n");
  out = synthProject(dir);
  stack = out.stack("workflows");
  definition = JSON.parse(stack.resource.aws_sfn_state_machine[`${WF}_state_machine_state_machine`].definition);
});

describe("state machine definition", () => {
  test("starts with the first step's payload and ends with the last agent call", () => {
    expect(definition.StartAt).toBe("triage__payload");
    expect(definition.TimeoutSeconds).toBe(1800);
    expect(definition.States.decide.End).toBe(true);
  });

  test("an agent step builds its payload from input paths and literals, then invokes the runtime's live endpoint", () => {
    expect(definition.States.triage__payload).toEqual({
      Type: "Pass",
      Parameters: { "order_id.$": "$.order_id", "question.$": "$.question", mode: "triage" },
      ResultPath: "$.payloads.triage",
      Next: "triage",
    });
    const triage = definition.States.triage;
    expect(triage.Resource).toBe(INVOKE_AGENT_RUNTIME);
    expect(triage.Parameters).toEqual({
      AgentRuntimeArn: `\${${remote("support")}}`,
      Qualifier: "live",
      "RuntimeSessionId.$": "States.UUID()",
      ContentType: "application/json",
      Accept: "application/json",
      "Payload.$": "States.JsonToString($.payloads.triage)",
    });
    expect(triage.TimeoutSeconds).toBe(120);
    expect(triage.Retry).toEqual([
      { ErrorEquals: expect.arrayContaining(["BedrockAgentCore.ThrottlingException", "States.Timeout"]), IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
    ]);
    expect(triage.ResultPath).toBe("$.triage");
    expect(triage.Next).toBe("size_check");
  });

  test("a choice on a result field, with a default", () => {
    expect(definition.States.size_check).toEqual({ Type: "Choice", Choices: [{ Variable: "$.amount", NumericGreaterThan: 500, Next: "deep_review" }], Default: "decide__payload" });
  });

  test("parallel branches invoke their agents and return only the agent's answer", () => {
    const p = definition.States.deep_review;
    expect(p.Type).toBe("Parallel");
    expect(p.ResultPath).toBe("$.reviews");
    expect(p.Next).toBe("decide__payload");
    expect(p.Branches).toHaveLength(2);
    const [research] = p.Branches;
    expect(research.StartAt).toBe("deep_review_0__payload");
    expect(research.States.deep_review_0).toMatchObject({ TimeoutSeconds: 600, ResultPath: "$.result", OutputPath: "$.result", End: true });
    expect(research.States.deep_review_0.Parameters.AgentRuntimeArn).toBe(`\${${remote("research")}}`);
  });
});

describe("roles", () => {
  let role: Json;
  let policy: ReturnType<typeof renderPolicy>;
  beforeAll(() => {
    role = stack.resource.aws_iam_role[`${WF}_iam_role`];
    policy = renderPolicy(stack.resource.aws_iam_role_policy[`${WF}_iam_permissions`].policy, {
      [remote("support")]: runtimeArn("support"),
      [remote("research")]: runtimeArn("research"),
    });
  });

  test("the state machine's role: its statements, each with its scope", () => {
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual(["InvokeAgentRuntimes", "LogDelivery", "XRayTracing"]);
    expect(bySid.InvokeAgentRuntimes).toEqual({
      Sid: "InvokeAgentRuntimes",
      Effect: "Allow",
      Action: "bedrock-agentcore:InvokeAgentRuntime",
      Resource: [runtimeArn("research"), `${runtimeArn("research")}/runtime-endpoint/live`, runtimeArn("support"), `${runtimeArn("support")}/runtime-endpoint/live`],
    });
    expect(bySid.LogDelivery.Resource).toBe("*");
    expect(bySid.XRayTracing.Action).toEqual(["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]);
  });

  test("simulated: may invoke the runtime of an agent the workflow uses, not of one it does not", async () => {
    expect(await identityDecision([policy], "bedrock-agentcore:InvokeAgentRuntime", runtimeArn("support"))).toBe("Allowed");
    expect(await identityDecision([policy], "bedrock-agentcore:InvokeAgentRuntime", `${runtimeArn("research")}/runtime-endpoint/live`)).toBe("Allowed");
    expect(await identityDecision([policy], "bedrock-agentcore:InvokeAgentRuntime", runtimeArn("billing"))).toBe("ImplicitlyDenied");
  });

  test("the state machine role trusts Step Functions for this account and this state machine only", async () => {
    const trust = JSON.parse(role.assume_role_policy);
    const sm = "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-refund-review";
    const r = "arn:aws:iam::123456789012:role/acme-dev-refund-review-sfn";
    expect(await trustDecision(trust, "states.amazonaws.com", r, { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": sm })).toBe("Allowed");
    expect(await trustDecision(trust, "states.amazonaws.com", r, { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `${sm}-other` })).toBe("ImplicitlyDenied");
    expect(await trustDecision(trust, "states.amazonaws.com", r, { "aws:SourceAccount": "999999999999", "aws:SourceArn": sm.replace(ACCOUNT, "999999999999") })).toBe("ImplicitlyDenied");
  });

  test("the trigger role may start only its own state machine, assumed only by its rule", async () => {
    const trigger = stack.resource.aws_iam_role[`${WF}_triggers_role`];
    const p = JSON.parse(stack.resource.aws_iam_role_policy[`${WF}_triggers_permissions`].policy);
    const sm = "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-refund-review";
    expect(await identityDecision([p], "states:StartExecution", sm)).toBe("Allowed");
    expect(await identityDecision([p], "states:StartExecution", "arn:aws:states:us-east-1:123456789012:stateMachine:acme-dev-other")).toBe("ImplicitlyDenied");
    const trust = JSON.parse(trigger.assume_role_policy);
    const rule = "arn:aws:events:us-east-1:123456789012:rule/acme-dev-refund-review-trigger";
    expect(await trustDecision(trust, "events.amazonaws.com", "arn:aws:iam::123456789012:role/x", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": rule })).toBe("Allowed");
    expect(await trustDecision(trust, "events.amazonaws.com", "arn:aws:iam::123456789012:role/x", { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `${rule}-2` })).toBe("ImplicitlyDenied");
    expect(JSON.parse(stack.resource.aws_cloudwatch_event_rule[`${WF}_triggers_rule`].event_pattern)).toEqual({ source: ["acme.refunds"], "detail-type": ["RefundRequested"] });
  });

  test("logs go to the workflow's own KMS-encrypted log group with retention, without execution data; tracing on", () => {
    const logs = stack.resource.aws_cloudwatch_log_group[`${WF}_state_machine_log_group`];
    expect(logs).toMatchObject({ name: "/aws/vendedlogs/states/acme-dev-refund-review", retention_in_days: 30 });
    expect(logs.kms_key_id).toMatch(/cross_stack_output_aws_kms_key_platform_kms_storage_arn/);
    const sm = stack.resource.aws_sfn_state_machine[`${WF}_state_machine_state_machine`];
    expect(sm.logging_configuration).toEqual({ log_destination: `\${aws_cloudwatch_log_group.${WF}_state_machine_log_group.arn}:*`, include_execution_data: false, level: "ERROR" });
    expect(sm.tracing_configuration).toEqual({ enabled: true });
  });

  test("every action exists (iam-data)", async () => {
    expect(await unknownActions([...WORKFLOW_ROLE_STATEMENTS, ...TRIGGER_ROLE_STATEMENTS].flatMap((s) => s.actions))).toEqual([]);
  });

  test("outputs are keyed by workflow name", () => {
    expect(Object.keys(stack.output.state_machine_arns.value)).toEqual(["refund-review"]);
    expect(Object.keys(stack.output.role_arns.value)).toEqual(["refund-review"]);
  });
});

describeWithTerraform("workflows module with terraform", (tool) => {
  test("passes terraform validate and plans with runtime ARNs as inputs", () => {
    const tree = out.module("workflows").tree();
    const tf = prepareTerraform({ ...tree, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const validate = tf.run(["validate", "-no-color"]);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);
    // The provider validates a state machine definition with an API call at plan time; the plan
    // therefore leaves the state machine out and checks its definition's inputs and the roles.
    const planTf = prepareTerraform({ ...isolate(tree, (type) => type !== "aws_sfn_state_machine" && type !== "aws_cloudwatch_event_target"), "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const planned = planResources(planTf, {
      name_prefix: "acme",
      environment: "dev",
      account_id: ACCOUNT,
      logs_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/55555555-5555-5555-5555-555555555555",
      agent_runtime_arns: { support: runtimeArn("support"), research: runtimeArn("research") },
    });
    expect(planned.find((r) => r.address === `aws_iam_role.${WF}_iam_role`)).toBeDefined();
    const role = planned.find((r) => r.address === `aws_iam_role_policy.${WF}_iam_permissions`)!;
    expect(JSON.parse(role.values.policy).Statement[0].Resource).toContain(runtimeArn("research"));
  });

  test("a plan without a runtime ARN the workflow needs fails with a sentence naming the agents", () => {
    const tree = out.module("workflows").tree();
    const tf = prepareTerraform({ ...isolate(tree, (type) => type !== "aws_sfn_state_machine" && type !== "aws_cloudwatch_event_target"), "provider.tf.json": offlineProvider("us-east-1") }, tool);
    expect(() =>
      planResources(tf, { name_prefix: "acme", environment: "dev", account_id: ACCOUNT, logs_kms_key_arn: "arn:aws:kms:us-east-1:123456789012:key/x", agent_runtime_arns: { support: runtimeArn("support") } }),
    ).toThrow(/Workflow refund-review invokes agents research, support; agent_runtime_arns\s+must hold a runtime ARN for each/);
  });
});
