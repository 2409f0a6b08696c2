import * as fs from "fs";
import * as path from "path";
import { GATEWAY_ROLE_STATEMENTS, MANAGEMENT_ROLE_STATEMENTS, OAUTH2_TOKEN_STATEMENTS } from "../modules/platform/modules/agentcore/permissions";
import { PLATFORM_KEY_NAMES, PLATFORM_KEY_POLICY } from "../modules/platform/kms";
import { PLATFORM_MODULE } from "../modules/platform";
import { Policy, actionsOf, identityDecision, renderPolicy, trustDecision, unknownActions } from "./helpers/iam";
import { Json, Synthesized, scratchProject, synthProject } from "./helpers/synth";
import { describeWithTerraform, isolate, offlineProvider, planResources, prepareTerraform } from "./helpers/terraform";

const ACCOUNT = "123456789012";

/** A copy of the example project with the platform section of the environment replaced. */
function synthWithPlatform(platformYaml: string): Synthesized {
  const dir = scratchProject();
  const envFile = path.join(dir, "config", "environments", "example.yaml");
  const text = fs.readFileSync(envFile, "utf8");
  fs.writeFileSync(envFile, text.slice(0, text.indexOf("platform:")) + platformYaml);
  return synthProject(dir);
}

let cognito: Synthesized;
let platform: Json;
const res = (type: string, name: string): Json => {
  const r = platform.resource[type]?.[name];
  if (!r) throw new Error(`no ${type}.${name}`);
  return r;
};
const GW = "platform_gateway_agentcore";
const KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const refs = { "aws_kms_key.platform_kms_platform_artifacts.arn": KEY_ARN };

beforeAll(() => {
  cognito = synthProject();
  platform = cognito.stack("platform");
});

