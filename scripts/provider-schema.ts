/**
 * Writes the provider schema the conformance test (`__tests__/provider-schema.test.ts`) checks
 * every generated resource against: `__tests__/fixtures/provider-schema/hashicorp-aws-<version>.json`.
 *
 * Source of truth (docs/adr/0005-provider-schema-source.md): the jsii assembly of the prebuilt
 * CDK Terrain provider package `@cdktn/provider-aws`, generated from `terraform providers schema`
 * of the hashicorp/aws version it names. It is used as data only (its constructs need cdktn); the
 * offline provider mirror here holds an older hashicorp/aws without the AgentCore types, and the
 * Terraform registry is unreachable.
 *
 *   npm run provider-schema            # downloads the package (about 46 MB) once, into a temp folder
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const SCHEMA_PACKAGE = { name: "@cdktn/provider-aws", version: "25.7.0" } as const;
export const SCHEMA_DIR = path.join(__dirname, "..", "__tests__", "fixtures", "provider-schema");

/** A block of a resource's schema: its attributes and nested blocks, each required or not. */
export interface SchemaBlock {
  readonly attributes: Record<string, { readonly required: boolean; readonly object?: SchemaBlock }>;
  readonly blocks: Record<string, SchemaBlock & { readonly required: boolean; readonly list: boolean }>;
}

export interface ProviderSchema {
  readonly provider: string;
  readonly version: string;
  readonly source: string;
  readonly resources: Record<string, SchemaBlock>;
  readonly data_sources: Record<string, SchemaBlock>;
  readonly ephemeral_resources: Record<string, SchemaBlock>;
}

type JsiiType = {
  kind?: string;
  datatype?: boolean;
  properties?: JsiiProp[];
  interfaces?: string[];
  initializer?: { parameters?: { name: string; type: { fqn?: string } }[] };
};
type JsiiProp = {
  name: string;
  optional?: boolean;
  static?: boolean;
  type: JsiiTypeRef;
  docs?: { summary?: string; remarks?: string };
};
type JsiiTypeRef = {
  primitive?: string;
  fqn?: string;
  collection?: { kind: string; elementtype: JsiiTypeRef };
  union?: { types: JsiiTypeRef[] };
};

const META = new Set(["connection", "count", "dependsOn", "forEach", "lifecycle", "provider", "provisioners"]);

/** The Terraform name of a property: the anchor of its registry docs link. */
const tfName = (p: JsiiProp) =>
  /docs\/[a-z-]+\/[a-z0-9_]+#([A-Za-z0-9_]+)/.exec(`${p.docs?.summary ?? ""} ${p.docs?.remarks ?? ""}`)?.[1] ?? p.name;

function structOf(types: Record<string, JsiiType>, t: JsiiTypeRef): { fqn: string; list: boolean } | undefined {
  if (t.fqn && types[t.fqn]?.datatype) return { fqn: t.fqn, list: false };
  if (t.collection) {
    const s = structOf(types, t.collection.elementtype);
    return s && { ...s, list: true };
  }
  for (const u of t.union?.types ?? []) {
    const s = structOf(types, u);
    if (s) return s;
  }
  return undefined;
}

function blockOf(types: Record<string, JsiiType>, fqn: string, seen: Set<string> = new Set()): SchemaBlock {
  const type = types[fqn];
  const props = [...(type.properties ?? [])];
  for (const i of type.interfaces ?? []) if (!/^(cdktn|cdktf)\./.test(i)) props.push(...(types[i]?.properties ?? []));
  const block: SchemaBlock = { attributes: {}, blocks: {} };
  for (const p of props) {
    if (META.has(p.name) && (type.interfaces ?? []).some((i) => /TerraformMetaArguments/.test(i))) continue;
    const name = tfName(p);
    const struct = structOf(types, p.type);
    if (!struct || seen.has(struct.fqn)) {
      block.attributes[name] = { required: !p.optional };
      continue;
    }
    const inner = blockOf(types, struct.fqn, new Set(seen).add(fqn));
    // The generator marks blocks "<name> block"; an object-typed attribute (e.g. the runtime's
    // lifecycle_configuration) has no such summary.
    if (/\bblock\b/.test(p.docs?.summary ?? ""))
      block.blocks[name] = { ...inner, required: !p.optional, list: struct.list };
    else block.attributes[name] = { required: !p.optional, object: inner };
  }
  return block;
}

