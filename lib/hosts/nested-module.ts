import type { Construct } from "constructs";
import { TerraformHclModule, Token } from "cdktf";
import type { InputTable, InputValues } from "../module-io";
import type { ModuleDefinition } from "./module-definition";

/** The outputs of a child module, whether its resources are inline or behind a `module` block. */
export interface NestedModule<C> {
  /** Set when the child is inline (deploy stacks), for code that needs its resources. */
  readonly construct?: C;
  output(name: string): string;
  outputMap(name: string): Record<string, string>;
}

/**
 * Hosts a child module inside a parent construct. A deploy stack builds it inline; a registry
 * module calls the separately emitted child folder (`./modules/<name>`) with a `module` block,
 * so the child's resources are still defined once, in its construct.
 */
export function hostNested<T extends InputTable, C extends Construct, S>(
  scope: Construct,
  definition: ModuleDefinition<T, C, S>,
  inputs: InputValues<T>,
  shape: S,
  asModuleCall: boolean,
): NestedModule<C> {
  if (!asModuleCall) {
    const construct = definition.create(scope, definition.constructId, inputs, shape);
    const value = (name: string) => definition.outputs[name].value(construct);
    return { construct, output: (n) => value(n) as string, outputMap: (n) => value(n) as Record<string, string> };
  }
  const source = `./modules/${definition.path.split("/").pop()}`;
  // The child folder is emitted beside the parent; cdktf must not copy it as an asset.
  const call = new TerraformHclModule(scope, definition.constructId, {
    source,
    variables: inputs as Record<string, unknown>,
    skipAssetCreationFromLocalModules: true,
  });
  return { output: (n) => call.getString(n), outputMap: (n) => Token.asStringMap(call.get(n)) };
}
