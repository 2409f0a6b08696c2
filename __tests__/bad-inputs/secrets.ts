import { type BadInput, ENV, POLICIES, SUPPORT, TARGET, WORKFLOW, replace, write } from "./edits";

const TARGETS = "blueprints/gateway/targets";
const MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
/** A CUSTOM memory strategy whose extraction prompt is `prompt`. */
const customPrompt = (prompt: string) =>
  replace(
    SUPPORT,
    "codebuild: true\n",
    "codebuild: true\nmemory:\n  strategies:\n    - name: custom\n      type: CUSTOM\n" +
      "      namespace: /facts/{actorId}\n" +
      `      override:\n        type: SEMANTIC_OVERRIDE\n        extraction:\n          model: ${MODEL}\n` +
      `          prompt: "${prompt}"\n`,
  );
/** An MCP server target `Search` with the given endpoint and auth. */
const mcpTarget = (endpoint: string, auth: string) =>
  write(
    `${TARGETS}/Search.yaml`,
    `name: Search\ndescription: Searches the docs.\nmcp_server:\n  endpoint: ${endpoint}\nauth:\n${auth}` +
      "tools:\n  - name: search\n",
  );
const OAUTH_URL = "https://login.example.com/.well-known/openid-configuration";

/**
 * Secrets in free text: every string a user writes in a blueprint or the environment file
 * (lib/config/free-text.ts), and in Cedar policies. Each is refused with its field and line, and
 * never shown.
 */
