import * as path from "node:path";
import { RULES, RuleViolations, runRules } from "../lib/rules";
import type { Rule, TerraformDocument } from "../lib/rules/rule";
import { parsePolicy } from "../lib/rules/policy-text";
import { synthesize } from "../app/synthesize";
import { renderedPolicyDocuments } from "../app/rendered-policies";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { type Json, type Synthesized, scratchProject, snapshotTree, synthProject } from "./helpers/synth";

const trust = (condition?: object) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
const policy = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const doc = (json: Json, permissionMode?: "development" | "production"): TerraformDocument => ({
  name: "stack test",
  json,
  permissionMode,
});
const rule = (id: string) => RULES.find((r) => r.id === id)!;
const GOOD_TRUST = trust({
  StringEquals: { "aws:SourceAccount": "123456789012" },
  ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" },
});

/** Per rule: a compliant and a non-compliant document, and the message the latter must give. */
const CASES: { id: string; good: TerraformDocument; bad: TerraformDocument; message: string }[] = [
  {
    id: "AC009",
    good: doc({
      resource: {
        aws_iam_role_policy: {
          p: {
            role: "r",
            policy: policy(
              {
                Sid: "List",
                Effect: "Allow",
                Action: ["logs:DescribeLogGroups", "bedrock-agentcore:CreatePolicyEngine"],
                Resource: "*",
              },
              {
                Sid: "Policies",
                Effect: "Allow",
                Action: ["bedrock-agentcore:CreatePolicy", "bedrock-agentcore:GetPolicy"],
                Resource: [
                  "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/e-*",
                  "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/e-*/policy/*",
                ],
              },
              {
                Sid: "Streams",
                Effect: "Allow",
                Action: "logs:PutLogEvents",
                Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/x:*",
              },
            ),
          },
        },
      },
    }),
    bad: doc({
      resource: {
        aws_iam_role_policy: {
          p: {
            role: "r",
            policy: policy(
              {
                Sid: "Describe",
                Effect: "Allow",
                Action: "logs:DescribeLogGroups",
                Resource: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/x",
              },
              {
                Sid: "Create",
                Effect: "Allow",
                Action: "bedrock-agentcore:CreatePolicy",
                Resource: "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/*/policy/*",
              },
            ),
          },
        },
      },
    }),
    message:
      "aws_iam_role_policy.p statement Describe: logs:DescribeLogGroups supports no resource-level scope, so it " +
      'applies to none of arn:aws:logs:us-east-1:123456789012:log-group:/aws/x; grant it on "*"',
  },
  {
    id: "AC001",
    good: doc({ resource: { aws_iam_role: { r: { assume_role_policy: GOOD_TRUST } } } }),
    bad: doc({
      resource: {
        aws_iam_role: { r: { assume_role_policy: trust({ StringEquals: { "aws:SourceAccount": "123456789012" } }) } },
      },
    }),
    message: "trusts bedrock-agentcore.amazonaws.com without ArnLike aws:SourceArn",
  },
  {
    id: "AC002",
    good: doc(
      {
        resource: {
          aws_iam_role_policy: {
            p: {
              role: "${aws_iam_role.r.id}",
              policy: policy({ Sid: "BedrockInvoke", Effect: "Allow", Action: "bedrock:*", Resource: "*" }),
            },
          },
        },
      },
      "development",
    ),
    bad: doc(
      {
        resource: {
          aws_iam_role_policy: {
            p: {
              role: "${aws_iam_role.r.id}",
              policy: policy({ Sid: "BedrockInvoke", Effect: "Allow", Action: "bedrock:*", Resource: "*" }),
            },
          },
        },
      },
      "production",
    ),
    message: "statement BedrockInvoke keeps the development placeholder bedrock:* in a production environment",
  },
  {
    id: "AC003",
    good: doc({
      resource: {
        aws_iam_role_policy: {
          p: {
            role: "x",
            policy: policy({ Sid: "A", Effect: "Allow", Action: ["kms:Decrypt", "logs:Describe*"], Resource: "*" }),
          },
        },
      },
    }),
    bad: doc({
      resource: {
        aws_iam_role_policy: {
          p: {
            role: "x",
            policy: policy({ Sid: "A", Effect: "Allow", Action: ["kms:Decrypto", "logs:Nothing*"], Resource: "*" }),
          },
        },
      },
    }),
    message: "statement A: kms:Decrypto does not exist",
  },
  {
    id: "AC004",
    good: doc({ resource: { aws_kms_key: { k: { enable_key_rotation: true } } } }),
    bad: doc({ resource: { aws_kms_key: { k: { enable_key_rotation: false } } } }),
    message: "has no automatic key rotation",
  },
  {
    id: "AC005",
    good: doc({
      resource: {
        aws_cloudwatch_log_group: { l: { kms_key_id: "arn:aws:kms:us-east-1:1:key/x", retention_in_days: 30 } },
      },
    }),
    bad: doc({ resource: { aws_cloudwatch_log_group: { l: { retention_in_days: 30 } } } }),
    message: "is not encrypted with a KMS key",
  },
  {
    id: "AC006",
    good: doc({
      resource: {
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_server_side_encryption_configuration: {
          e: {
            bucket: "${aws_s3_bucket.b.id}",
            rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }],
          },
        },
        aws_s3_bucket_versioning: {
          v: { bucket: "${aws_s3_bucket.b.id}", versioning_configuration: { status: "Enabled" } },
        },
        aws_s3_bucket_public_access_block: {
          p: {
            bucket: "${aws_s3_bucket.b.id}",
            block_public_acls: true,
            block_public_policy: true,
            ignore_public_acls: true,
            restrict_public_buckets: true,
          },
        },
      },
    }),
    bad: doc({
      resource: {
        aws_s3_bucket: { b: {} },
        aws_s3_bucket_versioning: {
          v: { bucket: "${aws_s3_bucket.b.id}", versioning_configuration: { status: "Suspended" } },
        },
      },
    }),
    message: "is not versioned",
  },
  {
    id: "AC007",
    // A reference to a secret (its ARN) is not a secret.
    good: doc({
      variable: {
        litellm_api_key: { type: "string", sensitive: true },
        litellm_api_key_secret_arn: { type: "string" },
      },
    }),
    bad: doc({ variable: { langfuse_secret_key: { type: "string" } } }),
    message: "var.langfuse_secret_key looks like a secret but is not sensitive",
  },
  {
    id: "AC008",
    good: doc({
      resource: {
        aws_iam_role: { r: { assume_role_policy: GOOD_TRUST } },
        aws_iam_role_policy: {
          p: {
            role: "${aws_iam_role.r.id}",
            policy: policy({ Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }),
          },
        },
      },
    }),
    bad: doc({
      resource: {
        aws_iam_role: { r: { assume_role_policy: GOOD_TRUST } },
        aws_iam_role_policy: {
          p: {
            role: "${aws_iam_role.r.id}",
            policy: policy(
              ...Array.from({ length: 120 }, (_, i) => ({
                Sid: `S${i}`,
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: `arn:aws:s3:::bucket-${i}/*`,
              })),
            ),
          },
        },
      },
    }),
    message: "inline policies total about",
  },
];

