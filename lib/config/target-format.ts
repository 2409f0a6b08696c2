import { awsBounds, awsPattern } from "../aws-limits";
/**
 * The gateway target format's patterns and tables, without the schema: the agentcore module reads
 * them on every synthesis, the zod schema (gateway-targets.ts) only when inputs are validated.
 */

import { AGENT_PATTERNS } from "./agent-format";

/** Target names: PascalCase, they name the target's Cedar action group. */
export const TARGET_NAME_PATTERN = "^[A-Z][A-Za-z0-9]{0,63}$";
/** The Lambda function name after `<name_prefix>-<environment>-`. */
export const LAMBDA_SUFFIX_PATTERN = "^[a-z0-9][a-z0-9-]{0,39}$";

/**
 * What a target is: exactly one of these attributes is set. `agent_runtime` is an AgentCore
 * runtime that serves MCP, given by ARN (docs/adr/0008-gateway-target-kinds.md: the gateway is
 * created before this platform's agents, so the runtime is an existing one).
 */
export const TARGET_KINDS = ["lambda", "openapi", "smithy", "mcp_server", "agent_runtime"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * How the gateway authenticates to a target (`auth`): exactly one. `cognito` is OAuth client
 * credentials with the gateway's own Cognito machine-to-machine client (enable_cognito = true);
 * `oauth` and `api_key` use a credential provider the module creates for the target from SSM.
 */
export const AUTH_KINDS = ["gateway_iam_role", "api_key", "oauth", "cognito", "none"] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/**
 * The outbound authorization each kind supports, and the one used when `auth` is omitted (none:
 * `auth` is required). From the table of "Set up outbound authorization for your gateway" (AWS
 * developer guide, https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-outbound-auth.html)
 * and "Specify the authorization type and credentials" (gateway-building-adding-targets-authorization):
 * Lambda targets are called with the gateway's role only; OpenAPI and MCP server targets take SigV4
 * with a named service, OAuth client credentials, an API key or nothing, and must say which; an
 * AgentCore runtime (an MCP server target at its invocation URL) accepts SigV4
 * (`bedrock-agentcore`) or the JWTs of the issuer it trusts, never an anonymous call or an API key.
 * Smithy targets: the gateway's role (the table also lists OAuth client credentials, left out here:
 * docs/adr/0008-gateway-target-kinds.md).
 */
export const TARGET_AUTH: Readonly<
  Record<TargetKind, { readonly allowed: readonly AuthKind[]; readonly default?: AuthKind }>
> = {
  lambda: { allowed: ["gateway_iam_role"], default: "gateway_iam_role" },
  openapi: { allowed: ["api_key", "oauth", "cognito", "gateway_iam_role", "none"] },
  smithy: { allowed: ["gateway_iam_role"], default: "gateway_iam_role" },
  mcp_server: { allowed: ["oauth", "cognito", "api_key", "gateway_iam_role", "none"] },
  agent_runtime: { allowed: ["gateway_iam_role", "oauth", "cognito"], default: "gateway_iam_role" },
};

/** The `auth` of a target as the helpers below read it (a blueprint or a module input entry). */
export interface TargetAuthFields {
  readonly gateway_iam_role?: unknown;
  readonly api_key?: unknown;
  readonly oauth?: unknown;
  readonly cognito?: boolean | null;
  readonly none?: boolean | null;
}

/** The kinds a target sets, in TARGET_KINDS order. */
export function kindsOf(t: Partial<Record<TargetKind, unknown>>): TargetKind[] {
  return TARGET_KINDS.filter((k) => t[k] !== undefined && t[k] !== null);
}

/** The outbound auth fields a target's `auth` sets. */
export function authsOf(a: TargetAuthFields | undefined | null): AuthKind[] {
  if (!a) return [];
  return AUTH_KINDS.filter((k) =>
    k === "cognito" || k === "none" ? a[k] === true : a[k] !== undefined && a[k] !== null,
  );
}

/** The outbound auth a target uses: its `auth`, or its kind's default; undefined when it needs one. */
export function authOf(
  t: { readonly auth?: TargetAuthFields | null } & Partial<Record<TargetKind, unknown>>,
): AuthKind | undefined {
  const given = authsOf(t.auth);
  if (given.length) return given[0];
  const [kind] = kindsOf(t);
  return kind ? TARGET_AUTH[kind].default : undefined;
}

/** Kinds whose SigV4 signing needs the target service named (`auth.gateway_iam_role.service`). */
export const SIGV4_SERVICE_KINDS: readonly TargetKind[] = ["openapi", "mcp_server"];
/** The service an AgentCore runtime verifies SigV4 signatures for. */
export const RUNTIME_SIGV4_SERVICE = "bedrock-agentcore";

/** Tool names of Lambda targets: the tool schema this project writes. */
export const LAMBDA_TOOL_NAME_PATTERN = "^[a-z][a-z0-9_]{0,63}$";
/**
 * Tool names a service gives (OpenAPI operationIds, Smithy operation names, MCP tool names): the
 * MCP tool name rule, 1-128 letters, digits, `_`, `-` and `.`, here starting with a letter or `_`.
 */
export const SERVICE_TOOL_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_.-]{0,127}$";