describe("KMS keys", () => {
  test("five customer-managed keys, each rotating, with aliases alias/<prefix>-<env>-<name>", () => {
    expect(PLATFORM_KEY_NAMES).toEqual(["data", "storage", "secrets", "platform_artifacts", "domain_artifacts"]);
    const aliases = Object.values(platform.resource.aws_kms_alias).map((a: any) => a.name).sort();
    expect(aliases).toEqual(["alias/acme-dev-data", "alias/acme-dev-domain-artifacts", "alias/acme-dev-platform-artifacts", "alias/acme-dev-secrets", "alias/acme-dev-storage"]);
    for (const name of PLATFORM_KEY_NAMES) {
      const key = res("aws_kms_key", `platform_kms_${name}`);
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
    }
  });

  test("key policy: account root holds kms:*; CloudWatch Logs only for this account's log groups", () => {
    const policy = JSON.parse(res("aws_kms_key", "platform_kms_data").policy);
    expect(policy.Statement).toEqual([
      { Sid: "AccountRootFullAccess", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*", Resource: "*" },
      {
        Sid: "AllowCloudWatchLogsEncryption",
        Effect: "Allow",
        Principal: { Service: "logs.us-east-1.amazonaws.com" },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" } },
      },
    ]);
  });

  test("the module outputs every key ARN and alias", () => {
    const outputs = Object.keys(cognito.module("platform").file("outputs.tf.json").output);
    for (const name of PLATFORM_KEY_NAMES) expect(outputs).toEqual(expect.arrayContaining([`${name}_kms_key_arn`, `${name}_kms_alias_name`]));
  });
});

describe("gateway execution role", () => {
  let policy: Policy;
  beforeAll(() => {
    policy = renderPolicy(res("aws_iam_role_policy", `${GW}_gateway_permissions`).policy, refs);
  });

  test("trusts only AgentCore, for this account and this region's AgentCore resources", () => {
    const trust = JSON.parse(res("aws_iam_role", `${GW}_gateway_role`).assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: "AllowBedrockAgentCoreAssumeRole",
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT }, ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" } },
      },
    ]);
  });

  test("each statement has seed 002's Sid, its actions and exactly its scope", () => {
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    // The example ships Cedar policies, so the policy-engine statements are present (cedar.test.ts covers both ways).
    expect(Object.keys(bySid)).toEqual(["InvokeMcpLambdaFunctions", "CloudWatchLogs", "GatewayRuntimeAccess", "PolicyEngineConfiguration", "PolicyEngineAccess", "RuntimeAccess", "KmsGatewayEncryption"]);
    expect(bySid.PolicyEngineConfiguration).toMatchObject({ Action: "bedrock-agentcore:GetPolicyEngine", Resource: "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-*" });
    expect(bySid.PolicyEngineAccess).toMatchObject({
      Action: ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"],
      Resource: ["arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-*", "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-*"],
    });
    expect(bySid.InvokeMcpLambdaFunctions).toMatchObject({ Action: "lambda:InvokeFunction", Resource: "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-*" });
    expect(bySid.CloudWatchLogs.Resource).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/gateways/acme-dev*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/gateways/acme-dev*:log-stream:*",
    ]);
    expect(bySid.GatewayRuntimeAccess).toMatchObject({
      Action: ["bedrock-agentcore:GetGateway", "bedrock-agentcore:GetGatewayTarget", "bedrock-agentcore:ListGatewayTargets"],
      Resource: "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-*",
    });
    expect(bySid.RuntimeAccess).toMatchObject({
      Action: ["bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:InvokeAgentRuntime"],
      Resource: ["arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_*", "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_*/runtime-endpoint/*"],
    });
    expect(bySid.KmsGatewayEncryption).toMatchObject({ Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: KEY_ARN });
  });

  test("no bedrock-agentcore:* (or any service wildcard) anywhere in the gateway role", () => {
    const all = [policy, renderPolicy(res("aws_iam_role_policy", `${GW}_gateway_oauth2_token`).policy, oauthRefs)];
    for (const p of all) for (const a of actionsOf(p)) expect(a).not.toMatch(/:\*$|^\*$/);
  });

  test("the gateway is encrypted with the platform_artifacts key and depends on the role's permissions", () => {
    const gw = res("aws_bedrockagentcore_gateway", `${GW}_gateway_gateway`);
    expect(gw.kms_key_arn).toBe("${aws_kms_key.platform_kms_platform_artifacts.arn}");
    expect(gw.protocol_type).toBe("MCP");
    expect(gw.role_arn).toBe(`\${aws_iam_role.${GW}_gateway_role.arn}`);
    expect(gw.depends_on).toContain(`aws_iam_role_policy.${GW}_gateway_permissions`);
  });

  describe("simulated (iam-simulate)", () => {
    test("may invoke <prefix>-<env>-x but no other function", async () => {
      expect(await identityDecision([policy], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-refunds")).toBe("Allowed");
      expect(await identityDecision([policy], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:acme-prod-refunds")).toBe("ImplicitlyDenied");
      expect(await identityDecision([policy], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:billing")).toBe("ImplicitlyDenied");
    });

    test("may invoke this platform's runtimes only", async () => {
      expect(await identityDecision([policy], "bedrock-agentcore:InvokeAgentRuntime", "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_support-AbCdEf1234")).toBe("Allowed");
      expect(await identityDecision([policy], "bedrock-agentcore:InvokeAgentRuntime", "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other_support-AbCdEf1234")).toBe("ImplicitlyDenied");
    });

    test("may use its own key and no other (with the platform key policy delegating to IAM)", async () => {
      const keyPolicy = JSON.parse(res("aws_kms_key", "platform_kms_platform_artifacts").policy);
      const other = "arn:aws:kms:us-east-1:123456789012:key/99999999-12ab-34cd-56ef-1234567890ab";
      expect(await identityDecision([policy], "kms:Decrypt", KEY_ARN, ACCOUNT, {}, keyPolicy)).toBe("Allowed");
      expect(await identityDecision([policy], "kms:Decrypt", other, ACCOUNT, {}, keyPolicy)).toBe("ImplicitlyDenied");
    });

    test("the trust policy denies another account and another service principal", async () => {
      const trust = JSON.parse(res("aws_iam_role", `${GW}_gateway_role`).assume_role_policy);
      const role = "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway";
      const own = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abc" };
      expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, own)).toBe("Allowed");
      expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, { "aws:SourceAccount": "999999999999", "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:999999999999:gateway/x" })).toBe("ImplicitlyDenied");
      expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, { ...own, "aws:SourceArn": "arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/x" })).toBe("ImplicitlyDenied");
      expect(await trustDecision(trust, "lambda.amazonaws.com", role, own)).toBe("ImplicitlyDenied");
    });
  });
});

