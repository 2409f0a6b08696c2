import * as fs from "node:fs";
import * as path from "node:path";
import { type Json, type Synthesized, scratchProject, statements, synthProject } from "./helpers/synth";
import {
  describeWithTerraform,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  showPlan,
} from "./helpers/terraform";

let out: Synthesized;
let state: Json;

beforeAll(() => {
  // Non-default values prove the settings flow from configuration, not from defaults.
  const dir = scratchProject();
  const envFile = path.join(dir, "config", "environments", "example.yaml");
  const yaml = fs
    .readFileSync(envFile, "utf8")
    .replace("noncurrent_version_expiration_days: 90", "noncurrent_version_expiration_days: 45")
    .replace("kms_deletion_window_in_days: 30", "kms_deletion_window_in_days: 14");
  fs.writeFileSync(envFile, yaml);
  out = synthProject(dir);
  state = out.stack("state");
});

const only = (type: string): Json => {
  const all = state.resource[type];
  expect(Object.keys(all)).toHaveLength(1);
  return Object.values(all)[0] as Json;
};

describe("state stack", () => {
  test("bootstraps on a local backend outside cdktf.out", () => {
    expect(state.terraform.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
  });

  test("bucket is protected from destruction and never force-destroyed", () => {
    const bucket = only("aws_s3_bucket");
    expect(bucket.bucket).toBe("acme-dev-tfstate-123456789012");
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(bucket.force_destroy).toBe(false);
  });

  test("bucket encrypts with its own customer-managed key (SSE-KMS)", () => {
    const sse = only("aws_s3_bucket_server_side_encryption_configuration");
    expect(sse.rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: "aws:kms",
          kms_master_key_id: "${aws_kms_key.state_kms_key.arn}",
        },
        bucket_key_enabled: true,
      },
    ]);
  });

  test("the state key rotates, is protected, and uses the configured deletion window", () => {
    const key = only("aws_kms_key");
    expect(key.enable_key_rotation).toBe(true);
    expect(key.deletion_window_in_days).toBe(14);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(only("aws_kms_alias").name).toBe("alias/acme-dev-tfstate");
  });

  test("versioning is enabled", () => {
    expect(only("aws_s3_bucket_versioning").versioning_configuration).toEqual({ status: "Enabled" });
  });

  test("every public-access block is on and ACLs are disabled", () => {
    const pab = only("aws_s3_bucket_public_access_block");
    for (const flag of ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]) {
      expect(pab[flag]).toBe(true);
    }
    expect(only("aws_s3_bucket_ownership_controls").rule).toEqual({ object_ownership: "BucketOwnerEnforced" });
  });

  test("bucket policy denies any request without TLS, on the bucket and its objects", () => {
    const deny = statements(only("aws_s3_bucket_policy").policy).find((s) => s.Sid === "DenyInsecureTransport");
    expect(deny).toEqual({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: ["${aws_s3_bucket.state_bucket_bucket.arn}", "${aws_s3_bucket.state_bucket_bucket.arn}/*"],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
  });

  test("noncurrent state versions expire after the configured days", () => {
    const rule = only("aws_s3_bucket_lifecycle_configuration").rule[0];
    expect(rule.status).toBe("Enabled");
    expect(rule.noncurrent_version_expiration).toEqual([{ noncurrent_days: 45 }]);
  });

  test("outputs the bucket name and the key ARN", () => {
    expect(state.output.state_bucket_name.value).toBe("${aws_s3_bucket.state_bucket_bucket.bucket}");
    expect(state.output.state_kms_key_arn.value).toBe("${aws_kms_key.state_kms_key.arn}");
  });
});

describeWithTerraform("state stack with terraform", (tool) => {
  test("passes terraform validate and plans offline with the rendered TLS-only policy", () => {
    const { provider: _ignored, ...rest } = state;
    const tf = prepareTerraform({ "main.tf.json": rest, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    if (tf.pinnedVersionReplaced) {
      console.warn(
        `state stack validated against hashicorp/aws ${tool.awsVersion} from the offline mirror instead of the ` +
          `pinned ${tf.pinnedVersionReplaced}`,
      );
    }
    const validate = tf.run(["validate", "-no-color"]);
    expect(validate.stderr).toBe("");
    expect(validate.status).toBe(0);

    const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"]);
    expect(plan.stderr).toBe("");
    expect(plan.status).toBe(0);
    const show = showPlan(tf);
    const policy = show.planned_values.root_module.resources.find((r: Json) => r.type === "aws_s3_bucket_policy");
    // The bucket ARN is only known after apply; the rest of the policy is rendered at plan time.
    expect(policy).toBeDefined();
    const key = show.planned_values.root_module.resources.find((r: Json) => r.type === "aws_kms_key");
    expect(statements(key.values.policy)[0].Principal).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
    expect(key.values.enable_key_rotation).toBe(true);
  });
});

describeWithTerraform("state module's bucket name, checked at plan", (tool) => {
  test("a name S3 accepts plans; each rule S3 refuses fails the plan with the rule", () => {
    const tree = synthProject().module("state").tree();
    const tf = prepareTerraform({ ...tree, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const vars = { name_prefix: "acme", environment: "dev", account_id: "123456789012" };
    expect(planResources(tf, { ...vars, bucket_name: "acme-dev-tfstate.v1" }).length).toBeGreaterThan(0);
    for (const refused of ["ab", "Acme-state", "acme..state", "192.168.1.10", "xn--acme", "acme-s3alias"])
      expect(planError(tf, { ...vars, bucket_name: refused })).toContain("bucket_name is not a name S3 accepts");
  });
});
