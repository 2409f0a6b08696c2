import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { AgentBlueprint } from "../../lib/config/blueprints";
import { ModuleDefinition } from "../../lib/hosts/module-definition";
import { InputValues, emitTo } from "../../lib/module-io";

export const AGENTS_INPUTS = {
  name_prefix: { type: "string", description: "Name prefix of the platform (output `name_prefix` of the platform module)." },
  environment: { type: "string", description: "Environment name, e.g. `dev`." },
  ssm_root_path: { type: "string", description: "SSM root path of the platform (output `ssm_root_path` of the platform module)." },
} as const;

export type AgentsInputs = InputValues<typeof AGENTS_INPUTS>;

/** The agents declared in `blueprints/agents/`, one set of resources per blueprint. */
export class Agents extends Construct {
  readonly catalog: SsmParameter;

  constructor(scope: Construct, id: string, inputs: AgentsInputs, blueprints: readonly AgentBlueprint[]) {
    super(scope, id);
    const ssm = emitTo(new Construct(this, "ssm"), "ssm");
    this.catalog = new SsmParameter(ssm, "catalog", {
      name: `${inputs.ssm_root_path}/agents/catalog`,
      type: "String",
      description: `Agents of ${inputs.name_prefix}-${inputs.environment}, by key`,
      value: JSON.stringify(Object.fromEntries(blueprints.map((b) => [b.key, { description: b.description }]))),
    });
  }
}

export const AGENTS_MODULE: ModuleDefinition<typeof AGENTS_INPUTS, Agents, readonly AgentBlueprint[]> = {
  path: "agents",
  description: "The agents of an AgentCore platform, one set of resources per agent blueprint.",
  inputs: AGENTS_INPUTS,
  constructId: "agents",
  create: (scope, id, inputs, blueprints) => new Agents(scope, id, inputs, blueprints),
  outputs: {
    agent_catalog_parameter_name: { description: "SSM parameter listing the agents by key.", value: (c) => c.catalog.name },
  },
};