const oauthRefs = {
  "one(aws_bedrockagentcore_oauth2_credential_provider.platform_gateway_agentcore_credentials_m2m.*.credential_provider_arn)":
    "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/acme-dev-gateway-m2m",
  "aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.workload_identity_details[0].workload_identity_arn":
    "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/acme-dev-gateway-abc",
};

describe("Cognito machine-to-machine (authorizer: cognito)", () => {
  test("user pool, resource server with scopes, client-credentials client and domain are created", () => {
    expect(res("aws_cognito_user_pool", `${GW}_cognito_user_pool`).count).toBe(1);
    const client = res("aws_cognito_user_pool_client", `${GW}_cognito_m2m_client`);
    expect(client).toMatchObject({ count: 1, generate_secret: true, allowed_oauth_flows: ["client_credentials"], allowed_oauth_flows_user_pool_client: true });
    expect(client.allowed_oauth_scopes).toBe('${formatlist("acme-dev-gateway/%s", ["invoke"])}');
    expect(res("aws_cognito_user_pool_domain", `${GW}_cognito_domain`).domain).toBe("acme-dev-123456789012");
  });

  test("the gateway's JWT authorizer trusts the Cognito issuer and its client", () => {
    const auth = res("aws_bedrockagentcore_gateway", `${GW}_gateway_gateway`).dynamic.authorizer_configuration;
    expect(auth.for_each).toBe('${toset(("CUSTOM_JWT" == "CUSTOM_JWT") ? ["jwt"] : [])}');
    expect(auth.content.custom_jwt_authorizer[0].discovery_url).toContain("https://cognito-idp.us-east-1.amazonaws.com/${one(aws_cognito_user_pool.");
  });

  test("GetResourceOauth2Token is granted in its own policy, on that credential provider (and what the service also requires)", async () => {
    const pol = res("aws_iam_role_policy", `${GW}_gateway_oauth2_token`);
    expect(pol.count).toBe(1);
    const p = renderPolicy(pol.policy, oauthRefs);
    expect(p.Statement).toHaveLength(1);
    expect(p.Statement[0].Sid).toBe("GetResourceOauth2Token");
    expect(p.Statement[0].Action).toBe("bedrock-agentcore:GetResourceOauth2Token");
    const provider = oauthRefs["one(aws_bedrockagentcore_oauth2_credential_provider.platform_gateway_agentcore_credentials_m2m.*.credential_provider_arn)"];
    expect(await identityDecision([p], "bedrock-agentcore:GetResourceOauth2Token", provider)).toBe("Allowed");
    expect(await identityDecision([p], "bedrock-agentcore:GetResourceOauth2Token", provider.replace("acme-dev-gateway-m2m", "someone-else"))).toBe("ImplicitlyDenied");
  });

  test("the credential provider receives the client secret write-only", () => {
    const cfg = res("aws_bedrockagentcore_oauth2_credential_provider", `${GW}_credentials_m2m`).oauth2_provider_config[0].custom_oauth2_provider_config[0];
    expect(cfg.client_secret).toBeUndefined();
    expect(cfg.client_secret_wo).toBe(`\${one(aws_cognito_user_pool_client.${GW}_cognito_m2m_client.*.client_secret)}`);
  });
});

describe("without Cognito (authorizer: custom_jwt)", () => {
  let stack: Json;
  beforeAll(() => {
    stack = synthWithPlatform(
      "platform:\n  gateway:\n    authorizer: custom_jwt\n    custom_jwt:\n      discovery_url: https://issuer.example.com/.well-known/openid-configuration\n      allowed_clients: [abc123]\n",
    ).stack("platform");
  });

  test("no GetResourceOauth2Token, no Cognito, no credential provider", () => {
    const r = stack.resource;
    expect(r.aws_iam_role_policy[`${GW}_gateway_oauth2_token`].count).toBe(0);
    expect(r.aws_cognito_user_pool[`${GW}_cognito_user_pool`].count).toBe(0);
    expect(r.aws_bedrockagentcore_oauth2_credential_provider[`${GW}_credentials_m2m`].count).toBe(0);
    expect(r.aws_iam_role_policy[`${GW}_gateway_permissions`].policy).not.toContain("GetResourceOauth2Token");
  });

  test("the gateway trusts the configured issuer and clients", () => {
    const jwt = stack.resource.aws_bedrockagentcore_gateway[`${GW}_gateway_gateway`].dynamic.authorizer_configuration.content.custom_jwt_authorizer[0];
    expect(jwt.discovery_url).toBe('${false ? "https://cognito-idp.us-east-1.amazonaws.com/${one(aws_cognito_user_pool.platform_gateway_agentcore_cognito_user_pool.*.id)}/.well-known/openid-configuration" : "https://issuer.example.com/.well-known/openid-configuration"}');
    expect(jwt.allowed_clients).toContain('["abc123"]');
  });
});

