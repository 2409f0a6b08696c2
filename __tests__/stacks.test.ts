import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { deployOrder } from "../scripts/deploy-order";
import { AWS_PROVIDER_PIN, AWS_PROVIDER_REQUIRED_FIX } from "../lib/versions";
import { describeWithTerraform, prepareTerraform } from "./helpers/terraform";
import { childOf, validationErrors } from "./helpers/validate-together";
import { referToSomething } from "../lib/hosts/deploy-stack";
import { type Json, type Synthesized, synthProject } from "./helpers/synth";

let out: Synthesized;
beforeAll(() => {
  out = synthProject();
});

const S3_STACKS = ["platform", "agents", "workflows"] as const;
const UPSTREAM: Record<string, string> = { platform: "state", agents: "platform", workflows: "agents" };

describe("S3 backends", () => {
  test.each(S3_STACKS)("%s keeps its state encrypted, KMS-keyed and lock-file locked in the state bucket", (name) => {
    expect(out.stack(name).terraform.backend).toEqual({
      s3: {
        bucket: "acme-dev-tfstate-123456789012",
        key: `acme/dev/${name}.tfstate`,
        region: "us-east-1",
        encrypt: true,
        kms_key_id: "arn:aws:kms:us-east-1:123456789012:alias/acme-dev-tfstate",
        use_lockfile: true,
      },
    });
  });

  test.each(["agents", "workflows"])(
    "the remote-state lookup of %s uses the same locked, encrypted backend",
    (name) => {
      const remote = out.stack(name).data.terraform_remote_state;
      const [lookup] = Object.values(remote) as Json[];
      expect(lookup.backend).toBe("s3");
      expect(lookup.config).toMatchObject({
        use_lockfile: true,
        encrypt: true,
        kms_key_id: "arn:aws:kms:us-east-1:123456789012:alias/acme-dev-tfstate",
      });
      expect(lookup.config.key).toBe(`acme/dev/${UPSTREAM[name]}.tfstate`);
    },
  );

  test("the platform reads the state stack from its local bootstrap state", () => {
    const [lookup] = Object.values(out.stack("platform").data.terraform_remote_state) as Json[];
    expect(lookup).toMatchObject({ backend: "local", config: { path: "../../../terraform.state.tfstate" } });
  });

  test.each([...S3_STACKS, "state"])("%s pins the AWS provider exactly and tags everything", (name) => {
    const stack = out.stack(name);
    expect(stack.terraform.required_providers.aws).toEqual({ source: "hashicorp/aws", version: AWS_PROVIDER_PIN });
    const [major, minor] = AWS_PROVIDER_PIN.split(".").map(Number);
    const [fixMajor, fixMinor] = AWS_PROVIDER_REQUIRED_FIX.split(".").map(Number);
    expect(major > fixMajor || (major === fixMajor && minor >= fixMinor)).toBe(true);
    const [provider] = stack.provider.aws;
    expect(provider.allowed_account_ids).toEqual(["123456789012"]);
    expect(provider.default_tags[0].tags).toMatchObject({
      Owner: "platform-team",
      Stack: name,
      ManagedBy: "terraform",
    });
  });
});

describe("deployment order", () => {
  test("cdktf records state -> platform -> agents -> workflows as stack dependencies", () => {
    const stacks = out.manifest().stacks;
    expect(stacks.state.dependencies).toEqual([]);
    expect(stacks.platform.dependencies).toEqual(["state"]);
    expect(stacks.agents.dependencies).toEqual(["platform"]);
    // Workflows also read the platform's storage key for their log groups.
    expect(stacks.workflows.dependencies.sort()).toEqual(["agents", "platform"]);
    expect(deployOrder(out.manifest() as any)).toEqual(["state", "platform", "agents", "workflows"]);
  });

  test("the order command rejects a cycle and a missing stack", () => {
    const stack = (dependencies: string[]) => ({ name: "", dependencies, workingDirectory: "" });
    expect(() => deployOrder({ stacks: { a: stack(["b"]), b: stack(["a"]) } })).toThrow(
      "Dependency cycle: a -> b -> a",
    );
    expect(() => deployOrder({ stacks: { a: stack(["z"]) } })).toThrow(
      'Stack "a" depends on "z", which the manifest does not contain.',
    );
  });

  test.each(S3_STACKS)("%s consumes real outputs of the stack before it", (name) => {
    const stack = out.stack(name);
    const lookups = Object.keys(stack.data.terraform_remote_state);
    expect(lookups).toContain(`cross_stack_reference_input_${UPSTREAM[name]}`);
    for (const lookupName of lookups) {
      const upstream = out.stack(lookupName.replace("cross_stack_reference_input_", ""));
      const refs = [
        ...JSON.stringify(stack.resource).matchAll(
          new RegExp(`data\\.terraform_remote_state\\.${lookupName}\\.outputs\\.([A-Za-z0-9_-]+)`, "g"),
        ),
      ].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect(upstream.output[ref]).toBeDefined();
        // The referenced output reads a resource of the upstream stack (directly, or through a
        // local that maps a for_each resource's instances), not a copied literal.
        const value = upstream.output[ref].value as string;
        const local = /^\$\{local\.([a-z0-9_]+)\}$/.exec(value);
        expect(local ? upstream.locals[local[1]] : value).toMatch(
          /^\$\{(\{ for k, r in )?aws_[a-z0-9_]+\.[a-z0-9_]+(\.[a-z_]+\}| : k => r\.[a-z_]+ \}\})$/,
        );
      }
    }
  });

  test.each(S3_STACKS)("%s fails its plan with a readable message when the stack before it is not deployed", (name) => {
    const lookup = out.stack(name).data.terraform_remote_state[`cross_stack_reference_input_${UPSTREAM[name]}`];
    const [post] = lookup.lifecycle.postcondition;
    expect(post.condition).toBe("${length(keys(self.outputs)) > 0}");
    expect(post.error_message).toContain(
      `The "${UPSTREAM[name]}" stack has no outputs in its state: it has not been deployed yet.`,
    );
    expect(post.error_message).toContain("npx cdktf deploy state platform agents workflows");
  });
});

