import { z } from "zod";
import { arnRegionProblem, unknownRegionProblem } from "../aws-context";
import {
  API_KEY_PREFIX_LENGTH,
  OAUTH_CUSTOM_PARAMETERS,
  OAUTH_CUSTOM_PARAMETERS_RULE,
  OAUTH_SCOPE_COUNT,
  OAUTH_SCOPE_LENGTH,
  NESTED_TOOL_TYPES,
  TOOL_ARGUMENT_NAME_PATTERN,
  TOOL_DESCRIPTION_LENGTH,
  TOOL_TYPES,
  type ToolType,
  API_KEY_LOCATIONS,
  LAMBDA_SUFFIX_PATTERN,
  LAMBDA_TOOL_NAME_PATTERN,
  RUNTIME_SIGV4_SERVICE,
  SERVICE_TOOL_NAME_PATTERN,
  SIGV4_SERVICE_KINDS,
  TARGET_AUTH,
  TARGET_KINDS,
  TARGET_NAME_PATTERN,
  TARGET_PATTERNS,
  authOf,
  authsOf,
  kindsOf,
} from "./target-format";
import { openApiTools, smithyTools, toolsFromDocument } from "./target-tools";

export { LAMBDA_SUFFIX_PATTERN, TARGET_NAME_PATTERN, type ToolType, authOf } from "./target-format";

/**
 * A JSON-Schema subset for tool arguments: what the AgentCore gateway's inline tool schema takes
 * (provider blocks `property`, with nested `items` and `property`) and what Terraform types can
 * state, so that the gateway module's typed input mirrors it. Arguments nest one level: an array's
 * `items` and an object's `properties` are scalars (or arrays of scalars) with a description.
 */
const identifier = z.string().regex(new RegExp(TOOL_ARGUMENT_NAME_PATTERN), "property names must be identifiers");

const nestedProperty = z
  .object({
    type: z.enum(NESTED_TOOL_TYPES).describe("Nested arguments are scalars or arrays of strings."),
    description: z.string().max(TOOL_DESCRIPTION_LENGTH.max).optional(),
  })
  .strict();

export const toolProperty = z
  .object({
    type: z.enum(TOOL_TYPES),
    description: z.string().max(TOOL_DESCRIPTION_LENGTH.max).optional(),
    items: nestedProperty.optional().describe("For `array`: the type of its items."),
    properties: z.record(identifier, nestedProperty).optional().describe("For `object`: its fields."),
    required: z.array(z.string()).optional().describe("For `object`: the fields that must be given."),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.items && p.type !== "array")
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `is only allowed on type array (this property is ${p.type})`,
      });
    if ((p.properties || p.required) && p.type !== "object")
      ctx.addIssue({
        code: "custom",
        path: ["properties"],
        message: `and required are only allowed on type object (this property is ${p.type})`,
      });
    for (const r of p.required ?? [])
      if (!p.properties || !(r in p.properties))
        ctx.addIssue({
          code: "custom",
          path: ["required"],
          message: `names "${r}", which is not among the properties`,
        });
  });
export type ToolProperty = z.output<typeof toolProperty>;
/** Any level of a tool argument, as the Cedar schema generator reads it. */
export type ToolArgument = {
  type: ToolType;
  description?: string;
  items?: ToolArgument;
  properties?: Record<string, ToolArgument>;
  required?: string[];
};

export const toolSchema = z
  .object({
    name: z
      .string()
      .regex(
        new RegExp(SERVICE_TOOL_NAME_PATTERN),
        "must be 1-128 letters, digits, _ - and ., starting with a letter or _",
      )
      .describe(
        "Tool name; the Cedar action is `<Target>___<tool>`. " +
          "Lambda tools: 1-64 lowercase letters, digits and underscores. " +
          "Other kinds: the name the service gives the tool.",
      ),
    description: z
      .string()
      .min(TOOL_DESCRIPTION_LENGTH.min)
      .max(TOOL_DESCRIPTION_LENGTH.max)
      .optional()
      .describe("What the tool does; shown to the model. Required for Lambda tools."),
    input_schema: z
      .object({
        type: z.literal("object"),
        properties: z.record(identifier, toolProperty).default({}),
        required: z.array(z.string()).default([]),
      })
      .strict()
      .optional()
      .describe(
        "JSON Schema of the tool's arguments (an object). Required for Lambda tools; " +
          "for the declared tools of other kinds, what Cedar policies may read of `context.input`.",
      ),
  })
  .strict()
  .superRefine((tool, ctx) => {
    for (const r of tool.input_schema?.required ?? []) {
      if (!(r in tool.input_schema!.properties)) {
        ctx.addIssue({
          code: "custom",
          path: ["input_schema", "required"],
          message:
            `names "${r}", which is not among the properties ` +
            `(${Object.keys(tool.input_schema!.properties).join(", ") || "none"})`,
        });
      }
    }
  });

