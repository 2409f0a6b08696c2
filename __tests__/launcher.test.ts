import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, scratchProject } from "./helpers/synth";
import { ENV, SUPPORT, WORKFLOW, replace, write } from "./bad-inputs/edits";

/**
 * `npm run synth` and cdktf's `app` run `bin/synth.js`: main.ts bundled to JavaScript, rebuilt
 * whenever a source changed, with the caches of lib/cache.ts. These tests run it on a copy of the
 * code (sharing this node_modules), so that editing a source never touches the repository.
 */
const code = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-code-"));
for (const entry of [
  "app",
  "lib",
  "modules",
  "bin",
  "main.ts",
  "package.json",
  "package-lock.json",
  "LICENSE",
  "tsconfig.json",
]) {
  fs.cpSync(path.join(ROOT, entry), path.join(code, entry), { recursive: true });
}
fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(code, "node_modules"));

const project = scratchProject();
const probe = path.join(code, "loaded-modules.js");
// Records, at exit, every package the synthesis loaded.
fs.writeFileSync(
  probe,
  `process.on("exit", () => require("fs").writeFileSync(process.env.LOADED_FILE, ` +
    "JSON.stringify(Object.keys(require.cache))));\n",
);

function synth(env: NodeJS.ProcessEnv = {}) {
  const loaded = path.join(code, `loaded-${Date.now()}.json`);
  const r = spawnSync("node", ["--require", probe, path.join(code, "bin", "synth.js")], {
    cwd: code,
    encoding: "utf8",
    env: { ...process.env, AGENTCORE_ROOT: project, AGENTCORE_NO_CACHE: "", LOADED_FILE: loaded, ...env },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`bin/synth.js failed:\n${r.stdout}\n${r.stderr}`);
  const packages = JSON.parse(fs.readFileSync(loaded, "utf8")) as string[];
  return {
    ...r,
    packages: (name: string) =>
      packages.some((f) => f.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`)),
  };
}

const read = (file: string) => fs.readFileSync(path.join(project, file), "utf8");
/** Every file of both output trees, by path. */
function outputs(): Record<string, string> {
  const all: Record<string, string> = {};
  for (const tree of ["cdktf.out", path.join("dist", "modules")]) {
    for (const f of fs.readdirSync(path.join(project, tree), { recursive: true }) as string[]) {
      const full = path.join(project, tree, f);
      if (fs.statSync(full).isFile() && !f.endsWith("manifest.json"))
        all[path.join(tree, f)] = fs.readFileSync(full, "utf8");
    }
  }
  return all;
}

describe("bin/synth.js", () => {
  test("an edited .ts file is synthesized: a stale bundle never runs", () => {
    synth();
    const variables = path.join("dist", "modules", "state", "variables.tf.json");
    expect(read(variables)).not.toContain("edited in a test");
    const source = path.join(code, "modules", "state", "index.ts");
    const text = fs.readFileSync(source, "utf8");
    const original = "Name of the S3 bucket that will hold Terraform state.";
    expect(text).toContain(original);
    fs.writeFileSync(source, text.replace(original, "Name of the state bucket (edited in a test)."));
    synth();
    expect(JSON.parse(read(variables)).variable.bucket_name.description).toBe(
      "Name of the state bucket (edited in a test).",
    );
  });

  test("an edited blueprint is synthesized: the inputs cache follows the files", () => {
    synth();
    const agentFile = path.join(
      project,
      "blueprints",
      "agents",
      fs.readdirSync(path.join(project, "blueprints", "agents"))[0],
    );
    const text = fs.readFileSync(agentFile, "utf8");
    expect(text).toMatch(/^description: .+$/m);
    fs.writeFileSync(agentFile, text.replace(/^description: .+$/m, "description: Changed by the launcher test"));
    synth();
    expect(read(path.join("cdktf.out", "stacks", "agents", "cdk.tf.json"))).toContain("Changed by the launcher test");
  });

  test("unchanged input loads none of zod, yaml, cedar-wasm, archiver; without caches, the first three load", () => {
    synth();
    const warm = synth();
    for (const name of ["zod", "yaml", "@cedar-policy", "archiver-utils"])
      expect([name, warm.packages(name)]).toEqual([name, false]);
    const cold = synth({ AGENTCORE_NO_CACHE: "1" });
    for (const name of ["zod", "yaml", "@cedar-policy"]) expect([name, cold.packages(name)]).toEqual([name, true]);
  });

  test("the caches change nothing: a run without them writes the same files", () => {
    synth();
    const warm = outputs();
    synth({ AGENTCORE_NO_CACHE: "1" });
    expect(outputs()).toEqual(warm);
    expect(Object.keys(warm).length).toBeGreaterThan(20);
  });

  test("no secret reaches the output, logs or caches: canary values in every place a secret may come from", () => {
    const canary = "CANARY-7f3e9a1c-do-not-print";
    const secrets = {
      TF_VAR_litellm_api_key: canary,
      TF_VAR_anthropic_api_key: canary,
      TF_VAR_langfuse_secret_key: canary,
      LITELLM_API_KEY: canary,
      ANTHROPIC_API_KEY: canary,
      AWS_SECRET_ACCESS_KEY: canary,
    };
    const ok = synth(secrets);
    const cacheDir = path.join(ROOT, "node_modules", ".cache", "agentcore");
    const everything = [
      ok.stdout,
      ok.stderr,
      ...Object.values(outputs()),
      ...fs.readdirSync(cacheDir).map((f) => fs.readFileSync(path.join(cacheDir, f), "utf8")),
    ];
    expect(everything.filter((text) => text.includes(canary))).toEqual([]);

    // A canary secret in any free text of the inputs is refused without echoing it, on the command
    // line too, and leaves no trace: the outputs are unchanged and nothing derived from it is cached.
    const before = outputs();
    const inputs = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-inputs-"));
    for (const dir of ["config", "blueprints"])
      fs.cpSync(path.join(project, dir), path.join(inputs, dir), { recursive: true });
    const restore = () => {
      for (const dir of ["config", "blueprints"]) {
        fs.rmSync(path.join(project, dir), { recursive: true });
        fs.cpSync(path.join(inputs, dir), path.join(project, dir), { recursive: true });
      }
    };
    const key = `sk-ant-${canary}`;
    const mcp = (auth: string, endpoint = "https://mcp.example.com/mcp") =>
      write(
        "blueprints/gateway/targets/Search.yaml",
        `name: Search\ndescription: x\nmcp_server: { endpoint: "${endpoint}" }\nauth:\n${auth}` +
          "tools: [{ name: search }]\n",
      );
    const cases: [string, (dir: string) => void][] = [
      [
        "environment.UPSTREAM_AUTH",
        write(
          "blueprints/agents/canary.yaml",
          "key: canary\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\nenvironment:\n" +
            `  UPSTREAM_AUTH: ${key}\n`,
        ),
      ],
      [
        "memory.strategies.0.override.extraction.prompt",
        write(
          "blueprints/agents/canary.yaml",
          "key: canary\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\nmemory:\n  strategies:\n" +
            "    - { name: custom, type: CUSTOM, namespace: /facts, override: { type: SEMANTIC_OVERRIDE, extraction: " +
            `{ model: anthropic.claude-3-5-haiku-20241022-v1:0, prompt: "Use ${key}" } } }\n`,
        ),
      ],
      ["description", replace(SUPPORT, "description: Answers customer questions", `description: ${key} answers`)],
      ["auth.api_key.prefix", mcp(`  api_key: { prefix: "Bearer ${key}" }\n`)],
      ["mcp_server.endpoint", mcp("  none: true\n", `https://${canary}@mcp.example.com/mcp`)],
      [
        "auth.oauth.custom_parameters.client_secret",
        mcp(
          "  oauth:\n    discovery_url: https://login.example.com/.well-known/openid-configuration\n" +
            `    custom_parameters: { client_secret: ${canary} }\n`,
        ),
      ],
      ["steps.triage.input.mode", replace(WORKFLOW, "      mode: triage\n", `      mode: ${key}\n`)],
      ["tags.Owner", replace(ENV, "  Owner: platform-team\n", `  Owner: ${key}\n`)],
      ["line 1", write("blueprints/gateway/policies/canary.cedar", `// ${key}\n`)],
    ];
    for (const [field, edit] of cases) {
      edit(project);
      const failed = spawnSync("node", [path.join(code, "bin", "synth.js")], {
        cwd: code,
        encoding: "utf8",
        env: { ...process.env, ...secrets, AGENTCORE_ROOT: project, AGENTCORE_NO_CACHE: "" },
      });
      restore();
      const named = new RegExp(`: ${field.replace(/\./g, "\\.")}( \\(line \\d+\\))?: `);
      expect([field, failed.status, failed.stderr]).toEqual([field, 1, expect.stringMatching(named)]);
      expect([field, failed.stdout + failed.stderr]).toEqual([field, expect.not.stringContaining(canary)]);
    }
    expect(outputs()).toEqual(before);
    const cached = fs.readdirSync(cacheDir).map((f) => fs.readFileSync(path.join(cacheDir, f), "utf8"));
    expect(cached.filter((text) => text.includes(canary))).toEqual([]);
  });

  test("archiver, deferred at start, loads on first use and works", () => {
    const script = `
      const file = require(${JSON.stringify(path.join(ROOT, "bin", "defer-archiver.js"))}).deferArchiver();
      const before = require.cache[file].loaded && !require.cache[file].children.length;
      const archiver = require(file);
      const zip = archiver("zip");
      const registered = archiver.isRegisteredFormat("zip");
      console.log(JSON.stringify({ before, append: typeof zip.append, registered }));`;
    const r = spawnSync("node", ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ before: true, append: "function", registered: true });
  });
});
