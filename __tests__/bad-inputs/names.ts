import { type BadInput, ENV, SUPPORT, TARGET, both, policy, replace, write } from "./edits";
import { policyOfLength } from "./cedar";

const MODEL = "models: [anthropic.claude-3-5-haiku-20241022-v1:0]";
/** The longest name_prefix (16) and environment (10) the configuration allows. */
const longest = both(
  replace(ENV, "name_prefix: acme", "name_prefix: acme-platform-eu"),
  replace(ENV, "environment: dev", "environment: production"),
);
const env = (line: string) => replace(SUPPORT, "  LOG_LEVEL: info", `  LOG_LEVEL: info\n  ${line}`);
/** The support agent with `n` environment variables of its own. */
const envCount = (n: number) =>
  replace(SUPPORT, "  LOG_LEVEL: info", Array.from({ length: n }, (_, i) => `  VAR_${i}: v${i}`).join("\n"));
/** An MCP server target whose OAuth client requests `scopes`. */
const oauthTarget = (scopes: string) =>
  write(
    "blueprints/gateway/targets/Docs.yaml",
    "name: Docs\ndescription: x\nmcp_server:\n  endpoint: https://docs.example.com/mcp\nauth:\n  oauth:\n" +
      `    discovery_url: https://login.example.com/.well-known/openid-configuration\n    scopes: ${scopes}\n` +
      "tools:\n  - name: search\n",
  );
/** `acme-dev-gateway/` is 17 characters: a `cognito_scopes` entry of 47 makes AWS's longest scope, 64. */
const cognitoScopes = (scope: string) => replace(ENV, "cognito_scopes: [invoke]", `cognito_scopes: [invoke, ${scope}]`);
const tags = (n: number) =>
  replace(ENV, "tags:\n", `tags:\n${Array.from({ length: n - 2 }, (_, i) => `  Team${i}: t${i}\n`).join("")}`);

/**
 * Names and values AWS would reject once prefix, environment and key are combined, and secrets
 * where they do not belong.
 */
