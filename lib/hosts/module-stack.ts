import type { Construct } from "constructs";
import { type TerraformStack, TerraformVariable, Token } from "cdktf";
import { type InputSpec, type InputTable, type InputValues, typeExpression, variableValue } from "../module-io";
import { AWS_PROVIDER_MODULE_CONSTRAINT, AWS_PROVIDER_SOURCE, TERRAFORM_MODULE_CONSTRAINT } from "../versions";
import { type ModuleDefinition, addOutputs } from "./module-definition";
import { NamedStack } from "./named-stack";

/**
 * Declares `variable "<name>"` from its table entry and returns its value as the construct
 * expects it. Used for every input of a registry module, and for the secret inputs of a deploy
 * stack, whose values come from `TF_VAR_<name>` at plan time and never from the configuration.
 */
export function declareVariable(stack: TerraformStack, name: string, spec: InputSpec): unknown {
  const variable = new TerraformVariable(stack, `variable_${name}`, {
    type: typeExpression(spec.type),
    description: spec.description,
    default: spec.default,
    sensitive: spec.sensitive,
    nullable: false,
    // In JSON syntax an expression is a template holding exactly one interpolation.
    validation: spec.validation?.map((v) => ({
      condition: Token.isUnresolved(v.condition) ? v.condition : `\${${v.condition}}`,
      errorMessage: v.errorMessage,
    })),
  });
  variable.overrideLogicalId(name);
  return variableValue(variable, spec.type);
}

/** Variables for the secret inputs of a table; the deploy stacks' only variables. */
export function declareSecretVariables<T extends InputTable>(stack: TerraformStack, table: T): Partial<InputValues<T>> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table))
    if (spec.sensitive) values[name] = declareVariable(stack, name, spec);
  return values as Partial<InputValues<T>>;
}

/**
 * Hosts a module construct as a reusable Terraform module: every input becomes a typed, described
 * `variable` named as in the table, every table output an `output`; `required_providers` carries
 * a minimum version only; no provider block, no backend.
 */
export class ModuleStack<T extends InputTable, C extends Construct, S> extends NamedStack {
  readonly construct: C;

  constructor(
    scope: Construct,
    readonly definition: ModuleDefinition<T, C, S>,
    shape: S,
  ) {
    super(scope, definition.path.replace(/\//g, "--"));
    const values: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(definition.inputs)) values[name] = declareVariable(this, name, spec);
    this.construct = definition.create(this, definition.constructId, values as InputValues<T>, shape);
    addOutputs(this, definition.outputs, this.construct);
    this.addOverride("terraform.required_providers.aws", {
      source: AWS_PROVIDER_SOURCE,
      version: AWS_PROVIDER_MODULE_CONSTRAINT,
    });
    this.addOverride("terraform.required_version", TERRAFORM_MODULE_CONSTRAINT);
  }
}
