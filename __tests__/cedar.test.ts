import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { GATEWAY_ROLE_STATEMENTS } from "../modules/platform/modules/agentcore/permissions";
import { actionNameProblems } from "../modules/platform/modules/agentcore/names";
import { loadPolicyFiles, validatePolicies } from "../lib/cedar/policies";
import { ACTION_SEPARATOR, cedarSchema } from "../lib/cedar/schema";
import { loadBlueprints } from "../lib/config/blueprints";
import { toolCatalog } from "../lib/config/target-tools";
import { policyScenarios } from "../scripts/policies-test";
import { FIXTURE, type Json, scratchProject, synthProject } from "./helpers/synth";

const POLICY_DIR = path.join("blueprints", "gateway", "policies");
const ENV = path.join("config", "environments", "example.yaml");

describe("Cedar schema generated from the gateway's targets", () => {
  const targets = toolCatalog(loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE).gatewayTargets);

  test("OAuth gateways: OAuthUser, claims as string tags; one action per tool under its target; CallTool, Mcp", () => {
    const ns = (cedarSchema(targets, "OAuthUser") as Json).AgentCore;
    expect(ns.entityTypes.OAuthUser).toEqual({
      shape: { type: "Record", attributes: { id: { type: "String" } } },
      tags: { type: "String" },
    });
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
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace(
          "input: { order_id: A-1003, amount: 250 }\n    expect: deny",
          "input: { order_id: A-1003, amount: 250 }\n    expect: allow",
        ),
    );
    const wrong = policyScenarios(dir, path.join(dir, ENV)).filter((r) => r.actual !== r.expected);
    expect(wrong.map((r) => r.name)).toEqual(["a refund above 100 without a reason is forbidden even for support"]);
  });

  test("a scenario naming an unknown tool is an input error", () => {
    const dir = scratchProject();
    fs.writeFileSync(
      path.join(dir, POLICY_DIR, "x.scenarios.yaml"),
      "scenarios:\n  - name: n\n    caller: { sub: a }\n    tool: RefundTool___delete_everything\n    expect: deny\n",
    );
    // The field's line is named where the YAML loader recorded it.
    expect(() => policyScenarios(dir, path.join(dir, ENV))).toThrow(
      new RegExp(
        String.raw`blueprints/gateway/policies/x\.scenarios\.yaml: scenarios\.0\.tool( \(line 4\))?: ` +
          '"RefundTool___delete_everything" is not a tool of any gateway target',
      ),
    );
  });
});