/** The schema of every type whose name `keep` accepts, from a jsii assembly. */
export function extractSchema(
  assembly: { types: Record<string, JsiiType> },
  keep: (kind: string, type: string) => boolean,
  version: string,
  source: string,
): ProviderSchema {
  const schema: ProviderSchema = {
    provider: "registry.terraform.io/hashicorp/aws",
    version,
    source,
    resources: {},
    data_sources: {},
    ephemeral_resources: {},
  };
  for (const t of Object.values(assembly.types)) {
    if (t.kind !== "class" || !(t.properties ?? []).some((p) => p.name === "tfResourceType" && p.static)) continue;
    const config = t.initializer?.parameters?.find((p) => p.name === "config")?.type.fqn;
    if (!config) continue;
    const link = /docs\/(resources|data-sources|ephemeral-resources)\/([a-z0-9_]+)#/.exec(
      JSON.stringify(assembly.types[config]),
    );
    if (!link) continue;
    const kind = (
      { resources: "resources", "data-sources": "data_sources", "ephemeral-resources": "ephemeral_resources" } as const
    )[link[1] as "resources"];
    const name = `aws_${link[2]}`;
    if (keep(kind, name)) schema[kind][name] = blockOf(assembly.types, config);
  }
  for (const kind of ["resources", "data_sources", "ephemeral_resources"] as const) {
    (schema as unknown as Record<string, unknown>)[kind] = Object.fromEntries(
      Object.entries(schema[kind]).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return schema;
}

/** Every resource, data source and ephemeral type a synthesis of the tests' project emits. */
export function emittedTypes(): Set<string> {
  const { synthesize } = require("../app/synthesize") as typeof import("../app/synthesize");
  const fixture = path.join(__dirname, "..", "__tests__", "fixtures", "project");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-schema-"));
  fs.cpSync(fixture, dir, { recursive: true });
  const out = synthesize({
    rootDir: dir,
    outdir: path.join(dir, "out"),
    modulesDir: path.join(dir, "modules"),
    envFile: path.join(dir, "config", "environments", "example.yaml"),
    warn: () => undefined,
  });
  const types = new Set<string>();
  const files = [
    ...out.stacks.map((s) => path.join(out.outdir, "stacks", s, "cdk.tf.json")),
    ...(fs.readdirSync(out.modulesDir, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".tf.json"))
      .map((f) => path.join(out.modulesDir, f)),
  ];
  for (const f of files) {
    const json = JSON.parse(fs.readFileSync(f, "utf8"));
    for (const [kind, prefix] of [
      ["resource", "resources"],
      ["data", "data_sources"],
      ["ephemeral", "ephemeral_resources"],
    ])
      for (const t of Object.keys(json[kind] ?? {})) types.add(`${prefix}/${t}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return types;
}

if (require.main === module) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-provider-"));
  const spec = `${SCHEMA_PACKAGE.name}@${SCHEMA_PACKAGE.version}`;
  const tarball = execFileSync("npm", ["pack", spec, "--silent"], { cwd: work, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  execFileSync("tar", ["-xzf", tarball, "package/package.json", "package/.jsii"], { cwd: work });
  const pkg = JSON.parse(fs.readFileSync(path.join(work, "package", "package.json"), "utf8"));
  const version: string = pkg.cdktn?.provider?.version ?? pkg.cdktf?.provider?.version;
  const used = emittedTypes();
  const schema = extractSchema(
    JSON.parse(fs.readFileSync(path.join(work, "package", ".jsii"), "utf8")),
    (kind, type) =>
      kind === "ephemeral_resources" || type.startsWith("aws_bedrockagentcore_") || used.has(`${kind}/${type}`),
    version,
    `${spec} (.jsii assembly)`,
  );
  fs.mkdirSync(SCHEMA_DIR, { recursive: true });
  const file = path.join(SCHEMA_DIR, `hashicorp-aws-${version}.json`);
  fs.writeFileSync(file, `${JSON.stringify(schema, null, 1)}\n`);
  fs.rmSync(work, { recursive: true, force: true });
  console.log(
    `wrote ${path.relative(process.cwd(), file)}: ${Object.keys(schema.resources).length} resources, ` +
      `${Object.keys(schema.data_sources).length} data sources, ` +
      `${Object.keys(schema.ephemeral_resources).length} ephemeral resources of hashicorp/aws ${version}`,
  );
}
