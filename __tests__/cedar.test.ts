import * as fs from "fs";
import * as path from "path";
import { GATEWAY_ROLE_STATEMENTS } from "../modules/platform/modules/agentcore/permissions";
import { ACTION_SEPARATOR, cedarSchema } from "../lib/cedar/schema";
import { loadBlueprints } from "../lib/config/blueprints";
import { policyScenarios } from "../scripts/policies-test";
import { identityDecision, renderPolicy } from "./helpers/iam";
import { Json, ROOT, scratchProject, synthProject } from "./helpers/synth";

const POLICY_DIR = path.join("blueprints", "gateway", "policies");
const ENV = path.join("config", "environments", "example.yaml");

describe("Cedar schema generated from the gateway's targets", () => {
  const targets = loadBlueprints(path.join(ROOT, "blueprints"), ROOT).gatewayTargets;

  test("OAuth gateways: OAuthUser with claims as string tags; one action per tool under its target, CallTool and Mcp", () => {
    const ns = (cedarSchema(targets, "OAuthUser") as Json).AgentCore;
    expect(ns.entityTypes.OAuthUser).toEqual({ shape: { type: "Record", attributes: { id: { type: "String" } } }, tags: { type: "String" } });
    expect(ns.entityTypes.Gateway).toEqual({});
    expect(ns.actions.CallTool).toEqual({ memberOf: [{ id: "Mcp" }] });
    expect(ns.actions.RefundTool).toEqual({ memberOf: [{ id: "CallTool" }] });
    const refund = ns.actions[`RefundTool${ACTION_SEPARATOR}process_refund`];
    expect(refund.memberOf).toEqual([{ id: "RefundTool" }]);
    expect(refund.appliesTo.principalTypes).toEqual(["OAuthUser"]);
    expect(refund.appliesTo.resourceTypes).toEqual(["Gateway"]);
    expect(refund.appliesTo.context.attributes.input.attributes).toEqual({
      order_id: { type: "String", required: true },
      amount: { type: "Extension", name: "decimal", required: true },
      reason: { type: "String", required: false },
    });
  });

  test("IAM gateways: IamEntity, without tags", () => {
    const ns = (cedarSchema(targets, "IamEntity") as Json).AgentCore;
    expect(ns.entityTypes.IamEntity).toEqual({ shape: { type: "Record", attributes: { id: { type: "String" } } } });
    expect(ns.entityTypes.OAuthUser).toBeUndefined();
  });

  test("the separator is three underscores", () => {
    expect(ACTION_SEPARATOR).toBe("___");
  });
});

