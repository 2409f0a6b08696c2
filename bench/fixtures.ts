import * as fs from "node:fs";
import * as path from "node:path";
import { AGENT_FEATURES } from "../lib/config/blueprints";

/**
 * A project folder with `count` synthetic agents: the example environment, gateway target and
 * policies, and agents with a realistic mix of features and credential providers (every third
 * agent declares an API key, every fifth an OAuth2 provider, every seventh a CodeBuild role),
 * plus one workflow over the first agents.
 */
export function syntheticProject(root: string, dir: string, count: number): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, "config"), path.join(dir, "config"), { recursive: true });
  fs.cpSync(path.join(root, "blueprints", "gateway"), path.join(dir, "blueprints", "gateway"), { recursive: true });
  const agents = path.join(dir, "blueprints", "agents");
  fs.mkdirSync(agents, { recursive: true });
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const key = `agent-${String(i).padStart(3, "0")}`;
    keys.push(key);
    const features = AGENT_FEATURES.filter((_, f) => (i + f) % 3 === 0);
    const lines = [
      `key: ${key}`,
      `description: Synthetic agent ${i}.`,
      `image_tag: "1.${i}.0"`,
      "models:",
      "  - us.anthropic.claude-sonnet-4-20250514-v1:0",
      ...(i % 2 === 0 ? ["  - anthropic.claude-3-5-haiku-20241022-v1:0"] : []),
      `features: [${features.join(", ")}]`,
      "environment:",
      "  LOG_LEVEL: info",
      `  AGENT_INDEX: "${i}"`,
      "credentials:",
      `  api_keys: [${i % 3 === 0 ? "search" : ""}]`,
      ...(i % 5 === 0
        ? [
            "  oauth2:",
            "    - name: github",
            "      discovery_url: https://token.actions.githubusercontent.com/.well-known/openid-configuration",
          ]
        : []),
      `codebuild: ${i % 7 === 0}`,
    ];
    fs.writeFileSync(path.join(agents, `${key}.yaml`), `${lines.join("\n")}\n`);
  }
  const workflows = path.join(dir, "blueprints", "workflows");
  fs.mkdirSync(workflows, { recursive: true });
  const first = keys[0];
  const second = keys[Math.min(1, keys.length - 1)];
  fs.writeFileSync(
    path.join(workflows, "review.yaml"),
    [
      "name: review",
      "description: Synthetic two-step workflow.",
      "start_at: first",
      "steps:",
      "  first:",
      `    agent: ${first}`,
      "    input: { q: $.q }",
      "    next: second",
      "  second:",
      `    agent: ${second}`,
      "    input: { q: $.q }",
      "    end: true",
      "",
    ].join("\n"),
  );
  return dir;
}