/**
 * JSON Schema combiners AgentCore's OpenAPI targets do not support ("OpenAPI schema targets",
 * Amazon Bedrock AgentCore Developer Guide: key considerations and limitations).
 */
export const OPENAPI_COMBINERS = ["oneOf", "anyOf", "allOf"] as const;

/**
 * AWS bounds an S3 document URI by its pattern alone (`^s3://.{1,2043}$`): `s3://` and at most
 * 2,043 more characters.
 */
const S3_URI_MAX = (() => {
  const aws = awsPattern("CreateGatewayTarget.targetConfiguration.mcp.openApiSchema.s3.uri");
  const rest = /^\^s3:\/\/\.\{1,(\d+)\}\$$/.exec(aws);
  if (!rest) throw new Error(`AWS's pattern of an S3 document URI changed: ${aws}`);
  return "s3://".length + Number(rest[1]);
})();

export const TARGET_PATTERNS = {
  s3Uri: {
    pattern: "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+$",
    maxLength: S3_URI_MAX,
    message: `must be an S3 object URI: s3://<bucket>/<key>, at most ${S3_URI_MAX} characters`,
  },
  accountId: { pattern: "^[0-9]{12}$", message: "must be a 12-digit AWS account id" },
  httpsUrl: {
    pattern: "^https://[^\\s/?#]+([/?#][^\\s]*)?$",
    message: "must be an https URL (the gateway calls targets over TLS only)",
  },
  runtimeArn: {
    pattern:
      "^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:[0-9]{12}:runtime/[a-zA-Z][a-zA-Z0-9_]{0,47}-[a-zA-Z0-9]{10}$",
    message:
      "must be the ARN of an AgentCore runtime: " +
      "arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>",
  },
  qualifier: {
    pattern: "^[a-zA-Z][a-zA-Z0-9_]{0,47}$",
    message: "must be a runtime endpoint name (DEFAULT, or a named endpoint such as live)",
  },
  sigv4Service: {
    pattern: "^[a-z0-9-]{1,64}$",
    message: "must be the service name of SigV4 signing, e.g. execute-api or bedrock-agentcore",
  },
  region: { pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]$", message: "must be an AWS region code such as us-east-1" },
  /** The same OpenID Connect discovery URL rule as an agent's credentials and authorizer. */
  discoveryUrl: AGENT_PATTERNS.discoveryUrl,
  apiKeyParameter: {
    pattern: "^[A-Za-z0-9_-]{1,64}$",
    message: "must be 1-64 letters, digits, underscores and hyphens (a header or query parameter name)",
  },
  /** `service:Action`, wildcards within the action only; never `*` or `service:*`. */
  iamAction: {
    pattern: "^[a-z0-9-]+:[A-Za-z0-9]+[A-Za-z0-9*?]*$",
    message:
      "must be an IAM action service:Action (a wildcard may narrow the action, e.g. dynamodb:Get*, but not replace it)",
  },
  iamResource: {
    pattern: "^(\\*|arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:([0-9]{12})?:.+)$",
    message: 'must be an ARN (or "*" for actions that support no resource scope)',
  },
} as const;

