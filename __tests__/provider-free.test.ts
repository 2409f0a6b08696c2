import * as fs from "node:fs";
import * as path from "node:path";
import { providerFree } from "./helpers/provider-free";
import {
  describeWithTerraform,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  showPlan,
} from "./helpers/terraform";

/** A root that uses what the modules use: for_each, count, data sources, whole-block loops, dynamic blocks. */
const ROOT_FILES = {
  "main.tf.json": {
    variable: { roles: { type: "map(string)" } },
    data: { aws_partition: { p: {} }, aws_region: { r: {} }, aws_caller_identity: { c: { count: 1 } } },
    resource: {
      aws_iam_role: {
        role: {
          for_each: "${var.roles}",
          name: "${each.key}",
          assume_role_policy: "{}",
          dynamic: { inline_policy: { for_each: "${[each.value]}", content: { name: "${inline_policy.value}" } } },
        },
      },
      aws_iam_role_policy: {
        policy: {
          for_each: "${aws_iam_role.role}",
          role: "${aws_iam_role.role[each.key].name}",
          policy:
            "arn:${data.aws_partition.p.partition}:iam:${data.aws_region.r.id}:" +
            "${one(data.aws_caller_identity.c.*.account_id)}:${each.key}",
          depends_on: ["aws_iam_role.role"],
        },
      },
    },
    locals: { arns: "${{ for key, role in aws_iam_role.role : key => role.arn }}" },
    output: {
      names: { value: "${[for key, role in aws_iam_role.role : role.name]}" },
      arn_known: { value: '${can(aws_iam_role.role["a"].arn)}' },
    },
  },
  "provider.tf.json": offlineProvider("eu-central-1"),
};

test("the provider-free form has no aws block, provider or data source left", () => {
  const text = JSON.stringify(providerFree(ROOT_FILES));
  expect(text).not.toMatch(/"aws_[a-z_]+":|data\.aws_|"provider"/);
  expect(text).toContain("terraform_data");
});

describeWithTerraform("provider-free roots, planned by terraform", (tool) => {
  test("arguments are known, computed attributes unknown, data sources literal, blocks evaluated", () => {
    const tf = prepareTerraform(ROOT_FILES, tool);
    expect(fs.existsSync(path.join(tf.dir, ".terraform"))).toBe(false);
    const planned = planResources(tf, { roles: { a: "inline-a", b: "inline-b" } });
    expect(planned.map((r) => r.address).sort()).toEqual([
      'aws_iam_role.role["a"]',
      'aws_iam_role.role["b"]',
      'aws_iam_role_policy.policy["a"]',
      'aws_iam_role_policy.policy["b"]',
    ]);
    const policy = planned.find((r) => r.address === 'aws_iam_role_policy.policy["b"]');
    expect(policy?.values).toEqual({ role: "b", policy: "arn:aws:iam:eu-central-1:123456789012:b" });
    const role = planned.find((r) => r.address === 'aws_iam_role.role["a"]');
    expect(role?.values.inline_policy).toEqual([{ name: "inline-a" }]);
    const outputs = showPlan(tf).planned_values.outputs;
    expect(outputs.names.value).toEqual(["a", "b"]);
    // What the provider computes is unknown at plan: the output has no value yet.
    expect(outputs.arn_known.value).toBeUndefined();
  });

  test("a variable validation still fails the plan with its message", () => {
    const files = {
      ...ROOT_FILES,
      "variables.tf.json": {
        variable: {
          suffix: {
            type: "string",
            validation: [{ condition: "${length(var.suffix) < 4}", error_message: "suffix is too long." }],
          },
        },
      },
    };
    const tf = prepareTerraform(files, tool);
    expect(planError(tf, { roles: {}, suffix: "toolong" })).toContain("suffix is too long.");
  });

  test("a hand-built expression in a provider-free root (the CONTRIBUTING example)", () => {
    const tf = prepareTerraform({
      "main.tf.json": {
        variable: { agents: { type: "any" } },
        output: { names: { value: "${[for key, agent in var.agents : upper(key)]}" } },
      },
    });
    fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify({ agents: { a: {} } }));
    expect(tf.run(["plan", "-input=false", "-no-color", "-out=plan.bin"]).status).toBe(0);
    expect(showPlan(tf).planned_values.outputs.names.value).toEqual(["A"]);
  });
});
