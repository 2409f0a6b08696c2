import { Construct } from "constructs";
import { TerraformIterator, TerraformLocal } from "cdktf";
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SfnStateMachine } from "@cdktf/provider-aws/lib/sfn-state-machine";
import { AwsContext } from "../../lib/aws-context";
import type { WorkflowSpec } from "../../lib/config/workflows";
import { EVENT_PATTERN_MAX, RUNTIME_PLACEHOLDER, STATE_NAME_MAX } from "../../lib/config/workflow-format";
import { attrByKey, hcl, instanceAttr, raw, template } from "../../lib/hcl";
import type { ModuleDefinition } from "../../lib/hosts/module-definition";
import { policyDocument } from "../../lib/iam/policy-document";
import { serviceTrustPolicy } from "../../lib/iam/trust";
import { renderStatements } from "../../lib/iam/statement-table";
import { type InputValues, emitTo, mapOfSchema } from "../../lib/module-io";
import { NAMING_INPUTS, logRetentionInput, PERMISSIONS_BOUNDARY_INPUT } from "../../lib/common-inputs";
import { HCL_PATTERN_DEPTH, WORKFLOW_NAMES, workflowsValidation } from "./names";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "./permissions";

/** The `workflows` input: state machine definitions by workflow name. */
export const WORKFLOWS_TYPE = mapOfSchema<WorkflowSpec>(
  () => (require("../../lib/config/workflows") as typeof import("../../lib/config/workflows")).workflowSpecSchema,
);

export const WORKFLOWS_INPUTS = {
  ...NAMING_INPUTS,
  workflows: {
    type: WORKFLOWS_TYPE,
    default: {},
    description:
      "The workflows, by name: an Amazon States Language `definition` in which agent runtimes appear " +
      `as \`${RUNTIME_PLACEHOLDER.open}<agent key>${RUNTIME_PLACEHOLDER.close}\`, and optional triggers. ` +
      "Each gets a state machine whose role may invoke exactly the runtimes its definition names. " +
      "Empty: no workflow resources. The plan rejects what Step Functions or EventBridge would: " +
      "definitions that are not ASL (StartAt, state types, transitions, Next or End, a terminal state, unreachable " +
      `and duplicate state names, state names over ${STATE_NAME_MAX} characters, timeouts, retriers, size; checked ` +
      "in the definition and its Parallel branches and Map processors, not deeper), schedules that are not rate() " +
      "or cron() expressions EventBridge takes, and event patterns that are not a non-empty object of non-empty " +
      `arrays, nested objects or $or (${HCL_PATTERN_DEPTH} levels deep, at most ${EVENT_PATTERN_MAX} characters).`,
    validation: workflowsValidation(),
  },
  agent_runtime_arns: {
    type: "map(string)",
    description: "Runtime ARN of each agent, by agent key (output `runtime_arns` of the agents module).",
  },
  permissions_boundary_arn: PERMISSIONS_BOUNDARY_INPUT,
  logs_kms_key_arn: {
    type: "string",
    description: "KMS key that encrypts the workflows' log groups (the platform's `storage` key).",
  },
  log_retention_days: logRetentionInput("each workflow's log group"),
  log_level: {
    type: "string",
    default: "ERROR",
    description: "Step Functions log level: ALL, ERROR, FATAL or OFF. Execution data (agent payloads) is never logged.",
    validation: [
      {
        condition: 'contains(["ALL", "ERROR", "FATAL", "OFF"], var.log_level)',
        errorMessage: "log_level must be ALL, ERROR, FATAL or OFF.",
      },
    ],
  },
} as const;

export type WorkflowsInputs = InputValues<typeof WORKFLOWS_INPUTS>;

export interface WorkflowsHost {
  readonly region?: string;
}

/** Workflows over the deployed agents (Step Functions); last in the deployment order. */
export class Workflows extends Construct {
  readonly logGroups: CloudwatchLogGroup;
  readonly roles: IamRole;
  readonly permissions: IamRolePolicy;
  readonly stateMachines: SfnStateMachine;
  readonly triggerRoles: IamRole;
  readonly triggerPermissions: IamRolePolicy;
  readonly rules: CloudwatchEventRule;
  readonly targets: CloudwatchEventTarget;
  readonly stateMachineArns: Record<string, string>;
  readonly roleArns: Record<string, string>;

