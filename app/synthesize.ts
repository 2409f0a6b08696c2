import * as fs from "node:fs";
import * as path from "node:path";
import { App } from "cdktf";
import { PROJECT_ROOT } from "../lib/project-root";
import { ModuleStack } from "../lib/hosts/module-stack";
import { RuleViolations, runRules } from "../lib/rules";
import type { Rule, TerraformDocument } from "../lib/rules/rule";
import { moduleReadme } from "../lib/docs/module-readme";
import { openOutput } from "../lib/synth/atomic-output";
import { moduleFiles } from "../lib/synth/emitter";
import type { Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { cached, codeHash, fileHashes } from "../lib/cache";
import type { ValidatedInputs } from "./validate";
import { phase } from "../lib/timing";
import { InputError } from "../lib/errors";
import type { ModuleDefinition } from "../lib/hosts/module-definition";
import type { InputTable } from "../lib/module-io";
import { AGENTS_MODULE } from "../modules/agents";
import { PLATFORM_MODULE } from "../modules/platform";
import { AGENTCORE_MODULE } from "../modules/platform/modules/agentcore";
import { STATE_MODULE } from "../modules/state";
import { WORKFLOWS_MODULE } from "../modules/workflows";
import { renderPermissionReport } from "../lib/docs/permission-tables";
import { modulePermissionReport, permissionReport } from "./permission-report";
import { renderedPolicyDocuments } from "./rendered-policies";
import { buildDeployStacks, printWarning } from "./stacks";

export interface SynthOptions {
  /** Project root: configuration, blueprints and outputs are relative to it. */
  readonly rootDir: string;
  /** Environment file. Default: `config/environments/$AGENTCORE_ENV.yaml`, `example` when unset. */
  readonly envFile?: string;
  /** Default: `<rootDir>/blueprints`. */
  readonly blueprintsDir?: string;
  /** Default: `$CDKTF_OUTDIR` (set by the cdktf CLI; relative to the working folder), else `<rootDir>/cdktf.out`. */
  readonly outdir?: string;
  /** Default: `<rootDir>/dist/modules`. */
  readonly modulesDir?: string;
  /** Where warnings go (development placeholders). Default: stderr. */
  readonly warn?: (message: string) => void;
  /** The checks every synthesized stack and module must pass. Default: the rule pack (RULES.md). */
  readonly rules?: readonly Rule[];
}

export interface SynthResult {
  readonly outdir: string;
  readonly modulesDir: string;
  readonly stacks: readonly string[];
  readonly modules: readonly string[];
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

export { PROJECT_ROOT };
export const PROJECT_VERSION: string = readJson(path.join(PROJECT_ROOT, "package.json")).version;

/**
 * `config/environments/<AGENTCORE_ENV>.yaml`. The variable names a file of that folder: a value that
 * leads out of it (`../x`, `/etc/x`, `a/b`) is refused naming the variable, not only the file.
 */
export function defaultEnvFile(rootDir: string, name = process.env.AGENTCORE_ENV || "example"): string {
  const dir = path.join(rootDir, "config", "environments");
  const file = path.join(dir, `${name}.yaml`);
  if (path.dirname(file) !== dir || /[\\/]/.test(name)) {
    const known = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")) : [];
    throw new InputError(
      "AGENTCORE_ENV",
      "(environment variable)",
      `is ${JSON.stringify(name)}, which leads outside config/environments/ (${path.relative(rootDir, file)}); ` +
        "give the name of an environment file there, without .yaml" +
        (known.length ? `: ${known.map((f) => f.slice(0, -".yaml".length)).join(", ")}` : ""),
    );
  }
  return file;
}

/**
 * Validates every input, then synthesizes the deploy stacks into `cdktf.out` and the registry
 * modules into `dist/modules`. Both are built as a new generation and switched in together, in one
 * step, only when everything succeeded (lib/synth/atomic-output.ts): a failed or killed run leaves
 * the previous output exactly as it was, and one synthesis at a time writes an output.
 */
export function synthesize(opts: SynthOptions): SynthResult {
  const rootDir = path.resolve(opts.rootDir);
  const { env, blueprints, shape } = phase("inputs", () =>
    loadInputs(
      rootDir,
      path.resolve(opts.envFile ?? defaultEnvFile(rootDir)),
      path.resolve(opts.blueprintsDir ?? path.join(rootDir, "blueprints")),
    ),
  );

  // The cdktf CLI sets CDKTF_OUTDIR relative to the folder it runs in, as cdktf's App reads it.
  const outdir =
    opts.outdir !== undefined
      ? path.resolve(rootDir, opts.outdir)
      : process.env.CDKTF_OUTDIR
        ? path.resolve(process.env.CDKTF_OUTDIR)
        : path.join(rootDir, "cdktf.out");
  const modulesDir = path.resolve(rootDir, opts.modulesDir ?? path.join("dist", "modules"));
  const output = phase("lock output", () => openOutput({ outdir, modulesDir }, opts.warn ?? printWarning));
  try {
    const app = new App({ outdir: output.stacksDir, stackTraces: false });
    const deployStacks = phase("build deploy stacks", () => buildDeployStacks(app, env, shape, opts.warn));
    phase("synthesize deploy stacks", () => app.synth());
    const stacks = Object.values(deployStacks).map((s) => s.stackName);
    phase("permission report", () =>
      fs.writeFileSync(path.join(output.stacksDir, "permissions.md"), permissionReportDocument(env, blueprints)),
    );

    const modules = phase("registry modules", () => registryModules(output.scratchDir));
    for (const [file, text] of Object.entries(modules.files)) {
      fs.mkdirSync(path.dirname(path.join(output.modulesDir, file)), { recursive: true });
      fs.writeFileSync(path.join(output.modulesDir, file), text);
    }
    const moduleDocuments = modules.documents;

    const documents = [
      ...stacks.map((name) => ({
        name: `stack ${name}`,
        json: readJson(path.join(output.stacksDir, "stacks", name, "cdk.tf.json")),
        permissionMode: env.agents.permission_mode,
      })),
      ...moduleDocuments,
      ...renderedPolicyDocuments(env, blueprints),
    ];
    phase("rule pack", () => checkRules(documents, opts.rules));

    phase("switch outputs", () => output.commit());
    return {
      outdir,
      modulesDir,
      stacks,
      modules: modules.paths,
    };
  } finally {
    output.close();
  }
}

/**
 * The validated inputs. Validation is most of a synthesis's own work and needs zod, yaml and
 * cedar-wasm, so its result is cached by the content of every file it may read (the environment
 * file and everything under the blueprints folder) and by the code; on a change the validation
 * runs again, and a failure is never cached. A file that cannot be read skips the cache, so the
 * validation reports it.
 */
function loadInputs(rootDir: string, envFile: string, blueprintsDir: string): ValidatedInputs {
  const validate = () =>
    (require("./validate") as typeof import("./validate")).validateInputs(rootDir, envFile, blueprintsDir);
  const files = fileHashes([envFile], [blueprintsDir]);
  if (!files) return validate();
  return cached("inputs", { rootDir, envFile, blueprintsDir, files }, codeVersion(), validate);
}

let codeVersionHash: string | undefined;
/**
 * The hash of this project's code: a cached result built by other code is never reused.
 * `bin/synth.js` hashed the sources to check its bundle and passes the result on.
 */
const codeVersion = () =>
  (codeVersionHash ??=
    process.env.AGENTCORE_CODE_VERSION ||
    codeHash(["app", "lib", "modules"], ["main.ts", "package.json", "package-lock.json", "LICENSE"]));

/**
 * Throws the rule pack's violations. The rules are pure functions of the documents, so with the
 * default pack a pass is cached by the documents' content (a violation is never cached).
 */
function checkRules(documents: TerraformDocument[], rules: readonly Rule[] | undefined): void {
  const check = () => {
    const violations = runRules(documents, rules);
    if (violations.length) throw new RuleViolations(violations);
    return true;
  };
  if (rules) check();
  else cached("rules-passed", documents, codeVersion(), check);
}

/** `cdktf.out/permissions.md`: every role of the environment with its statements, from the tables. */
export function permissionReportDocument(env: EnvironmentConfig, blueprints: Blueprints): string {
  return (
    `# Permissions of ${env.name_prefix}-${env.environment}\n\n` +
    `Generated by synthesis from the permission tables the code uses, for ${env.sourceFile} and the blueprints. ` +
    "`<name>` is a value Terraform knows only at plan time.\n\n" +
    `${renderPermissionReport(permissionReport(env, blueprints))}\n`
  );
}

/** The registry modules, in the order they are emitted. */
export const REGISTRY_MODULES = [
  { definition: STATE_MODULE, host: {} },
  { definition: PLATFORM_MODULE, host: { agentcoreAsModuleCall: true } },
  { definition: AGENTCORE_MODULE, host: {} },
  { definition: AGENTS_MODULE, host: {} },
  { definition: WORKFLOWS_MODULE, host: {} },
] as const;

interface EmittedModules {
  readonly paths: string[];
  /** Every file of `dist/modules/`, by path, with its content. */
  readonly files: Record<string, string>;
  /** Each module's `.tf.json` files merged, for the rule pack. */
  readonly documents: TerraformDocument[];
}

/**
 * The registry modules and their READMEs. They depend on the code alone (shape and environment
 * are their inputs), so they are built once per version of the code and then read from the cache
 * (lib/cache.ts): most of a synthesis of unchanged code is the deploy stacks.
 */
function registryModules(scratch: string): EmittedModules {
  return cached("modules", { version: PROJECT_VERSION }, codeVersion(), () => emitModules(scratch));
}

function emitModules(scratch: string): EmittedModules {
  const moduleApp = new App({ outdir: scratch, stackTraces: false });
  const roles = modulePermissionReport();
  const license = fs.readFileSync(path.join(PROJECT_ROOT, "LICENSE"), "utf8");
  const out: { paths: string[]; files: Record<string, string>; documents: TerraformDocument[] } = {
    paths: [],
    files: {},
    documents: [],
  };
  for (const { definition, host } of REGISTRY_MODULES) {
    const stack = new ModuleStack(moduleApp, definition as ModuleDefinition<InputTable, any, any>, host);
    const merged: Record<string, any> = {};
    for (const [file, body] of Object.entries(moduleFiles(stack))) {
      out.files[path.join(definition.path, file)] = `${JSON.stringify(body, null, 2)}\n`;
      for (const [kind, blocks] of Object.entries(body))
        merged[kind] = { ...(merged[kind] ?? {}), ...(blocks as object) };
    }
    for (const [file, body] of Object.entries(stack.childFiles))
      out.files[path.join(definition.path, file)] = `${JSON.stringify(body, null, 2)}\n`;
    const owner = definition.path.split("/")[0];
    out.files[path.join(definition.path, "README.md")] = moduleReadme(
      definition as ModuleDefinition<InputTable, any, any>,
      roles.filter((r) => r.module === owner),
      PROJECT_VERSION,
    );
    out.files[path.join(definition.path, "LICENSE")] = license;
    out.documents.push({ name: `module ${definition.path}`, json: merged });
    out.paths.push(definition.path);
  }
  return out;
}
