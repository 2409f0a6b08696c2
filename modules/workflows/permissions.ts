import type { AwsFacts } from "../../lib/aws-context";
import { mapList } from "../../lib/hcl";
import type { StatementSpec } from "../../lib/iam/statement-table";
import { AGENT_ENDPOINT } from "./asl";

export interface WorkflowRoleContext {
  readonly aws: AwsFacts;
  /** Runtime ARNs of the agents the workflow's steps name, and only those. */
  readonly runtimeArns: readonly string[];
}

/** The state machine's role. */
export const WORKFLOW_ROLE_STATEMENTS: readonly StatementSpec<WorkflowRoleContext>[] = [
  {
    sid: "InvokeAgentRuntimes",
    purpose: "Invoke the runtimes (and their live endpoint) of the agents the workflow's steps name",
    actions: ["bedrock-agentcore:InvokeAgentRuntime"],
    resources: (c) => [
      ...c.runtimeArns,
      ...mapList(c.runtimeArns, (arn) => `${arn}/runtime-endpoint/${AGENT_ENDPOINT}`),
    ],
  },
  {
    sid: "LogDelivery",
    purpose:
      "Deliver execution logs to the workflow's own log group. CloudWatch Logs vended delivery supports no " +
      "resource scope for these actions; the destination is fixed by the state machine's logging configuration",
    actions: [
      "logs:CreateLogDelivery",
      "logs:GetLogDelivery",
      "logs:UpdateLogDelivery",
      "logs:DeleteLogDelivery",
      "logs:ListLogDeliveries",
      "logs:PutResourcePolicy",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ],
    resources: () => ["*"],
  },
  {
    sid: "XRayTracing",
    purpose: "Send traces (the actions support no resource scope)",
    actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
    resources: () => ["*"],
  },
];

export interface TriggerRoleContext {
  readonly stateMachineArn: string;
}

/** The role EventBridge uses to start one workflow. */
export const TRIGGER_ROLE_STATEMENTS: readonly StatementSpec<TriggerRoleContext>[] = [
  {
    sid: "StartOwnWorkflow",
    purpose: "Start this workflow and no other",
    actions: ["states:StartExecution"],
    resources: (c) => [c.stateMachineArn],
  },
];
