import * as fs from "node:fs";
import * as path from "node:path";
import { literalAws } from "../lib/aws-context";
import { renderStatements } from "../lib/iam/statement-table";
import {
  GATEWAY_ROLE_STATEMENTS,
  type GatewayRoleContext,
  MANAGEMENT_ROLE_STATEMENTS,
  OAUTH2_TOKEN_STATEMENTS,
  gatewayArnPattern,
  policyEngineArnPattern,
} from "../modules/platform/modules/agentcore/permissions";
import { PLATFORM_KEY_NAMES, PLATFORM_KEY_POLICY } from "../modules/platform/kms";
import { PLATFORM_MODULE } from "../modules/platform";
import { PASSED_TO_SERVICES } from "../modules/platform/boundary";
import { AGENT_ROLE_STATEMENTS, CODEBUILD_ROLE_STATEMENTS } from "../modules/agents/permissions";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import { type Policy, actionsOf, identityDecision, renderPolicy, trustDecision, unknownActions } from "./helpers/iam";
import { type Json, type Synthesized, scratchProject, synthProject } from "./helpers/synth";
import {
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  probeAttributes,
} from "./helpers/terraform";

const ACCOUNT = "123456789012";

/** The gateway role's context with literal values: what the permission report renders. */
const gatewayContext = (policyEngine: boolean): GatewayRoleContext => ({
  aws: literalAws(ACCOUNT, "us-east-1"),
  stem: "acme-dev",
  runtimePrefix: "acme_dev_",
  gatewayName: "acme-dev-gateway",
  policyEngineName: "acme_dev_gateway_policies",
  policyEngine,
  kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  targetRuntimeArns: [],
  targetRuntimeEndpointArns: [],
  targetRuntimes: false,
});
const gatewayPolicy = (policyEngine: boolean): Policy => ({
  Version: "2012-10-17",
  Statement: renderStatements(GATEWAY_ROLE_STATEMENTS, gatewayContext(policyEngine)) as any[],
});

/** A copy of the test project with the platform section of the environment replaced. */
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

beforeAll(() => {
  cognito = synthProject();
  platform = cognito.stack("platform");
});

describe("KMS keys", () => {
  test("five customer-managed keys, each rotating, with aliases alias/<prefix>-<env>-<name>", () => {
    expect(PLATFORM_KEY_NAMES).toEqual(["data", "storage", "secrets", "platform_artifacts", "domain_artifacts"]);
    const aliases = Object.values(platform.resource.aws_kms_alias)
      .map((a: any) => a.name)
      .sort();
    expect(aliases).toEqual([
      "alias/acme-dev-data",
      "alias/acme-dev-domain-artifacts",
      "alias/acme-dev-platform-artifacts",
      "alias/acme-dev-secrets",
      "alias/acme-dev-storage",
    ]);
    for (const name of PLATFORM_KEY_NAMES) {
      const key = res("aws_kms_key", `platform_kms_${name}`);
      expect(key.enable_key_rotation).toBe(true);
      expect(key.deletion_window_in_days).toBe(30);
    }
  });

  test("key policy: account root holds kms:*; CloudWatch Logs only for this account's log groups", () => {
    const policy = JSON.parse(res("aws_kms_key", "platform_kms_data").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "AccountRootFullAccess",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::123456789012:root" },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "AllowCloudWatchLogsEncryption",
        Effect: "Allow",
        Principal: { Service: "logs.us-east-1.amazonaws.com" },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:*" },
        },
      },
    ]);
  });

  test("the module outputs every key ARN and alias", () => {
    const outputs = Object.keys(cognito.module("platform").file("outputs.tf.json").output);
    for (const name of PLATFORM_KEY_NAMES)
      expect(outputs).toEqual(expect.arrayContaining([`${name}_kms_key_arn`, `${name}_kms_alias_name`]));
  });
});