describe("the shipped example (seed 003's refund scenario)", () => {
  test("validates, and every scenario gives its expected decision", () => {
    const results = policyScenarios(ROOT, path.join(ROOT, ENV));
    expect(results.length).toBeGreaterThanOrEqual(7);
    expect(results.filter((r) => r.actual !== r.expected)).toEqual([]);
    expect(new Set(results.map((r) => r.actual))).toEqual(new Set(["allow", "deny"]));
  });

  test("a scenario that expects the wrong decision is reported as failing", () => {
    const dir = scratchProject();
    const file = path.join(dir, POLICY_DIR, "refunds.scenarios.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("input: { order_id: A-1003, amount: 250 }\n    expect: deny", "input: { order_id: A-1003, amount: 250 }\n    expect: allow"));
    const wrong = policyScenarios(dir, path.join(dir, ENV)).filter((r) => r.actual !== r.expected);
    expect(wrong.map((r) => r.name)).toEqual(["a refund above 100 without a reason is forbidden even for support"]);
  });

  test("a scenario naming an unknown tool is an input error", () => {
    const dir = scratchProject();
    fs.writeFileSync(path.join(dir, POLICY_DIR, "x.scenarios.yaml"), "scenarios:\n  - name: n\n    caller: { sub: a }\n    tool: RefundTool___delete_everything\n    expect: deny\n");
    expect(() => policyScenarios(dir, path.join(dir, ENV))).toThrow('blueprints/gateway/policies/x.scenarios.yaml: scenarios.0.tool: "RefundTool___delete_everything" is not a tool of any gateway target');
  });
});

describe("Cedar validation options", () => {
  test("an open permit marked deliberate is accepted in ENFORCE", () => {
    const dir = scratchProject();
    fs.writeFileSync(path.join(dir, POLICY_DIR, "open.cedar"), `@id("Everyone")\n@open_permit("internal demo gateway")\npermit(principal, action, resource);\n`);
    const env = path.join(dir, ENV);
    fs.writeFileSync(env, fs.readFileSync(env, "utf8").replace("    cognito_scopes: [invoke]\n", "    cognito_scopes: [invoke]\n    policy_engine:\n      mode: ENFORCE\n"));
    expect(() => synthProject(dir)).not.toThrow();
  });
});

describe("the policy engine and the gateway role (seed 000)", () => {
  const POLICY_SIDS = ["PolicyEngineConfiguration", "PolicyEngineAccess"];
  const stackOf = (dir?: string) => synthProject(dir).stack("platform");
  const gatewayPolicy = (platform: Json) =>
    renderPolicy(platform.resource.aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions.policy, {
      "aws_kms_key.platform_kms_platform_artifacts.arn": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });

  test("with policies: engine, one policy resource each, the gateway attached, and the role holds all three actions on both ARNs", async () => {
    const platform = stackOf();
    const engine = platform.resource.aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine;
    expect(engine.name).toBe("acme_dev_gateway_policies");
    expect(engine.depends_on).toContain("aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions");
    expect(Object.values(platform.resource.aws_bedrockagentcore_policy).map((p: any) => p.name).sort()).toEqual(["LargeRefundsNeedAReason", "OrderReadersMayGetOrders", "SupportMayRefundUpTo500"]);
    const gw = platform.resource.aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway;
    expect(gw.policy_engine_configuration).toEqual([{ arn: "${aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine.policy_engine_arn}", mode: "LOG_ONLY" }]);
    const refund = platform.resource.aws_bedrockagentcore_policy.platform_gateway_agentcore_policy_engine_supportmayrefundupto500;
    expect(refund.depends_on).toEqual(["aws_bedrockagentcore_gateway_target.platform_gateway_agentcore_targets_refundtool"]);
    expect(refund.definition[0].cedar[0].statement).toContain('resource == AgentCore::Gateway::"${aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.gateway_arn}"');

    const policy = gatewayPolicy(platform);
    expect(policy.Statement.map((s) => s.Sid)).toEqual(expect.arrayContaining(POLICY_SIDS));
    const engineArn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/acme_dev_gateway_policies-abcdef1234";
    const gatewayArn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234";
    for (const action of ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"]) {
      expect(await identityDecision([policy], action, engineArn)).toBe("Allowed");
      expect(await identityDecision([policy], action, gatewayArn)).toBe("Allowed");
      expect(await identityDecision([policy], action, "arn:aws:bedrock-agentcore:us-east-1:123456789012:policy-engine/someone_else-abcdef1234")).toBe("ImplicitlyDenied");
    }
    expect(await identityDecision([policy], "bedrock-agentcore:GetPolicyEngine", engineArn)).toBe("Allowed");
  });

  test("without policies: no engine, no attachment, and no policy-engine permissions", () => {
    const dir = scratchProject();
    fs.rmSync(path.join(dir, POLICY_DIR), { recursive: true });
    const platform = stackOf(dir);
    expect(platform.resource.aws_bedrockagentcore_policy_engine).toBeUndefined();
    expect(platform.resource.aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.policy_engine_configuration).toBeUndefined();
    const sids = gatewayPolicy(platform).Statement.map((s) => s.Sid);
    for (const sid of POLICY_SIDS) expect(sids).not.toContain(sid);
  });

  test("the permission table ties the policy-engine statements to an attached engine", () => {
    const rows = GATEWAY_ROLE_STATEMENTS.filter((s) => s.actions.some((a) => /AuthorizeAction|PartiallyAuthorizeActions|GetPolicyEngine/.test(a)));
    expect(rows.map((r) => r.presentWhen)).toEqual(["a policy engine is attached", "a policy engine is attached"]);
  });

  test("the emitted platform module carries the engine, the policies and the gateway configuration", () => {
    const out = synthProject();
    const agentcore = out.module("platform/modules/agentcore");
    expect(agentcore.files).toContain("policy_engine.tf.json");
    const pe = agentcore.file("policy_engine.tf.json").resource;
    expect(Object.keys(pe.aws_bedrockagentcore_policy)).toHaveLength(3);
    expect(agentcore.file("gateway.tf.json").resource.aws_bedrockagentcore_gateway.agentcore_gateway_gateway.policy_engine_configuration[0].mode).toBe("${var.policy_engine_mode}");
    expect(out.module("platform").file("variables.tf.json").variable.policy_engine_mode.default).toBe("LOG_ONLY");
  });
});
