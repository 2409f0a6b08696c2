import { type BadInput, GW, POLICIES, both, enforce, policy, write } from "./edits";

const FILE = `${POLICIES}/bad.cedar`;
const THIS_GATEWAY = `AgentCore::Gateway::${GW}`;
const tool = (name: string) => `AgentCore::Action::"RefundTool___${name}"`;
const OTHER_ARN = "arn:aws:bedrock-agentcore:us-east-1:999999999999:gateway/other-abc";

/** An open permit in ENFORCE whose conditions are written to look like a restriction. */
const constantOpen = (name: string, conditions: string): BadInput => ({
  area: "cedar",
  name: `open permit ${name}`,
  edit: both(policy(`@id("Everyone")\npermit(principal, action, resource)\n${conditions};`), enforce),
  message:
    `${FILE}: line 1, policy "Everyone": [open-permit] permits every caller every tool in ENFORCE mode (its ` +
    "conditions hold for every request)",
});

/** An open permit in ENFORCE whose scope only looks narrower than every caller, tool and gateway. */
const scopeOpen = (name: string, scope: string): BadInput => ({
  area: "cedar",
  name: `open permit ${name}`,
  edit: both(policy(`@id("Everyone")\npermit(\n  ${scope}\n);`), enforce),
  message: `${FILE}: line 1, policy "Everyone": [open-permit] permits every caller every tool in ENFORCE mode;`,
});

/** The gateway's ARN in the example environment: `arn:aws:...:gateway/acme-dev-gateway-<10 characters>`. */
const EXAMPLE_GATEWAY_ARN = "arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234";
/** A policy that is `sent` characters long once `{{GATEWAY_ARN}}` is replaced by the gateway's ARN. */
export const policyOfLength = (sent: number): string => {
  const head = `@id("Long")\npermit(principal, action, resource == ${THIS_GATEWAY}) when { principal.hasTag("`;
  const tail = '") };';
  const fixed = head.length + tail.length - "{{GATEWAY_ARN}}".length + EXAMPLE_GATEWAY_ARN.length;
  return `${head}${"x".repeat(sent - fixed)}${tail}`;
};

const otherGateway = (line: number): string =>
  `${FILE}: line ${line}, policy "Elsewhere": [gateway] names the gateway "${OTHER_ARN}"; the only gateway a ` +
  `policy may name is this platform's, written exactly AgentCore::Gateway::"{{GATEWAY_ARN}}"`;