const targetName = z
  .string()
  .regex(
    new RegExp(TARGET_NAME_PATTERN),
    "must be 1-64 characters: letters and digits in PascalCase, " +
      "starting with an upper-case letter (it names the Cedar action group)",
  );
/** A string matching `p.pattern`, and at most `p.maxLength` characters where AWS bounds the field. */
const pattern = (p: { pattern: string; message: string; maxLength?: number }) =>
  (p.maxLength === undefined ? z.string() : z.string().max(p.maxLength, p.message)).regex(
    new RegExp(p.pattern),
    p.message,
  );
/** A pattern whose matches must also name a region AWS has (of the ARN's partition, for an ARN). */
const regional = (p: { pattern: string; message: string }, problemOf: (value: string) => string | undefined) =>
  pattern(p).superRefine((value, ctx) => {
    const problem = new RegExp(p.pattern).test(value) ? problemOf(value) : undefined;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const API_KEY_PREFIX_RULE = `${API_KEY_PREFIX_LENGTH.min}-${API_KEY_PREFIX_LENGTH.max} characters`;

const s3Location = z
  .object({
    uri: pattern(TARGET_PATTERNS.s3Uri).describe(
      "`s3://<bucket>/<key>` of the document. Whoever creates the target (the deployer) must be able to read it.",
    ),
    bucket_owner_account_id: pattern(TARGET_PATTERNS.accountId)
      .optional()
      .describe("Account that owns the bucket, when it is another account."),
  })
  .strict();

const apiDocument = (what: string) => ({
  inline: z
    .string()
    .min(1)
    .optional()
    .describe(`The ${what} itself. Its tools are read from it at synthesis: give no \`tools\`.`),
  s3: s3Location
    .optional()
    .describe(`Where the ${what} is stored. Synthesis cannot read it: declare its \`tools\` for the Cedar schema.`),
});

const iamPermission = z
  .object({
    actions: z
      .array(pattern(TARGET_PATTERNS.iamAction))
      .min(1, "give at least one action")
      .describe("IAM actions of the service the model describes, e.g. `dynamodb:GetItem`."),
    resources: z
      .array(pattern(TARGET_PATTERNS.iamResource))
      .min(1, "give at least one resource")
      .describe("The resources those actions may touch (ARNs)."),
  })
  .strict();

const targetKinds = {
  lambda: z
    .object({
      function: pattern({
        pattern: LAMBDA_SUFFIX_PATTERN,
        message: "must be 1-40 characters: lowercase letters, digits and hyphens",
      }).describe("Function name without the `<name_prefix>-<environment>-` prefix, which the gateway role requires."),
    })
    .strict()
    .optional()
    .describe("A Lambda function `<name_prefix>-<environment>-<function>` implementing the `tools`."),
  openapi: z
    .object(apiDocument("OpenAPI 3.0/3.1 document (JSON or YAML)"))
    .strict()
    .optional()
    .describe(
      "A REST API described by an OpenAPI document, `inline` or in `s3`; " +
        "each operation is a tool named by its operationId.",
    ),
  smithy: z
    .object({
      ...apiDocument("Smithy model (JSON AST)"),
      permissions: z
        .array(iamPermission)
        .default([])
        .describe(
          "What the gateway role may call on the AWS service the model describes " +
            "(the gateway signs with its role): nothing else.",
        ),
    })
    .strict()
    .optional()
    .describe(
      "An AWS service described by a Smithy model, `inline` or in `s3`; " +
        "each operation is a tool named by its operation name.",
    ),
  mcp_server: z
    .object({
      endpoint: pattern(TARGET_PATTERNS.httpsUrl).describe("The MCP server's streamable-HTTP endpoint (https)."),
    })
    .strict()
    .optional()
    .describe("An MCP server reachable over https; declare its `tools` for the Cedar schema."),
  agent_runtime: z
    .object({
      runtime_arn: regional(TARGET_PATTERNS.runtimeArn, arnRegionProblem).describe(
        "ARN of an existing AgentCore runtime that serves MCP (not one of this platform's agents stack, " +
          "which is deployed after the gateway).",
      ),
      qualifier: pattern(TARGET_PATTERNS.qualifier).default("DEFAULT").describe("The runtime endpoint to call."),
    })
    .strict()
    .optional()
    .describe(
      "An AgentCore runtime serving MCP, called at " +
        "`https://bedrock-agentcore.<region>.amazonaws.com/runtimes/<url-encoded ARN>" +
        "/invocations?qualifier=<qualifier>`; declare its `tools`.",
    ),
};

const auth = z
  .object({
    gateway_iam_role: z
      .object({
        service: pattern(TARGET_PATTERNS.sigv4Service)
          .optional()
          .describe("SigV4 service name the target verifies (openapi and mcp_server targets: required)."),
        region: regional(TARGET_PATTERNS.region, unknownRegionProblem)
          .optional()
          .describe("SigV4 region; default the gateway's."),
      })
      .strict()
      .optional()
      .describe("Sign calls with the gateway's execution role (SigV4)."),
    api_key: z
      .object({
        location: z.enum(API_KEY_LOCATIONS).default("HEADER").describe("Where the key is sent."),
        parameter_name: pattern(TARGET_PATTERNS.apiKeyParameter)
          .optional()
          .describe("Header or query parameter name; the gateway's default when absent."),
        prefix: z
          .string()
          .min(API_KEY_PREFIX_LENGTH.min)
          .max(API_KEY_PREFIX_LENGTH.max)
          .optional()
          .describe(`Text before the key, e.g. \`Bearer\`: ${API_KEY_PREFIX_RULE}.`),
      })
      .strict()
      .optional()
      .describe(
        "Send an API key from the credential provider `<name_prefix>-<environment>-<Target>`, " +
          "fed from SSM `<ssm_root>/gateway/targets/<Target>/api-key`.",
      ),
    oauth: z
      .object({
        discovery_url: pattern(TARGET_PATTERNS.discoveryUrl).describe("OpenID discovery URL of the issuer."),
        scopes: z
          .array(z.string().min(OAUTH_SCOPE_LENGTH.min).max(OAUTH_SCOPE_LENGTH.max))
          .max(OAUTH_SCOPE_COUNT.max)
          .default([])
          .describe(
            `Scopes to request: at most ${OAUTH_SCOPE_COUNT.max}, each ${OAUTH_SCOPE_LENGTH.max} characters at most.`,
          ),
        custom_parameters: z
          .record(
            z.string().min(OAUTH_CUSTOM_PARAMETERS.name.min).max(OAUTH_CUSTOM_PARAMETERS.name.max),
            z.string().min(OAUTH_CUSTOM_PARAMETERS.value.min).max(OAUTH_CUSTOM_PARAMETERS.value.max),
          )
          .refine(
            (m) => {
              const n = Object.keys(m).length;
              return n >= OAUTH_CUSTOM_PARAMETERS.count.min && n <= OAUTH_CUSTOM_PARAMETERS.count.max;
            },
            { message: `takes ${OAUTH_CUSTOM_PARAMETERS_RULE} (AWS's customParameters)` },
          )
          .optional()
          .describe(`Further token request parameters: ${OAUTH_CUSTOM_PARAMETERS_RULE}.`),
      })
      .strict()
      .optional()
      .describe(
        "OAuth 2.0 client credentials from the credential provider `<name_prefix>-<environment>-<Target>`, " +
          "fed from SSM `<ssm_root>/gateway/targets/<Target>/oauth/client-id|client-secret`.",
      ),
    cognito: z
      .boolean()
      .default(false)
      .describe(
        "OAuth 2.0 client credentials with the gateway's own Cognito machine-to-machine client " +
          "(authorizer `cognito`): for runtimes that accept the gateway's tokens.",
      ),
    none: z
      .boolean()
      .default(false)
      .describe("Call without credentials (openapi and mcp_server only; AWS does not recommend it)."),
  })
  .strict();

export type TargetAuth = z.output<typeof auth>;

const targetFields = {
  description: z.string().min(1).max(200).describe("What the target offers."),
  ...targetKinds,
  auth: auth
    .optional()
    .describe(
      "Outbound authorization, exactly one of its fields. " +
        "Default: the gateway's role for lambda, smithy and agent_runtime; required for openapi and mcp_server.",
    ),
  tools: z
    .array(toolSchema)
    .default([])
    .describe(
      "The tools: the ones a Lambda function implements; " +
        "for S3-hosted OpenAPI/Smithy documents, MCP servers and runtimes the tools the service exposes, " +
        "declared for the Cedar schema (synthesis cannot see them). " +
        "None for inline documents, whose tools are read from the document.",
    ),
};

type TargetOutput = z.output<z.ZodObject<typeof targetFields>>;

/**
 * The rules a target must follow beyond its fields: exactly one kind, an outbound auth the kind
 * supports, a document source, tools as the kind needs them. `declaredTools`: whether targets whose
 * tools synthesis cannot see must declare them (the blueprint format: the cdktf path validates
 * Cedar against them; the module input takes them but needs none).
 */
function targetRules(declaredTools: boolean) {
  return (t: TargetOutput, ctx: z.RefinementCtx): void => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const kinds = kindsOf(t);
    if (kinds.length === 0) issue([], `needs exactly one of ${TARGET_KINDS.join(", ")} (what the target is)`);
    for (const extra of kinds.slice(1))
      issue(
        [extra],
        `is given together with ${kinds[0]}; a target is exactly one kind (one of ${TARGET_KINDS.join(", ")})`,
      );
    const kind = kinds[0];
    if (!kind) return;

    const auths = authsOf(t.auth);
    for (const extra of auths.slice(1))
      issue(["auth", extra], `is given together with auth.${auths[0]}; give exactly one outbound auth`);
    const used = authOf(t);
    const supported = TARGET_AUTH[kind].allowed;
    if (used === undefined) issue(["auth"], `is required for ${kind} targets: one of ${supported.join(", ")}`);
    else if (!supported.includes(used))
      issue(["auth", used], `${kind} targets do not support ${used} outbound auth; supported: ${supported.join(", ")}`);
    const sigv4 = t.auth?.gateway_iam_role;
    if (used === "gateway_iam_role" && SIGV4_SERVICE_KINDS.includes(kind) && !sigv4?.service)
      issue(
        ["auth", "gateway_iam_role", "service"],
        `is required for ${kind} targets: the SigV4 service name the target verifies (e.g. execute-api)`,
      );
    if (sigv4?.service && !SIGV4_SERVICE_KINDS.includes(kind)) {
      issue(
        ["auth", "gateway_iam_role", "service"],
        kind === "agent_runtime"
          ? `is always ${RUNTIME_SIGV4_SERVICE} for agent_runtime targets; remove it`
          : `is known to the gateway for ${kind} targets; remove it`,
      );
    }

    for (const doc of ["openapi", "smithy"] as const) {
      const d = t[doc];
      if (!d) continue;
      if ((d.inline === undefined) === (d.s3 === undefined))
        issue([doc], "needs exactly one of inline (the document itself) or s3 (where it is stored)");
      if (d.inline !== undefined)
        for (const p of (doc === "openapi" ? openApiTools : smithyTools)(d.inline).problems) issue([doc, "inline"], p);
    }
    if (t.smithy && t.smithy.permissions.length === 0)
      issue(
        ["smithy", "permissions"],
        "needs at least one entry: the actions and resources of the service the gateway role may call " +
          "(it signs every call with its role)",
      );

    const fromDocument = toolsFromDocument(t);
    if (fromDocument && t.tools.length > 0)
      issue(
        ["tools"],
        "are read from the inline " +
          (kind === "openapi" ? "OpenAPI document (its operationIds)" : "Smithy model (its operations)") +
          "; remove tools",
      );
    if (kind === "lambda") {
      if (t.tools.length === 0) issue(["tools"], "a Lambda target needs at least one tool");
      t.tools.forEach((tool, i) => {
        if (!new RegExp(LAMBDA_TOOL_NAME_PATTERN).test(tool.name))
          issue(
            ["tools", i, "name"],
            "must be 1-64 characters: lowercase letters, digits and underscores, starting with a letter",
          );
        if (tool.description === undefined)
          issue(
            ["tools", i, "description"],
            "is required for the tools of a Lambda target (the gateway shows it to the model)",
          );
        if (tool.input_schema === undefined)
          issue(
            ["tools", i, "input_schema"],
            "is required for the tools of a Lambda target (the gateway passes it to the model)",
          );
      });
    } else if (!fromDocument && declaredTools && t.tools.length === 0) {
      const document = kind === "openapi" ? "OpenAPI document" : "Smithy model";
      const source = kind === "openapi" || kind === "smithy" ? `an S3-hosted ${document}` : `an ${kind} target`;
      issue(
        ["tools"],
        `are needed for ${source}: synthesis cannot see its tools, ` +
          "so declare each (name, optional input_schema) for the Cedar schema; " +
          "they must be the names the service lists",
      );
    }
    const seen = new Set<string>();
    t.tools.forEach((tool, i) => {
      if (seen.has(tool.name)) issue(["tools", i, "name"], `duplicate tool name "${tool.name}"`);
      seen.add(tool.name);
    });
  };
}

/** One gateway target: `blueprints/gateway/targets/<Name>.yaml`. */
export const gatewayTargetSchema = z
  .object({ name: targetName.describe("Target name; must equal the file name without `.yaml`."), ...targetFields })
  .strict()
  .superRefine(targetRules(true));

/** One entry of the gateway module's `gateway_targets` input (the map key is the target name). */
export const gatewayTargetSpecSchema = z
  .object({
    name: targetName.optional().describe("When given, it must equal the map key (a target file's `name`)."),
    ...targetFields,
  })
  .strict()
  .superRefine(targetRules(false));

export type GatewayTargetSpec = z.output<typeof gatewayTargetSpecSchema>;
export type GatewayTarget = z.output<typeof gatewayTargetSchema> & { readonly sourceFile: string };
export type Tool = z.output<typeof toolSchema>;
