import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import { Blueprints, loadBlueprints } from "../lib/config/blueprints";
import { EnvironmentConfig, loadEnvironment } from "../lib/config/environment";
import { validateGatewayPolicies } from "../lib/cedar/gateway-policies";
import { ModuleStack } from "../lib/hosts/module-stack";
import { RuleViolations, runRules } from "../lib/rules";
import { Rule, TerraformDocument } from "../lib/rules/rule";
import { moduleReadme } from "../lib/docs/module-readme";
import { carryTerraformWorkingFiles, replaceDir, stagingDir } from "../lib/synth/atomic-dir";
import { moduleFiles } from "../lib/synth/emitter";
import { AGENTS_MODULE } from "../modules/agents";
import { PLATFORM_MODULE } from "../modules/platform";
import { AGENTCORE_MODULE } from "../modules/platform/modules/agentcore";
import { STATE_MODULE } from "../modules/state";
import { WORKFLOWS_MODULE } from "../modules/workflows";
import { checkDerivedNames } from "./checks";
import { renderPermissionReport } from "../lib/docs/permission-tables";
import { modulePermissionReport, permissionReport } from "./permission-report";
import { renderedPolicyDocuments } from "./rendered-policies";
import { buildDeployStacks } from "./stacks";

export interface SynthOptions {
  /** Project root: configuration, blueprints and outputs are relative to it. */
  readonly rootDir: string;
  /** Environment file. Default: `config/environments/$AGENTCORE_ENV.yaml`, `example` when unset. */
  readonly envFile?: string;
  /** Default: `<rootDir>/blueprints`. */
  readonly blueprintsDir?: string;
  /** Default: `$CDKTF_OUTDIR` (set by the cdktf CLI), else `<rootDir>/cdktf.out`. */
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

/** Where the project's own files (LICENSE, package.json) are, whatever `rootDir` is. */
export const PROJECT_ROOT = path.join(__dirname, "..");
export const PROJECT_VERSION: string = readJson(path.join(PROJECT_ROOT, "package.json")).version;

export function defaultEnvFile(rootDir: string): string {
  return path.join(rootDir, "config", "environments", `${process.env.AGENTCORE_ENV || "example"}.yaml`);
}

/**
 * Validates every input, then synthesizes the deploy stacks into `cdktf.out` and the registry
 * modules into `dist/modules`. Both are built in staging folders and swapped in only when
 * everything succeeded: a failed run leaves the previous output exactly as it was.
 */
export function synthesize(opts: SynthOptions): SynthResult {
  const rootDir = path.resolve(opts.rootDir);
  const env = loadEnvironment(opts.envFile ?? defaultEnvFile(rootDir), rootDir);
  const blueprints = loadBlueprints(opts.blueprintsDir ?? path.join(rootDir, "blueprints"), rootDir);
  checkDerivedNames(env, blueprints);
  validateGatewayPolicies(env, blueprints);

  const outdir = path.resolve(rootDir, opts.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const modulesDir = path.resolve(rootDir, opts.modulesDir ?? path.join("dist", "modules"));
  const stagedOut = stagingDir(outdir);
  const stagedModules = stagingDir(modulesDir);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-modules-"));
  try {
    const app = new App({ outdir: stagedOut, stackTraces: false });
    const deployStacks = buildDeployStacks(app, env, blueprints, opts.warn);
    app.synth();
    const stacks = Object.values(deployStacks).map((s) => s.stackName);
    fs.writeFileSync(path.join(stagedOut, "permissions.md"), permissionReportDocument(env, blueprints));

    const moduleApp = new App({ outdir: scratch, stackTraces: false });
    const modules = [
      new ModuleStack(moduleApp, STATE_MODULE, {}),
      new ModuleStack(moduleApp, PLATFORM_MODULE, { agentcoreAsModuleCall: true }),
      new ModuleStack(moduleApp, AGENTCORE_MODULE, {}),
      new ModuleStack(moduleApp, AGENTS_MODULE, {}),
      new ModuleStack(moduleApp, WORKFLOWS_MODULE, {}),
    ];
    const moduleDocuments: TerraformDocument[] = [];
    const roles = modulePermissionReport();
    for (const m of modules) {
      const dir = path.join(stagedModules, m.definition.path);
      fs.mkdirSync(dir, { recursive: true });
      const merged: Record<string, any> = {};
      for (const [file, body] of Object.entries(moduleFiles(m))) {
        fs.writeFileSync(path.join(dir, file), JSON.stringify(body, null, 2) + "\n");
        for (const [kind, blocks] of Object.entries(body)) merged[kind] = { ...(merged[kind] ?? {}), ...(blocks as object) };
      }
      moduleDocuments.push({ name: `module ${m.definition.path}`, json: merged });
      const owner = m.definition.path.split("/")[0];
      fs.writeFileSync(path.join(dir, "README.md"), moduleReadme(m.definition, roles.filter((r) => r.module === owner), PROJECT_VERSION));
      fs.copyFileSync(path.join(PROJECT_ROOT, "LICENSE"), path.join(dir, "LICENSE"));
    }

    const violations = runRules([
      ...stacks.map((name) => ({ name: `stack ${name}`, json: readJson(path.join(stagedOut, "stacks", name, "cdk.tf.json")), permissionMode: env.agents.permission_mode })),
      ...moduleDocuments,
      ...renderedPolicyDocuments(env, blueprints),
    ], opts.rules);
    if (violations.length) throw new RuleViolations(violations);

    replaceDir(stagedOut, outdir, carryTerraformWorkingFiles);
    replaceDir(stagedModules, modulesDir);
    return {
      outdir,
      modulesDir,
      stacks,
      modules: modules.map((m) => m.definition.path),
    };
  } catch (e) {
    fs.rmSync(stagedOut, { recursive: true, force: true });
    fs.rmSync(stagedModules, { recursive: true, force: true });
    throw e;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `cdktf.out/permissions.md`: every role of the environment with its statements, from the tables. */
export function permissionReportDocument(env: EnvironmentConfig, blueprints: Blueprints): string {
  return `# Permissions of ${env.name_prefix}-${env.environment}\n\nGenerated by synthesis from the permission tables the code uses, for ${env.sourceFile} and the blueprints. \`<name>\` is a value Terraform knows only at plan time.\n\n${renderPermissionReport(permissionReport(env, blueprints))}\n`;
}