describeWithTerraform("deployment order with terraform", (tool) => {
  test("planning a stack whose upstream state holds no outputs fails with the sentence, not an attribute error", () => {
    const agents = synthProject().stack("agents");
    const lookup = agents.data.terraform_remote_state.cross_stack_reference_input_platform;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-order-"));
    // An upstream that was never deployed: an empty local state instead of the S3 object.
    fs.writeFileSync(
      path.join(dir, "empty.tfstate"),
      JSON.stringify({
        version: 4,
        terraform_version: "1.11.0",
        serial: 1,
        lineage: "test",
        outputs: {},
        resources: [],
      }),
    );
    const probe = {
      data: {
        terraform_remote_state: {
          platform: {
            backend: "local",
            config: { path: path.join(dir, "empty.tfstate") },
            lifecycle: lookup.lifecycle,
          },
        },
      },
      output: { gateway_role: { value: "${data.terraform_remote_state.platform.outputs}" } },
    };
    const tf = prepareTerraform({ "main.tf.json": probe }, tool);
    const plan = tf.run(["plan", "-input=false", "-no-color"]);
    expect(plan.status).not.toBe(0);
    expect(plan.stderr.replace(/\s+/g, " ")).toContain(
      'The "platform" stack has no outputs in its state: it has not been deployed yet.',
    );
  });
});

describeWithTerraform("deploy stacks load in terraform", (tool) => {
  const errorsOf = (stack: Json) => {
    const tf = prepareTerraform({ "cdk.tf.json": stack }, tool);
    const validate = tf.run(["validate", "-json", "-no-color"]);
    return (JSON.parse(validate.stdout).diagnostics as { severity: string; summary: string; detail?: string }[])
      .filter((d) => d.severity === "error")
      .map((d) => `${d.summary}: ${d.detail}`);
  };

  // A module check on a variable (`var.x != ""`) is a constant in a deploy stack, which passes
  // literals; terraform refuses a condition that refers to nothing, so the stack refers each one to
  // local.literal_inputs (lib/hosts/deploy-stack.ts).
  test.each(["state", "platform", "agents", "workflows"])(
    "%s passes terraform validate but for the AgentCore types the offline provider lacks",
    (name) => {
      // Validated with every other stack, module and example in one run (helpers/global-setup.ts).
      const { skipped, errors } = validationErrors(childOf.stack(name));
      if (skipped) throw new Error(`the shared terraform validate did not run: ${skipped}`);
      for (const e of errors)
        expect(e).toMatch(
          new RegExp(
            "^Invalid resource type: The provider hashicorp/aws does not support resource type " +
              '"aws_bedrockagentcore_[a-z0-9_]+"',
          ),
        );
    },
  );

  test("terraform refuses a condition referring to nothing; rewritten as the stacks do, it still decides plans", () => {
    // What refuses the condition is terraform itself, not a provider: a terraform_data shows it.
    const stack = (condition: string): Json => ({
      resource: {
        terraform_data: {
          r: {
            input: "r",
            lifecycle: { precondition: [{ condition, error_message: "the literal check failed" }] },
          },
        },
      },
    });
    expect(errorsOf(stack('${"x" != ""}')).join("\n")).toMatch(/must refer to at least one object/);
    const plan = (condition: string) => {
      const json = stack(condition);
      referToSomething(json);
      return prepareTerraform({ "cdk.tf.json": json }, tool).run([
        "plan",
        "-input=false",
        "-no-color",
        "-refresh=false",
      ]);
    };
    const passed = plan('${"x" != ""}');
    expect(passed.stderr).toBe("");
    expect(passed.status).toBe(0);
    const failed = plan('${"" != ""}');
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/the literal check failed/);
  });
});
