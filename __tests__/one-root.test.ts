/**
 * Plans work in one root (DESIGN.md §2, docs/adr/0009-known-at-plan-decisions.md): a root that
 * calls state → platform → agents → workflows, every input that can come from another module's
 * output (or from a resource of the same root) taken from there, plans without "Invalid count
 * argument" or "Invalid for_each argument", with the existence of every optional resource and
 * block known at plan. The shipped HCL examples plan the same way. One provider-free plan a root.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "@cdktf/hcl2json";
import { type Json, ROOT, synthProject } from "./helpers/synth";
import { describeWithTerraform, offlineProvider, prepareTerraform, showPlan } from "./helpers/terraform";

const MODULES = ["state", "platform", "agents", "workflows"] as const;
const REGION = "eu-west-1";
const ACCOUNT = "123456789012";

/** Every `.tf.json` of the synthesized registry modules, under `<prefix>/<module>/`. */
function moduleTrees(prefix: string): Record<string, Json> {
  const out = synthProject();
  const files: Record<string, Json> = {};
  for (const name of MODULES)
    for (const [file, body] of Object.entries(out.module(name).tree())) files[`${prefix}/${name}/${file}`] = body;
  return files;
}

const CEDAR =
  "permit(principal is AgentCore::OAuthUser, " +
  'action in [AgentCore::Action::"Bookings___find_slots"], resource == AgentCore::Gateway::"{{GATEWAY_ARN}}");';

const WORKFLOW = JSON.stringify({
  StartAt: "Ask",
  States: {
    Ask: {
      Type: "Task",
      Resource: "arn:aws:states:::aws-sdk:bedrockagentcore:invokeAgentRuntime",
      Parameters: { AgentRuntimeArn: "{{AGENT_RUNTIME_ARN:builder}}", Payload: "{}" },
      End: true,
    },
  },
});

/** A resource of this root whose ARN or URL is unknown until apply, by what the modules take it for. */
const SAME_APPLY = {
  aws_s3_bucket: {
    one_root_sources: { bucket: "acme-dev-build-sources" },
    one_root_artifacts: { bucket: "acme-dev-art" },
  },
  aws_secretsmanager_secret: { one_root_litellm: { name: "acme-dev-litellm" } },
  aws_lambda_function_url: { one_root_handbook: { function_name: "acme-dev-handbook", authorization_type: "NONE" } },
  aws_lambda_function: { one_root_prompts: { function_name: "acme-dev-prompts", role: "x", image_uri: "x" } },
  aws_bedrockagentcore_memory: { one_root_shared: { name: "acme_dev_shared", event_expiry_duration: 30 } },
};

