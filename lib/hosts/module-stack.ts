import type { Construct } from "constructs";
import { TerraformHclModule, type TerraformStack, TerraformVariable, Token } from "cdktf";
import { type InputSpec, type InputTable, type InputValues, typeExpression, variableValue } from "../module-io";
import {
  INPUTS_MODULE,
  asExpression,
  childInputNames,
  inputsModuleFiles,
  publicSpec,
  readingConverted,
  strictInputNames,
} from "./strict-inputs";
import { AWS_PROVIDER_MODULE_CONSTRAINT, AWS_PROVIDER_SOURCE, TERRAFORM_MODULE_CONSTRAINT } from "../versions";
import { resolve } from "cdktf/lib/_tokens";
import { emitTo } from "../module-io";
import { type ModuleDefinition, addOutputs } from "./module-definition";
import { NamedStack } from "./named-stack";

/**
 * Declares `variable "<name>"` from its table entry and returns its value as the construct
 * expects it. Used for every input of a registry module, and for the secret inputs of a deploy
 * stack, whose values come from `TF_VAR_<name>` at plan time and never from the configuration.
 */
export function declareVariable(stack: TerraformStack, name: string, spec: InputSpec, hclType?: string): unknown {
  return variableValue(declared(stack, name, spec, hclType), spec.type);
}

function declared(stack: TerraformStack, name: string, spec: InputSpec, hclType?: string): TerraformVariable {
  const variable = new TerraformVariable(stack, `variable_${name}`, {
    type: hclType ?? typeExpression(spec.type),
    description: spec.description,
    default: spec.default,
    sensitive: spec.sensitive,
    nullable: false,
    // In JSON syntax an expression is a template holding exactly one interpolation.
    validation: spec.validation?.map((v) => ({
      condition: Token.isUnresolved(v.condition) ? v.condition : asExpression(v.condition),
      errorMessage: v.errorMessage,
    })),
  });
  variable.overrideLogicalId(name);
  return variable;
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
 *
 * Structured inputs with a schema are strict (docs/adr/0010-strict-module-inputs.md): their
 * variable is `type = any` with allowed-key checks, and the construct reads them converted to their
 * type by the child module `modules/inputs` (`inputs.tf.json`), which carries their value checks.
 */
export class ModuleStack<T extends InputTable, C extends Construct, S> extends NamedStack {
  readonly construct: C;
  /** Files of the module's child folders, by path inside its folder (the strict inputs' `modules/inputs`). */
  readonly childFiles: Record<string, Record<string, unknown>> = {};

  constructor(
    scope: Construct,
    readonly definition: ModuleDefinition<T, C, S>,
    shape: S,
  ) {
    super(scope, definition.path.replace(/\//g, "--"));
    const values: Record<string, unknown> = {};
    const strict = strictInputNames(definition.inputs);
    const variables: Record<string, TerraformVariable> = {};
    for (const [name, spec] of Object.entries(definition.inputs)) {
      const { hclType, ...own } = publicSpec(name, spec);
      // Another input's checks that read a strict input read its converted value.
      const given =
        strict.length === 0 || strict.includes(name) ? own : readingConverted(this.resolvedValidations(own), strict);
      variables[name] = declared(this, name, given, hclType);
      values[name] = variableValue(variables[name], spec.type);
    }
    if (strict.length > 0) {
      const resolved = Object.fromEntries(
        Object.entries(definition.inputs).map(([name, spec]) => [name, this.resolvedValidations(spec)]),
      );
      const call = new TerraformHclModule(this, "strict_inputs", {
        source: INPUTS_MODULE.source,
        variables: Object.fromEntries(childInputNames(resolved).map((n) => [n, variables[n].value])),
        skipAssetCreationFromLocalModules: true,
      });
      call.overrideLogicalId(INPUTS_MODULE.name);
      emitTo(call, "inputs");
      for (const name of strict) values[name] = call.get(name);
      Object.assign(this.childFiles, inputsModuleFiles(resolved));
    }
    this.construct = definition.create(this, definition.constructId, values as InputValues<T>, shape);
    addOutputs(this, definition.outputs, this.construct);
    this.addOverride("terraform.required_providers.aws", {
      source: AWS_PROVIDER_SOURCE,
      version: AWS_PROVIDER_MODULE_CONSTRAINT,
    });
    this.addOverride("terraform.required_version", TERRAFORM_MODULE_CONSTRAINT);
  }

  /** A spec whose validations are resolved to their HCL text, to be read and rewritten. */
  private resolvedValidations(spec: InputSpec): InputSpec {
    if (!spec.validation) return spec;
    return {
      ...spec,
      validation: spec.validation.map((v) => ({
        condition: String(resolve(this, v.condition)),
        errorMessage: String(resolve(this, v.errorMessage)),
      })),
    };
  }
}