describe("gateway targets (seed 001)", () => {
  test("the blueprint's Lambda target carries its tools and the gateway may call the function", () => {
    const target = res("aws_bedrockagentcore_gateway_target", `${GW}_targets_refundtool`);
    expect(target.name).toBe("RefundTool");
    const lambda = target.target_configuration[0].mcp[0].lambda[0];
    expect(lambda.lambda_arn).toBe("arn:aws:lambda:us-east-1:123456789012:function:acme-dev-refunds");
    const tools = lambda.tool_schema[0].inline_payload;
    expect(tools.map((t: Json) => t.name)).toEqual(["process_refund", "get_order"]);
    expect(tools[0].input_schema[0].property).toEqual([
      { name: "order_id", type: "string", description: "The order to refund.", required: true },
      { name: "amount", type: "number", description: "Amount to refund, in the order's currency.", required: true },
      { name: "reason", type: "string", required: false },
    ]);
    const permission = res("aws_lambda_permission", `${GW}_targets_refundtool_invoke`);
    expect(permission).toMatchObject({
      action: "lambda:InvokeFunction",
      function_name: "acme-dev-refunds",
      principal: "bedrock-agentcore.amazonaws.com",
      source_arn: `\${aws_bedrockagentcore_gateway.${GW}_gateway_gateway.gateway_arn}`,
      source_account: ACCOUNT,
    });
  });
});