  constructor(scope: Construct, id: string, inputs: WorkflowsInputs, host: WorkflowsHost) {
    super(scope, id);
    const aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: host.region });
    const stem = `${inputs.name_prefix}-${inputs.environment}`;
    const workflows = new TerraformLocal(this, "blueprints", inputs.workflows).expression;

    // The definition split at each runtime placeholder: every part after the first starts with
    // `<agent key>}}`. From it, the agents a workflow invokes and the definition with their ARNs.
    const parts = new TerraformLocal(
      this,
      "definition_parts",
      hcl`{ for k, w in ${workflows} : k => split(${RUNTIME_PLACEHOLDER.open}, w.definition) }`,
    ).expression;
    const laterParts = raw("slice(p, 1, length(p))");
    const close = RUNTIME_PLACEHOLDER.close;
    const agentsOf = new TerraformLocal(
      this,
      "agents",
      hcl`{ for k, p in ${parts} : k => distinct([for part in ${laterParts} : split(${close}, part)[0]]) }`,
    ).expression;
    const arnOfPart = hcl`lookup(${inputs.agent_runtime_arns}, split(${close}, part)[0], "")`.asString;
    const restOfPart = hcl`join(${close}, slice(split(${close}, part), 1, length(split(${close}, part))))`.asString;
    const partWithArn = `${arnOfPart}${restOfPart}`;
    const definitions = new TerraformLocal(
      this,
      "definitions",
      hcl`{ for k, p in ${parts} : k => join("", concat([p[0]], [for part in ${laterParts} : ${partWithArn}])) }`,
    ).expression;

    const each = TerraformIterator.fromMap(workflows);
    const names = { namePrefix: inputs.name_prefix, environment: inputs.environment, workflow: each.key as string };
    const name = WORKFLOW_NAMES.stateMachine.name(names);
    const stateMachineArn = aws.arn("states", `stateMachine:${name}`);
    const invoked = hcl`${agentsOf}[${each.key}]`;
    const missing = hcl`setsubtract(${invoked}, keys(${inputs.agent_runtime_arns}))`;

    const sm = emitTo(new Construct(this, "state_machine"), "state_machines");
    const logGroups = (this.logGroups = new CloudwatchLogGroup(sm, "log_group", {
      forEach: each,
      name: `/aws/vendedlogs/states/${name}`,
      retentionInDays: inputs.log_retention_days,
      kmsKeyId: inputs.logs_kms_key_arn,
    }));

    const iam = emitTo(new Construct(this, "iam"), "iam");
    this.roles = new IamRole(iam, "role", {
      forEach: each,
      name: WORKFLOW_NAMES.role.name(names),
      description: `Execution role of the workflow ${each.key} (${stem})`,
      permissionsBoundary: inputs.permissions_boundary_arn,
      // Fails the plan, before any AWS call, when an agent the workflow invokes has no runtime ARN.
      lifecycle: {
        precondition: [
          {
            condition: hcl`length(${missing}) == 0`.asAny,
            errorMessage: template([
              "Workflow ",
              { interpolate: each.key },
              " invokes agents ",
              { interpolate: hcl`join(", ", ${missing})` },
              " that agent_runtime_arns does not hold: deploy the agents first and pass their runtime ARNs " +
                "(output runtime_arns of the agents module).",
            ]),
          },
        ],
      },
      assumeRolePolicy: serviceTrustPolicy(
        "AllowStepFunctionsAssumeRole",
        "states.amazonaws.com",
        aws,
        stateMachineArn,
      ),
    });
    const runtimeArns = hcl`[for a in ${invoked} : lookup(${inputs.agent_runtime_arns}, a, "")]`.asList;
    const permissions = (this.permissions = new IamRolePolicy(iam, "permissions", {
      forEach: each,
      name: "workflow-execution",
      role: instanceAttr(this.roles, each.key, "id"),
      policy: policyDocument(renderStatements(WORKFLOW_ROLE_STATEMENTS, { aws, runtimeArns })),
    }));

    this.stateMachines = new SfnStateMachine(sm, "state_machine", {
      forEach: each,
      name,
      type: "STANDARD",
      roleArn: instanceAttr(this.roles, each.key, "arn"),
      definition: hcl`${definitions}[${each.key}]`.asString,
      loggingConfiguration: {
        logDestination: `${instanceAttr(logGroups, each.key, "arn")}:*`,
        includeExecutionData: false,
        level: inputs.log_level,
      },
      tracingConfiguration: { enabled: true },
      dependsOn: [permissions],
    });

    const tr = emitTo(new Construct(this, "triggers"), "triggers");
    const triggered = TerraformIterator.fromMap(
      hcl`{ for k, w in ${workflows} : k => w if w.triggers.schedule != null || w.triggers.event_pattern != null }`,
    );
    const triggerNames = { ...names, workflow: triggered.key as string };
    const ruleName = WORKFLOW_NAMES.rule.name(triggerNames);
    this.triggerRoles = new IamRole(tr, "role", {
      forEach: triggered,
      name: WORKFLOW_NAMES.triggerRole.name(triggerNames),
      description: `Lets EventBridge start the workflow ${triggered.key} (${stem})`,
      permissionsBoundary: inputs.permissions_boundary_arn,
      assumeRolePolicy: serviceTrustPolicy(
        "AllowEventBridgeAssumeRole",
        "events.amazonaws.com",
        aws,
        aws.arn("events", `rule/${ruleName}`),
      ),
    });
    this.triggerPermissions = new IamRolePolicy(tr, "permissions", {
      forEach: triggered,
      name: "start-workflow",
      role: instanceAttr(this.triggerRoles, triggered.key, "id"),
      policy: policyDocument(
        renderStatements(TRIGGER_ROLE_STATEMENTS, {
          stateMachineArn: aws.arn("states", `stateMachine:${WORKFLOW_NAMES.stateMachine.name(triggerNames)}`),
        }),
      ),
    });
    const rules = (this.rules = new CloudwatchEventRule(tr, "rule", {
      forEach: triggered,
      name: ruleName,
      description: `Starts ${triggered.key}`,
      scheduleExpression: hcl`${triggered.value}.triggers.schedule`.asString,
      eventPattern: hcl`${triggered.value}.triggers.event_pattern`.asString,
    }));
    this.targets = new CloudwatchEventTarget(tr, "target", {
      forEach: triggered,
      rule: instanceAttr(rules, triggered.key, "name"),
      arn: instanceAttr(this.stateMachines, triggered.key, "arn"),
      roleArn: instanceAttr(this.triggerRoles, triggered.key, "arn"),
    });

    this.stateMachineArns = new TerraformLocal(
      this,
      "state_machine_arns",
      attrByKey(this.stateMachines, "arn"),
    ).asStringMap;
    this.roleArns = new TerraformLocal(this, "role_arns", attrByKey(this.roles, "arn")).asStringMap;
  }
}

export const WORKFLOWS_MODULE: ModuleDefinition<typeof WORKFLOWS_INPUTS, Workflows, WorkflowsHost> = {
  path: "workflows",
  description:
    "Workflows over the agents of an AgentCore platform, one Step Functions state machine " +
    "per entry of `workflows`, invoking agent runtimes through the AWS SDK integration; " +
    "each with a role limited to the runtimes its definition names, a KMS-encrypted log group, X-Ray tracing, " +
    "and optional schedule or EventBridge triggers. Deployed after the agents.",
  inputs: WORKFLOWS_INPUTS,
  notes:
    "No secrets. Execution data (agent payloads and answers) is never written to the logs " +
    "(`include_execution_data = false`), but it is visible in the Step Functions execution history to " +
    "principals allowed to read it.",
  constructId: "workflows",
  create: (scope, id, inputs, host) => new Workflows(scope, id, inputs, host),
  outputs: {
    state_machine_arns: {
      description: "State machine ARN of each workflow, by workflow name.",
      value: (c) => c.stateMachineArns,
    },
    role_arns: { description: "Execution role ARN of each workflow, by workflow name.", value: (c) => c.roleArns },
  },
};
