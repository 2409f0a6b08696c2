import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { PUBLISHED, packageModules } from "../scripts/package-modules";
import { AGENTCORE_MODULE } from "../modules/platform/modules/agentcore";
import { PROJECT_VERSION } from "../app/synthesize";
import { AWS_PROVIDER_MODULE_CONSTRAINT, TERRAFORM_MODULE_CONSTRAINT } from "../lib/versions";
import type { StructuredType } from "../lib/module-io";
import { STRICT_INPUTS_NOTE } from "../lib/docs/module-readme";
import { type Json, ROOT, type Synthesized, synthProject } from "./helpers/synth";
import { describeWithTerraform } from "./helpers/terraform";
import { childOf, validationErrors } from "./helpers/validate-together";

let out: Synthesized;
beforeAll(() => {
  out = synthProject();
});

const ALL = [...PUBLISHED, AGENTCORE_MODULE];

describe.each(ALL.map((d) => [d.path, d] as const))("README of module %s", (name, definition) => {
  let readme: string;
  beforeAll(() => {
    readme = fs.readFileSync(path.join(out.modulesDir, name, "README.md"), "utf8");
  });

  test("starts with what the module creates and a usage block that sets every required input", () => {
    expect(readme.indexOf(definition.description)).toBeLessThan(readme.indexOf("## Usage"));
    const usage = /```hcl\n([\s\S]*?)```/.exec(readme)![1];
    expect(readme.indexOf("## Usage")).toBeLessThan(readme.indexOf("## Inputs"));
    for (const [input, spec] of Object.entries(definition.inputs)) {
      if (spec.default === undefined) expect(usage).toMatch(new RegExp(`^  ${input} +=`, "m"));
    }
  });

  test("the inputs table equals variables.tf.json: names, types, defaults, required, sensitive, descriptions", () => {
    const variables = out.module(name).file("variables.tf.json").variable as Record<string, Json>;
    const rows = readme
      .slice(readme.indexOf("## Inputs"), readme.indexOf("## Outputs"))
      .split("\n")
      .filter((l) => l.startsWith("| `"));
    expect(rows.map((r) => /^\| `([a-z0-9_]+)`/.exec(r)![1])).toEqual(Object.keys(variables));
    for (const row of rows) {
      const cells = row.split(" | ").map((c) => c.replace(/^\| /, "").replace(/ \|$/, ""));
      const v = variables[cells[0].replace(/`/g, "")];
      expect(cells[1]).toBe(v.description.replace(/\|/g, "\\|"));
      const spec = (definition.inputs as Record<string, { type: unknown }>)[cells[0].replace(/`/g, "")];
      expect(cells[2]).toBe(
        typeof spec.type === "string"
          ? `\`${v.type}\``
          : `\`${(spec.type as { summary: string }).summary}\` (see below)`,
      );
      if (typeof spec.type !== "string" && !(spec.type as StructuredType<unknown>).entrySchema)
        expect(readme).toContain(`\`\`\`hcl\n${v.type}\n\`\`\``);
      else if (typeof spec.type !== "string") {
        // Strict inputs are `any`; the type the README shows is the one modules/inputs converts to.
        const typed = out.module(name).file("modules/inputs/variables.tf.json").variable[cells[0].replace(/`/g, "")];
        expect(v.type).toBe("any");
        expect(readme).toContain(`\`\`\`hcl\n${typed.type}\n\`\`\``);
        expect(readme).toContain(STRICT_INPUTS_NOTE);
      }
      expect(cells[3]).toBe("default" in v ? `\`${JSON.stringify(v.default)}\`` : "");
      expect(cells[4]).toBe("default" in v ? "no" : "yes");
      expect(cells[5]).toBe(v.sensitive ? "yes" : "no");
    }
  });

  test("its outputs table lists exactly the module's outputs", () => {
    const outputs = Object.keys(out.module(name).file("outputs.tf.json").output);
    const rows = readme
      .slice(readme.indexOf("## Outputs"))
      .split("\n")
      .filter((l) => /^\| `[a-z0-9_]+` \|/.test(l) && !l.includes("<br>"));
    expect(rows.map((r) => /^\| `([a-z0-9_]+)`/.exec(r)![1])).toEqual(outputs);
  });

  test("ships a LICENSE", () => {
    expect(fs.readFileSync(path.join(out.modulesDir, name, "LICENSE"), "utf8")).toContain("MIT License");
  });
});

test("module READMEs carry the permissions of their roles with the conditions, for any agent", () => {
  const agents = fs.readFileSync(path.join(out.modulesDir, "agents", "README.md"), "utf8");
  expect(agents).toContain("### <name_prefix>-<environment>-<key>-runtime (each agent)");
  expect(agents).toContain("| ArtifactsBucketAccess |");
  expect(agents).toContain("feature artifacts_bucket and artifacts_bucket_arn set");
  expect(agents).toContain("## Secrets and state");
  const platform = fs.readFileSync(path.join(out.modulesDir, "platform", "README.md"), "utf8");
  expect(platform).toContain("| PolicyEngineAccess |");
  expect(fs.readFileSync(path.join(out.modulesDir, "state", "README.md"), "utf8")).not.toContain("## Permissions");
});

describe("packaging", () => {
  let packages: ReturnType<typeof packageModules>;
  const outDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-pkg-")), "packages");
  beforeAll(() => {
    packages = packageModules(out.modulesDir, outDir);
  });

  test("a registry-ready folder and archive per published module, terraform-aws-agentcore-<name>, with version", () => {
    expect(packages.map((p) => p.name)).toEqual([
      "terraform-aws-agentcore-state",
      "terraform-aws-agentcore-platform",
      "terraform-aws-agentcore-agents",
      "terraform-aws-agentcore-workflows",
    ]);
    for (const p of packages) {
      expect(p.version).toBe(PROJECT_VERSION);
      expect(path.basename(p.archive)).toBe(`${p.name}-${PROJECT_VERSION}.tar.gz`);
      for (const f of [
        "README.md",
        "LICENSE",
        "versions.tf.json",
        "variables.tf.json",
        "outputs.tf.json",
        "examples/minimal/main.tf",
      ])
        expect(fs.existsSync(path.join(p.dir, f))).toBe(true);
      const listing = execFileSync("tar", ["-tzf", p.archive], { encoding: "utf8" }).split("\n");
      expect(listing).toEqual(
        expect.arrayContaining([
          `${p.name}/README.md`,
          `${p.name}/versions.tf.json`,
          `${p.name}/examples/minimal/main.tf`,
        ]),
      );
    }
    expect(
      fs.existsSync(path.join(outDir, "terraform-aws-agentcore-platform", "modules", "agentcore", "gateway.tf.json")),
    ).toBe(true);
  });

  test("each package's minimal example parses and sets every required input of the module", async () => {
    for (const [i, p] of packages.entries()) {
      const hcl = await parse("main.tf", fs.readFileSync(path.join(p.dir, "examples/minimal/main.tf"), "utf8"));
      const [call] = Object.values(hcl.module as Record<string, Json[]>)[0];
      expect(call.source).toBe("../..");
      for (const [input, spec] of Object.entries(PUBLISHED[i].inputs))
        if (spec.default === undefined) expect(call[input]).toBeDefined();
    }
  });
});

/** The module each `module` block of an example calls, by its source folder. */
const definitionOf = (source: string) => ALL.find((d) => source.endsWith(`dist/modules/${d.path}`));

describe.each(["minimal", "complete"])("HCL example %s (consumer test)", (example) => {
  let calls: [string, Json][];
  beforeAll(async () => {
    const hcl = await parse("main.tf", fs.readFileSync(path.join(ROOT, "examples", example, "main.tf"), "utf8"));
    calls = Object.entries(hcl.module as Record<string, Json[]>).map(([n, blocks]) => [n, blocks[0]]);
  });

  test("requires the modules' provider floor and Terraform version", () => {
    const text = fs.readFileSync(path.join(ROOT, "examples", example, "main.tf"), "utf8");
    expect(text).toContain(`version = "${AWS_PROVIDER_MODULE_CONSTRAINT}"`);
    expect(text).toContain(`required_version = "${TERRAFORM_MODULE_CONSTRAINT}"`);
  });

  test("parses, and calls the platform, agents and workflows modules by relative source", () => {
    expect(calls.map(([n]) => n)).toEqual(expect.arrayContaining(["platform", "agents", "workflows"]));
    for (const [, call] of calls) expect(call.source).toMatch(/^\.\.\/\.\.\/dist\/modules\//);
  });

  test("every input it sets exists and every required input is set", () => {
    for (const [name, call] of calls) {
      const definition = definitionOf(call.source);
      expect(definition).toBeDefined();
      const { source: _s, ...inputs } = call;
      const known = Object.keys(definition?.inputs ?? {});
      for (const input of Object.keys(inputs))
        expect([name, input, known.includes(input)]).toEqual([name, input, true]);
      for (const [input, spec] of Object.entries(definition?.inputs ?? {}))
        if (spec.default === undefined) expect([name, input, input in inputs]).toEqual([name, input, true]);
    }
  });
});

describeWithTerraform("HCL examples with terraform", (tool) => {
  test.each(["minimal", "complete"])(
    "%s: terraform validate passes except for the AgentCore resources the offline provider lacks",
    (example) => {
      // Validated with every stack and module in one run (helpers/global-setup.ts), the modules it
      // calls pinned to the offline provider for this check only.
      const { skipped, errors } = validationErrors(childOf.example(example));
      if (skipped) throw new Error(`the shared terraform validate did not run: ${skipped}`);
      const lacking = [
        ...new Set(errors.map((e) => /resource type "([a-z0-9_]+)"/.exec(e)?.[1] ?? `UNEXPECTED: ${e}`)),
      ].sort();
      console.warn(
        `${example}: terraform validate with hashicorp/aws ${tool.awsVersion}: no error other than resource types ` +
          `this provider lacks (the module needs ${AWS_PROVIDER_MODULE_CONSTRAINT}): ${lacking.join(", ") || "none"}`,
      );
      for (const t of lacking) expect(t).toMatch(/^aws_bedrockagentcore_/);
    },
  );
});
