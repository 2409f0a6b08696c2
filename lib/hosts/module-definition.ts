import type { Construct } from "constructs";
import { TerraformOutput, type TerraformStack } from "cdktf";
import type { InputTable, InputValues, OutputTable } from "../module-io";

/**
 * A module construct together with its tables, hostable both ways (DESIGN §3 "One construct,
 * two hosts"). `S` is the synth-time shape (blueprints, policies) the construct is built from.
 */
export interface ModuleDefinition<T extends InputTable, C extends Construct, S> {
  /** Folder under `dist/modules/`, e.g. `agents` or `platform/modules/agentcore`. */
  readonly path: string;
  /** One paragraph for the module README: what it creates. */
  readonly description: string;
  readonly inputs: T;
  readonly outputs: OutputTable<C>;
  /** What a module user must know about secrets and Terraform state (module README). */
  readonly notes?: string;
  /** Construct id inside either host; part of every Terraform address, so public API. */
  readonly constructId: string;
  create(scope: Construct, id: string, inputs: InputValues<T>, shape: S): C;
}

/** Declares every output of the table on `stack`, under its table name. */
export function addOutputs<C extends Construct>(stack: TerraformStack, outputs: OutputTable<C>, construct: C): void {
  for (const [name, spec] of Object.entries(outputs)) {
    const output = new TerraformOutput(stack, `output_${name}`, {
      value: spec.value(construct),
      description: spec.description,
      sensitive: spec.sensitive,
    });
    output.overrideLogicalId(name);
  }
}