describe("resource management role (seed 000)", () => {
  test("is off by default", () => {
    expect(res("aws_iam_role", `${GW}_management_role`).count).toBe(0);
    expect(res("aws_iam_role_policy", `${GW}_management_permissions`).count).toBe(0);
  });

  test("when enabled: trusted principals from configuration, PassRole only of the gateway role to AgentCore", async () => {
    const stack = synthWithPlatform(
      "platform:\n  management_role:\n    enabled: true\n    trusted_principal_arns: [arn:aws:iam::123456789012:role/platform-admins]\n",
    ).stack("platform");
    const role = stack.resource.aws_iam_role[`${GW}_management_role`];
    expect(role.count).toBe(1);
    expect(role.assume_role_policy).toContain('"arn:aws:iam::123456789012:role/platform-admins"');
    const p = renderPolicy(stack.resource.aws_iam_role_policy[`${GW}_management_permissions`].policy, {
      [`aws_iam_role.${GW}_gateway_role.arn`]: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
    });
    const passRole = p.Statement.find((s) => s.Sid === "IAMPassRole");
    expect(passRole).toEqual({
      Sid: "IAMPassRole",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
      Condition: { StringEquals: { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" } },
    });
    const gatewayRole = "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway";
    expect(await identityDecision([p], "iam:PassRole", gatewayRole, ACCOUNT, { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" })).toBe("Allowed");
    expect(await identityDecision([p], "iam:PassRole", gatewayRole, ACCOUNT, { "iam:PassedToService": "lambda.amazonaws.com" })).toBe("ImplicitlyDenied");
    expect(await identityDecision([p], "iam:PassRole", "arn:aws:iam::123456789012:role/admin", ACCOUNT, { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" })).toBe("ImplicitlyDenied");
    for (const s of p.Statement) {
      for (const r of [s.Resource].flat()) expect(r).toMatch(/^arn:aws:(bedrock-agentcore:us-east-1|iam:):123456789012:/);
    }
  });

  test("enabled without trusted principals is a configuration error", () => {
    expect(() => synthWithPlatform("platform:\n  management_role:\n    enabled: true\n")).toThrow(
      "config/environments/example.yaml: platform.management_role.trusted_principal_arns: enabled needs at least one trusted_principal_arns entry",
    );
  });
});

test("every IAM action of the platform exists (iam-data); every wildcard action matches one", async () => {
  const all = [...GATEWAY_ROLE_STATEMENTS, ...OAUTH2_TOKEN_STATEMENTS, ...MANAGEMENT_ROLE_STATEMENTS, ...PLATFORM_KEY_POLICY].flatMap((s) => s.actions.filter((a) => a !== "kms:*"));
  expect(all.length).toBeGreaterThan(40);
  expect(await unknownActions(all)).toEqual([]);
  // and the check itself can fail:
  expect(await unknownActions(["bedrock-agentcore:InvokeGatewayy", "kms:Nope*"])).toEqual(["bedrock-agentcore:InvokeGatewayy", "kms:Nope*"]);
});

test("the platform publishes its outputs under the SSM root path and the agents stack consumes them", () => {
  const names = Object.values(platform.resource.aws_ssm_parameter).map((p: any) => p.name);
  expect(names).toEqual(expect.arrayContaining(["/acme/dev/gateway/role-arn", "/acme/dev/gateway/arn", "/acme/dev/kms/platform-artifacts/arn", "/acme/dev/platform/name-prefix"]));
  for (const o of ["gateway_role_arn", "gateway_id", "gateway_arn", "ssm_root_path", "name_prefix", "data_kms_key_arn"]) {
    expect(Object.keys(PLATFORM_MODULE.outputs)).toContain(o);
    expect(platform.output[o]).toBeDefined();
  }
});

describeWithTerraform("platform IAM and KMS planned by terraform", (tool) => {
  test("the gateway and management policies terraform renders are the ones simulated above", async () => {
    const tree = cognito.module("platform/modules/agentcore").tree();
    const iamOnly = isolate(tree, (type, name) => ["aws_iam_role", "aws_iam_role_policy"].includes(type) && name !== "agentcore_gateway_oauth2_token");
    const tf = prepareTerraform({ ...iamOnly, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const planned = planResources(tf, {
      name_prefix: "acme",
      environment: "dev",
      account_id: ACCOUNT,
      kms_key_arn: KEY_ARN,
      enable_management_role: true,
      management_trusted_principal_arns: ["arn:aws:iam::123456789012:role/platform-admins"],
    });
    const byAddress = Object.fromEntries(planned.map((r) => [r.address.replace(/\[0\]$/, ""), r.values]));
    const gatewayPolicy = JSON.parse(byAddress["aws_iam_role_policy.agentcore_gateway_permissions"].policy);
    const synthesized = renderPolicy(res("aws_iam_role_policy", `${GW}_gateway_permissions`).policy, refs);
    expect(gatewayPolicy).toEqual(synthesized);
    expect(await identityDecision([gatewayPolicy], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-refunds")).toBe("Allowed");
    expect(await identityDecision([gatewayPolicy], "lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:billing")).toBe("ImplicitlyDenied");
    const trust = JSON.parse(byAddress["aws_iam_role.agentcore_gateway_role"].assume_role_policy);
    expect(trust).toEqual(JSON.parse(res("aws_iam_role", `${GW}_gateway_role`).assume_role_policy));
    expect(JSON.parse(byAddress["aws_iam_role.agentcore_management_role"].assume_role_policy).Statement[0].Principal).toEqual({ AWS: ["arn:aws:iam::123456789012:role/platform-admins"] });
  });

  test("the five platform keys plan with rotation and the rendered key policy", () => {
    const tree = cognito.module("platform").tree();
    const kmsOnly = isolate(tree, (type) => type.startsWith("aws_kms_"));
    const tf = prepareTerraform({ ...kmsOnly, "provider.tf.json": offlineProvider("us-east-1") }, tool);
    const planned = planResources(tf, { name_prefix: "acme", environment: "dev", account_id: ACCOUNT });
    const keys = planned.filter((r) => r.type === "aws_kms_key");
    expect(keys).toHaveLength(5);
    for (const k of keys) {
      expect(k.values.enable_key_rotation).toBe(true);
      expect(JSON.parse(k.values.policy)).toEqual(JSON.parse(res("aws_kms_key", "platform_kms_data").policy));
    }
    expect(planned.filter((r) => r.type === "aws_kms_alias").map((r) => r.values.name).sort()).toEqual([
      "alias/acme-dev-data",
      "alias/acme-dev-domain-artifacts",
      "alias/acme-dev-platform-artifacts",
      "alias/acme-dev-secrets",
      "alias/acme-dev-storage",
    ]);
  });
});