export const CATALOGUE: BadInput[] = [
  // --- region, account, tags ------------------------------------------------------------------
  {
    area: "config",
    name: "region that looks right but does not exist",
    edit: replace(ENV, "region: us-east-1", "region: us-banana-1"),
    message:
      "config/environments/example.yaml: region (line 6): is not a region AWS has (in us-: us-east-1, us-east-2,",
  },
  {
    area: "config",
    name: "region of a partition's format that AWS never opened",
    edit: replace(ENV, "region: us-east-1", "region: eu-west-9"),
    message: "config/environments/example.yaml: region (line 6): is not a region AWS has (in eu-: eu-central-1",
  },
  {
    area: "config",
    name: "more tags than leave room for the platform's three",
    edit: tags(48),
    message:
      "config/environments/example.yaml: tags (line 8): holds 48 tags; at most 47 are allowed: AWS allows 50 per " +
      "resource and the platform adds ManagedBy, Project, Stack to every resource",
  },
  {
    area: "config",
    name: "a tag the platform sets itself",
    edit: replace(ENV, "  Owner: platform-team", "  Project: my-project"),
    message:
      "config/environments/example.yaml: tags.Project (line 9): is a tag the platform sets on every resource " +
      "(ManagedBy, Project, Stack); choose another key",
  },
  {
    area: "config",
    name: "a tag key in AWS's reserved prefix, in capitals",
    edit: replace(ENV, "  Owner: platform-team", "  AWS:Owner: platform-team"),
    message: "config/environments/example.yaml: tags.AWS:Owner (line 9): tag keys must not start with aws:",
  },
  {
    area: "config",
    name: "a tag value longer than 256 characters",
    edit: replace(ENV, "  Owner: platform-team", `  Owner: ${"x".repeat(257)}`),
    message: "config/environments/example.yaml: tags.Owner (line 9): tag values must be 0-256 ASCII letters",
  },
  {
    area: "config",
    name: "a tag key with a letter outside ASCII, which AgentCore refuses",
    edit: replace(ENV, "  Owner: platform-team", "  Équipe: platform-team"),
    message:
      "config/environments/example.yaml: tags.Équipe (line 9): tag keys must be 1-128 ASCII letters, digits, " +
      "spaces or _ . : / = + - @ (TagResource.tags{key})",
  },
  {
    area: "config",
    name: "a tag value with a letter outside ASCII",
    edit: replace(ENV, "  Owner: platform-team", "  Owner: équipe"),
    message: "config/environments/example.yaml: tags.Owner (line 9): tag values must be 0-256 ASCII letters",
  },
  {
    area: "config",
    name: "a tag key one character over AgentCore's 128",
    edit: replace(ENV, "  Owner: platform-team", `  ${"K".repeat(129)}: platform-team`),
    message: `config/environments/example.yaml: tags.${"K".repeat(129)} (line 9): tag keys must be 1-128 ASCII`,
  },
  {
    area: "config",
    name: "account id with eleven digits",
    edit: replace(ENV, 'account_id: "123456789012"', 'account_id: "12345678901"'),
    message: "config/environments/example.yaml: account_id (line 7): must be a 12-digit AWS account id",
  },
  {
    area: "config",
    name: "state bucket name with a suffix S3 reserves",
    edit: replace(ENV, "bucket_name: acme-dev-tfstate-123456789012", "bucket_name: acme-dev-tfstate--ol-s3"),
    message: "config/environments/example.yaml: state.bucket_name (line 12): must not end with -s3alias or --ol-s3",
  },
  {
    area: "config",
    name: "name prefix ending with a hyphen",
    edit: replace(ENV, "name_prefix: acme", "name_prefix: acme-"),
    message: "config/environments/example.yaml: name_prefix (line 4): must be 2-16 characters",
  },
  {
    area: "config",
    name: "name prefix with a double hyphen, which gateway names refuse",
    edit: replace(ENV, "name_prefix: acme", "name_prefix: acme--eu"),
    message:
      'config/environments/example.yaml: name_prefix (line 4): makes the gateway name "acme--eu-dev-gateway", ' +
      "which does not match AWS's pattern `^([0-9a-zA-Z][-]?){1,48}$` (CreateGateway.name); " +
      'AWS allows no two hyphens in a row (with environment "dev")',
  },
  // --- names derived from prefix, environment and key -------------------------------------------
  {
    area: "agent",
    name: "key with a double hyphen, which ECR repository names refuse",
    edit: write("blueprints/agents/help--desk.yaml", `key: help--desk\ndescription: x\n${MODEL}\n`),
    message:
      'blueprints/agents/help--desk.yaml: key (line 1): makes the ECR repository name "acme-dev-help--desk", ' +
      "which is not a valid ECR repository name: lowercase letters and digits, separated by single . _ - or / " +
      "only. Change the agent key",
  },
  {
    area: "agent",
    name: "key that makes the runtime name one character too long",
    edit: both(
      longest,
      write("blueprints/agents/customer-care-agent12.yaml", `key: customer-care-agent12\ndescription: x\n${MODEL}\n`),
    ),
    message:
      "blueprints/agents/customer-care-agent12.yaml: key (line 1): makes the AgentCore runtime name " +
      '"acme_platform_eu_production_customer_care_agent12", which is 49 characters long; AgentCore runtime names ' +
      "are 1-48 characters. Shorten the agent key",
  },
  {
    area: "target",
    name: "Lambda function name over 64 characters with the longest prefix",
    edit: both(longest, replace(TARGET, "function: refunds", "function: refunds-processor-for-enterprise-orders1")),
    message:
      "blueprints/gateway/targets/RefundTool.yaml: lambda.function (line 5): makes the Lambda function name " +
      '"acme-platform-eu-production-refunds-processor-for-enterprise-orders1", which is 68 characters long; ' +
      "Lambda function names are 1-64 characters",
  },
  {
    area: "target",
    name: "Lambda function suffix with upper case",
    edit: replace(TARGET, "function: refunds", "function: Refunds"),
    message: "blueprints/gateway/targets/RefundTool.yaml: lambda.function (line",
  },
  {
    area: "target",
    name: "Lambda function given with the prefix the module adds",
    edit: replace(TARGET, "function: refunds", "function: acme-dev-refunds"),
    message:
      'blueprints/gateway/targets/RefundTool.yaml: lambda.function (line 5): starts with "acme-dev-", which the ' +
      'module puts before it (the function would be "acme-dev-acme-dev-refunds"); drop the prefix: function: refunds',
  },
  // --- the runtime environment as AgentCore counts it (CreateAgentRuntime.environmentVariables) ---
  {
    area: "agent",
    name: "more environment variables than leave room for the platform's",
    edit: envCount(43),
    message:
      "blueprints/agents/support.yaml: environment (line 12): holds 43 variables; with the 8 the platform may set " +
      "for this agent (AGENT_KEY, PLATFORM_SSM_ROOT_PATH, AGENTCORE_GATEWAY_URL, LITELLM_API_KEY, " +
      "ANTHROPIC_API_KEY, LANGFUSE_PUBLIC_KEY, LANGFUSE_SECRET_KEY, LANGFUSE_HOST) that is 51, and AgentCore " +
      "takes at most 50 (CreateAgentRuntime.environmentVariables): give at most 42",
  },
  {
    area: "agent",
    name: "an environment value one character over AWS's 5,000",
    edit: env(`LONG_VALUE: ${"v".repeat(5001)}`),
    message:
      "blueprints/agents/support.yaml: environment.LONG_VALUE (line 14): Too big: expected string to have <=5000",
  },
  {
    area: "agent",
    name: "an environment name one character over AWS's 100",
    edit: env(`${"N".repeat(101)}: x`),
    message: `blueprints/agents/support.yaml: environment.${"N".repeat(101)} (line 14): environment variable names`,
  },
  {
    area: "agent",
    name: "a memory strategy with an empty namespace",
    edit: write(
      "blueprints/agents/notes.yaml",
      `key: notes\ndescription: x\n${MODEL}\nmemory:\n  strategies:\n` +
        `    - { name: facts, type: SEMANTIC, namespace: "" }\n`,
    ),
    message: "blueprints/agents/notes.yaml: memory.strategies.0.namespace (line 6): must be 1-512 characters",
  },
  // --- OAuth scopes as the gateway requests them (oauthCredentialProvider.scopes) ----------------
  {
    area: "config",
    name: "a Cognito scope that makes a gateway scope over AWS's 64 characters",
    edit: cognitoScopes("s".repeat(48)),
    message:
      "config/environments/example.yaml: platform.gateway.cognito_scopes.1 (line 21): makes the scope " +
      `"acme-dev-gateway/${"s".repeat(48)}", which is 65 characters long; AWS takes values of 1-64 characters`,
  },
  {
    area: "target",
    name: "a target OAuth scope over AWS's 64 characters",
    edit: oauthTarget(`[${"s".repeat(65)}]`),
    message:
      "blueprints/gateway/targets/Docs.yaml: auth.oauth.scopes.0 (line 8): Too big: expected string to have <=64",
  },
  {
    area: "target",
    name: "more target OAuth scopes than AWS's 100",
    edit: oauthTarget(`[${Array.from({ length: 101 }, (_, i) => `s${i}`).join(", ")}]`),
    message: "blueprints/gateway/targets/Docs.yaml: auth.oauth.scopes (line 8): Too big: expected array to have <=100",
  },
  {
    area: "agent",
    name: "memory events kept two days, one under AWS's 3",
    edit: write(
      "blueprints/agents/notes.yaml",
      `key: notes\ndescription: x\n${MODEL}\nmemory:\n  event_expiry_days: 2\n`,
    ),
    message: "blueprints/agents/notes.yaml: memory.event_expiry_days (line 5): Too small: expected number to be >=3",
  },
  // --- secrets where they do not belong ---------------------------------------------------------
  {
    area: "agent",
    name: "an AWS access key id as a plain environment value",
    edit: env("AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE"),
    message:
      "blueprints/agents/support.yaml: environment.AWS_ACCESS_KEY_ID (line 14): looks like an AWS access key id. " +
      "Plain environment values are written into the generated Terraform",
    never: ["AKIAIOSFODNN7EXAMPLE"],
  },
  {
    area: "agent",
    name: "an API key under an innocent name",
    edit: env("MODEL_ENDPOINT_AUTH: sk-proj-4f9c2a7d1e6b8c3a0f5e9d2c7b1a6e4f"),
    message: "environment.MODEL_ENDPOINT_AUTH (line 14): looks like an OpenAI or Anthropic API key",
    never: ["4f9c2a7d1e6b8c3a0f5e9d2c7b1a6e4f"],
  },
  {
    area: "agent",
    name: "a GitHub token",
    edit: env("REPO_ACCESS: ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"),
    message: "environment.REPO_ACCESS (line 14): looks like a GitHub token",
    never: ["ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"],
  },
  {
    area: "agent",
    name: "a private key",
    edit: env('TLS_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7"'),
    message: "environment.TLS_KEY (line 14): looks like a private key",
    never: ["MIIEowIBAAKCAQEA7"],
  },
  {
    area: "agent",
    name: "a JSON Web Token",
    edit: env("SERVICE_AUTH: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N"),
    message: "environment.SERVICE_AUTH (line 14): looks like a JSON Web Token",
    never: ["dozjgNryP4J3jVmNHl0w5N"],
  },
  {
    area: "agent",
    name: "a database URL with its password",
    edit: env("DATABASE_URL: postgres://app:hunter2hunter2@db.internal:5432/app"),
    message: "environment.DATABASE_URL (line 14): looks like a URL with a password in it",
    never: ["hunter2hunter2"],
  },
  {
    area: "agent",
    name: "a value under a name that says password",
    edit: env("DB_PASSWORD: correct-horse-battery"),
    message: "environment.DB_PASSWORD (line 14): looks like a secret (its name says so)",
    never: ["correct-horse-battery"],
  },
  {
    area: "agent",
    name: "a reserved variable holding a secret is refused without echoing it",
    edit: replace(SUPPORT, "  LOG_LEVEL: info", "  LITELLM_API_KEY: sk-live-0123456789abcdefghijklmn"),
    message: "environment.LITELLM_API_KEY (line 13): is set by the platform; choose another name",
    never: ["0123456789abcdefghijklmn"],
  },
  {
    area: "agent",
    name: "a secret in a model id is not echoed",
    edit: replace(
      SUPPORT,
      "  - anthropic.claude-3-5-haiku-20241022-v1:0",
      "  - sk-ant-api03-abcdefghijklmnopqrstuvwxyz",
    ),
    message: "blueprints/agents/support.yaml: models.1 (line 7): must be a Bedrock model id",
    never: ["abcdefghijklmnopqrstuvwxyz"],
  },
];

