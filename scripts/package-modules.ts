/**
 * Packages each emitted module as a registry-ready folder and archive:
 * dist/packages/terraform-aws-agentcore-<name>/ and terraform-aws-agentcore-<name>-<version>.tar.gz,
 * each with the module files, README.md, LICENSE and examples/minimal. Synthesizes first.
 *
 *   npm run package
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EXAMPLE_INPUTS, packageName } from "../lib/docs/module-readme";
import type { ModuleDefinition } from "../lib/hosts/module-definition";
import type { InputTable } from "../lib/module-io";
import { PROJECT_VERSION, synthesize } from "../app/synthesize";
import { AWS_PROVIDER_MODULE_CONSTRAINT, TERRAFORM_MODULE_CONSTRAINT } from "../lib/versions";
import { AGENTS_MODULE } from "../modules/agents";
import { PLATFORM_MODULE } from "../modules/platform";
import { STATE_MODULE } from "../modules/state";
import { WORKFLOWS_MODULE } from "../modules/workflows";

/** The modules published to a registry; `platform/modules/agentcore` ships inside `platform`. */
export const PUBLISHED = [STATE_MODULE, PLATFORM_MODULE, AGENTS_MODULE, WORKFLOWS_MODULE] as ModuleDefinition<
  InputTable,
  any,
  any
>[];

export interface Package {
  readonly name: string;
  readonly version: string;
  readonly dir: string;
  readonly archive: string;
}

/**
 * A root configuration that calls the packaged module with its required inputs; values that come
 * from another module in a full deployment become variables of the example.
 */
export function minimalExample(definition: ModuleDefinition<InputTable, any, any>): string {
  const required = Object.entries(definition.inputs).filter(([, s]) => s.default === undefined);
  const fromOtherModules = required.filter(([n]) => EXAMPLE_INPUTS[n]?.startsWith("module."));
  const width = Math.max(6, ...required.map(([n]) => n.length));
  return [
    `# Minimal use of ${packageName(definition.path)}. Generated; see the module README.`,
    "",
    "terraform {\n" +
      `  required_version = "${TERRAFORM_MODULE_CONSTRAINT}"\n` +
      "  required_providers {\n" +
      "    aws = {\n" +
      '      source  = "hashicorp/aws"\n' +
      `      version = "${AWS_PROVIDER_MODULE_CONSTRAINT}"\n` +
      "    }\n" +
      "  }\n" +
      "}",
    "",
    'provider "aws" {\n  region = "us-east-1"\n}',
    "",
    ...fromOtherModules.map(
      ([n, s]) => `variable "${n}" {\n  type        = ${s.type}\n  description = ${JSON.stringify(s.description)}\n}\n`,
    ),
    `module "${definition.path}" {`,
    `  ${"source".padEnd(width)} = "../.."`,
    "",
    ...required.map(
      ([n]) => `  ${n.padEnd(width)} = ${EXAMPLE_INPUTS[n]?.startsWith("module.") ? `var.${n}` : EXAMPLE_INPUTS[n]}`,
    ),
    "}",
    "",
  ].join("\n");
}

export function packageModules(modulesDir: string, outDir: string, version = PROJECT_VERSION): Package[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  return PUBLISHED.map((definition) => {
    const name = packageName(definition.path);
    const dir = path.join(outDir, name);
    fs.cpSync(path.join(modulesDir, definition.path), dir, { recursive: true });
    fs.mkdirSync(path.join(dir, "examples", "minimal"), { recursive: true });
    fs.writeFileSync(path.join(dir, "examples", "minimal", "main.tf"), minimalExample(definition));
    const archive = path.join(outDir, `${name}-${version}.tar.gz`);
    execFileSync("tar", ["-czf", archive, "-C", outDir, name]);
    return { name, version, dir, archive };
  });
}

if (require.main === module) {
  const root = path.join(__dirname, "..");
  const result = synthesize({ rootDir: root });
  for (const p of packageModules(result.modulesDir, path.join(root, "dist", "packages"))) {
    console.log(`${p.name} ${p.version}: ${path.relative(root, p.dir)}/ and ${path.relative(root, p.archive)}`);
  }
}
