import type { InputTable, StructuredType } from "../module-io";
import type { ModuleDefinition } from "../hosts/module-definition";
import { type RoleReport, renderPermissionReport } from "./permission-tables";
import { AWS_PROVIDER_MODULE_CONSTRAINT, TERRAFORM_MODULE_CONSTRAINT } from "../versions";

/** Registry package name of a module: `terraform-aws-agentcore-<name>`. */
export const packageName = (modulePath: string) => `terraform-aws-agentcore-${modulePath}`;

/**
 * How a usage example fills each required input: a literal for the environment facts, the output
 * of the module before it otherwise — the wiring platform → agents → workflows.
 */
export const EXAMPLE_INPUTS: Readonly<Record<string, string>> = {
  name_prefix: '"acme"',
  environment: '"dev"',
  bucket_name: '"acme-dev-tfstate-123456789012"',
  kms_key_arn: "module.platform.platform_artifacts_kms_key_arn",
  ssm_root_path: "module.platform.ssm_root_path",
  gateway_role_arn: "module.platform.gateway_role_arn",
  permissions_boundary_arn: "module.platform.role_permissions_boundary_arn",
  runtime_kms_key_arn: "module.platform.storage_kms_key_arn",
  agent_runtime_arns: "module.agents.runtime_arns",
  logs_kms_key_arn: "module.platform.storage_kms_key_arn",
};

/**
 * How a usage example fills each structured input: from one file per item, as the blueprint
 * folders of the cdktf path hold them (`yamldecode` of a blueprint fits the input's type).
 */
export const SHAPE_EXAMPLES: Readonly<Record<string, string>> = {
  agents:
    '{ for f in fileset("${path.root}/agents", "*.yaml") : ' +
    'trimsuffix(f, ".yaml") => yamldecode(file("${path.root}/agents/${f}")) }',
  gateway_targets:
    '{ for f in fileset("${path.root}/targets", "*.yaml") : ' +
    'trimsuffix(f, ".yaml") => yamldecode(file("${path.root}/targets/${f}")) }',
  policies:
    '{ for f in fileset("${path.root}/policies", "*.cedar") : ' +
    'trimsuffix(f, ".cedar") => file("${path.root}/policies/${f}") }',
  workflows:
    '{ for f in fileset("${path.root}/workflows", "*.asl.json") : ' +
    'trimsuffix(f, ".asl.json") => { definition = file("${path.root}/workflows/${f}") } }',
};

const isStructured = (t: unknown): t is StructuredType<unknown> => typeof t === "object";

/** The module block a configuration needs: every required input, and each structured input from its files. */
export function usageBlock(
  definition: ModuleDefinition<InputTable, any, any>,
  source: string,
  version?: string,
): string {
  const name = definition.path.split("/").pop()!;
  const required = Object.entries(definition.inputs).filter(([, spec]) => spec.default === undefined);
  const shapes = Object.entries(definition.inputs).filter(([, spec]) => isStructured(spec.type));
  const width = Math.max(6, ...required.map(([n]) => n.length), ...shapes.map(([n]) => n.length));
  const lines = [`module "${name}" {`, `  ${"source".padEnd(width)} = "${source}"`];
  if (version) lines.push(`  ${"version".padEnd(width)} = "${version}"`);
  lines.push("");
  for (const [input] of required) {
    const value = EXAMPLE_INPUTS[input];
    if (value === undefined)
      throw new Error(
        `no example value for the required input ${input} of module ${definition.path} (lib/docs/module-readme.ts)`,
      );
    lines.push(`  ${input.padEnd(width)} = ${value}`);
  }
  if (shapes.length) lines.push("");
  for (const [input] of shapes) {
    const value = SHAPE_EXAMPLES[input];
    if (value === undefined)
      throw new Error(
        `no example value for the structured input ${input} of module ${definition.path} (lib/docs/module-readme.ts)`,
      );
    lines.push(`  ${input.padEnd(width)} = ${value}`);
  }
  lines.push("}");
  return lines.join("\n");
}

/** The full type of each structured input, for readers who write the values by hand. */
export function inputTypes(inputs: InputTable): string {
  return Object.entries(inputs)
    .filter(([, spec]) => isStructured(spec.type))
    .map(([name, spec]) => `### \`${name}\`\n\n\`\`\`hcl\n${(spec.type as StructuredType<unknown>).hcl}\n\`\`\``)
    .join("\n\n");
}

