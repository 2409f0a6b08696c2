import { Construct } from "constructs";
import { Fn } from "cdktf";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { ModuleDefinition } from "../../lib/hosts/module-definition";
import { InputValues, emitTo } from "../../lib/module-io";

export const WORKFLOWS_INPUTS = {
  ssm_root_path: { type: "string", description: "SSM root path of the platform (output `ssm_root_path` of the platform module)." },
  agent_runtime_arns: { type: "map(string)", description: "Runtime ARN of each agent, by agent key (output `runtime_arns` of the agents module)." },
} as const;

export type WorkflowsInputs = InputValues<typeof WORKFLOWS_INPUTS>;

/** Workflows over the deployed agents; last in the deployment order. */
export class Workflows extends Construct {
  readonly catalog: SsmParameter;

  constructor(scope: Construct, id: string, inputs: WorkflowsInputs) {
    super(scope, id);
    const ssm = emitTo(new Construct(this, "ssm"), "ssm");
    this.catalog = new SsmParameter(ssm, "catalog", {
      name: `${inputs.ssm_root_path}/workflows/catalog`,
      type: "String",
      description: "Workflows of this platform and the agent runtimes they were built against",
      value: Fn.jsonencode({ agents: inputs.agent_runtime_arns, workflows: {} }),
    });
  }
}

export const WORKFLOWS_MODULE: ModuleDefinition<typeof WORKFLOWS_INPUTS, Workflows, unknown> = {
  path: "workflows",
  description: "Workflows over the agents of an AgentCore platform; deployed after the agents.",
  inputs: WORKFLOWS_INPUTS,
  constructId: "workflows",
  create: (scope, id, inputs) => new Workflows(scope, id, inputs),
  outputs: {
    workflow_catalog_parameter_name: { description: "SSM parameter listing the workflows.", value: (c) => c.catalog.name },
  },
};