/** Inputs that look close to the cases above and must still synthesize. */
export const ACCEPTED: { name: string; edit: (dir: string) => void }[] = [
  { name: "a token limit is not a token", edit: env(`MAX_TOKENS: "4096"`) },
  {
    name: "a secret's ARN under a secret name",
    edit: env("API_KEY_SECRET: arn:aws:secretsmanager:us-east-1:123456789012:secret:app-key"),
  },
  { name: "an SSM parameter path under a secret name", edit: env("DB_PASSWORD_PARAMETER: /acme/dev/db/password") },
  { name: "a URL without a password", edit: env("SEARCH_URL: https://search.internal:9200/index") },
  { name: "47 tags", edit: tags(47) },
  {
    name: "a policy of AgentCore's longest statement with the gateway ARN in it",
    edit: policy(policyOfLength(10_000)),
  },
  { name: "42 environment variables of the agent's own", edit: envCount(42) },
  { name: "an environment value of AWS's 5,000 characters", edit: env(`LONG_VALUE: ${"v".repeat(5000)}`) },
  { name: "an environment name of AWS's 100 characters", edit: env(`${"N".repeat(100)}: x`) },
  {
    name: "a tag key of AgentCore's 128 characters and a value of its 256, with every character it allows",
    edit: replace(
      ENV,
      "  Owner: platform-team",
      `  "${"K".repeat(116)} ._:/=+-@Aa9": "${"v".repeat(244)} ._:/=+-@Aa9"`,
    ),
  },
  {
    name: "a memory namespace of AWS's 512 characters",
    edit: write(
      "blueprints/agents/notes.yaml",
      `key: notes\ndescription: x\n${MODEL}\nmemory:\n  strategies:\n` +
        `    - { name: facts, type: SEMANTIC, namespace: "/${"n".repeat(511)}" }\n`,
    ),
  },
  { name: "a Cognito scope that makes AWS's longest gateway scope, 64", edit: cognitoScopes("s".repeat(47)) },
  {
    name: "100 target OAuth scopes of AWS's 64 characters",
    edit: oauthTarget(`[${Array.from({ length: 100 }, (_, i) => `${i}`.padStart(64, "s")).join(", ")}]`),
  },
  {
    name: "memory events kept AWS's 3 days",
    edit: write(
      "blueprints/agents/notes.yaml",
      `key: notes\ndescription: x\n${MODEL}\nmemory:\n  event_expiry_days: 3\n`,
    ),
  },
  { name: "a name prefix with single hyphens", edit: replace(ENV, "name_prefix: acme", "name_prefix: a-b-c") },
  { name: "every region of the aws partition", edit: replace(ENV, "region: us-east-1", "region: ap-southeast-7") },
  {
    name: "a name prefix holding aws, with a Cognito domain prefix of its own",
    edit: both(
      replace(ENV, "name_prefix: acme", "name_prefix: laws"),
      replace(
        ENV,
        "    cognito_scopes: [invoke]\n",
        "    cognito_scopes: [invoke]\n    cognito_domain_prefix: team-login\n",
      ),
    ),
  },
  {
    name: "a state key of the environment's region",
    edit: replace(
      ENV,
      "  bucket_name: acme-dev-tfstate-123456789012\n",
      "  bucket_name: acme-dev-tfstate-123456789012\n  kms_key_arn: arn:aws:kms:us-east-1:123456789012:alias/state\n",
    ),
  },
  {
    name: "an inline OpenAPI server whose host variable lists its hosts",
    edit: write(
      "blueprints/gateway/targets/Orders.yaml",
      "name: Orders\ndescription: x\nopenapi:\n  inline: |\n    openapi: 3.0.1\n" +
        '    info: { title: Orders, version: "1" }\n' +
        '    servers:\n      - url: "https://{region}.orders.example.com/{version}"\n' +
        "        variables:\n          region: { default: eu, enum: [eu, us] }\n          version: { default: v1 }\n" +
        "    paths:\n      /orders:\n        get: { operationId: listOrders }\nauth:\n  none: true\n",
    ),
  },
];
