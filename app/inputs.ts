import { type AgentSpec, type Blueprints, agentSpecSchema } from "../lib/config/blueprints";
import { type GatewayTargetSpec, gatewayTargetSpecSchema } from "../lib/config/gateway-targets";
import { asTerraformValue } from "../lib/config/hcl-type";
import {
  type WorkflowBlueprint,
  type WorkflowSpec,
  runtimePlaceholder,
  workflowSpecSchema,
} from "../lib/config/workflows";
import { InputError, InputErrors } from "../lib/errors";
import { stateMachineDefinition } from "../modules/workflows/asl";
import type { z } from "zod";

/**
 * The blueprints as the module inputs that carry shape: the literal maps a deploy stack passes to
 * the same constructs a registry module feeds from variables. Each map has the shape Terraform
 * gives the module's typed variable (absent optional fields null), and literal text cannot read
 * as a Terraform template.
 */
export interface ShapeInputs {
  readonly agents: Record<string, AgentSpec>;
  readonly gateway_targets: Record<string, GatewayTargetSpec>;
  readonly policies: Record<string, string>;
  readonly workflows: Record<string, WorkflowSpec>;
}

export function shapeInputs(blueprints: Blueprints): ShapeInputs {
  const byKey = <T extends { sourceFile: string }>(items: readonly T[], key: (t: T) => string, schema: z.ZodType) =>
    Object.fromEntries(
      items.map(({ sourceFile: _f, ...rest }) => [key(rest as unknown as T), literal(asTerraformValue(schema, rest))]),
    );
  return {
    agents: byKey(blueprints.agents, (a) => a.key, agentSpecSchema) as Record<string, AgentSpec>,
    gateway_targets: byKey(blueprints.gatewayTargets, (t) => t.name, gatewayTargetSpecSchema) as Record<
      string,
      GatewayTargetSpec
    >,
    policies: Object.fromEntries(
      blueprints.policies.flatMap((f) => f.policies).map((p) => [p.id, literal(p.text) as string]),
    ),
    workflows: Object.fromEntries(
      blueprints.workflows.map((w) => [
        w.name,
        literal(asTerraformValue(workflowSpecSchema, workflowSpec(w))) as WorkflowSpec,
      ]),
    ),
  };
}

/**
 * A workflow blueprint compiled to the workflows module's input, held to the rules the module's
 * variable validation applies at plan time (and more: the TypeScript checks see every nesting
 * level), so that the cdktf path fails at synthesis what the HCL path fails at plan.
 */
function workflowSpec(w: WorkflowBlueprint): WorkflowSpec {
  const spec: WorkflowSpec = {
    description: w.description,
    definition: JSON.stringify(stateMachineDefinition(w, runtimePlaceholder)),
    triggers: {
      schedule: w.triggers.schedule,
      event_pattern: w.triggers.event_pattern ? JSON.stringify(w.triggers.event_pattern) : undefined,
    },
  };
  const checked = workflowSpecSchema.safeParse(spec);
  if (!checked.success) {
    throw new InputErrors(
      checked.error.issues.map((i) =>
        i.path[0] === "definition"
          ? new InputError(
              w.sourceFile,
              "steps",
              `compile to an Amazon States Language definition that Step Functions would reject: ${i.message}`,
            )
          : new InputError(w.sourceFile, i.path.join("."), i.message),
      ),
    );
  }
  return spec;
}

/** Literal text in Terraform JSON is a template: `${` and `%{` are escaped to stay literal. */
export function literal(value: unknown): unknown {
  if (typeof value === "string") return value.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
  if (Array.isArray(value)) return value.map(literal);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
  return value;
}
