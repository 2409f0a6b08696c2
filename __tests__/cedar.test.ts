import * as fs from "fs";
import * as path from "path";
import { GATEWAY_ROLE_STATEMENTS } from "../modules/platform/modules/agentcore/permissions";
import { ACTION_SEPARATOR, cedarSchema } from "../lib/cedar/schema";
import { loadBlueprints } from "../lib/config/blueprints";
import { policyScenarios } from "../scripts/policies-test";
import { FIXTURE, Json, scratchProject, synthProject } from "./helpers/synth";

const POLICY_DIR = path.join("blueprints", "gateway", "policies");
const ENV = path.join("config", "environments", "example.yaml");

describe("Cedar schema generated from the gateway's targets", () => {
  const targets = loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE).gatewayTargets;

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

describe("seed 003's refund scenario (the tests' project)", () => {
  test("validates, and every scenario gives its expected decision", () => {
    const results = policyScenarios(FIXTURE, path.join(FIXTURE, ENV));
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

describe("the policy engine (seed 000)", () => {
  test("the blueprints' policies reach the stack by @id, with the gateway's ARN put in and after the targets", () => {
    const platform = synthProject().stack("platform");
    expect(Object.keys(platform.locals.platform_gateway_agentcore_policies).sort()).toEqual(["LargeRefundsNeedAReason", "OrderReadersMayGetOrders", "SupportMayRefundUpTo500"]);
    const engine = platform.resource.aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine;
    expect(engine.name).toBe("acme_dev_gateway_policies");
    expect(engine.depends_on).toContain("aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions");
    const gw = platform.resource.aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway;
    expect(gw.dynamic.policy_engine_configuration).toEqual({ for_each: "${aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine[*].policy_engine_arn}", content: { arn: "${policy_engine_configuration.value}", mode: "LOG_ONLY" } });
    const policy = platform.resource.aws_bedrockagentcore_policy.platform_gateway_agentcore_policy_engine_policy;
    expect(policy.depends_on).toEqual(["aws_bedrockagentcore_gateway_target.platform_gateway_agentcore_targets_target"]);
    expect(policy.definition[0].cedar[0].statement).toBe('${replace(each.value, "{{GATEWAY_ARN}}", aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.gateway_arn)}');
  });

  test("Cedar text that holds template syntax stays literal in the stack", () => {
    const dir = scratchProject();
    fs.writeFileSync(path.join(dir, POLICY_DIR, "dollar.cedar"), `@id("Dollar")\npermit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTool___get_order", resource == AgentCore::Gateway::"{{GATEWAY_ARN}}")\nwhen { principal.hasTag("scope") && principal.getTag("scope") like "\${x}%{y}*" };\n`);
    const policies = synthProject(dir).stack("platform").locals.platform_gateway_agentcore_policies;
    expect(policies.Dollar).toContain('like "$${x}%%{y}*"');
  });

  test("the permission table ties the policy-engine statements to an attached engine", () => {
    const rows = GATEWAY_ROLE_STATEMENTS.filter((s) => s.actions.some((a) => /AuthorizeAction|PartiallyAuthorizeActions|GetPolicyEngine/.test(a)));
    expect(rows.map((r) => r.presentWhen)).toEqual(["a policy engine is attached", "a policy engine is attached"]);
    expect(rows.every((r) => r.present !== undefined)).toBe(true);
  });

  test("the emitted modules carry no policy of the blueprints; the engine mode is an input", () => {
    const out = synthProject();
    const agentcore = out.module("platform/modules/agentcore");
    expect(JSON.stringify(agentcore.merged)).not.toContain("SupportMayRefundUpTo500");
    expect(agentcore.file("gateway.tf.json").resource.aws_bedrockagentcore_gateway.agentcore_gateway_gateway.dynamic.policy_engine_configuration.content.mode).toBe("${var.policy_engine_mode}");
    expect(out.module("platform").file("variables.tf.json").variable.policy_engine_mode.default).toBe("LOG_ONLY");
  });
});
