import { Construct } from "constructs";
import { Fn, Token } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { AwsContext } from "../../lib/aws-context";
import { WorkflowBlueprint, agentsOf } from "../../lib/config/workflows";
import { ModuleDefinition } from "../../lib/hosts/module-definition";
import { policyDocument } from "../../lib/iam/policy-document";
import { renderStatements } from "../../lib/iam/statement-table";
import { InputValues, emitTo } from "../../lib/module-io";
import { NAMING_INPUTS, logRetentionInput } from "../../lib/common-inputs";
import { roleName, tfIdentifier } from "../../lib/naming";
import { stateMachineDefinition } from "./asl";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "./permissions";

export const WORKFLOWS_INPUTS = {
  ...NAMING_INPUTS,
  agent_runtime_arns: { type: "map(string)", description: "Runtime ARN of each agent, by agent key (output `runtime_arns` of the agents module)." },
  logs_kms_key_arn: { type: "string", description: "KMS key that encrypts the workflows' log groups (the platform's `storage` key)." },
  log_retention_days: logRetentionInput("each workflow's log group"),
  log_level: {
    type: "string",
    default: "ERROR",
    description: "Step Functions log level: ALL, ERROR, FATAL or OFF. Execution data (agent payloads) is never logged.",
    validation: [{ condition: 'contains(["ALL", "ERROR", "FATAL", "OFF"], var.log_level)', errorMessage: "log_level must be ALL, ERROR, FATAL or OFF." }],
  },
} as const;

export type WorkflowsInputs = InputValues<typeof WORKFLOWS_INPUTS>;

export interface WorkflowsShape {
  readonly region?: string;
  readonly workflows: readonly WorkflowBlueprint[];
}

/** Workflows over the deployed agents (Step Functions); last in the deployment order. */
export class Workflows extends Construct {
  readonly workflows: Record<string, Workflow> = {};

  constructor(scope: Construct, id: string, inputs: WorkflowsInputs, shape: WorkflowsShape) {
    super(scope, id);
    const aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: shape.region });
    for (const w of shape.workflows) this.workflows[w.name] = new Workflow(this, w, aws, inputs);
  }
}

/** One workflow: state machine, its role and log group, and its triggers. */
export class Workflow extends Construct {
  readonly stateMachine: SfnStateMachine;
  readonly role: IamRole;
  readonly triggerRole?: IamRole;
  readonly runtimeArns: Record<string, string>;

  constructor(parent: Workflows, w: WorkflowBlueprint, aws: AwsContext, inputs: WorkflowsInputs) {
    super(parent, tfIdentifier(w.name));
    const stem = `${inputs.name_prefix}-${inputs.environment}`;
    const name = `${stem}-${w.name}`;
    const stateMachineArn = aws.arn("states", `stateMachine:${name}`);
    const agents = agentsOf(w);
    this.runtimeArns = Object.fromEntries(agents.map((a) => [a, runtimeArnOf(inputs.agent_runtime_arns, a)]));

    const sm = emitTo(new Construct(this, "state_machine"), "state_machines");
    const logGroup = new CloudwatchLogGroup(sm, "log_group", { name: `/aws/vendedlogs/states/${name}`, retentionInDays: inputs.log_retention_days, kmsKeyId: inputs.logs_kms_key_arn });

    const iam = emitTo(new Construct(this, "iam"), "iam");
    this.role = new IamRole(iam, "role", {
      name: roleName(`${name}-sfn`, w.sourceFile, "name"),
      description: `Execution role of the workflow ${w.name} (${stem})`,
      // Fails the plan, before any AWS call, when an agent the workflow invokes has no runtime ARN.
      lifecycle: {
        precondition: [
          {
            condition: `\${alltrue([for k in ${JSON.stringify(agents)} : contains(keys(${Token.asString(inputs.agent_runtime_arns)}), k)])}`,
            errorMessage: `Workflow ${w.name} invokes agents ${agents.join(", ")}; agent_runtime_arns must hold a runtime ARN for each (deploy the agents first).`,
          },
        ],
      },
      assumeRolePolicy: policyDocument([
        {
          Sid: "AllowStepFunctionsAssumeRole",
          Effect: "Allow",
          Principal: { Service: "states.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": aws.accountId }, ArnLike: { "aws:SourceArn": stateMachineArn } },
        },
      ]),
    });
    const permissions = new IamRolePolicy(iam, "permissions", {
      name: "workflow-execution",
      role: this.role.id,
      policy: policyDocument(renderStatements(WORKFLOW_ROLE_STATEMENTS, { aws, runtimeArns: Object.values(this.runtimeArns) })),
    });