/** What a reader of the input types must know: unknown attributes are refused, not dropped. */
export const STRICT_INPUTS_NOTE =
  "**Unknown attributes are refused.** An attribute the type does not name, at any depth (a misspelling " +
  "such as `code_interperter` or `authoriser`), fails `terraform plan` with the input, the entry key, the " +
  "attribute's path, the attributes allowed there and the closest of them; Terraform's own conversion to " +
  "an object type would drop it without a word. That is why these variables are declared `type = any`: the " +
  "module checks the value against the type's attributes, then converts it to the type in its child module " +
  "`modules/inputs`, which applies the defaults, reports values of the wrong type and runs the value checks.";

const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

/** Inputs table from the module's input table: the same source as its variables.tf.json. */
export function inputsTable(inputs: InputTable): string {
  const rows = Object.entries(inputs).map(
    ([name, s]) =>
      `| \`${name}\` | ${s.description.replace(/\|/g, "\\|")} | ` +
      `\`${isStructured(s.type) ? s.type.summary : s.type}\`${isStructured(s.type) ? " (see below)" : ""} | ` +
      `${s.default === undefined ? "" : code(s.default)} | ${s.default === undefined ? "yes" : "no"} | ` +
      `${s.sensitive ? "yes" : "no"} |`,
  );
  return [
    "| Name | Description | Type | Default | Required | Sensitive |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

export function outputsTable(definition: ModuleDefinition<InputTable, any, any>): string {
  const rows = Object.entries(definition.outputs).map(
    ([name, s]) => `| \`${name}\` | ${s.description.replace(/\|/g, "\\|")} | ${s.sensitive ? "yes" : "no"} |`,
  );
  return ["| Name | Description | Sensitive |", "| --- | --- | --- |", ...rows].join("\n");
}

/** The README of an emitted module, for a reader who knows Terraform and no TypeScript. */
export function moduleReadme(
  definition: ModuleDefinition<InputTable, any, any>,
  roles: readonly RoleReport[],
  version: string,
): string {
  const nested = definition.path.includes("/modules/");
  const sections = [
    `# ${nested ? `Nested module \`${definition.path}\`` : packageName(definition.path)}`,
    "",
    definition.description,
    "",
    "## Usage",
    "",
    "```hcl",
    usageBlock(
      definition,
      nested ? "./modules/agentcore" : `<registry>/agentcore-${definition.path}/aws`,
      nested ? undefined : `~> ${version.split(".").slice(0, 2).join(".")}`,
    ),
    "```",
    "",
    nested
      ? "The platform module calls this module; use it directly only to build a platform of your own."
      : "`examples/minimal` holds this block as a root configuration; " +
        "the repository's `examples/complete` wires state → platform → agents → workflows.",
    "",
    "## Requirements",
    "",
    "| Name | Version |\n| --- | --- |\n" +
      `| terraform | \`${TERRAFORM_MODULE_CONSTRAINT}\` |\n` +
      `| hashicorp/aws | \`${AWS_PROVIDER_MODULE_CONSTRAINT}\` |`,
    "",
    "## Inputs",
    "",
    inputsTable(definition.inputs),
    "",
    ...(inputTypes(definition.inputs)
      ? [
          "## Input types",
          "",
          "Each structured input mirrors a blueprint file of the cdktf path " +
            "(the JSON Schemas in `schemas/` check those files in editors); optional attributes may be left out.",
          "",
          STRICT_INPUTS_NOTE,
          "",
          inputTypes(definition.inputs),
          "",
        ]
      : []),
    "## Outputs",
    "",
    outputsTable(definition),
  ];
  if (roles.length)
    sections.push(
      "",
      "## Permissions",
      "",
      "Every statement of every role this module creates, and when it exists: " +
        "`<key>` is an agent's key, `<name>` an input decided at plan time.",
      "",
      renderPermissionReport(roles),
    );
  if (definition.notes) sections.push("", "## Secrets and state", "", definition.notes);
  sections.push("", "---", "", "Generated by the AgentCore platform project (`npm run synth`); do not edit.", "");
  return sections.join("\n");
}