const ONE_ROOT = (): Record<string, Json> => ({
  ...moduleTrees("modules"),
  "main.tf.json": {
    resource: SAME_APPLY,
    module: {
      state: {
        source: "./modules/state",
        name_prefix: "acme",
        environment: "dev",
        account_id: ACCOUNT,
        bucket_name: "acme-dev-tfstate",
      },
      platform: {
        source: "./modules/platform",
        name_prefix: "acme",
        environment: "dev",
        account_id: ACCOUNT,
        enable_state_parameters: true,
        state_bucket_name: "${module.state.state_bucket_name}",
        state_kms_key_arn: "${module.state.state_kms_key_arn}",
        gateway_targets: {
          Bookings: {
            description: "Finds and books rooms.",
            lambda: { function: "bookings" },
            tools: [
              {
                name: "find_slots",
                description: "Free rooms.",
                input_schema: { type: "object", properties: { day: { type: "string" } } },
              },
            ],
          },
          Handbook: {
            description: "Searches the handbook.",
            mcp_server: { endpoint: "${aws_lambda_function_url.one_root_handbook.function_url}" },
            auth: { cognito: true },
          },
        },
        policies: { EmployeesMayBook: CEDAR },
      },
      agents: {
        source: "./modules/agents",
        name_prefix: "acme",
        environment: "dev",
        account_id: ACCOUNT,
        agents: {
          builder: {
            description: "Builds with CodeBuild, remembers, holds a credential and shares the platform memory.",
            models: ["eu.anthropic.claude-sonnet-4-20250514-v1:0"],
            features: ["shared_memory", "artifacts_bucket", "prompt_registry"],
            environment: { TEAM: "rooms" },
            codebuild: true,
            memory: { strategies: [{ name: "facts", type: "SEMANTIC", namespace: "/facts/{actorId}" }] },
            credentials: { api_keys: ["search"] },
            browser: { recording: true },
          },
          helper: {
            description: "An MCP server the gateway's Cognito tokens may call.",
            models: ["eu.anthropic.claude-sonnet-4-20250514-v1:0"],
            protocol: "MCP",
          },
        },
        ssm_root_path: "${module.platform.ssm_root_path}",
        gateway_role_arn: "${module.platform.gateway_role_arn}",
        permissions_boundary_arn: "${module.platform.role_permissions_boundary_arn}",
        enable_gateway_url: true,
        gateway_url: "${module.platform.gateway_url}",
        runtime_kms_key_arn: "${module.platform.storage_kms_key_arn}",
        permission_mode: "production",
        artifacts_bucket_arn: "${aws_s3_bucket.one_root_artifacts.arn}",
        enable_codebuild: true,
        codebuild_source_bucket_arn: "${aws_s3_bucket.one_root_sources.arn}",
        prompt_registry_function_arn: "${aws_lambda_function.one_root_prompts.arn}",
        platform_artifacts_kms_key_arn: "${module.platform.platform_artifacts_kms_key_arn}",
        domain_artifacts_kms_key_arn: "${module.platform.domain_artifacts_kms_key_arn}",
        storage_kms_key_arn: "${module.platform.storage_kms_key_arn}",
        data_kms_key_arn: "${module.platform.data_kms_key_arn}",
        secrets_kms_key_arn: "${module.platform.secrets_kms_key_arn}",
        inference_key_secret_arns: { LITELLM_API_KEY: "${aws_secretsmanager_secret.one_root_litellm.arn}" },
        enable_shared_memory: true,
        shared_memory_arn: "${aws_bedrockagentcore_memory.one_root_shared.arn}",
        enable_cognito_authorizer: true,
        cognito_user_pool_id: "${module.platform.cognito_user_pool_id}",
        cognito_client_id: "${module.platform.cognito_client_id}",
      },
      workflows: {
        source: "./modules/workflows",
        name_prefix: "acme",
        environment: "dev",
        account_id: ACCOUNT,
        workflows: { nightly: { definition: WORKFLOW, triggers: { schedule: "cron(0 6 * * ? *)" } } },
        agent_runtime_arns: "${module.agents.runtime_arns}",
        permissions_boundary_arn: "${module.platform.role_permissions_boundary_arn}",
        logs_kms_key_arn: "${module.platform.storage_kms_key_arn}",
      },
    },
  },
  "provider.tf.json": offlineProvider(REGION),
});

/** Every planned resource of the plan, in every module, by address. */
function plannedResources(plan: Json): Map<string, Json> {
  const all = new Map<string, Json>();
  const visit = (module: Json | undefined, prefix: string) => {
    for (const r of module?.resources ?? [])
      all.set(`${prefix}${r.address.replace(/^module\.[^.]+(\.module\.[^.]+)*\./, "")}`, r);
    for (const child of module?.child_modules ?? []) visit(child, `${child.address}.`);
  };
  visit(plan.planned_values.root_module, "");
  return all;
}

/** `terraform plan` of a prepared root, timed; throws terraform's message when it fails. */
function timedPlan(tf: ReturnType<typeof prepareTerraform>, what: string): { plan: Json; ms: number } {
  const t0 = Date.now();
  const r = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-out=plan.bin"]);
  const ms = Date.now() - t0;
  if (r.status !== 0) throw new Error(`terraform plan of ${what} failed:\n${r.stdout}\n${r.stderr}`);
  console.log(`${what}: one provider-free plan in ${ms} ms`);
  return { plan: showPlan(tf), ms };
}

