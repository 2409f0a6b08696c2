import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_PROVIDER_MODULE_CONSTRAINT } from "../../lib/versions";
import { type Diagnostic, ROOT, type SharedValidation, sharedSynthesis } from "./shared";
import { prepareTerraform, terraformTool } from "./terraform";

export const STACKS = ["state", "platform", "agents", "workflows"] as const;
export const MODULES = ["state", "agents", "workflows", "platform", "platform/modules/agentcore"] as const;
export const EXAMPLES = ["minimal", "complete"] as const;
const EXAMPLE_MODULES = "examples_modules";

/** The child module of the combined root that holds a stack, a registry module or an example. */
export const childOf = {
  stack: (name: string) => `stack_${name}`,
  module: (name: string) => `module_${name.replace(/\//g, "_")}`,
  example: (name: string) => `example_${name}`,
  /** The platform stack of the fixture with every kind of gateway target. */
  targetsPlatform: "stack_targets_platform",
};

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

function treeOf(dir: string, prefix: string): Record<string, object> {
  const files: Record<string, object> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (entry.endsWith(".tf.json")) files[path.join(prefix, entry)] = readJson(path.join(dir, entry));
  }
  return files;
}

/** Root variables (left unknown by validate) for every input of a module without a default. */
function unknownInputs(child: string, variables: Record<string, any>) {
  const declared: Record<string, object> = {};
  const passed: Record<string, string> = {};
  for (const [name, spec] of Object.entries(variables)) {
    if (spec.default !== undefined) continue;
    declared[`${child}__${name}`] = {};
    passed[name] = `\${var.${child}__${name}}`;
  }
  return { declared, passed };
}

/**
 * `terraform validate` with the real aws provider, once, of a root that calls every deploy stack,
 * registry module and HCL example of a synthesized project as a child module: the provider starts
 * once instead of once per configuration. Inputs without a default are root variables, which
 * validate leaves unknown, as it does for a module validated on its own. Diagnostics are returned
 * by child (from the file they name).
 */
export async function validateTogether(
  projectDir: string,
  extraStacks: Record<string, string> = {},
): Promise<SharedValidation> {
  const tool = terraformTool();
  if (!tool.available) return { skipped: tool.reason, byChild: {} };
  const files: Record<string, object> = {};
  const modules: Record<string, object> = {};
  const variables: Record<string, object> = {};
  for (const name of STACKS) {
    const child = childOf.stack(name);
    files[`${child}/cdk.tf.json`] = readJson(path.join(projectDir, "cdktf.out", "stacks", name, "cdk.tf.json"));
    modules[child] = { source: `./${child}` };
  }
  // Stacks of other fixtures, by child name: e.g. the platform stack with every kind of target.
  for (const [child, file] of Object.entries(extraStacks)) {
    files[`${child}/cdk.tf.json`] = readJson(file);
    modules[child] = { source: `./${child}` };
  }
  const dist = path.join(projectDir, "dist", "modules");
  for (const name of MODULES) {
    const child = childOf.module(name);
    const tree = treeOf(path.join(dist, name), child);
    Object.assign(files, tree);
    const { declared, passed } = unknownInputs(child, readJson(path.join(dist, name, "variables.tf.json")).variable);
    Object.assign(variables, declared);
    modules[child] = { source: `./${child}`, ...passed };
  }
  // The examples call `../../dist/modules/<name>`: that tree sits beside them.
  Object.assign(files, treeOf(dist, "dist/modules"));
  for (const name of EXAMPLES) modules[childOf.example(name)] = { source: `./examples/${name}` };
  files["main.tf.json"] = { module: modules, ...(Object.keys(variables).length ? { variable: variables } : {}) };
  const tf = prepareTerraform(files, tool, {
    realProvider: true,
    beforeInit: (dir) => copyExamples(dir, tool.awsVersion),
  });
  const validate = await tf.runAsync(["validate", "-json", "-no-color"]);
  const diagnostics = (JSON.parse(validate.stdout).diagnostics ?? []) as Diagnostic[];
  const byChild: Record<string, Diagnostic[]> = {};
  for (const d of diagnostics) {
    const file = d.range?.filename ?? "";
    // The modules the examples call live under dist/: what is wrong there is wrong for both examples.
    const child = file.startsWith("examples/")
      ? childOf.example(file.split("/")[1])
      : file.startsWith("dist/")
        ? EXAMPLE_MODULES
        : file.split("/")[0];
    (byChild[child] ??= []).push(d);
  }
  return { awsVersion: tool.awsVersion, byChild };
}

/** The HCL examples as shipped, pinned to the mirror's provider for this check only. */
function copyExamples(dir: string, awsVersion: string): void {
  for (const name of EXAMPLES) {
    fs.cpSync(path.join(ROOT, "examples", name), path.join(dir, "examples", name), { recursive: true });
    const main = path.join(dir, "examples", name, "main.tf");
    const text = fs.readFileSync(main, "utf8");
    fs.writeFileSync(main, text.replace(`version = "${AWS_PROVIDER_MODULE_CONSTRAINT}"`, `version = "${awsVersion}"`));
  }
}

/** The errors validate reported for one child (stack, module or example) of the shared run. */
export function validationErrors(child: string): { skipped?: string; errors: string[] } {
  const validation = sharedSynthesis()?.validation;
  if (!validation) return { skipped: "no shared validation (run the suite with jest's global setup)", errors: [] };
  if (validation.skipped) return { skipped: validation.skipped, errors: [] };
  const own = validation.byChild[child] ?? [];
  const called = child.startsWith("example_") ? (validation.byChild[EXAMPLE_MODULES] ?? []) : [];
  const errors = [...own, ...called].filter((d) => d.severity === "error").map((d) => `${d.summary}: ${d.detail}`);
  return { errors };
}