describe("gateway execution role", () => {
  // The table rendered with an engine attached; the terraform test below shows the module renders the same.
  const policy = gatewayPolicy(true);

  test("trusts only AgentCore, for this account and this region's AgentCore resources", () => {
    const trust = JSON.parse(res("aws_iam_role", `${GW}_gateway_role`).assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Sid: "AllowBedrockAgentCoreAssumeRole",
        Effect: "Allow",
        Principal: { Service: "bedrock-agentcore.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": ACCOUNT },
          ArnLike: { "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:*" },
        },
      },
    ]);
  });

  test("each statement has seed 002's Sid, its actions and exactly its scope", () => {
    const bySid = Object.fromEntries(policy.Statement.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual([
      "InvokeMcpLambdaFunctions",
      "CloudWatchLogs",
      "GatewayRuntimeAccess",
      "PolicyEngineConfiguration",
      "PolicyEngineAccess",
      "RuntimeAccess",
      "KmsGatewayEncryption",
    ]);
    expect(bySid.PolicyEngineConfiguration).toMatchObject({
      Action: "bedrock-agentcore:GetPolicyEngine",
      Resource: "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-*",
    });
    expect(bySid.PolicyEngineAccess).toMatchObject({
      Action: ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"],
      Resource: [
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-*",
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-*",
      ],
    });
    expect(bySid.InvokeMcpLambdaFunctions).toMatchObject({
      Action: "lambda:InvokeFunction",
      Resource: "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-*",
    });
    expect(bySid.CloudWatchLogs.Resource).toEqual([
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/gateways/acme-dev*",
      "arn:aws:logs:us-east-1:123456789012:log-group:/aws/bedrock-agentcore/gateways/acme-dev*:log-stream:*",
    ]);
    expect(bySid.GatewayRuntimeAccess).toMatchObject({
      Action: [
        "bedrock-agentcore:GetGateway",
        "bedrock-agentcore:GetGatewayTarget",
        "bedrock-agentcore:ListGatewayTargets",
      ],
      Resource: "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-*",
    });
    expect(bySid.RuntimeAccess).toMatchObject({
      Action: ["bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:InvokeAgentRuntime"],
      Resource: [
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_*",
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_*/runtime-endpoint/*",
      ],
    });
    expect(bySid.KmsGatewayEncryption).toMatchObject({
      Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: KEY_ARN,
    });
  });

  test("no bedrock-agentcore:* (or any service wildcard) anywhere in the gateway role", () => {
    const all = [policy, renderPolicy(res("aws_iam_role_policy", `${GW}_gateway_oauth2_token`).policy, oauthRefs)];
    for (const p of all) for (const a of actionsOf(p)) expect(a).not.toMatch(/:\*$|^\*$/);
  });

  test("the deploy stack's policy holds every statement, the policy-engine ones under the engine's condition", () => {
    const template = res("aws_iam_role_policy", `${GW}_gateway_permissions`).policy;
    for (const sid of policy.Statement.map((s) => s.Sid)) expect(template).toContain(`"Sid":"${sid}"`);
    const guard = `%{ if local.${GW}_policy_engine_enabled }`;
    expect(template.split(guard)).toHaveLength(3);
    expect(res("aws_bedrockagentcore_policy_engine", `${GW}_policy_engine_engine`).count).toBe(
      `\${local.${GW}_policy_engine_enabled ? 1 : 0}`,
    );
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
      expect(
        await identityDecision(
          [policy],
          "lambda:InvokeFunction",
          "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-refunds",
        ),
      ).toBe("Allowed");
      expect(
        await identityDecision(
          [policy],
          "lambda:InvokeFunction",
          "arn:aws:lambda:us-east-1:123456789012:function:acme-prod-refunds",
        ),
      ).toBe("ImplicitlyDenied");
      expect(
        await identityDecision(
          [policy],
          "lambda:InvokeFunction",
          "arn:aws:lambda:us-east-1:123456789012:function:billing",
        ),
      ).toBe("ImplicitlyDenied");
    });

    test("may invoke this platform's runtimes only", async () => {
      expect(
        await identityDecision(
          [policy],
          "bedrock-agentcore:InvokeAgentRuntime",
          "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/acme_dev_support-AbCdEf1234",
        ),
      ).toBe("Allowed");
      expect(
        await identityDecision(
          [policy],
          "bedrock-agentcore:InvokeAgentRuntime",
          "arn:aws:bedrock-agentcore:us-east-1:123456789012:runtime/other_support-AbCdEf1234",
        ),
      ).toBe("ImplicitlyDenied");
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
      const own = {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abc",
      };
      expect(await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, own)).toBe("Allowed");
      expect(
        await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, {
          "aws:SourceAccount": "999999999999",
          "aws:SourceArn": "arn:aws:bedrock-agentcore:us-east-1:999999999999:gateway/x",
        }),
      ).toBe("ImplicitlyDenied");
      expect(
        await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, {
          ...own,
          "aws:SourceArn": "arn:aws:bedrock-agentcore:eu-west-1:123456789012:gateway/x",
        }),
      ).toBe("ImplicitlyDenied");
      expect(await trustDecision(trust, "lambda.amazonaws.com", role, own)).toBe("ImplicitlyDenied");
    });
  });
});

const oauthRefs = {
  ["one(aws_bedrockagentcore_oauth2_credential_provider.platform_gateway_agentcore_credentials_m2m.*." +
    "credential_provider_arn)"]:
    "arn:aws:bedrock-agentcore:us-east-1:123456789012:token-vault/default/oauth2credentialprovider/" +
    "acme-dev-gateway-m2m",
  ["aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.workload_identity_details[0]." +
    "workload_identity_arn"]:
    "arn:aws:bedrock-agentcore:us-east-1:123456789012:workload-identity-directory/default/workload-identity/" +
    "acme-dev-gateway-abc",
};

describe("Cognito machine-to-machine (authorizer: cognito)", () => {
  test("user pool, resource server with scopes, client-credentials client and domain are created", () => {
    expect(res("aws_cognito_user_pool", `${GW}_cognito_user_pool`).count).toBe(1);
    const client = res("aws_cognito_user_pool_client", `${GW}_cognito_m2m_client`);
    expect(client).toMatchObject({
      count: 1,
      generate_secret: true,
      allowed_oauth_flows: ["client_credentials"],
      allowed_oauth_flows_user_pool_client: true,
    });
    expect(client.allowed_oauth_scopes).toBe('${formatlist("acme-dev-gateway/%s", ["invoke"])}');
    expect(res("aws_cognito_user_pool_domain", `${GW}_cognito_domain`).domain).toBe("acme-dev-123456789012");
  });

  test("the gateway's JWT authorizer trusts the Cognito issuer and its client", () => {
    const auth = res("aws_bedrockagentcore_gateway", `${GW}_gateway_gateway`).dynamic.authorizer_configuration;
    expect(auth.for_each).toBe('${toset(("CUSTOM_JWT" == "CUSTOM_JWT") ? ["jwt"] : [])}');
    expect(auth.content.custom_jwt_authorizer[0].discovery_url).toContain(
      "https://cognito-idp.us-east-1.amazonaws.com/${one(aws_cognito_user_pool.",
    );
  });

  test("GetResourceOauth2Token: own policy, on that credential provider (plus what the service needs)", async () => {
    const pol = res("aws_iam_role_policy", `${GW}_gateway_oauth2_token`);
    expect(pol.count).toBe(1);
    const p = renderPolicy(pol.policy, oauthRefs);
    expect(p.Statement).toHaveLength(1);
    expect(p.Statement[0].Sid).toBe("GetResourceOauth2Token");
    expect(p.Statement[0].Action).toBe("bedrock-agentcore:GetResourceOauth2Token");
    const provider =
      oauthRefs[
        "one(aws_bedrockagentcore_oauth2_credential_provider.platform_gateway_agentcore_credentials_m2m.*." +
          "credential_provider_arn)"
      ];
    expect(await identityDecision([p], "bedrock-agentcore:GetResourceOauth2Token", provider)).toBe("Allowed");
    expect(
      await identityDecision(
        [p],
        "bedrock-agentcore:GetResourceOauth2Token",
        provider.replace("acme-dev-gateway-m2m", "someone-else"),
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("the credential provider receives the client secret write-only", () => {
    const cfg = res("aws_bedrockagentcore_oauth2_credential_provider", `${GW}_credentials_m2m`)
      .oauth2_provider_config[0].custom_oauth2_provider_config[0];
    expect(cfg.client_secret).toBeUndefined();
    expect(cfg.client_secret_wo).toBe(`\${one(aws_cognito_user_pool_client.${GW}_cognito_m2m_client.*.client_secret)}`);
  });
});

describe("without Cognito (authorizer: custom_jwt)", () => {
  let stack: Json;
  beforeAll(() => {
    stack = synthWithPlatform(
      "platform:\n  gateway:\n    authorizer: custom_jwt\n    custom_jwt:\n" +
        "      discovery_url: https://issuer.example.com/.well-known/openid-configuration\n" +
        "      allowed_clients: [abc123]\n",
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
    const jwt =
      stack.resource.aws_bedrockagentcore_gateway[`${GW}_gateway_gateway`].dynamic.authorizer_configuration.content
        .custom_jwt_authorizer[0];
    expect(jwt.discovery_url).toBe(
      '${false ? "https://cognito-idp.us-east-1.amazonaws.com/${one(aws_cognito_user_pool.' +
        'platform_gateway_agentcore_cognito_user_pool.*.id)}/.well-known/openid-configuration" : ' +
        '"https://issuer.example.com/.well-known/openid-configuration"}',
    );
    expect(jwt.allowed_clients).toContain('["abc123"]');
  });
});

describe("gateway targets (seed 001)", () => {
  test("target blueprints reach the stack as a literal map: one target per entry, one invoke per Lambda target", () => {
    expect(Object.keys(platform.locals[`${GW}_gateway_targets`])).toEqual(["RefundTool"]);
    const target = res("aws_bedrockagentcore_gateway_target", `${GW}_targets_target`);
    expect(target.for_each).toBe(`\${local.${GW}_gateway_targets}`);
    expect(target.name).toBe("${each.key}");
    const lambda = target.target_configuration[0].mcp[0].dynamic.lambda;
    expect(lambda.for_each).toBe("${each.value.lambda == null ? [] : [each.value.lambda]}");
    expect(lambda.content.lambda_arn).toBe(
      "arn:aws:lambda:us-east-1:123456789012:function:acme-dev-${each.value.lambda.function}",
    );
    expect(platform.locals[`${GW}_lambda_targets`]).toBe(
      `\${{ for k, t in local.${GW}_gateway_targets : k => t if t.lambda != null }}`,
    );
    const permission = res("aws_lambda_permission", `${GW}_targets_invoke`);
    expect(permission).toMatchObject({
      for_each: `\${local.${GW}_lambda_targets}`,
      action: "lambda:InvokeFunction",
      function_name: "acme-dev-${each.value.lambda.function}",
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

  test("when enabled: trusted principals from config, PassRole only of the gateway role to AgentCore", async () => {
    const stack = synthWithPlatform(
      "platform:\n  management_role:\n    enabled: true\n" +
        "    trusted_principal_arns: [arn:aws:iam::123456789012:role/platform-admins]\n",
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
    expect(
      await identityDecision([p], "iam:PassRole", gatewayRole, ACCOUNT, {
        "iam:PassedToService": "bedrock-agentcore.amazonaws.com",
      }),
    ).toBe("Allowed");
    expect(
      await identityDecision([p], "iam:PassRole", gatewayRole, ACCOUNT, {
        "iam:PassedToService": "lambda.amazonaws.com",
      }),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision([p], "iam:PassRole", "arn:aws:iam::123456789012:role/admin", ACCOUNT, {
        "iam:PassedToService": "bedrock-agentcore.amazonaws.com",
      }),
    ).toBe("ImplicitlyDenied");
    // "*" only for the actions that support no resource scope (the rule pack's AC009 checks which).
    for (const s of p.Statement) {
      for (const r of [s.Resource].flat())
        expect([s.Sid, r]).toEqual([
          s.Sid,
          ["GatewayCreation", "PolicyEngineCreation", "AdminPolicyManagement"].includes(s.Sid)
            ? "*"
            : expect.stringMatching(/^arn:aws:(bedrock-agentcore:us-east-1|iam:):123456789012:/),
        ]);
    }
  });

  test("simulated: may create a gateway, a policy engine and a policy, and change only this platform's", async () => {
    const ctx = gatewayContext(true);
    const p: Policy = {
      Version: "2012-10-17",
      Statement: renderStatements(MANAGEMENT_ROLE_STATEMENTS, {
        aws: ctx.aws,
        stem: "acme-dev",
        gatewayRoleArn: "arn:aws:iam::123456789012:role/acme-dev-agentcore-gateway",
        gatewayArn: gatewayArnPattern(ctx),
        policyEngineArn: policyEngineArnPattern(ctx),
      }) as any[],
    };
    const engine =
      "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-abcdef1234";
    expect(await identityDecision([p], "bedrock-agentcore:CreateGateway", "*")).toBe("Allowed");
    expect(await identityDecision([p], "bedrock-agentcore:CreatePolicyEngine", "*")).toBe("Allowed");
    expect(await identityDecision([p], "bedrock-agentcore:CreatePolicy", engine)).toBe("Allowed");
    expect(await identityDecision([p], "bedrock-agentcore:UpdatePolicy", `${engine}/policy/p-1`)).toBe("Allowed");
    expect(
      await identityDecision(
        [p],
        "bedrock-agentcore:UpdateGateway",
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234",
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [p],
        "bedrock-agentcore:UpdateGateway",
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/other-gateway-abcdef1234",
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision(
        [p],
        "bedrock-agentcore:CreatePolicy",
        "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/other_engine-abcdef1234",
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("enabled without trusted principals is a configuration error", () => {
    expect(() => synthWithPlatform("platform:\n  management_role:\n    enabled: true\n")).toThrow(
      new RegExp(
        String.raw`config/environments/example\.yaml: platform\.management_role\.trusted_principal_arns` +
          String.raw`( \(line \d+\))?: enabled needs at least one trusted_principal_arns entry`,
      ),
    );
  });
});

describe("the role permissions boundary", () => {
  const boundary = (): Policy => JSON.parse(res("aws_iam_policy", "platform_boundary_role_boundary").policy);

  test("covers all actions of the agent, build, workflow, trigger tables; of IAM only GetRole, PassRole", async () => {
    const tables = [
      AGENT_ROLE_STATEMENTS,
      CODEBUILD_ROLE_STATEMENTS,
      WORKFLOW_ROLE_STATEMENTS,
      TRIGGER_ROLE_STATEMENTS,
    ].flat();
    // PassRole is covered for the platform's bounded roles and their services only (escalation.test.ts).
    const passRole = { resource: "arn:aws:iam::123456789012:role/acme-dev-support-runtime", to: PASSED_TO_SERVICES[0] };
    for (const action of tables.flatMap((s) => s.actions).filter((a) => !a.endsWith(":*")))
      expect([
        action,
        action === "iam:PassRole"
          ? await identityDecision([boundary()], action, passRole.resource, ACCOUNT, {
              "iam:PassedToService": passRole.to,
            })
          : await identityDecision([boundary()], action, "*"),
      ]).toEqual([action, "Allowed"]);
    expect(await identityDecision([boundary()], "iam:CreateRole", "*")).toBe("ImplicitlyDenied");
    expect(await identityDecision([boundary()], "iam:PutRolePolicy", "*")).toBe("ImplicitlyDenied");
    expect(await identityDecision([boundary()], "sts:AssumeRole", "*")).toBe("ImplicitlyDenied");
  });

  test("the agents and workflows stacks attach it to every role they create", () => {
    for (const stack of ["agents", "workflows"]) {
      for (const [name, role] of Object.entries(cognito.stack(stack).resource.aws_iam_role) as [string, Json][]) {
        expect([name, role.permissions_boundary]).toEqual([
          name,
          expect.stringMatching(/cross_stack_output_aws_iam_policy_platform_boundary_role_boundary_arn/),
        ]);
      }
    }
  });
});

test("every IAM action of the platform exists (iam-data); every wildcard action matches one", async () => {
  const all = [
    ...GATEWAY_ROLE_STATEMENTS,
    ...OAUTH2_TOKEN_STATEMENTS,
    ...MANAGEMENT_ROLE_STATEMENTS,
    ...PLATFORM_KEY_POLICY,
  ].flatMap((s) => s.actions.filter((a) => a !== "kms:*"));
  expect(all.length).toBeGreaterThan(40);
  expect(await unknownActions(all)).toEqual([]);
  // and the check itself can fail:
  expect(await unknownActions(["bedrock-agentcore:InvokeGatewayy", "kms:Nope*"])).toEqual([
    "bedrock-agentcore:InvokeGatewayy",
    "kms:Nope*",
  ]);
});

test("the platform publishes its outputs under the SSM root path and the agents stack consumes them", () => {
  const names = Object.values(platform.resource.aws_ssm_parameter).map((p: any) => p.name);
  expect(names).toEqual(
    expect.arrayContaining([
      "/acme/dev/gateway/role-arn",
      "/acme/dev/gateway/arn",
      "/acme/dev/kms/platform-artifacts/arn",
      "/acme/dev/platform/name-prefix",
    ]),
  );
  for (const o of [
    "gateway_role_arn",
    "gateway_id",
    "gateway_arn",
    "ssm_root_path",
    "name_prefix",
    "data_kms_key_arn",
  ]) {
    expect(Object.keys(PLATFORM_MODULE.outputs)).toContain(o);
    expect(platform.output[o]).toBeDefined();
  }
});

/** A target and policies an HCL caller might define; neither is in the shipped example. */
const HCL_TARGETS = {
  Inventory: {
    description: "Stock levels and reservations.",
    lambda: { function: "inventory" },
    tools: [
      {
        name: "reserve_items",
        description: "Reserves items for an order.",
        input_schema: {
          type: "object",
          properties: {
            sku: { type: "string", description: "Stock keeping unit." },
            quantities: { type: "array", items: { type: "integer", description: "Per warehouse." } },
            address: {
              type: "object",
              properties: { city: { type: "string" }, zip: { type: "string", description: "Postal code." } },
              required: ["zip"],
            },
          },
          required: ["sku"],
        },
      },
      {
        name: "stock_level",
        description: "Returns the stock of one item.",
        input_schema: { type: "object", properties: { sku: { type: "string" } } },
      },
    ],
  },
};
const HCL_POLICIES = {
  WarehouseStaffMayReserve:
    'permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"Inventory___reserve_items", ' +
    'resource == AgentCore::Gateway::"{{GATEWAY_ARN}}") when { principal.hasTag("scope") };',
};
const GATEWAY_ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234";

describeWithTerraform("platform IAM and KMS planned by terraform", (tool) => {
  const moduleVars = { name_prefix: "acme", environment: "dev", account_id: ACCOUNT, kms_key_arn: KEY_ARN };
  // The OAuth2-token and target-credentials policies name AgentCore resources the offline provider lacks: probed below.
  const iamOnly = (type: string, name: string) =>
    ["aws_iam_role", "aws_iam_role_policy"].includes(type) &&
    !["agentcore_gateway_oauth2_token", "agentcore_gateway_target_credentials"].includes(name);
  const planAgentcore = (vars: Record<string, unknown>) => {
    const tree = cognito.module("platform/modules/agentcore").tree();
    const tf = prepareTerraform({ ...isolate(tree, iamOnly), "provider.tf.json": offlineProvider("us-east-1") }, tool);
    return Object.fromEntries(
      planResources(tf, { ...moduleVars, ...vars }).map((r) => [r.address.replace(/\[0\]$/, ""), r.values]),
    );
  };

  test.each([
    ["no policies", {}, false],
    ["policies", { gateway_targets: HCL_TARGETS, policies: HCL_POLICIES }, true],
    ["enable_policy_engine without policies", { enable_policy_engine: true }, true],
  ])(
    "with %s the gateway role has exactly the table's statements; policy-engine ones exactly when the engine exists",
    async (_name, vars, engine) => {
      const planned = planAgentcore(vars);
      const gatewayPolicy_ = JSON.parse(planned["aws_iam_role_policy.agentcore_gateway_permissions"].policy);
      const bySid = (p: Policy) => [...p.Statement].sort((a, b) => a.Sid.localeCompare(b.Sid));
      expect(bySid(gatewayPolicy_)).toEqual(bySid(gatewayPolicy(engine)));
      const probed = probeAttributes(
        cognito.module("platform/modules/agentcore").tree(),
        [{ type: "aws_bedrockagentcore_policy_engine", name: "agentcore_policy_engine_engine", attributes: ["name"] }],
        { ...moduleVars, ...vars },
        iamOnly,
        tool,
      );
      expect(
        (probed["aws_bedrockagentcore_policy_engine.agentcore_policy_engine_engine"] ?? []).map((r) => r.input.name),
      ).toEqual(engine ? ["acme_dev_gateway_policies"] : []);
      expect(
        await identityDecision(
          [gatewayPolicy_],
          "bedrock-agentcore:AuthorizeAction",
          "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-abcdef1234",
        ),
      ).toBe(engine ? "Allowed" : "ImplicitlyDenied");
    },
  );

  test("the gateway's OAuth2 client secret is re-sent when Cognito issues a new one (a new app client)", () => {
    const tree = cognito.module("platform/modules/agentcore").tree();
    const version = (clientId: string) =>
      probeAttributes(
        tree,
        [
          {
            type: "aws_bedrockagentcore_oauth2_credential_provider",
            name: "agentcore_credentials_m2m",
            attributes: ["oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"],
          },
        ],
        moduleVars,
        iamOnly,
        tool,
        {
          "one(aws_cognito_user_pool_client.agentcore_cognito_m2m_client.*.id)": JSON.stringify(clientId),
          "one(aws_cognito_user_pool.agentcore_cognito_user_pool.*.id)": '"us-east-1_pool"',
          "one(aws_cognito_user_pool_client.agentcore_cognito_m2m_client.*.client_secret)": '"not-a-secret"',
        },
      )["aws_bedrockagentcore_oauth2_credential_provider.agentcore_credentials_m2m"][0].input[
        "oauth2_provider_config.0.custom_oauth2_provider_config.0.client_credentials_wo_version"
      ];
    const first = version("3abc1client");
    expect(typeof first).toBe("number");
    expect(version("3abc1client")).toBe(first);
    expect(version("7xyz9client")).not.toBe(first);
  });

  test("the management role terraform renders trusts the configured principals", () => {
    const planned = planAgentcore({
      enable_management_role: true,
      management_trusted_principal_arns: ["arn:aws:iam::123456789012:role/platform-admins"],
    });
    const trust = JSON.parse(planned["aws_iam_role.agentcore_gateway_role"].assume_role_policy);
    expect(trust).toEqual(JSON.parse(res("aws_iam_role", `${GW}_gateway_role`).assume_role_policy));
    expect(
      JSON.parse(planned["aws_iam_role.agentcore_management_role"].assume_role_policy).Statement[0].Principal,
    ).toEqual({ AWS: ["arn:aws:iam::123456789012:role/platform-admins"] });
  });

  test("HCL targets: a target per entry, tool block per tool, property block per argument, invoke permission", () => {
    const probed = probeAttributes(
      cognito.module("platform/modules/agentcore").tree(),
      [
        {
          type: "aws_bedrockagentcore_gateway_target",
          name: "agentcore_targets_target",
          attributes: ["name", "target_configuration"],
        },
        {
          type: "aws_bedrockagentcore_policy",
          name: "agentcore_policy_engine_policy",
          attributes: ["name", "definition"],
        },
      ],
      { ...moduleVars, gateway_targets: HCL_TARGETS, policies: HCL_POLICIES },
      iamOnly,
      tool,
      { "aws_bedrockagentcore_gateway.agentcore_gateway_gateway.gateway_arn": JSON.stringify(GATEWAY_ARN) },
    );
    const [target] = probed["aws_bedrockagentcore_gateway_target.agentcore_targets_target"];
    expect(target.key).toBe("Inventory");
    const lambda = target.input.target_configuration[0].mcp[0].lambda[0];
    expect(lambda.lambda_arn).toBe("arn:aws:lambda:us-east-1:123456789012:function:acme-dev-inventory");
    const [reserve, stock] = lambda.tool_schema[0].inline_payload;
    expect(stock).toEqual({
      name: "stock_level",
      description: "Returns the stock of one item.",
      input_schema: [
        {
          type: "object",
          property: [{ name: "sku", type: "string", description: null, required: false, items: [], property: [] }],
        },
      ],
    });
    const args = Object.fromEntries(reserve.input_schema[0].property.map((p: Json) => [p.name, p]));
    expect(args.sku).toMatchObject({
      type: "string",
      description: "Stock keeping unit.",
      required: true,
      items: [],
      property: [],
    });
    expect(args.quantities).toMatchObject({
      type: "array",
      required: false,
      items: [{ type: "integer", description: "Per warehouse." }],
    });
    expect(args.address.property).toEqual([
      { name: "city", type: "string", description: null, required: false },
      { name: "zip", type: "string", description: "Postal code.", required: true },
    ]);
    const [policy] = probed["aws_bedrockagentcore_policy.agentcore_policy_engine_policy"];
    expect(policy.input.name).toBe("WarehouseStaffMayReserve");
    expect(policy.input.definition[0].cedar[0].statement).toBe(
      HCL_POLICIES.WarehouseStaffMayReserve.replace("{{GATEWAY_ARN}}", GATEWAY_ARN),
    );
  });

  test.each([
    [
      "a target named like AgentCore's own action group",
      { gateway_targets: { CallTool: HCL_TARGETS.Inventory } },
      "Gateway targets CallTool are not valid target names",
    ],
    [
      "a Lambda function name over 64 characters",
      {
        name_prefix: "acme-platform-eu",
        environment: "production",
        gateway_targets: {
          Inventory: { ...HCL_TARGETS.Inventory, lambda: { function: "inventory-reservations-and-stock-levels1" } },
        },
      },
      "Gateway targets Inventory (acme-platform-eu-production-inventory-reservations-and-stock-levels1) have a " +
        "lambda.function",
    ],
    [
      "a policy name with a hyphen",
      { policies: { "warehouse-staff": HCL_POLICIES.WarehouseStaffMayReserve } },
      "Policies warehouse-staff have names AgentCore rejects",
    ],
    [
      "a policy that names no gateway",
      { policies: { Loose: 'permit(principal, action == AgentCore::Action::"Inventory___stock_level", resource);' } },
      "Policies Loose name no gateway",
    ],
  ])("%s fails the plan with a message naming it", (_name, vars, message) => {
    const tree = cognito.module("platform/modules/agentcore").tree();
    const tf = prepareTerraform({ ...isolate(tree, iamOnly), "provider.tf.json": offlineProvider("us-east-1") }, tool);
    expect(planError(tf, { ...moduleVars, ...vars })).toContain(message);
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
    expect(
      planned
        .filter((r) => r.type === "aws_kms_alias")
        .map((r) => r.values.name)
        .sort(),
    ).toEqual([
      "alias/acme-dev-data",
      "alias/acme-dev-domain-artifacts",
      "alias/acme-dev-platform-artifacts",
      "alias/acme-dev-secrets",
      "alias/acme-dev-storage",
    ]);
  });
});