describe.each(CASES)("rule $id", ({ id, good, bad, message }) => {
  test("passes the compliant document", () => {
    expect(rule(id).check(good)).toEqual([]);
  });
  test("flags the non-compliant one", () => {
    const findings = rule(id).check(bad);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map((f) => `${f.resource} ${f.message}`).join("\n")).toContain(message);
  });
});

describe("rule AC009 on a resource type AWS names in capitals (secretsmanager's Secret)", () => {
  const secretRead = (resource: string) =>
    doc({
      resource: {
        aws_iam_role_policy: {
          p: {
            role: "r",
            policy: policy({
              Sid: "InferenceKeySecretsRead",
              Effect: "Allow",
              Action: "secretsmanager:GetSecretValue",
              Resource: resource,
            }),
          },
        },
      },
    });
  test("passes GetSecretValue on a secret (inference_key_secret_arns)", () => {
    const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/dev/litellm-AbCdEf";
    expect(rule("AC009").check(secretRead(secret))).toEqual([]);
  });
  test("flags GetSecretValue on something that is not a secret, naming the Secret type", () => {
    const findings = rule("AC009").check(secretRead("arn:aws:s3:::acme-dev-artifacts/*"));
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining(
        "secretsmanager:GetSecretValue is authorized on Secret (arn:${Partition}:secretsmanager:",
      ),
    ]);
  });
});

test("every rule has a test case, an id, a reason and a fix", () => {
  expect(RULES.map((r) => r.id).sort()).toEqual(CASES.map((c) => c.id).sort());
  for (const r of RULES) expect(r.why.length + r.fix.length).toBeGreaterThan(60);
});

