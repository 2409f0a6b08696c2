import { AwsFacts } from "../../../../lib/aws-context";
import { StatementSpec } from "../../../../lib/iam/statement-table";

/** What the gateway role's statements are scoped to. */
export interface GatewayRoleContext {
  readonly aws: AwsFacts;
  /** `<name_prefix>-<environment>`. */
  readonly stem: string;
  /** Prefix of this platform's runtime names (`runtimeNamePrefix`). */
  readonly runtimePrefix: string;
  readonly gatewayName: string;
  readonly policyEngineName: string;
  /** Whether a policy engine is attached: a boolean (report, tests) or the module's Terraform condition. */
  readonly policyEngine: unknown;
  readonly kmsKeyArn: string;
}

/** ARN pattern of the gateway: its id is `<name>-<10 characters>`, unknown before it exists. */
export const gatewayArnPattern = (c: GatewayRoleContext) => c.aws.arn("bedrock-agentcore", `gateway/${c.gatewayName}-*`);
/** ARN pattern of the policy engine: its id is `<name>-<10 characters>`. */
export const policyEngineArnPattern = (c: GatewayRoleContext) => c.aws.arn("bedrock-agentcore", `policy-engine/${c.policyEngineName}-*`);

/** The actions whose absence causes seed 000's InternalServerException and deny-all. */
export const POLICY_ENGINE_ACTIONS = ["bedrock-agentcore:AuthorizeAction", "bedrock-agentcore:PartiallyAuthorizeActions"] as const;

/**
 * The gateway execution role (seed 002 "Gateway Execution Role", seed 000): fully enumerated
 * actions, never `bedrock-agentcore:*`, each scoped to this platform's names.
 */
export const GATEWAY_ROLE_STATEMENTS: readonly StatementSpec<GatewayRoleContext>[] = [
  {
    sid: "InvokeMcpLambdaFunctions",
    purpose: "Call the Lambda functions behind the gateway's targets",
    actions: ["lambda:InvokeFunction"],
    resources: (c) => [c.aws.arn("lambda", `function:${c.stem}-*`)],
  },
  {
    sid: "CloudWatchLogs",
    purpose: "Write the gateway's own logs",
    actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
    resources: (c) => [
      c.aws.arn("logs", `log-group:/aws/bedrock-agentcore/gateways/${c.stem}*`),
      c.aws.arn("logs", `log-group:/aws/bedrock-agentcore/gateways/${c.stem}*:log-stream:*`),
    ],
  },
  {
    sid: "GatewayRuntimeAccess",
    purpose: "Read the gateway's own configuration and targets",
    actions: ["bedrock-agentcore:GetGateway", "bedrock-agentcore:GetGatewayTarget", "bedrock-agentcore:ListGatewayTargets"],
    resources: (c) => [gatewayArnPattern(c)],
  },
  {
    sid: "PolicyEngineConfiguration",
    purpose: "Read the attached policy engine (seed 000: without it LOG_ONLY fails silently)",
    actions: ["bedrock-agentcore:GetPolicyEngine"],
    resources: (c) => [policyEngineArnPattern(c)],
    presentWhen: "a policy engine is attached",
    present: (c) => c.policyEngine,
  },
  {
    sid: "PolicyEngineAccess",
    purpose: "Evaluate Cedar policies for every tool call and tool listing (seed 000)",
    actions: [...POLICY_ENGINE_ACTIONS],
    resources: (c) => [policyEngineArnPattern(c), gatewayArnPattern(c)],
    presentWhen: "a policy engine is attached",
    present: (c) => c.policyEngine,
  },
  {
    sid: "RuntimeAccess",
    purpose: "Call this platform's agent runtimes as gateway targets",
    actions: ["bedrock-agentcore:GetAgentRuntime", "bedrock-agentcore:InvokeAgentRuntime"],
    resources: (c) => [
      c.aws.arn("bedrock-agentcore", `runtime/${c.runtimePrefix}*`),
      c.aws.arn("bedrock-agentcore", `runtime/${c.runtimePrefix}*/runtime-endpoint/*`),
    ],
  },
  {
    sid: "KmsGatewayEncryption",
    purpose: "Use the key the gateway is encrypted with",
    actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
    resources: (c) => [c.kmsKeyArn],
  },
];

