import * as fs from "node:fs";
import * as path from "node:path";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { renderPermissionReport } from "../lib/docs/permission-tables";
import { modulePermissionReport, permissionReport } from "../app/permission-report";
import { FIXTURE, synthProject } from "./helpers/synth";

const env = loadEnvironment(path.join(FIXTURE, "config", "environments", "example.yaml"), FIXTURE);
const blueprints = loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE);
const agent = (features: string[]) => ({
  ...blueprints.agents.find((a) => a.key === "research")!,
  features: features as never,
  codebuild: false,
});
const reportFor = (features: string[], e = env) =>
  permissionReport(e, { ...blueprints, agents: [agent(features)], workflows: [] }).find((r) =>
    r.role.includes("(agent research)"),
  )!;

test("for one agent without a feature: no statement for it", () => {
  const report = reportFor([]);
  expect(report.rows.map((r) => r.sid)).not.toContain("ArtifactsBucketAccess");
  expect(report.rows.find((r) => r.sid === "EcrPull")).toEqual({
    sid: "EcrPull",
    actions: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
    resources: ["arn:aws:ecr:us-east-1:123456789012:repository/acme-dev-research"],
    when: "always",
  });
});

test("for the same agent with the feature: exactly that statement, with the environment's value and condition", () => {
  const without = reportFor([]);
  const withFeature = reportFor(["artifacts_bucket"]);
  const added = withFeature.rows.filter((r) => !without.rows.some((w) => w.sid === r.sid && w.when === r.when));
  expect(added).toEqual([
    {
      sid: "ArtifactsBucketAccess",
      actions: ["s3:GetObject", "s3:PutObject"],
      resources: [
        "arn:aws:s3:::acme-dev-artifacts/agents/research/*",
        "arn:aws:s3:::acme-dev-artifacts/browser-recordings/research/*",
      ],
      when: "feature artifacts_bucket and artifacts_bucket_arn set",
      departure: expect.stringContaining("Seed 002 grants the whole bucket"),
    },
    {
      sid: "ArtifactsBucketList",
      actions: ["s3:ListBucket"],
      resources: ["arn:aws:s3:::acme-dev-artifacts"],
      when: "feature artifacts_bucket and artifacts_bucket_arn set",
      departure: expect.stringContaining("Split from seed 002's ArtifactsBucketAccess"),
    },
  ]);
  expect(renderPermissionReport([withFeature])).toContain(
    "| ArtifactsBucketAccess | `s3:GetObject`<br>`s3:PutObject` | " +
      "`arn:aws:s3:::acme-dev-artifacts/agents/research/*`<br>" +
      "`arn:aws:s3:::acme-dev-artifacts/browser-recordings/research/*` | " +
      "feature artifacts_bucket and artifacts_bucket_arn set |",
  );
  // An input the environment leaves empty removes the statement, as Terraform does.
  expect(
    reportFor(["artifacts_bucket"], { ...env, agents: { ...env.agents, artifacts_bucket_arn: "" } }).rows.map(
      (r) => r.sid,
    ),
  ).not.toContain("ArtifactsBucketAccess");
});

test("an environment lists the statements of its permission mode only", () => {
  const dev = reportFor([]).rows.filter((r) => r.sid === "BedrockInvoke");
  expect(dev.map((r) => [r.actions[0], r.when])).toEqual([["bedrock:*", "permission_mode = development"]]);
  const prod = reportFor([], { ...env, agents: { ...env.agents, permission_mode: "production" } }).rows.filter(
    (r) => r.sid === "BedrockInvoke",
  );
  expect(prod.map((r) => [r.actions[0], r.when])).toEqual([["bedrock:InvokeModel", "permission_mode = production"]]);
});

test("the modules' report names every statement of every role, with placeholders and the condition in words", () => {
  const reports = modulePermissionReport();
  const agents = reports.find((r) => r.role.includes("(each agent)"))!;
  expect(agents.role).toBe("<name_prefix>-<environment>-<key>-runtime (each agent)");
  expect(agents.rows.filter((r) => r.sid === "BedrockInvoke").map((r) => r.when)).toEqual([
    "permission_mode = development",
    "permission_mode = production",
  ]);
  expect(agents.rows.find((r) => r.sid === "TokenVaultApiKeys")!.when).toBe(
    "permission_mode = production and the agent declares API key credentials",
  );
  const gateway = reports.find((r) => r.role.includes("gateway execution role"))!;
  expect(gateway.rows.find((r) => r.sid === "PolicyEngineAccess")!.when).toBe(
    "a policy engine is attached (policies given or enable_policy_engine = true)",
  );
  expect(JSON.stringify(reports)).not.toMatch(/research|acme|RefundTool|refund/);
});

test("synthesis writes the environment's permission report beside the stacks", () => {
  const out = synthProject();
  expect(fs.readFileSync(path.join(out.outdir, "permissions.md"), "utf8")).toContain(
    renderPermissionReport(permissionReport(env, blueprints)),
  );
});