/** Cedar policies that walk around the guards, and target names that would collide with Cedar actions. */
export const CATALOGUE: BadInput[] = [
  // --- size: counted as AgentCore receives the statement, with the gateway's ARN in it ----------
  {
    area: "cedar",
    name: "a policy one character over AgentCore's limit once the gateway ARN replaces the placeholder",
    edit: policy(policyOfLength(10_001)),
    message:
      `${FILE}: line 1, policy "Long": [size] is 10001 characters as AgentCore receives it ({{GATEWAY_ARN}} ` +
      "replaced by the gateway's ARN, 84 characters); AgentCore accepts 35-10000 " +
      "(CreatePolicy.definition.cedar.statement)",
  },
  // --- open permits: constant conditions (folded by Cedar, then proved by its type checker) -------
  constantOpen("when { true }", "when { true }"),
  constantOpen("unless { false }", "unless { false }"),
  constantOpen("when { 1 == 1 }", "when { 1 == 1 }"),
  constantOpen("when { !false } and a string compared with itself", 'when { !false } when { "a" == "a" }'),
  constantOpen(
    "with several constant when and unless clauses",
    "when { true && true }\nunless { 2 < 1 }\nwhen { 1 + 2 == 3 }",
  ),
  constantOpen(
    "with a constant like and a decimal comparison",
    'when { "refunds" like "ref*" && decimal("1.0").lessThan(decimal("2.0")) }',
  ),
  constantOpen(
    "that reads the caller but holds anyway",
    'when { principal.hasTag("scope") || true }\nunless { principal != principal }',
  ),
  constantOpen("on an input every tool requires", "when { context has input && context.input has order_id }"),
  // --- open permits: scopes that cover every caller, every tool and this gateway -----------------
  scopeOpen(
    "of every caller of the one principal type",
    'principal is AgentCore::OAuthUser,\n  action in AgentCore::Action::"CallTool",\n  resource is AgentCore::Gateway',
  ),
  scopeOpen("on this gateway (the engine serves no other)", `principal,\n  action,\n  resource == ${THIS_GATEWAY}`),
  scopeOpen(
    "listing every tool of the gateway",
    `principal,\n  action in [${tool("get_order")}, ${tool("process_refund")}],\n  resource == ${THIS_GATEWAY}`,
  ),
  scopeOpen(
    "of the only target's action group",
    `principal,\n  action in AgentCore::Action::"RefundTool",\n  resource == ${THIS_GATEWAY}`,
  ),
  {
    area: "cedar",
    name: "open permit split into one permit per tool",
    edit: both(
      policy(
        `@id("EveryoneGets")\npermit(principal, action == ${tool("get_order")}, resource == ${THIS_GATEWAY});\n` +
          `@id("EveryoneRefunds")\npermit(principal, action == ${tool("process_refund")}, resource == ` +
          `${THIS_GATEWAY});`,
      ),
      enforce,
    ),
    message:
      `${FILE}: line 1, policy "EveryoneGets": [open-permit] permits every caller every tool in ENFORCE mode ` +
      `together with "EveryoneRefunds" (${FILE} line 3)`,
  },
  {
    area: "cedar",
    name: "open permit marked deliberate without a reason",
    edit: both(policy(`@id("Everyone")\n@open_permit\npermit(principal, action, resource);`), enforce),
    message:
      `${FILE}: line 1, policy "Everyone": [open-permit] @open_permit needs a reason: @open_permit("<why every ` +
      `caller may call every tool>")`,
  },
  // --- gateways other than this one ----------------------------------------------------------------
  {
    area: "cedar",
    name: "another gateway's literal ARN",
    edit: policy(
      `@id("Elsewhere")\npermit(\n  principal,\n  action == ${tool("get_order")},\n` +
        `  resource == AgentCore::Gateway::"${OTHER_ARN}"\n);`,
    ),
    message: otherGateway(5),
  },
  {
    area: "cedar",
    name: "this gateway's ARN written out instead of the placeholder",
    edit: policy(
      `@id("Literal")\npermit(principal, action == ${tool("get_order")}, resource == AgentCore::Gateway::` +
        `"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234");`,
    ),
    message:
      `${FILE}: line 2, policy "Literal": [gateway] names the gateway ` +
      `"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234"; the only ` +
      "gateway a policy may name is this platform's",
  },
  {
    area: "cedar",
    name: "the placeholder written with escapes (Terraform would not replace it)",
    edit: policy(
      `@id("Escaped")\npermit(principal, action == ${tool("get_order")}, resource == ` +
        `AgentCore::Gateway::"\\u{7b}{GATEWAY_ARN}}");`,
    ),
    message:
      `${FILE}: line 1, policy "Escaped": [gateway] names the gateway "{{GATEWAY_ARN}}" with escapes; the only ` +
      "gateway a policy may name is this platform's",
  },
  {
    area: "cedar",
    name: "another gateway in a condition",
    edit: policy(
      `@id("Elsewhere")\nforbid(principal, action == ${tool("process_refund")}, resource == ${THIS_GATEWAY})\n` +
        `unless {\n  resource == AgentCore::Gateway::"${OTHER_ARN}"\n};`,
    ),
    message: otherGateway(4),
  },
  // --- templates AgentCore would never link ---------------------------------------------------------
  {
    area: "cedar",
    name: "principal template slot",
    edit: policy(
      `// For one caller.\n@id("OneCaller")\npermit(principal == ?principal, action == ${tool("get_order")}, ` +
        `resource == ${THIS_GATEWAY});`,
    ),
    message:
      `${FILE}: line 2, policy "OneCaller": [template] uses the template slot ?principal: AgentCore policies ` +
      "are static (CreatePolicy takes one Cedar statement and has no template-linked policies)",
  },
  {
    area: "cedar",
    name: "resource template slot after a valid policy",
    edit: policy(
      `@id("Fine")\npermit(principal, action == ${tool("get_order")}, resource == ${THIS_GATEWAY}) when { ` +
        `principal.hasTag("scope") };\n\n@id("AnyGateway")\npermit(principal, action, resource in ?resource);`,
    ),
    message: `${FILE}: line 4, policy "AnyGateway": [template] uses the template slot ?resource`,
  },
  // --- other ways around -----------------------------------------------------------------------------
  {
    area: "cedar",
    name: "@id without a value (a crash before)",
    edit: policy(`@id\npermit(principal, action == ${tool("get_order")}, resource == ${THIS_GATEWAY});`),
    message: `${FILE}: line 1, policy #1: [policy-name] has no @id("...") annotation`,
  },
  {
    area: "cedar",
    name: "text hidden by BIDI control characters",
    edit: policy(
      `@id("Hidden")\npermit(principal, action == ${tool("get_order")}, resource == ${THIS_GATEWAY})\n` +
        `when { principal.hasTag("scope") && principal.getTag("scope") == "orders:read\u202e" };`,
    ),
    message: `${FILE}: line 3, policy "Hidden": [schema] string`,
  },
  {
    area: "target",
    name: "target named like AgentCore's Mcp action group",
    edit: write(
      "blueprints/gateway/targets/Mcp.yaml",
      "name: Mcp\ndescription: Shadows the root action group.\nlambda:\n  function: mcp\ntools:\n  - name: call\n" +
        "    description: x\n    input_schema:\n      type: object\n",
    ),
    message:
      'blueprints/gateway/targets/Mcp.yaml: name (line 1): "Mcp" is one of AgentCore\'s own Cedar action groups ' +
      "(Mcp, CallTool); name the target otherwise",
  },
];