/** What the gateway's OAuth2 token statement is scoped to. */
export interface OAuth2TokenContext {
  readonly aws: AwsFacts;
  readonly credentialProviderArn: string;
  readonly gatewayWorkloadIdentityArn: string;
}

/**
 * Seed 002's separate inline policy, present only when Cognito is enabled. The seed names the
 * credential provider ARN only; the IAM service reference requires the token vault and the
 * caller's workload identity as well, so those two are added, each exact.
 */
export const OAUTH2_TOKEN_STATEMENTS: readonly StatementSpec<OAuth2TokenContext>[] = [
  {
    sid: "GetResourceOauth2Token",
    purpose: "Fetch the machine-to-machine token the gateway presents to runtimes",
    actions: ["bedrock-agentcore:GetResourceOauth2Token"],
    resources: (c) => [
      c.credentialProviderArn,
      c.aws.arn("bedrock-agentcore", "token-vault/default"),
      c.aws.arn("bedrock-agentcore", "workload-identity-directory/default"),
      c.gatewayWorkloadIdentityArn,
    ],
    presentWhen: "enable_cognito = true",
  },
];

/** What the resource management role is scoped to. */
export interface ManagementRoleContext {
  readonly aws: AwsFacts;
  readonly stem: string;
  readonly gatewayRoleArn: string;
}

/** Seed 000's resource management role, scoped to this region, account and platform. */
export const MANAGEMENT_ROLE_STATEMENTS: readonly StatementSpec<ManagementRoleContext>[] = [
  {
    sid: "GatewayManagement",
    purpose: "Create and change gateways and their targets",
    actions: [
      "bedrock-agentcore:CreateGateway",
      "bedrock-agentcore:UpdateGateway",
      "bedrock-agentcore:GetGateway",
      "bedrock-agentcore:DeleteGateway",
      "bedrock-agentcore:ListGateways",
      "bedrock-agentcore:CreateGatewayTarget",
      "bedrock-agentcore:UpdateGatewayTarget",
      "bedrock-agentcore:GetGatewayTarget",
      "bedrock-agentcore:DeleteGatewayTarget",
      "bedrock-agentcore:ListGatewayTargets",
    ],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "gateway/*")],
  },
  {
    sid: "PolicyEngineManagement",
    purpose: "Create and change policy engines",
    actions: [
      "bedrock-agentcore:CreatePolicyEngine",
      "bedrock-agentcore:UpdatePolicyEngine",
      "bedrock-agentcore:GetPolicyEngine",
      "bedrock-agentcore:DeletePolicyEngine",
      "bedrock-agentcore:ListPolicyEngines",
    ],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "policy-engine/*")],
  },
  {
    sid: "PolicyManagement",
    purpose: "Create and change Cedar policies",
    actions: [
      "bedrock-agentcore:CreatePolicy",
      "bedrock-agentcore:UpdatePolicy",
      "bedrock-agentcore:GetPolicy",
      "bedrock-agentcore:DeletePolicy",
      "bedrock-agentcore:ListPolicies",
    ],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "policy-engine/*/policy/*")],
  },
  {
    sid: "PolicyGeneration",
    purpose: "Generate Cedar policies from natural language",
    actions: [
      "bedrock-agentcore:StartPolicyGeneration",
      "bedrock-agentcore:GetPolicyGeneration",
      "bedrock-agentcore:ListPolicyGenerations",
      "bedrock-agentcore:ListPolicyGenerationAssets",
    ],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "policy-engine/*/policy-generation/*")],
  },
  {
    sid: "IAMPassRole",
    purpose: "Hand the gateway execution role to AgentCore, and nothing else",
    actions: ["iam:PassRole"],
    resources: (c) => [c.gatewayRoleArn],
    condition: () => ({ StringEquals: { "iam:PassedToService": "bedrock-agentcore.amazonaws.com" } }),
  },
  {
    sid: "IAMReadAccess",
    purpose: "Inspect this platform's roles when validating configuration",
    actions: ["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"],
    resources: (c) => [c.aws.arn("iam", `role/${c.stem}-*`, { region: false })],
  },
  {
    sid: "PolicyScopeManagement",
    purpose: "Permission-only gates for gateway-specific and wildcard Cedar policies",
    actions: ["bedrock-agentcore:ManageResourceScopedPolicy", "bedrock-agentcore:ManageAdminPolicy"],
    resources: (c) => [c.aws.arn("bedrock-agentcore", "gateway/*")],
  },
];
