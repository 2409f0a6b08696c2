import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { providerFree, STUB_PREFIX, unstub, wantsOfflineProvider } from "./provider-free";
import { INPUTS_MODULE } from "../../lib/hosts/strict-inputs";

const STRICT_INPUTS_FOLDER = INPUTS_MODULE.folder;
const STRICT_INPUTS_CALL = INPUTS_MODULE.name;

/**
 * Runs the terraform CLI on generated configuration, offline: providers come only from a
 * filesystem mirror already on the machine (`$AGENTCORE_TF_PROVIDER_MIRROR`, default
 * /opt/tf-plugins); direct downloads are disabled. Where terraform or the mirror is missing the
 * tests that need it are skipped with the reason printed.
 *
 * The mirror may hold an older hashicorp/aws than the generated pin; the configuration is then
 * checked against the mirror's version and `pinnedVersionReplaced` says so.
 */
export interface TerraformTool {
  readonly available: boolean;
  readonly reason: string;
  readonly mirror: string;
  readonly awsVersion: string;
}

let cached: TerraformTool | undefined;

export function terraformTool(): TerraformTool {
  if (cached) return cached;
  const mirror = process.env.AGENTCORE_TF_PROVIDER_MIRROR || "/opt/tf-plugins";
  const version = spawnSync("terraform", ["version", "-json"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    cached = { available: false, reason: "no terraform CLI on PATH", mirror, awsVersion: "" };
    return cached;
  }
  const awsDir = path.join(mirror, "registry.terraform.io", "hashicorp", "aws");
  const versions = fs.existsSync(awsDir) ? fs.readdirSync(awsDir).sort(compareVersions) : [];
  if (versions.length === 0) {
    cached = {
      available: false,
      reason: `no offline hashicorp/aws provider under ${mirror} (set AGENTCORE_TF_PROVIDER_MIRROR)`,
      mirror,
      awsVersion: "",
    };
    return cached;
  }
  cached = { available: true, reason: "", mirror, awsVersion: versions[versions.length - 1] };
  return cached;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** `describe` that runs its tests only where terraform is usable, and says why not otherwise. */
export function describeWithTerraform(name: string, body: (tool: TerraformTool) => void): void {
  const tool = terraformTool();
  if (!tool.available) {
    // Printed so that a skip is never mistaken for a pass.
    console.warn(`SKIPPED "${name}": ${tool.reason}`);
  }
  (tool.available ? describe : describe.skip)(name, () => body(tool));
}

export interface TerraformRun {
  readonly dir: string;
  readonly pinnedVersionReplaced: string | undefined;
  run(args: string[]): { status: number; stdout: string; stderr: string };
  /** The same as `run`, without blocking: for the global setup, which synthesizes meanwhile. */
  runAsync(args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
}

/**
 * Copies a configuration into a scratch folder prepared for offline use: backend removed, the aws
 * provider constraint set to the mirror's version, `init -backend=false` done.
 */
export function prepareTerraform(
  given: Record<string, object>,
  tool = terraformTool(),
  options: { realProvider?: boolean; beforeInit?: (dir: string) => void } = {},
): TerraformRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-tf-"));
  let pinnedVersionReplaced: string | undefined;
  // A root meant for an offline plan is planned provider-free unless the provider itself is the point.
  const files = wantsOfflineProvider(given) && !options.realProvider ? providerFree(given) : given;
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    const json = JSON.parse(JSON.stringify(body));
    const tfBlock = json.terraform;
    if (tfBlock) {
      delete tfBlock.backend;
      const aws = tfBlock.required_providers?.aws;
      if (aws && aws.version !== tool.awsVersion) {
        pinnedVersionReplaced = aws.version;
        aws.version = tool.awsVersion;
      }
    }
    fs.writeFileSync(path.join(dir, name), JSON.stringify(json, null, 2));
  }
  const cliConfig = path.join(dir, ".terraformrc");
  fs.writeFileSync(
    cliConfig,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${tool.mirror}"\n` +
      '    include = ["registry.terraform.io/*/*"]\n  }\n' +
      '  direct {\n    exclude = ["registry.terraform.io/*/*"]\n  }\n}\n',
  );
  const env = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    // Placeholder credentials so the provider configures offline; nothing is ever called.
    AWS_ACCESS_KEY_ID: "offline-plan",
    AWS_SECRET_ACCESS_KEY: "offline-plan",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  const run = (args: string[]) => {
    const t0 = Date.now();
    const r = spawnSync("terraform", [...args], { cwd: dir, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (process.env.AGENTCORE_TF_TIMINGS) logTiming(process.env.AGENTCORE_TF_TIMINGS, args[0], Date.now() - t0);
    return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  };
  options.beforeInit?.(dir);
  // A root with neither providers to install nor modules to link plans without init (0.3 s saved).
  if (Object.values(files).some(needsInit)) {
    const init = run(["init", "-backend=false", "-input=false", "-no-color"]);
    if (init.status !== 0) throw new Error(`terraform init failed in ${dir}:\n${init.stdout}\n${init.stderr}`);
  }
  const runAsync = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      const child = spawn("terraform", args, { cwd: dir, env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => {
        stdout += d;
      });
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      child.on("close", (code) => resolve({ status: code ?? 1, stdout, stderr }));
    });
  return { dir, pinnedVersionReplaced, run, runAsync };
}

/** Whether a file of a root needs `terraform init`: a module call, a provider, or a block of a provider's type. */
function needsInit(body: any): boolean {
  if (body.module || body.terraform?.required_providers || Object.keys(body.provider ?? {}).length) return true;
  const blocks = ["resource", "data", "ephemeral"].flatMap((kind) => Object.keys(body[kind] ?? {}));
  return blocks.some((type) => type !== "terraform_data");
}

/** One line per terraform run (test file, command, milliseconds, test name), to see where a suite's time goes. */
function logTiming(file: string, command: string, ms: number): void {
  // The global setup runs outside any test: it has no `expect`.
  const { testPath, currentTestName } =
    typeof expect === "undefined" ? { testPath: "global-setup", currentTestName: "" } : expect.getState();
  fs.appendFileSync(file, `${path.basename(testPath ?? "")}\t${command}\t${ms}\t${currentTestName}\n`);
}

let schemaTypes: Set<string> | undefined;

/**
 * The resource and data source types the mirror's hashicorp/aws knows (`resource.aws_x`,
 * `data.aws_y`), to tell which generated configuration it can check at all.
 */
export function mirrorProviderTypes(tool = terraformTool()): Set<string> {
  if (schemaTypes) return schemaTypes;
  // Listing them loads the provider (≈ 5 s): once per machine and provider version, not per test file.
  const cacheFile = path.join(os.tmpdir(), `agentcore-mirror-types-${tool.awsVersion}.json`);
  if (fs.existsSync(cacheFile)) {
    schemaTypes = new Set(JSON.parse(fs.readFileSync(cacheFile, "utf8")));
    return schemaTypes;
  }
  const tf = prepareTerraform(
    {
      "versions.tf.json": {
        terraform: { required_providers: { aws: { source: "hashicorp/aws", version: tool.awsVersion } } },
      },
    },
    tool,
  );
  const r = tf.run(["providers", "schema", "-json"]);
  if (r.status !== 0) throw new Error(`terraform providers schema failed:\n${r.stderr}`);
  const schema = JSON.parse(r.stdout).provider_schemas["registry.terraform.io/hashicorp/aws"];
  schemaTypes = new Set([
    ...Object.keys(schema.resource_schemas).map((t) => `resource.${t}`),
    ...Object.keys(schema.data_source_schemas).map((t) => `data.${t}`),
  ]);
  const staging = `${cacheFile}.${process.pid}`;
  fs.writeFileSync(staging, JSON.stringify([...schemaTypes]));
  fs.renameSync(staging, cacheFile);
  return schemaTypes;
}

/** The resource and data source types a configuration uses that the mirror's provider lacks. */
export function unsupportedTypes(files: Record<string, any>, tool = terraformTool()): string[] {
  const known = mirrorProviderTypes(tool);
  const used = new Set<string>();
  for (const body of Object.values(files)) {
    for (const kind of ["resource", "data"])
      for (const type of Object.keys(body[kind] ?? {})) used.add(`${kind}.${type}`);
  }
  return [...used].filter((t) => t.includes(".aws_") && !known.has(t)).sort();
}

/** Provider settings that let `terraform plan` run with no AWS account (no API call is made). */
export function offlineProvider(region: string): object {
  return {
    provider: {
      aws: [
        {
          region,
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
          skip_region_validation: true,
        },
      ],
    },
  };
}

/**
 * The part of a module's files that the offline provider can plan: variables, locals, data
 * sources and the resources `keep` accepts; outputs and module calls are dropped. What is left
 * must not reference what was dropped, or terraform says so.
 */
export function isolate(
  files: Record<string, any>,
  keep: (type: string, name: string) => boolean,
): Record<string, any> {
  const out: Record<string, any> = {};
  // Data sources that need no AWS call; anything else (SSM parameters...) cannot be read offline.
  const offlineData = new Set(["aws_partition", "aws_region", "aws_caller_identity"]);
  for (const [file, body] of Object.entries(files)) {
    // The child that converts the strict inputs (docs/adr/0010-strict-module-inputs.md) is kept: it
    // holds their value checks, and the resources read its outputs. Other child modules are not.
    if (file.startsWith(`${STRICT_INPUTS_FOLDER}/`)) {
      out[file] = body;
      continue;
    }
    if (file.includes("/")) continue;
    // Ephemeral resources are opened at plan time (an AWS call): never kept.
    const { output: _o, module, resource, data, ephemeral: _e, ...rest } = body;
    if (module?.[STRICT_INPUTS_CALL]) rest.module = { [STRICT_INPUTS_CALL]: module[STRICT_INPUTS_CALL] };
    const keptData = Object.fromEntries(
      Object.entries((data ?? {}) as Record<string, unknown>).filter(([type]) => offlineData.has(type)),
    );
    if (Object.keys(keptData).length) rest.data = keptData;
    const kept: Record<string, any> = {};
    for (const [type, byName] of Object.entries((resource ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const [name, block] of Object.entries(byName)) if (keep(type, name)) (kept[type] ??= {})[name] = block;
    }
    out[file] = { ...rest, ...(Object.keys(kept).length ? { resource: kept } : {}) };
  }
  // Locals that read a dropped resource are dropped with it.
  const dropped = Object.values(files).flatMap((body) =>
    Object.entries((body.resource ?? {}) as Record<string, Record<string, unknown>>).flatMap(([type, byName]) =>
      Object.keys(byName)
        .filter((name) => !keep(type, name))
        .map((name) => `${type}.${name}`),
    ),
  );
  for (const body of Object.values(out)) {
    if (!body.locals) continue;
    body.locals = Object.fromEntries(
      Object.entries(body.locals).filter(([, v]) => !dropped.some((d) => JSON.stringify(v).includes(d))),
    );
  }
  return out;
}

/** `terraform plan` with variables, returning `planned_values.root_module.resources`. */
export function planResources(
  tf: TerraformRun,
  vars: Record<string, unknown>,
): { address: string; type: string; name: string; index?: number; values: any }[] {
  fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify(vars));
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"]);
  if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stdout}\n${plan.stderr}`);
  return showPlan(tf).planned_values.root_module.resources ?? [];
}

/**
 * `terraform show -json` of the last saved plan (`plan.bin`), with the stubs of a provider-free
 * root shown as the resources they stand for, in the root module and in every child module.
 */
export function showPlan(tf: TerraformRun, planFile = "plan.bin"): any {
  const shown = tf.run(["show", "-json", planFile]);
  if (shown.status !== 0) throw new Error(`terraform show failed:\n${shown.stderr}`);
  const plan = JSON.parse(shown.stdout);
  const visit = (module: any) => {
    if (!module) return;
    if (module.resources) module.resources = module.resources.map(unstub);
    for (const child of module.child_modules ?? []) visit(child);
  };
  visit(plan.planned_values?.root_module);
  return plan;
}

/** A JSON-syntax template string as a native-syntax quoted template: literal text escaped, interpolations kept. */
function quoteTemplate(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if ((text[i] === "$" || text[i] === "%") && text[i + 1] === "{" && text[i - 1] !== text[i]) {
      let depth = 0;
      let inString = false;
      let j = i + 1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (inString) {
          if (c === "\\") j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === "{") depth++;
        else if (c === "}" && --depth === 0) break;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      const c = text[i++];
      out += c === '"' ? '\\"' : c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c;
    }
  }
  return `"${out}"`;
}

/**
 * A resource body (JSON syntax) as one HCL value: attributes and blocks become object fields,
 * `dynamic` blocks become `for` expressions over their `for_each` (with `<iterator>.key/.value`
 * renamed to loop variables), so that terraform evaluates every expression a block holds.
 */
export function bodyAsHcl(body: unknown, renames: [RegExp, string][] = []): string {
  const rename = (text: string) => renames.reduce((t, [re, to]) => t.replace(re, to), text);
  if (typeof body === "string") {
    const m = /^\$\{([\s\S]*)\}$/.exec(body);
    if (m && !/\}[^{]*\$\{/.test(m[1])) return `(${rename(m[1])})`;
    return quoteTemplate(rename(body));
  }
  if (body === null || typeof body !== "object") return JSON.stringify(body);
  if (Array.isArray(body)) return `[${body.map((b) => bodyAsHcl(b, renames)).join(", ")}]`;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key !== "dynamic") {
      fields.push(`${JSON.stringify(key)} = ${bodyAsHcl(value, renames)}`);
      continue;
    }
    for (const [block, specs] of Object.entries(value as Record<string, any>)) {
      for (const spec of [specs].flat()) {
        const it = spec.iterator ?? block;
        const inner: [RegExp, string][] = [
          ...renames,
          [new RegExp(`\\b${it}\\.value\\b`, "g"), `${it}_value`],
          [new RegExp(`\\b${it}\\.key\\b`, "g"), `${it}_key`],
        ];
        fields.push(
          `${JSON.stringify(block)} = [for ${it}_key, ${it}_value in ${bodyAsHcl(spec.for_each, renames)} : ` +
            `${bodyAsHcl(spec.content, inner)}]`,
        );
      }
    }
  }
  return `{ ${fields.join(", ")} }`;
}

/**
 * Evaluates attributes of resources the offline provider cannot plan (the AgentCore types):
 * each listed resource becomes a `terraform_data` with the same `for_each`/`count` whose `input`
 * holds the attributes (blocks included, see `bodyAsHcl`), so that terraform itself computes them.
 * `substitute` replaces references to resources that cannot be planned by test values (HCL text).
 * Returns, per resource address, the planned `input` of every instance with its key.
 */
export function probeAttributes(
  files: Record<string, any>,
  probes: { type: string; name: string; attributes: string[] }[],
  vars: Record<string, unknown>,
  keep: (type: string, name: string) => boolean,
  tool = terraformTool(),
  substitute: Record<string, string> = {},
): Record<string, { key: string | number | undefined; input: Record<string, any>; sensitive: unknown }[]> {
  const part = isolate(files, keep);
  const resources: Record<string, any> = {};
  const substituted = (text: string) =>
    Object.entries(substitute).reduce((t, [from, to]) => t.split(from).join(to), text);
  for (const { type, name, attributes } of probes) {
    const body = Object.values(files).find((f) => f.resource?.[type]?.[name])?.resource[type][name];
    if (!body) throw new Error(`no ${type}.${name} to probe`);
    const picked = Object.fromEntries(attributes.map((a) => [a, a.split(".").reduce((v: any, k) => v?.[k], body)]));
    resources[`${type}__${name}`] = {
      ...(body.for_each !== undefined ? { for_each: substituted(body.for_each) } : {}),
      ...(body.count !== undefined ? { count: substituted(String(body.count)) } : {}),
      input: `\${${substituted(bodyAsHcl(picked))}}`,
    };
  }
  const tf = prepareTerraform(
    {
      ...part,
      "probe.tf.json": { resource: { terraform_data: resources } },
      "provider.tf.json": offlineProvider("us-east-1"),
    },
    tool,
  );
  fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify(vars));
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"]);
  if (plan.status !== 0) throw new Error(`terraform plan failed:\n${plan.stdout}\n${plan.stderr}`);
  const planned = JSON.parse(tf.run(["show", "-json", "plan.bin"]).stdout).planned_values.root_module.resources ?? [];
  const out: Record<string, { key: string | number | undefined; input: Record<string, any>; sensitive: unknown }[]> =
    {};
  for (const r of planned.filter((p: any) => p.type === "terraform_data" && !p.name.startsWith(STUB_PREFIX))) {
    const [type, name] = r.name.split("__");
    (out[`${type}.${name}`] ??= []).push({ key: r.index, input: r.values.input, sensitive: r.sensitive_values?.input });
  }
  return out;
}

/** `terraform plan` that is expected to fail; returns its error output with whitespace collapsed. */
export function planError(tf: TerraformRun, vars: Record<string, unknown>): string {
  fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify(vars));
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false"]);
  if (plan.status === 0) throw new Error("terraform plan succeeded where it should fail");
  return plan.stderr.replace(/\s+/g, " ");
}
