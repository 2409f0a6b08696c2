import { AGENTS_MODULE } from "../modules/agents";
import { PLATFORM_MODULE } from "../modules/platform";
import { AGENTCORE_MODULE } from "../modules/platform/modules/agentcore";
import { STATE_MODULE } from "../modules/state";
import { WORKFLOWS_MODULE } from "../modules/workflows";
import { typeExpression } from "../lib/module-io";
import { AWS_PROVIDER_MODULE_CONSTRAINT, AWS_PROVIDER_REQUIRED_FIX } from "../lib/versions";

const compareVersions = (a: string, b: string) => {
  const [x, y] = [a, b].map((v) => v.split(".").map(Number));
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};
import { type Synthesized, synthProject } from "./helpers/synth";
import { describeWithTerraform, unsupportedTypes } from "./helpers/terraform";
import { childOf, validationErrors } from "./helpers/validate-together";

let out: Synthesized;
beforeAll(() => {
  out = synthProject();
});

const MODULES = [STATE_MODULE, PLATFORM_MODULE, AGENTCORE_MODULE, AGENTS_MODULE, WORKFLOWS_MODULE];

describe.each(MODULES.map((m) => [m.path, m] as const))("emitted module %s", (name, definition) => {
  test("has no provider block and no backend", () => {
    const { merged } = out.module(name);
    expect(merged.provider).toBeUndefined();
    expect(merged.terraform.backend).toBeUndefined();
    expect(merged.terraform.cloud).toBeUndefined();
  });

  test(`requires a provider version with the gateway-target fix of ${AWS_PROVIDER_REQUIRED_FIX} (#49374)`, () => {
    const aws = out.module(name).file("versions.tf.json").terraform.required_providers.aws;
    expect(aws).toEqual({ source: "hashicorp/aws", version: AWS_PROVIDER_MODULE_CONSTRAINT });
    const floor = /^>= (\d+\.\d+\.\d+), < 7\.0\.0$/.exec(aws.version)![1];
    expect(compareVersions(floor, AWS_PROVIDER_REQUIRED_FIX)).toBeGreaterThanOrEqual(0);
  });

  test("its variables are exactly the input table: stable names, typed, described", () => {
    const variables = out.module(name).file("variables.tf.json").variable;
    expect(Object.keys(variables).sort()).toEqual(Object.keys(definition.inputs).sort());
    for (const [varName, spec] of Object.entries(definition.inputs)) {
      expect(varName).toMatch(/^[a-z][a-z0-9_]*$/);
      // A strict structured input is `any` here and typed in modules/inputs (docs/adr/0010).
      const strict = typeof spec.type !== "string" && spec.type.entrySchema !== undefined;
      expect(variables[varName].type).toBe(strict ? "any" : typeExpression(spec.type));
      expect(variables[varName].description).toBe(spec.description);
    }
  });

  test("its outputs are exactly the output table, described", () => {
    const outputs = out.module(name).file("outputs.tf.json").output;
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(definition.outputs).sort());
    for (const o of Object.values(outputs) as { description: string }[])
      expect(o.description.length).toBeGreaterThan(10);
  });

  test("carries no cdktf metadata or hash-suffixed names", () => {
    const text = JSON.stringify(out.module(name).merged);
    expect(text).not.toContain('"//"');
    expect(text).not.toMatch(/_[A-F0-9]{8}"/);
  });
});

test("the state module splits resources into kms and bucket files", () => {
  const { files, file } = out.module("state");
  expect(files).toEqual([
    "bucket.tf.json",
    "kms.tf.json",
    "main.tf.json",
    "outputs.tf.json",
    "variables.tf.json",
    "versions.tf.json",
  ]);
  expect(Object.keys(file("kms.tf.json").resource)).toEqual(["aws_kms_key", "aws_kms_alias"]);
  expect(Object.keys(file("bucket.tf.json").resource)).toContain("aws_s3_bucket");
});

test("an empty-string default survives synthesis (cdktf --hcl would drop it)", () => {
  expect(out.module("state").file("variables.tf.json").variable.account_id.default).toBe("");
});

describeWithTerraform("emitted modules with terraform", (tool) => {
  // The offline provider may be older than the AgentCore resources. Where it lacks some of a
  // module's types, validate must report those and nothing else; the rest of the module (IAM,
  // KMS) is planned in isolation by the platform and agents tests.
  const probe = synthProject();
  for (const name of ["state", "agents", "workflows", "platform", "platform/modules/agentcore"]) {
    const missing = unsupportedTypes(probe.module(name).tree(), tool);
    const title = missing.length
      ? `module ${name} passes terraform validate but for the types hashicorp/aws ${tool.awsVersion} lacks`
      : `module ${name} passes terraform validate`;
    test(title, () => {
      // Validated with every other stack, module and example in one run (helpers/global-setup.ts).
      const { skipped, errors } = validationErrors(childOf.module(name));
      if (skipped) throw new Error(`the shared terraform validate did not run: ${skipped}`);
      if (missing.length)
        console.warn(
          `module ${name}: not validated by hashicorp/aws ${tool.awsVersion}, which lacks ${missing.join(", ")} ` +
            `(the module needs ${AWS_PROVIDER_MODULE_CONSTRAINT})`,
        );
      for (const e of errors)
        expect(e).toMatch(
          new RegExp(
            "^Invalid resource type: The provider hashicorp/aws does not support resource type " +
              '"aws_bedrockagentcore_[a-z0-9_]+"',
          ),
        );
      if (!missing.length) expect(errors).toEqual([]);
    });
  }
});

test("no generated expression contains `undefined` (cdktf renders a falsy operand so)", () => {
  for (const stack of ["state", "platform", "agents", "workflows"])
    expect(JSON.stringify(out.stack(stack))).not.toContain("undefined");
  for (const m of MODULES) expect(JSON.stringify(out.module(m.path).tree())).not.toContain("undefined");
});