describe("legitimate policies pass every guard", () => {
  const targets = toolCatalog(loadBlueprints(path.join(FIXTURE, "blueprints"), FIXTURE).gatewayTargets);
  const schema = cedarSchema(targets, "OAuthUser");
  const gatewayArn = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-0000000000";
  const GW = 'AgentCore::Gateway::"{{GATEWAY_ARN}}"';
  const GET = 'AgentCore::Action::"RefundTool___get_order"';
  const REFUND = 'AgentCore::Action::"RefundTool___process_refund"';
  /** The problems validation finds in `text` (one .cedar file), or "" when it passes. */
  const problems = (text: string, mode: "LOG_ONLY" | "ENFORCE" = "ENFORCE", gatewaySchema = schema) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-cedar-"));
    fs.mkdirSync(path.join(dir, "policies"));
    fs.writeFileSync(path.join(dir, "policies", "p.cedar"), text);
    try {
      validatePolicies(loadPolicyFiles(path.join(dir, "policies"), dir), { schema: gatewaySchema, gatewayArn, mode });
      return "";
    } catch (e) {
      return (e as Error).message;
    }
  };

  test.each([
    [
      "conditions on the caller's tags",
      `@id("P")\npermit(principal is AgentCore::OAuthUser, action, resource) when { principal.hasTag("role") && ` +
        `principal.getTag("role") == "admin" };`,
    ],
    [
      "unless with a condition on the caller",
      `@id("P")\npermit(principal, action, resource == ${GW}) unless { principal.hasTag("suspended") };`,
    ],
    [
      "a condition on the tool's input",
      `@id("P")\npermit(principal, action == ${REFUND}, resource == ${GW}) when { ` +
        `context.input.amount.lessThanOrEqual(decimal("50.0")) };`,
    ],
    [
      "a condition that only looks constant",
      `@id("P")\npermit(principal, action, resource) when { principal.hasTag("a") || principal.hasTag("b") } ` +
        "unless { false };",
    ],
    ["every caller, one tool of two", `@id("P")\npermit(principal, action == ${GET}, resource == ${GW});`],
    [
      "one named caller, every tool",
      `@id("P")\npermit(principal == AgentCore::OAuthUser::"alice", action, resource == ${GW});`,
    ],
    [
      "callers of a group, every tool",
      `@id("P")\npermit(principal is AgentCore::OAuthUser in AgentCore::OAuthUser::"admins", action in ` +
        `AgentCore::Action::"Mcp", resource is AgentCore::Gateway);`,
    ],
    [
      "forbids, even unconditional ones",
      `@id("F")\nforbid(principal, action, resource) when { true };\n@id("G")\n` +
        `forbid(principal, action == ${REFUND}, resource == ${GW}) unless { context.input has reason };`,
    ],
    [
      "this gateway named in a condition",
      `@id("P")\npermit(principal, action, resource) when { resource == ${GW} && principal.hasTag("scope") };`,
    ],
    [
      "one permit per tool, one of them conditional",
      `@id("A")\npermit(principal, action == ${GET}, resource == ${GW});\n@id("B")\n` +
        `permit(principal, action == ${REFUND}, resource == ${GW}) when { principal.hasTag("refunds") };`,
    ],
    [
      "an open permit marked deliberate, constant conditions and all",
      `@id("P")\n@open_permit("internal demo gateway")\npermit(principal, action, resource) when { true };`,
    ],
    [
      "the placeholder in a comment and a string",
      `// resource == AgentCore::Gateway::"arn:aws:bedrock-agentcore:us-east-1:999999999999:gateway/x"\n` +
        `@id("P")\npermit(principal, action == ${GET}, resource == ${GW}) when { principal.hasTag("x") && ` +
        `principal.getTag("x") != "{{GATEWAY_ARN}}" };`,
    ],
  ])("in ENFORCE: %s", (_name, text) => {
    expect(problems(text)).toBe("");
  });

  test.each([
    ["bare", `@id("P")\npermit(principal, action, resource);`],
    ["with constant conditions", `@id("P")\npermit(principal, action, resource) when { 1 == 1 } unless { false };`],
    [
      "split into one permit per tool",
      `@id("A")\npermit(principal, action == ${GET}, resource == ${GW});\n@id("B")\n` +
        `permit(principal, action == ${REFUND}, resource == ${GW});`,
    ],
  ])("in LOG_ONLY, where nothing is blocked, an open permit passes: %s", (_name, text) => {
    expect(problems(text, "LOG_ONLY")).toBe("");
    expect(problems(text, "ENFORCE")).toContain("[open-permit] permits every caller every tool in ENFORCE mode");
  });

  test("IAM gateways: callers matched by ARN pass; every IamEntity is every caller", () => {
    const iam = cedarSchema(targets, "IamEntity");
    expect(
      problems(
        `@id("P")\npermit(principal is AgentCore::IamEntity, action, resource == ${GW}) when { principal.id like ` +
          `"arn:aws:iam::123456789012:role/support-*" };`,
        "ENFORCE",
        iam,
      ),
    ).toBe("");
    expect(
      problems(`@id("P")\npermit(principal is AgentCore::IamEntity, action, resource == ${GW});`, "ENFORCE", iam),
    ).toContain('line 1, policy "P": [open-permit] permits every caller every tool in ENFORCE mode');
  });

  test("the seed's refund policies pass in ENFORCE", () => {
    expect(problems(fs.readFileSync(path.join(FIXTURE, POLICY_DIR, "refunds.cedar"), "utf8"))).toBe("");
  });
});

describe("Cedar action names of targets and tools", () => {
  test("no target or tool makes an action AgentCore or another target already has; the target's field is named", () => {
    expect(
      actionNameProblems([{ name: "RefundTool", tools: [{ name: "get_order" }, { name: "process_refund" }] }]),
    ).toEqual([]);
    expect(
      actionNameProblems([
        { name: "Mcp", tools: [{ name: "call" }] },
        { name: "Orders", tools: [{ name: "get" }, { name: "get" }] },
      ]),
    ).toEqual([
      {
        target: "Mcp",
        field: "name",
        problem: '"Mcp" is one of AgentCore\'s own Cedar action groups (Mcp, CallTool); name the target otherwise',
      },
      {
        target: "Orders",
        field: "tools.1.name",
        problem:
          '"get" makes the Cedar action "Orders___get", which is the action of tool get of target Orders; name ' +
          "the tool otherwise",
      },
    ]);
  });
});