/** API key locations the gateway supports (`credential_location`). */
export const API_KEY_LOCATIONS = ["HEADER", "QUERY_PARAMETER"] as const;

/** SSM SecureString parameters a target's credentials are read from, under the SSM root path. */
export const TARGET_SECRET_PARAMETERS = {
  apiKey: (target: string) => `gateway/targets/${target}/api-key`,
  clientId: (target: string) => `gateway/targets/${target}/oauth/client-id`,
  clientSecret: (target: string) => `gateway/targets/${target}/oauth/client-secret`,
} as const;

/** The scopes the gateway requests for a target: each 1-64 characters, at most 100 (AWS's model). */
export const OAUTH_SCOPE_FIELD =
  "CreateGatewayTarget.credentialProviderConfigurations[].credentialProvider.oauthCredentialProvider.scopes[]";
export const OAUTH_SCOPE_COUNT = awsBounds(
  "CreateGatewayTarget.credentialProviderConfigurations[].credentialProvider.oauthCredentialProvider.scopes",
  "size",
);
export const OAUTH_SCOPE_LENGTH = awsBounds(OAUTH_SCOPE_FIELD, "length");

const OAUTH_PROVIDER =
  "CreateGatewayTarget.credentialProviderConfigurations[].credentialProvider.oauthCredentialProvider";
/** Further parameters of a target's token requests: entries, name and value lengths (AWS's model). */
export const OAUTH_CUSTOM_PARAMETERS = {
  count: awsBounds(`${OAUTH_PROVIDER}.customParameters`, "size"),
  name: awsBounds(`${OAUTH_PROVIDER}.customParameters{key}`, "length"),
  value: awsBounds(`${OAUTH_PROVIDER}.customParameters{value}`, "length"),
} as const;
export const OAUTH_CUSTOM_PARAMETERS_RULE =
  `${OAUTH_CUSTOM_PARAMETERS.count.min}-${OAUTH_CUSTOM_PARAMETERS.count.max} entries, names of ` +
  `${OAUTH_CUSTOM_PARAMETERS.name.min}-${OAUTH_CUSTOM_PARAMETERS.name.max} and values of ` +
  `${OAUTH_CUSTOM_PARAMETERS.value.min}-${OAUTH_CUSTOM_PARAMETERS.value.max} characters`;

/** The text before a target's API key (apiKeyCredentialProvider.credentialPrefix). */
export const API_KEY_PREFIX_LENGTH = awsBounds(
  "CreateGatewayTarget.credentialProviderConfigurations[].credentialProvider.apiKeyCredentialProvider.credentialPrefix",
  "length",
);

/**
 * The JSON types of a tool's arguments: AWS's SchemaType (inputSchema.type of an inline tool
 * schema); __tests__/aws-limits.test.ts holds the list to the model.
 */
export const TOOL_TYPES = ["string", "number", "integer", "boolean", "array", "object"] as const;
export type ToolType = (typeof TOOL_TYPES)[number];
/** Tool argument names: identifiers, which every language a tool is written in binds as they are. */
export const TOOL_ARGUMENT_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*$";
/**
 * Tool and argument descriptions: AWS bounds neither; the model reads them in every tools/list
 * response, so the project keeps each to a paragraph.
 */
export const TOOL_DESCRIPTION_LENGTH = { min: 1, max: 500 } as const;
/** The types of nested arguments (an array's items, an object's fields): Terraform types cannot recurse. */
export const NESTED_TOOL_TYPES = ["string", "number", "integer", "boolean", "array"] as const;
