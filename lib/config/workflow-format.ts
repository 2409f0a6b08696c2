/**
 * The workflow format's helpers, without the schema: the workflows module reads them on every
 * synthesis, the zod schema (workflows.ts) only when inputs are validated.
 */
import type { WorkflowBlueprint, WorkflowStep } from "./workflows";

export function isChoice(s: WorkflowStep): s is Extract<WorkflowStep, { choice: unknown }> {
  return "choice" in s;
}
export function isParallel(s: WorkflowStep): s is Extract<WorkflowStep, { parallel: unknown }> {
  return "parallel" in s;
}

/** The agents a workflow invokes. */
export function agentsOf(w: WorkflowBlueprint): string[] {
  const keys = Object.values(w.steps).flatMap((s) => (isChoice(s) ? [] : isParallel(s) ? s.parallel.map((b) => b.agent) : [s.agent]));
  return [...new Set(keys)].sort();
}

/**
 * How a state machine definition names an agent's runtime: `{{AGENT_RUNTIME_ARN:<agent key>}}`.
 * The workflows module puts in the ARN from `agent_runtime_arns` and allows the workflow's role to
 * invoke exactly the runtimes its definition names.
 */
export const RUNTIME_PLACEHOLDER = { open: "{{AGENT_RUNTIME_ARN:", close: "}}" } as const;
export const runtimePlaceholder = (agent: string) => `${RUNTIME_PLACEHOLDER.open}${agent}${RUNTIME_PLACEHOLDER.close}`;
