import * as path from "path";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { permissionReport, renderPermissionReport } from "../lib/report/permissions";
import { ROOT } from "./helpers/synth";

const env = loadEnvironment(path.join(ROOT, "config", "environments", "example.yaml"), ROOT);
const blueprints = loadBlueprints(path.join(ROOT, "blueprints"), ROOT);
const agent = (features: string[]) => ({ ...blueprints.agents.find((a) => a.key === "research")!, features: features as never, codebuild: false });
const reportFor = (features: string[]) => permissionReport(env, { ...blueprints, agents: [agent(features)], workflows: [] }).find((r) => r.role.includes("(agent research)"))!;

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

test("for the same agent with the feature: exactly that statement, with the condition under which it exists", () => {
  const without = reportFor([]);
  const withFeature = reportFor(["artifacts_bucket"]);
  const added = withFeature.rows.filter((r) => !without.rows.some((w) => w.sid === r.sid && w.when === r.when));
  expect(added).toEqual([
    {
      sid: "ArtifactsBucketAccess",
      actions: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
      resources: ["<artifacts_bucket_arn>", "<artifacts_bucket_arn>/*"],
      when: "feature artifacts_bucket and artifacts_bucket_arn set",
    },
  ]);
  const markdown = renderPermissionReport([withFeature]);
  expect(markdown).toContain("| ArtifactsBucketAccess | `s3:GetObject`<br>`s3:PutObject`<br>`s3:ListBucket` | `<artifacts_bucket_arn>`<br>`<artifacts_bucket_arn>/*` | feature artifacts_bucket and artifacts_bucket_arn set |");
});

test("development placeholders are reported with their mode", () => {
  const rows = reportFor([]).rows.filter((r) => r.sid === "BedrockInvoke");
  expect(rows.map((r) => [r.actions[0], r.when])).toEqual([
    ["bedrock:*", "permission_mode = development"],
    ["bedrock:InvokeModel", "permission_mode = production"],
  ]);
});