describe("on the generated configuration", () => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });
  const docs = (): TerraformDocument[] => [
    ...out.stacks.map((s) => ({ name: `stack ${s}`, json: out.stack(s), permissionMode: "development" as const })),
    ...out.modules.map((m) => ({ name: `module ${m}`, json: out.module(m).merged })),
    ...renderedPolicyDocuments(
      loadEnvironment(path.join(out.dir, "config/environments/example.yaml"), out.dir),
      loadBlueprints(path.join(out.dir, "blueprints"), out.dir),
    ),
  ];

  test("the tests' configuration passes every rule, including the agents' policies as Terraform renders them", () => {
    expect(
      docs()
        .filter((d) => d.name.endsWith("(rendered)"))
        .map((d) => d.name),
    ).toEqual([
      "stack agents, output deployer_policy_json (rendered)",
      "stack agents, agent research (rendered)",
      "stack agents, agent support (rendered)",
    ]);
    expect(runRules(docs())).toEqual([]);
  });

  /** One injected violation per rule, in the real synthesized JSON. */
  const INJECTIONS: Record<string, (stacks: Record<string, Json>) => void> = {
    AC001: (s) => {
      const role = s.agents.resource.aws_iam_role.agents_iam_role;
      role.assume_role_policy = role.assume_role_policy.replace(/,"Condition":\{.*\}\}\]\}$/, "}]}");
    },
    AC002: (s) => {
      const p = s.platform.resource.aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions;
      p.policy = p.policy.replace('"bedrock-agentcore:GetGateway"', '"bedrock-agentcore:*"');
    },
    AC003: (s) => {
      const p = s.platform.resource.aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions;
      p.policy = p.policy.replace('"bedrock-agentcore:GetGateway"', '"bedrock-agentcore:GetGateways"');
    },
    AC004: (s) => {
      s.platform.resource.aws_kms_key.platform_kms_data.enable_key_rotation = false;
    },
    AC005: (s) => {
      delete s.agents.resource.aws_cloudwatch_log_group.agents_runtime_log_group.retention_in_days;
    },
    AC006: (s) => {
      s.state.resource.aws_s3_bucket_public_access_block.state_bucket_public_access.restrict_public_buckets = false;
    },
    AC007: (s) => {
      delete s.agents.variable.litellm_api_key.sensitive;
    },
    AC008: (s) => {
      const p = s.agents.resource.aws_iam_role_policy.agents_iam_permissions;
      const statement = (i: number) =>
        `{"Sid":"X${i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-${i}/*"}`;
      const extra = Array.from({ length: 150 }, (_, i) => statement(i)).join(",");
      p.policy = p.policy.replace('"Resource":"*"}', `"Resource":"*"},${extra}`);
    },
  };

  test.each(Object.keys(INJECTIONS))("injecting a %s violation into the example makes that rule fail", (id) => {
    const stacks = Object.fromEntries(out.stacks.map((s) => [s, out.stack(s)]));
    INJECTIONS[id](stacks);
    const violations = runRules(
      Object.entries(stacks).map(([s, json]) => ({ name: `stack ${s}`, json, permissionMode: "development" as const })),
    );
    expect(violations.map((v) => v.rule.id)).toEqual(expect.arrayContaining([id]));
    expect(new RuleViolations(violations).message).toContain(`[${id}] stack `);
    expect(new RuleViolations(violations).message).toContain(`Fix: ${rule(id).fix}`);
  });

  test("synthesis stops on a violation with the rule, resource and fix, and leaves the previous output intact", () => {
    const dir = scratchProject();
    synthProject(dir);
    const before = snapshotTree(path.join(dir, "cdktf.out"));
    const noKeys: Rule = {
      id: "TEST1",
      title: "no KMS keys",
      why: "test",
      fix: "remove the key",
      check: (d) =>
        Object.keys(d.json.resource?.aws_kms_key ?? {}).map((k) => ({
          resource: `aws_kms_key.${k}`,
          message: "is a key",
        })),
    };
    expect(() =>
      synthesize({
        rootDir: dir,
        envFile: path.join(dir, "config/environments/example.yaml"),
        outdir: path.join(dir, "cdktf.out"),
        modulesDir: path.join(dir, "dist/modules"),
        rules: [noKeys],
      }),
    ).toThrow("[TEST1] stack state: aws_kms_key.state_kms_key is a key. Fix: remove the key");
    expect(snapshotTree(path.join(dir, "cdktf.out"))).toEqual(before);
  });

  test("a production environment with the placeholders is refused (AC002)", () => {
    const json = out.stack("agents");
    const asProduction = runRules([{ name: "stack agents", json, permissionMode: "production" }]);
    expect(asProduction.map((v) => v.rule.id)).toContain("AC002");
  });
});

test("guarded policies are read with literal guards decided, assumed inputs applied and unknown ones kept", () => {
  const module =
    '{"Version":"2012-10-17","Statement":[' +
    '{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}' +
    '%{ if var.permission_mode == "development" },' +
    '{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}' +
    '%{ endif }%{ if contains(each.value.features, "x") && var.y != "" },' +
    '{"Sid":"C","Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}' +
    "%{ endif }]}";
  expect(parsePolicy(module).Statement.map((s) => s.Sid)).toEqual(["A", "B", "C"]);
  expect(parsePolicy(module, { assume: { "var.permission_mode": "production" } }).Statement.map((s) => s.Sid)).toEqual([
    "A",
    "C",
  ]);
  expect(parsePolicy(module, { assume: { "var.y": "" } }).Statement.map((s) => s.Sid)).toEqual(["A", "B"]);
  const text =
    '{"Version":"2012-10-17","Statement":[' +
    '{"Sid":"A","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}' +
    '%{ if "production" == "development" },' +
    '{"Sid":"B","Effect":"Allow","Action":"s3:PutObject","Resource":"*"}' +
    '%{ endif }%{ if "${var.x}" != "" },' +
    '{"Sid":"C","Effect":"Allow","Action":"s3:ListBucket","Resource":${jsonencode(var.y)}}' +
    "%{ endif }]}";
  expect(parsePolicy(text).Statement.map((s) => s.Sid)).toEqual(["A", "C"]);
  expect(parsePolicy(text, { assume: { "var.x": "" } }).Statement.map((s) => s.Sid)).toEqual(["A"]);
});
