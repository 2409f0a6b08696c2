import { type Synthesized, synthProject } from "./helpers/synth";
import { inputChecks } from "./helpers/module-inputs";
import {
  type TerraformRun,
  describeWithTerraform,
  planError,
  planResources,
  prepareTerraform,
} from "./helpers/terraform";

/**
 * The Cedar rules the `policies` input checks on the text at plan time (HCL callers; the cdktf path
 * runs cedar-wasm): the gateway only through the placeholder, no template slots, no open permit in
 * ENFORCE. Only the variables are planned: validation needs nothing else.
 */
const GW = 'AgentCore::Gateway::"{{GATEWAY_ARN}}"';
const TOOL = 'AgentCore::Action::"Inventory___stock_level"';
const LEGITIMATE: Record<string, string> = {
  TaggedCallers:
    `permit(principal is AgentCore::OAuthUser, action == ${TOOL}, resource == ${GW}) ` +
    'when { principal.hasTag("scope") && principal.getTag("scope") like "*stock*" };',
  UnlessBlocked: `permit(principal, action, resource == ${GW}) unless { principal.hasTag("blocked") };`,
  NobodyAfterHours: `forbid(principal, action, resource) when { true };`,
  Commented:
    "// resource is AgentCore::Gateway for every gateway\n" +
    'permit(principal, action in AgentCore::Action::"Mcp", resource is AgentCore::Gateway) ' +
    'when { principal.hasTag("admin") };',
  Deliberate: `@open_permit("internal demo gateway")\npermit(principal, action, resource);`,
};

/** The target the policies name, as an HCL caller passes it (the policies' validation reads its tools). */
const BASE = {
  name_prefix: "acme",
  environment: "dev",
  gateway_targets: {
    Inventory: {
      description: "Stock levels.",
      lambda: { function: "inventory" },
      tools: [{ name: "stock_level", description: "Returns the stock of one item.", input_schema: { type: "object" } }],
    },
    Catalog: {
      description: "The product catalogue.",
      openapi: {
        inline: JSON.stringify({
          openapi: "3.0.1",
          servers: [{ url: "https://catalog.example.com" }],
          paths: { "/products/{sku}": { get: { operationId: "getProduct" } } },
        }),
      },
      auth: { api_key: {} },
    },
    Docs: {
      description: "Product documentation.",
      mcp_server: { endpoint: "https://docs.example.com/mcp" },
      auth: { none: true },
    },
  },
};

