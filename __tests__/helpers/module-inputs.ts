import type { Json, Synthesized } from "./synth";

/**
 * A registry module's input checks alone, as the files of a module folder: the named variables and,
 * when one of them is a strict structured input, the call of `modules/inputs` (`inputs.tf.json`)
 * that converts it to its type and carries its value checks (docs/adr/0010-strict-module-inputs.md).
 * The names must include every variable that call passes on.
 */
export function inputChecks(out: Synthesized, module: string, names: readonly string[]): Record<string, Json> {
  const m = out.module(module);
  const { variable } = m.file("variables.tf.json");
  const files: Record<string, Json> = {
    "variables.tf.json": { variable: Object.fromEntries(names.map((n) => [n, variable[n]])) },
  };
  const strict = m.files.includes("inputs.tf.json") ? Object.keys(m.file("modules/inputs/outputs.tf.json").output) : [];
  if (names.some((n) => strict.includes(n))) {
    const call = m.file("inputs.tf.json");
    files["inputs.tf.json"] = call;
    for (const [file, body] of Object.entries(m.tree())) if (file.startsWith("modules/inputs/")) files[file] = body;
  }
  return files;
}

/** The variables the `modules/inputs` call of a module passes on: what `inputChecks` needs at least. */
export function inputsCallNames(out: Synthesized, module: string): string[] {
  const { source: _, ...passed } = out.module(module).file("inputs.tf.json").module.inputs;
  return Object.keys(passed);
}
