/**
 * The one test that reads the shipped example (`config/`, `blueprints/`): it synthesizes and its
 * policy scenarios hold. Every other test uses its own project under `__tests__/fixtures/`, so an
 * adopter who replaces the example with their own keeps a green suite, and this test checks theirs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { loadBlueprints } from "../lib/config/blueprints";
import { policyScenarios } from "../scripts/policies-test";
import { ROOT, readSynthesized, scratchProject } from "./helpers/synth";
import { synthesize } from "../app/synthesize";
import { SECRET_VALUE_PATTERNS } from "../lib/secrets";

const ENV = path.join("config", "environments", "example.yaml");

test("the shipped example synthesizes every stack and module, and its shape stays out of the registry modules", () => {
  const dir = scratchProject(ROOT);
  const out = readSynthesized(
    dir,
    synthesize({
      rootDir: dir,
      envFile: path.join(dir, ENV),
      outdir: path.join(dir, "cdktf.out"),
      modulesDir: path.join(dir, "dist", "modules"),
      warn: () => undefined,
    }),
  );
  expect(out.stacks).toEqual(["state", "platform", "agents", "workflows"]);
  const blueprints = loadBlueprints(path.join(dir, "blueprints"), dir);
  const names = [
    ...blueprints.agents.flatMap((a) => [
      a.key,
      ...a.credentials.api_keys,
      ...a.credentials.oauth2.map((o) => o.name),
      ...(a.image_tag === "latest" ? [] : [a.image_tag]),
    ]),
    ...blueprints.gatewayTargets.flatMap((t) => [
      t.name,
      ...(t.lambda ? [t.lambda.function] : []),
      ...t.tools.map((tool) => tool.name),
    ]),
    ...blueprints.policies.flatMap((f) => f.policies.map((p) => p.id)),
    ...blueprints.workflows.map((w) => w.name),
  ];
  // The secret-value patterns the agents module checks environment values with name token
  // formats (`github_pat_`), not the example's shape: left out of the text searched.
  const withoutPatterns = (text: string) => SECRET_VALUE_PATTERNS.reduce((t, p) => t.split(p.pattern).join(""), text);
  const moduleText = Object.entries(Object.fromEntries(out.modules.map((m) => [m, out.module(m).tree()]))).map(
    ([m, files]) => [m, withoutPatterns(JSON.stringify(files))] as const,
  );
  for (const name of names)
    for (const [m, text] of moduleText)
      expect([m, name, text.includes(`"${name}"`) || text.includes(`-${name}`) || text.includes(`${name}_`)]).toEqual([
        m,
        name,
        false,
      ]);
  expect(fs.existsSync(path.join(out.outdir, "permissions.md"))).toBe(true);
});

test("the shipped example's Cedar policies validate and every scenario gives its expected decision", () => {
  const results = policyScenarios(ROOT, path.join(ROOT, ENV));
  expect(results.filter((r) => r.actual !== r.expected)).toEqual([]);
});

test("no other test reads the shipped example", () => {
  const own = path.basename(__filename);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith(".ts") && f !== own)) {
    const text = fs.readFileSync(path.join(__dirname, file), "utf8");
    expect([
      file,
      /path\.join\(ROOT, "(blueprints|config)"/.test(text) || /ROOT, "config", "environments"/.test(text),
    ]).toEqual([file, false]);
  }
});
