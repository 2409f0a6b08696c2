import type { Construct, IConstruct } from "constructs";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { emittedFile } from "../module-io";
import type { ModuleStack } from "../hosts/module-stack";

type Json = Record<string, unknown>;

/** Where the blocks that no construct assigns to a file go. */
const DEFAULT_FILES: Record<string, string> = {
  terraform: "versions",
  variable: "variables",
  output: "outputs",
  locals: "main",
  resource: "main",
  data: "main",
  ephemeral: "main",
  module: "main",
  check: "main",
  import: "main",
  moved: "main",
};

/**
 * Turns a module stack into the files of a registry module: `{ "iam.tf.json": {...}, ... }`.
 * Each resource goes to the file its construct asked for (`emitTo`), cdktf's `//` metadata is
 * dropped, and a module never carries a provider block or a backend.
 */
export function moduleFiles(
  stack: ModuleStack<never, Construct, unknown> | ModuleStack<any, any, any>,
): Record<string, Json> {
  invokeAspects(stack);
  const tf = stack.toTerraform() as Json;
  if (tf.provider)
    throw new Error(
      `Module ${stack.definition.path} declares a provider block; modules inherit providers from their caller.`,
    );
  const terraformBlock = (tf.terraform ?? {}) as Json;
  if (terraformBlock.backend || terraformBlock.cloud)
    throw new Error(`Module ${stack.definition.path} declares a backend; only root stacks may.`);

  const files: Record<string, Json> = {};
  const put = (file: string, pathInFile: string[], value: unknown) => {
    let cur = (files[`${file}.tf.json`] ??= {});
    for (const key of pathInFile.slice(0, -1)) cur = (cur[key] ??= {}) as Json;
    cur[pathInFile[pathInFile.length - 1]] = value;
  };

  for (const [kind, body] of Object.entries(tf)) {
    if (kind === "//") continue;
    if (kind === "resource" || kind === "data" || kind === "ephemeral") {
      for (const [type, byName] of Object.entries(body as Json)) {
        for (const [name, block] of Object.entries(byName as Json)) {
          const { "//": meta, ...rest } = block as Json;
          const file =
            fileOfPath(stack, (meta as { metadata?: { path?: string } } | undefined)?.metadata?.path) ??
            DEFAULT_FILES[kind];
          put(file, [kind, type, name], rest);
        }
      }
    } else if (kind === "terraform") {
      put(DEFAULT_FILES.terraform, [kind], body);
    } else {
      for (const [name, block] of Object.entries(body as Json)) {
        const { "//": meta, ...rest } = (block ?? {}) as Json;
        const file =
          fileOfPath(stack, (meta as { metadata?: { path?: string } } | undefined)?.metadata?.path) ??
          DEFAULT_FILES[kind] ??
          "main";
        put(file, [kind, name], typeof block === "object" && block !== null && !Array.isArray(block) ? rest : block);
      }
    }
  }
  return files;
}

function fileOfPath(stack: Construct, constructPath: string | undefined): string | undefined {
  if (!constructPath) return undefined;
  const parts = constructPath.split("/");
  const start = parts.indexOf(stack.node.id);
  let cur: IConstruct | undefined = stack;
  for (const part of parts.slice(start + 1)) {
    cur = cur?.node.tryFindChild(part);
    if (!cur) return undefined;
  }
  return cur ? emittedFile(cur) : undefined;
}