describeWithTerraform("one root: state → platform → agents → workflows", (tool) => {
  let plan: Json;
  let resources: Map<string, Json>;
  beforeAll(() => {
    plan = timedPlan(prepareTerraform(ONE_ROOT(), tool), "the one-root configuration").plan;
    resources = plannedResources(plan);
  });

  test("plans, and every optional resource an input asks for exists at plan although its ARN is unknown", () => {
    const has = (address: string) => expect([address, resources.has(address)]).toEqual([address, true]);
    has("module.platform.aws_ssm_parameter.platform_ssm_state_bucket_name[0]");
    has("module.platform.aws_ssm_parameter.platform_ssm_state_kms_key_arn[0]");
    has('module.agents.aws_iam_role.agents_iam_codebuild_role["builder"]');
    has('module.agents.aws_iam_role_policy.agents_iam_codebuild_permissions["builder"]');
    has('module.agents.aws_iam_role.agents_iam_browser_role["builder"]');
    const apiKeyProvider = "aws_bedrockagentcore_api_key_credential_provider.agents_credentials_api_key_provider";
    has(`module.agents.${apiKeyProvider}["builder/search"]`);
    has('module.agents.aws_bedrockagentcore_memory.agents_memory_memory["builder"]');
    has('module.workflows.aws_sfn_state_machine.workflows_state_machine_state_machine["nightly"]');
    expect(resources.has('module.agents.aws_iam_role.agents_iam_codebuild_role["helper"]')).toBe(false);
  });

  test("blocks decided by inputs from the same apply exist at plan: the MCP server and the Cognito authorizer", () => {
    const gateway = "module.platform.module.platform_gateway_agentcore";
    const target = resources.get(`${gateway}.aws_bedrockagentcore_gateway_target.agentcore_targets_target["Handbook"]`);
    expect(target?.values.target_configuration[0].mcp[0].mcp_server).toHaveLength(1);
    const runtimes = (key: string) =>
      resources.get(`module.agents.aws_bedrockagentcore_agent_runtime.agents_runtime_runtime["${key}"]`);
    expect(runtimes("helper")?.values.authorizer_configuration).toHaveLength(1);
    expect(runtimes("builder")?.values.authorizer_configuration).toEqual([]);
  });

  test("each runtime's environment has known keys; values from the same apply are unknown, the rest visible", () => {
    const change = plan.resource_changes.find(
      (c: Json) =>
        c.address ===
        'module.agents.terraform_data.stub__aws_bedrockagentcore_agent_runtime__agents_runtime_runtime["builder"]',
    );
    const known = change.change.after.input.environment_variables;
    const unknown = change.change.after_unknown.input.environment_variables;
    expect(known).toMatchObject({ AGENT_KEY: "builder", TEAM: "rooms", PLATFORM_SSM_ROOT_PATH: "/acme/dev" });
    expect(Object.keys(unknown).sort()).toEqual([
      "AGENTCORE_BROWSER_ID",
      "AGENTCORE_GATEWAY_URL",
      "AGENTCORE_MEMORY_ID",
      "AGENTCORE_SHARED_MEMORY_ID",
      "LITELLM_API_KEY_SECRET_ARN",
    ]);
    expect(change.change.after_sensitive.input.environment_variables ?? {}).toEqual({});
  });
});

/** A root `.tf` file as Terraform JSON: hcl2json's block lists unwrapped, provider and version pins left out. */
function hclAsJson(hcl: Json): Json {
  const unwrap = (byName: Json | undefined) =>
    Object.fromEntries(Object.entries(byName ?? {}).map(([name, blocks]) => [name, (blocks as Json[])[0]]));
  const variable = Object.fromEntries(
    Object.entries(unwrap(hcl.variable)).map(([name, v]) => [
      name,
      { ...v, type: String(v.type).replace(/^\$\{(.*)\}$/, "$1") },
    ]),
  );
  const body: Json = {
    variable,
    locals: Object.assign({}, ...(hcl.locals ?? [])),
    module: unwrap(hcl.module),
    output: unwrap(hcl.output),
  };
  return Object.fromEntries(Object.entries(body).filter(([, section]) => Object.keys(section).length > 0));
}

