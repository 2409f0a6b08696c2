import type { RoleReport } from "./permission-tables";

type Json = Record<string, any>;

const id = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");
const label = (s: string) => s.replace(/"/g, "'");

/**
 * The deploy stacks, their order and the outputs each consumes from the one before, read from
 * the synthesized stacks' remote-state references.
 */
export function stackDiagram(stacks: Record<string, Json>): string {
  const lines = ["flowchart LR"];
  for (const name of Object.keys(stacks)) lines.push(`  ${id(name)}["${name}"]`);
  for (const [name, json] of Object.entries(stacks)) {
    const text = JSON.stringify({ resource: json.resource, locals: json.locals });
    for (const lookup of Object.keys(json.data?.terraform_remote_state ?? {})) {
      const from = lookup.replace("cross_stack_reference_input_", "");
      const outputs = [
        ...new Set(
          [...text.matchAll(new RegExp(`${lookup}\\.outputs\\.cross_stack_output_([A-Za-z0-9_]+)`, "g"))].map(
            (m) => m[1],
          ),
        ),
      ];
      // Show what the output reads in the earlier stack, e.g. aws_kms_key.platform_kms_storage.arn.
      const shown = outputs
        .map((o) => String(stacks[from]?.output?.[`cross_stack_output_${o}`]?.value ?? o).replace(/^\$\{(.*)\}$/, "$1"))
        .sort();
      lines.push(`  ${id(from)} -- "${label(shown.join("<br>"))}" --> ${id(name)}`);
    }
  }
  return lines.join("\n");
}

/** Which role may do what to which resource: one edge per statement, labelled with its actions. */
export function permissionDiagram(roles: readonly RoleReport[]): string {
  const lines = ["flowchart LR"];
  const resources = new Map<string, string>();
  roles.forEach((role, r) => {
    lines.push(`  role${r}(["${label(role.role.split(" (")[0])}"])`);
    for (const row of role.rows) {
      for (const resource of row.resources) {
        if (!resources.has(resource)) resources.set(resource, `res${resources.size}`);
        const actions = row.actions.map((a) => a.split(":")[1] ?? a).join(", ");
        const edge = label(`${row.sid}: ${actions}${row.when === "always" ? "" : ` (${row.when})`}`);
        lines.push(`  role${r} -- "${edge}" --> ${resources.get(resource)}`);
      }
    }
  });
  for (const [resource, node] of resources) lines.push(`  ${node}["${label(resource)}"]`);
  return lines.join("\n");
}