export const CATALOGUE: BadInput[] = [
  {
    area: "agent",
    name: "an API key in a CUSTOM memory strategy's prompt",
    edit: customPrompt("Tag facts for the CRM (key sk-ant-api03-Zx8Qm2Lp4Rt6Vw9Yb1Nc3Kd5)."),
    message:
      `${SUPPORT}: memory.strategies.0.override.extraction.prompt (line 29): looks like an OpenAI or Anthropic ` +
      "API key; given: (not shown: it looks like a secret). Text of blueprints and configuration is written",
    never: ["Zx8Qm2Lp4Rt6Vw9Yb1Nc3Kd5"],
  },
  {
    area: "agent",
    name: "a JSON Web Token in an agent's description",
    edit: replace(
      SUPPORT,
      "description: Answers customer questions and files refunds through the gateway.",
      "description: Calls the CRM as eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjcm0ifQ.c2lnbmF0dXJlMTIz",
    ),
    message: `${SUPPORT}: description (line 3): looks like a JSON Web Token; given: (not shown`,
    never: ["c2lnbmF0dXJlMTIz"],
  },
  {
    area: "agent",
    name: "user info in an OAuth2 credential's discovery URL",
    edit: replace(
      SUPPORT,
      "https://token.actions.githubusercontent.com/",
      "https://ci-bot@token.actions.githubusercontent.com/",
    ),
    message: `${SUPPORT}: credentials.oauth2.0.discovery_url (line 18): looks like a URL with credentials (user info)`,
    never: ["ci-bot"],
  },
  {
    area: "agent",
    name: "a token in a field validated by a pattern (image_tag)",
    edit: replace(SUPPORT, 'image_tag: "1.4.2"', "image_tag: glpat-Hq7Wd3Xz9Kp2Lm5Nb8Vc"),
    message: `${SUPPORT}: image_tag (line 4): looks like a GitLab token`,
    never: ["Hq7Wd3Xz9Kp2Lm5Nb8Vc"],
  },
  {
    area: "target",
    name: "a token in an API key's prefix",
    edit: mcpTarget("https://search.example.com/mcp", "  api_key:\n    prefix: Bearer xoxb-4821-Tq9Zr7Wm2\n"),
    message: `${TARGETS}/Search.yaml: auth.api_key.prefix (line 7): looks like a Slack token`,
    never: ["Tq9Zr7Wm2"],
  },
  {
    area: "target",
    name: "a password in an MCP endpoint URL",
    edit: mcpTarget("https://search:Pa55w0rdPa55@search.example.com/mcp", "  none: true\n"),
    message: `${TARGETS}/Search.yaml: mcp_server.endpoint (line 4): looks like a URL with a password in it`,
    never: ["Pa55w0rdPa55"],
  },
  {
    area: "target",
    name: "a client secret among an OAuth target's custom parameters",
    edit: mcpTarget(
      "https://search.example.com/mcp",
      `  oauth:\n    discovery_url: ${OAUTH_URL}\n    custom_parameters:\n      audience: search\n` +
        "      client_secret: q8Wm3Zr5Tx7Vb\n",
    ),
    message:
      `${TARGETS}/Search.yaml: auth.oauth.custom_parameters.client_secret (line 10): looks like a secret ` +
      "(its name says so)",
    never: ["q8Wm3Zr5Tx7Vb"],
  },
  {
    area: "target",
    name: "a Stripe key in a tool's description",
    edit: replace(
      TARGET,
      "description: Refunds an order, in full or in part.",
      "description: Refunds an order with rk_live_51HxQm7Zr2Tw9Vb4Nc",
    ),
    message: `${TARGET}: tools.0.description (line 8): looks like a Stripe secret key`,
    never: ["51HxQm7Zr2Tw9Vb4Nc"],
  },
  {
    area: "workflow",
    name: "an AWS access key id as a payload literal",
    edit: replace(WORKFLOW, "      mode: triage\n", "      mode: AKIAZ7QM2LP4RT6VW9YB\n"),
    message: `${WORKFLOW}: steps.triage.input.mode (line 12): looks like an AWS access key id`,
    never: ["AKIAZ7QM2LP4RT6VW9YB"],
  },
  {
    area: "workflow",
    name: "a payload field whose name says token holding a value",
    edit: replace(WORKFLOW, "      mode: triage\n", "      mode: triage\n      api_token: Zr7Wm2Tq9Lp4\n"),
    message: `${WORKFLOW}: steps.triage.input.api_token (line 13): looks like a secret (its name says so)`,
    never: ["Zr7Wm2Tq9Lp4"],
  },
  {
    area: "workflow",
    name: "a GitHub token in a workflow's description",
    edit: replace(
      WORKFLOW,
      "description: Reviews a refund request;",
      "description: Uses ghp_Qm7Zr2Tw9Vb4Nc6Xd8Lp1Kj3Hg5Fs0Ay2Be4 to review a refund request;",
    ),
    message: `${WORKFLOW}: description (line 3): looks like a GitHub token`,
    never: ["Qm7Zr2Tw9Vb4Nc6Xd8Lp1Kj3Hg5Fs0Ay2Be4"],
  },
  {
    area: "config",
    name: "an AWS access key id as a tag value",
    edit: replace(ENV, "  Owner: platform-team\n", "  Owner: AKIAQ3ZR7WM2TX9VB4NC\n"),
    message: `${ENV}: tags.Owner (line 9): looks like an AWS access key id; given: (not shown`,
    never: ["AKIAQ3ZR7WM2TX9VB4NC"],
  },
  {
    area: "config",
    name: "a tag whose name says token",
    edit: replace(ENV, "  Owner: platform-team\n", "  Owner: platform-team\n  DeployToken: Wm2Tx9Vb4Nc7\n"),
    message: `${ENV}: tags.DeployToken (line 10): looks like a secret (its name says so)`,
    never: ["Wm2Tx9Vb4Nc7"],
  },
  {
    area: "config",
    name: "a tag key that is a secret is refused without naming it",
    edit: replace(ENV, "  Owner: platform-team\n", "  AKIAV4NC7WM2TX9QB3ZR: leaked\n"),
    message: `${ENV}: tags (line 8): has a key that looks like an AWS access key id`,
    never: ["AKIAV4NC7WM2TX9QB3ZR"],
  },
  {
    area: "config",
    name: "user info in the custom JWT issuer's URL",
    edit: replace(
      ENV,
      "    authorizer: cognito\n",
      "    authorizer: custom_jwt\n    custom_jwt:\n" +
        `      discovery_url: https://gw:Tx9Vb4Nc7Wm2@${OAUTH_URL.slice("https://".length)}\n` +
        "      allowed_audiences: [gateway]\n",
    ),
    message: `${ENV}: platform.gateway.custom_jwt.discovery_url (line 22): looks like a URL with a password in it`,
    never: ["Tx9Vb4Nc7Wm2"],
  },
  {
    area: "cedar",
    name: "a secret in a policy's comment",
    edit: write(
      `${POLICIES}/leak.cedar`,
      '// Until the scope exists, callers send sk-proj-Vb4Nc7Wm2Tx9Qb3Zr8Lp\n@id("Leak")\n' +
        'forbid(principal, action, resource) when { context.input.x == "y" };\n',
    ),
    message: `${POLICIES}/leak.cedar: line 1: looks like an OpenAI or Anthropic API key`,
    never: ["Vb4Nc7Wm2Tx9Qb3Zr8Lp"],
  },
];

/** Text close to the cases above that must still synthesize. */
export const ACCEPTED: { name: string; edit: (dir: string) => void }[] = [
  {
    name: "payload fields whose names say token, filled from the workflow state",
    edit: replace(WORKFLOW, "      mode: triage\n", "      mode: triage\n      api_token: $.auth.token\n"),
  },
  {
    name: "a tag whose name says token with a number, and an e-mail address and a URL in a description",
    edit: (dir) => {
      replace(ENV, "  Owner: platform-team\n", '  Owner: platform-team\n  TokenBudget: "100000"\n')(dir);
      replace(
        SUPPORT,
        "description: Answers customer questions and files refunds through the gateway.",
        "description: Answers customers (escalations to support@example.com, see https://example.com/faq).",
      )(dir);
    },
  },
];