describeWithTerraform("Cedar rules of the policies input at plan time", (tool) => {
  let out: Synthesized;
  const runs = new Map<string, TerraformRun>();
  /** The module's `policies` and `policy_engine_mode` variables, alone, ready to plan. */
  const variablesOf = (module: string) => {
    if (!runs.has(module)) {
      // The policies' validation reads the targets (their tools), whose validation reads these.
      const needed = [
        "policies",
        "policy_engine_mode",
        "gateway_targets",
        "name_prefix",
        "environment",
        "enable_cognito",
      ];
      runs.set(module, prepareTerraform(inputChecks(out, module, needed), tool));
    }
    return runs.get(module)!;
  };
  beforeAll(() => {
    out = synthProject();
  });

  test.each([
    [
      "another gateway's ARN",
      "LOG_ONLY",
      `permit(principal, action == ${TOOL}, resource == ` +
        'AgentCore::Gateway::"arn:aws:bedrock-agentcore:us-east-1:999999999999:gateway/other-abc");',
      "Policies Other name a gateway other than by the placeholder",
    ],
    [
      "this gateway's literal ARN",
      "LOG_ONLY",
      `permit(principal, action == ${TOOL}, resource == ` +
        'AgentCore::Gateway::"arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234");',
      "Policies Other name a gateway other than by the placeholder",
    ],
    [
      "a gateway literal in a condition",
      "LOG_ONLY",
      `permit(principal, action == ${TOOL}, resource == ${GW}) when { resource != AgentCore::Gateway::"arn:x" };`,
      "Policies Other name a gateway other than by the placeholder",
    ],
    [
      "a principal slot",
      "LOG_ONLY",
      `permit(principal == ?principal, action == ${TOOL}, resource == ${GW});`,
      "Policies Other use template slots (?principal, ?resource)",
    ],
    [
      "a resource slot",
      "LOG_ONLY",
      `permit(principal, action, resource in ?resource);`,
      "Policies Other use template slots",
    ],
    [
      "a bare open permit",
      "ENFORCE",
      "permit(principal, action, resource);",
      "Policies Other permit every caller every tool while policy_engine_mode is ENFORCE",
    ],
    [
      "an open permit when { true }",
      "ENFORCE",
      "permit(principal, action, resource) when { true };",
      "Policies Other permit every caller every tool while policy_engine_mode is ENFORCE",
    ],
    [
      "an open permit with constant conditions and comments",
      "ENFORCE",
      "permit (\n  principal is AgentCore::OAuthUser, // every caller\n" +
        `  action in AgentCore::Action::"Mcp",\n  resource == ${GW}\n) unless { false } when { true };`,
      "Policies Other permit every caller every tool",
    ],
    [
      "an open permit with a blank reason",
      "ENFORCE",
      '@open_permit(" ")\npermit(principal, action, resource);',
      "Policies Other permit every caller every tool",
    ],
  ])("%s fails the plan, naming the policy", (_name, mode, text, message) => {
    expect(
      planError(variablesOf("platform/modules/agentcore"), {
        ...BASE,
        policy_engine_mode: mode,
        policies: { ...LEGITIMATE, Other: text },
      }),
    ).toContain(message);
  });

  test("valid policies plan in ENFORCE: conditions on tags, unless, forbid, comments, a deliberate open permit", () => {
    expect(
      planResources(variablesOf("platform/modules/agentcore"), {
        ...BASE,
        policy_engine_mode: "ENFORCE",
        policies: LEGITIMATE,
      }),
    ).toEqual([]);
  });

  test("target actions plan where the plan knows them: Lambda tools, inline OpenAPI operationIds, any MCP tool", () => {
    const permit = (action: string) =>
      `permit(principal, action == AgentCore::Action::"${action}", resource == ${GW}) ` +
      'when { principal.hasTag("scope") };';
    const policies = {
      Stock: permit("Inventory___stock_level"),
      Product: permit("Catalog___getProduct"),
      Docs: permit("Docs___search"),
      Group:
        `permit(principal, action in AgentCore::Action::"Catalog", resource == ${GW}) ` +
        'when { principal.hasTag("x") };',
    };
    expect(
      planResources(variablesOf("platform/modules/agentcore"), { ...BASE, policy_engine_mode: "ENFORCE", policies }),
    ).toEqual([]);
  });

  test("an unknown tool or target action fails the plan, naming the policy and the action (comments aside)", () => {
    const permit = (action: string) =>
      `permit(principal, action == AgentCore::Action::"${action}", resource == ${GW});`;
    const message = planError(variablesOf("platform/modules/agentcore"), {
      ...BASE,
      policy_engine_mode: "LOG_ONLY",
      policies: {
        Typo: permit("Inventory___stock_levels"),
        NotAnOperation: permit("Catalog___listProducts"),
        NoTarget: `// ${permit("Hidden___x")}
${permit("Billing___charge")}`,
        Fine: permit("Docs___search"),
      },
    });
    expect(message).toContain(
      "Policies NoTarget (Billing___charge), NotAnOperation (Catalog___listProducts), Typo " +
        "(Inventory___stock_levels) name Cedar actions of targets or tools that gateway_targets does not have",
    );
    // Terraform echoes the input before the message; the message names no commented-out action.
    expect(message.slice(message.indexOf("Policies NoTarget"))).not.toContain("Hidden___x");
  });

  test("an open permit plans in LOG_ONLY, where it blocks nothing anyway", () => {
    expect(
      planResources(variablesOf("platform/modules/agentcore"), {
        ...BASE,
        policy_engine_mode: "LOG_ONLY",
        policies: { Everyone: "permit(principal, action, resource) when { true };" },
      }),
    ).toEqual([]);
  });

  test("the platform module holds the same rules (its policies input is passed through)", () => {
    expect(
      planError(variablesOf("platform"), {
        ...BASE,
        policy_engine_mode: "ENFORCE",
        policies: { Everyone: "permit(principal, action, resource);" },
      }),
    ).toContain("Policies Everyone permit every caller every tool");
    expect(
      planError(variablesOf("platform"), {
        ...BASE,
        policy_engine_mode: "LOG_ONLY",
        policies: { Slot: "permit(principal == ?principal, action, resource);" },
      }),
    ).toContain("Policies Slot use template slots");
  });
});