describe("Cedar validation options", () => {
  test("an open permit marked deliberate is accepted in ENFORCE", () => {
    const dir = scratchProject();
    fs.writeFileSync(
      path.join(dir, POLICY_DIR, "open.cedar"),
      `@id("Everyone")\n@open_permit("internal demo gateway")\npermit(principal, action, resource);\n`,
    );
    const env = path.join(dir, ENV);
    fs.writeFileSync(
      env,
      fs
        .readFileSync(env, "utf8")
        .replace(
          "    cognito_scopes: [invoke]\n",
          "    cognito_scopes: [invoke]\n    policy_engine:\n      mode: ENFORCE\n",
        ),
    );
    expect(() => synthProject(dir)).not.toThrow();
  });
});

describe("the policy engine (seed 000)", () => {
  test("the blueprints' policies reach the stack by @id, with the gateway's ARN put in and after the targets", () => {
    const platform = synthProject().stack("platform");
    expect(Object.keys(platform.locals.platform_gateway_agentcore_policies).sort()).toEqual([
      "LargeRefundsNeedAReason",
      "OrderReadersMayGetOrders",
      "SupportMayRefundUpTo500",
    ]);
    const engine = platform.resource.aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine;
    expect(engine.name).toBe("acme_dev_gateway_policies");
    expect(engine.depends_on).toContain("aws_iam_role_policy.platform_gateway_agentcore_gateway_permissions");
    const gw = platform.resource.aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway;
    expect(gw.dynamic.policy_engine_configuration).toEqual({
      for_each:
        "${aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine[*].policy_engine_arn}",
      content: { arn: "${policy_engine_configuration.value}", mode: "LOG_ONLY" },
    });
    const policy = platform.resource.aws_bedrockagentcore_policy.platform_gateway_agentcore_policy_engine_policy;
    expect(policy.depends_on).toEqual([
      "aws_bedrockagentcore_gateway_target.platform_gateway_agentcore_targets_target",
    ]);
    expect(policy.definition[0].cedar[0].statement).toBe(
      '${replace(each.value, "{{GATEWAY_ARN}}", ' +
        "aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.gateway_arn)}",
    );
  });

  test("Cedar text that holds template syntax stays literal in the stack", () => {
    const dir = scratchProject();
    fs.writeFileSync(
      path.join(dir, POLICY_DIR, "dollar.cedar"),
      `@id("Dollar")\npermit(principal is AgentCore::OAuthUser, action == ` +
        `AgentCore::Action::"RefundTool___get_order", resource == AgentCore::Gateway::"{{GATEWAY_ARN}}")\n` +
        `when { principal.hasTag("scope") && principal.getTag("scope") like "\${x}%{y}*" };\n`,
    );
    const policies = synthProject(dir).stack("platform").locals.platform_gateway_agentcore_policies;
    expect(policies.Dollar).toContain('like "$${x}%%{y}*"');
  });

  test("the permission table ties the policy-engine statements to an attached engine", () => {
    const rows = GATEWAY_ROLE_STATEMENTS.filter((s) =>
      s.actions.some((a) => /AuthorizeAction|PartiallyAuthorizeActions|GetPolicyEngine/.test(a)),
    );
    expect(rows.map((r) => r.presentWhen)).toEqual(["a policy engine is attached", "a policy engine is attached"]);
    expect(rows.every((r) => r.present !== undefined)).toBe(true);
  });

  test("the emitted modules carry no policy of the blueprints; the engine mode is an input", () => {
    const out = synthProject();
    const agentcore = out.module("platform/modules/agentcore");
    expect(JSON.stringify(agentcore.merged)).not.toContain("SupportMayRefundUpTo500");
    expect(
      agentcore.file("gateway.tf.json").resource.aws_bedrockagentcore_gateway.agentcore_gateway_gateway.dynamic
        .policy_engine_configuration.content.mode,
    ).toBe("${var.policy_engine_mode}");
    expect(out.module("platform").file("variables.tf.json").variable.policy_engine_mode.default).toBe("LOG_ONLY");
  });
});