describeWithTerraform("the HCL examples plan in one root", (tool) => {
  test.each(["minimal", "complete"])("%s", async (example) => {
    const dir = path.join(ROOT, "examples", example);
    const hcl = await parse("main.tf", fs.readFileSync(path.join(dir, "main.tf"), "utf8"));
    // As in the shared validate: the example is a child of a scratch root, the modules it calls
    // (../../dist/modules) beside it, and its files (agents, targets, policies) copied along.
    const tf = prepareTerraform(
      {
        ...moduleTrees("dist/modules"),
        [`examples/${example}/main.tf.json`]: hclAsJson(hcl),
        "main.tf.json": { module: { example: { source: `./examples/${example}` } } },
        "provider.tf.json": offlineProvider(REGION),
      },
      tool,
      {
        beforeInit: (root) => {
          for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
            if (entry.isDirectory())
              fs.cpSync(path.join(dir, entry.name), path.join(root, "examples", example, entry.name), {
                recursive: true,
              });
        },
      },
    );
    const { plan } = timedPlan(tf, `examples/${example}`);
    const resources = plannedResources(plan);
    expect([...resources.keys()].some((a) => a.startsWith("module.example.module.platform."))).toBe(true);
  });
});

describeWithTerraform("reviewable plans: only secret values are sensitive", (tool) => {
  test("a runtime's environment shows its non-secret values with and without a secret; the policy is known", () => {
    const agentsCall = (secret: string) => ({
      source: "./modules/agents",
      name_prefix: "acme",
      environment: "dev",
      account_id: ACCOUNT,
      agents: {
        plain: { description: "No secrets here.", models: ["amazon.nova-lite-v1:0"], environment: { TEAM: "t" } },
      },
      ssm_root_path: "/acme/dev",
      gateway_role_arn: `arn:aws:iam::${ACCOUNT}:role/acme-dev-gateway`,
      permissions_boundary_arn: `arn:aws:iam::${ACCOUNT}:policy/acme-dev-role-boundary`,
      runtime_kms_key_arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      enable_gateway_url: true,
      gateway_url: "https://gw.example.com/mcp",
      langfuse_host: "https://langfuse.example.com",
      litellm_api_key: secret,
    });
    const tf = prepareTerraform(
      {
        ...moduleTrees("modules"),
        "main.tf.json": {
          variable: { litellm_api_key: { type: "string", sensitive: true } },
          module: { without_secret: agentsCall(""), with_secret: agentsCall("${var.litellm_api_key}") },
        },
        "provider.tf.json": offlineProvider(REGION),
      },
      tool,
    );
    fs.writeFileSync(path.join(tf.dir, "test.auto.tfvars.json"), JSON.stringify({ litellm_api_key: "sk-secret" }));
    const { plan } = timedPlan(tf, "two agents modules, with and without a secret");
    const change = (call: string, type: string, name: string) =>
      plan.resource_changes.find(
        (c: Json) => c.address === `module.${call}.terraform_data.stub__${type}__${name}["plain"]`,
      ).change;
    const visible = { AGENT_KEY: "plain", TEAM: "t", AGENTCORE_GATEWAY_URL: "https://gw.example.com/mcp" };
    for (const call of ["without_secret", "with_secret"]) {
      const runtime = change(call, "aws_bedrockagentcore_agent_runtime", "agents_runtime_runtime");
      expect(runtime.after.input.environment_variables).toMatchObject({
        ...visible,
        LANGFUSE_HOST: "https://langfuse.example.com",
      });
      const sensitive = runtime.after_sensitive.input.environment_variables ?? {};
      expect([call, sensitive]).toEqual([call, call === "with_secret" ? { LITELLM_API_KEY: true } : {}]);
      const policy = change(call, "aws_iam_role_policy", "agents_iam_permissions");
      expect(typeof policy.after.input.policy).toBe("string");
      expect(policy.after_sensitive.input.policy ?? false).toBe(false);
    }
  });
});
