import { Construct } from "constructs";
import { TerraformVariable } from "cdktf";
import { InputTable, InputValues, variableValue } from "../module-io";
import { AWS_PROVIDER_MODULE_CONSTRAINT, AWS_PROVIDER_SOURCE, TERRAFORM_MODULE_CONSTRAINT } from "../versions";
import { ModuleDefinition, addOutputs } from "./module-definition";
import { NamedStack } from "./named-stack";

/**
 * Hosts a module construct as a reusable Terraform module: every input becomes a typed, described
 * `variable` named as in the table, every table output an `output`; `required_providers` carries
 * a minimum version only; no provider block, no backend.
 */
export class ModuleStack<T extends InputTable, C extends Construct, S> extends NamedStack {
  readonly construct: C;

  constructor(scope: Construct, readonly definition: ModuleDefinition<T, C, S>, shape: S) {
    super(scope, definition.path.replace(/\//g, "--"));
    const values: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(definition.inputs)) {
      const variable = new TerraformVariable(this, `variable_${name}`, {
        type: spec.type,
        description: spec.description,
        default: spec.default,
        sensitive: spec.sensitive,
        nullable: false,
        // In JSON syntax an expression is a template holding exactly one interpolation.
        validation: spec.validation?.map((v) => ({ condition: `\${${v.condition}}`, errorMessage: v.errorMessage })),
      });
      variable.overrideLogicalId(name);
      values[name] = variableValue(variable, spec.type);
    }
    this.construct = definition.create(this, definition.constructId, values as InputValues<T>, shape);
    addOutputs(this, definition.outputs, this.construct);
    this.addOverride("terraform.required_providers.aws", { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_MODULE_CONSTRAINT });
    this.addOverride("terraform.required_version", TERRAFORM_MODULE_CONSTRAINT);
  }
}