    this.stateMachine = new SfnStateMachine(sm, "state_machine", {
      name,
      type: "STANDARD",
      roleArn: this.role.arn,
      definition: JSON.stringify(stateMachineDefinition(w, (agent) => this.runtimeArns[agent])),
      loggingConfiguration: { logDestination: `${logGroup.arn}:*`, includeExecutionData: false, level: inputs.log_level },
      tracingConfiguration: { enabled: true },
      dependsOn: [permissions],
    });

    const { schedule, event_pattern } = w.triggers;
    if (schedule || event_pattern) {
      const tr = emitTo(new Construct(this, "triggers"), "triggers");
      const ruleName = `${name}-trigger`;
      this.triggerRole = new IamRole(tr, "role", {
        name: roleName(`${name}-start`, w.sourceFile, "name"),
        description: `Lets EventBridge start the workflow ${w.name} (${stem})`,
        assumeRolePolicy: policyDocument([
          {
            Sid: "AllowEventBridgeAssumeRole",
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "aws:SourceAccount": aws.accountId }, ArnLike: { "aws:SourceArn": aws.arn("events", `rule/${ruleName}`) } },
          },
        ]),
      });
      new IamRolePolicy(tr, "permissions", { name: "start-workflow", role: this.triggerRole.id, policy: policyDocument(renderStatements(TRIGGER_ROLE_STATEMENTS, { stateMachineArn })) });
      const rule = new CloudwatchEventRule(tr, "rule", {
        name: ruleName,
        description: `Starts ${w.name}`,
        scheduleExpression: schedule,
        eventPattern: event_pattern ? JSON.stringify(event_pattern) : undefined,
      });
      new CloudwatchEventTarget(tr, "target", { rule: rule.name, arn: this.stateMachine.arn, roleArn: this.triggerRole.arn });
    }
  }
}

/** An agent's runtime ARN from the map input, whether it is a literal map or a variable. */
function runtimeArnOf(map: Record<string, string>, agent: string): string {
  // A variable's map answers any property with a reference; `lookup` also handles keys with hyphens.
  return Object.keys(map).includes(agent) ? map[agent] : Token.asString(Fn.lookup(map, agent));
}

export const WORKFLOWS_MODULE: ModuleDefinition<typeof WORKFLOWS_INPUTS, Workflows, WorkflowsShape> = {
  path: "workflows",
  description:
    "Workflows over the agents of an AgentCore platform, one Step Functions state machine per workflow blueprint, invoking agent runtimes through the AWS SDK integration; each with a role limited to the runtimes its steps name, a KMS-encrypted log group, X-Ray tracing, and optional schedule or EventBridge triggers. Deployed after the agents.",
  inputs: WORKFLOWS_INPUTS,
  notes:
    "No secrets. Execution data (agent payloads and answers) is never written to the logs (`include_execution_data = false`), but it is visible in the Step Functions execution history to principals allowed to read it.",
  constructId: "workflows",
  create: (scope, id, inputs, shape) => new Workflows(scope, id, inputs, shape),
  outputs: {
    state_machine_arns: { description: "State machine ARN of each workflow, by workflow name.", value: (c) => Object.fromEntries(Object.entries(c.workflows).map(([n, w]) => [n, w.stateMachine.arn])) },
    role_arns: { description: "Execution role ARN of each workflow, by workflow name.", value: (c) => Object.fromEntries(Object.entries(c.workflows).map(([n, w]) => [n, w.role.arn])) },
  },
};
