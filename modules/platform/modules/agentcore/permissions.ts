import type { AwsFacts } from "../../../../lib/aws-context";
import type { PolicyStatement } from "../../../../lib/iam/policy-document";
import type { StatementSpec } from "../../../../lib/iam/statement-table";

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
  /**
   * The runtimes agent_runtime targets call with the gateway's role (SigV4), and their endpoints: arrays or
   * Terraform lists.
   */
  readonly targetRuntimeArns: string[];
  readonly targetRuntimeEndpointArns: string[];
  /** Whether there are any: a boolean or a Terraform condition. */
  readonly targetRuntimes: unknown;
}

/** ARN pattern of the gateway: its id is `<name>-<10 characters>`, unknown before it exists. */
export const gatewayArnPattern = (c: GatewayRoleContext) =>
  c.aws.arn("bedrock-agentcore", `gateway/${c.gatewayName}-*`);
/** ARN pattern of the policy engine: its id is `<name>-<10 characters>`. */
export const policyEngineArnPattern = (c: GatewayRoleContext) =>
  c.aws.arn("bedrock-agentcore", `policy-engine/${c.policyEngineName}-*`);

/** The actions whose absence causes seed 000's InternalServerException and deny-all. */
export const POLICY_ENGINE_ACTIONS = [
  "bedrock-agentcore:AuthorizeAction",
  "bedrock-agentcore:PartiallyAuthorizeActions",
] as const;

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
    actions: [
      "bedrock-agentcore:GetGateway",
      "bedrock-agentcore:GetGatewayTarget",
      "bedrock-agentcore:ListGatewayTargets",
    ],
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
    sid: "InvokeTargetRuntimes",
    purpose:
      "Call the AgentCore runtimes that are gateway targets (agent_runtime, signed with this role), " +
      "at their endpoint, and no other runtime outside this platform",
    actions: ["bedrock-agentcore:InvokeAgentRuntime"],
    resources: (c) => [...c.targetRuntimeArns, ...c.targetRuntimeEndpointArns],
    presentWhen: "an agent_runtime target uses gateway_iam_role auth",
    present: (c) => c.targetRuntimes,
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

/** What the gateway's credential statements for its targets are scoped to. */
export interface TargetCredentialsContext {
  readonly aws: AwsFacts;
  /** ARNs of the targets' API key and OAuth2 credential providers (built from their names). */
  readonly apiKeyProviderArns: string[];
  readonly oauth2ProviderArns: string[];
  /** The token-vault secrets of those providers (and of the Cognito client, for cognito targets). */
  readonly secretArns: string[];
  readonly gatewayWorkloadIdentityArn: string;
  /** Whether a target uses api_key / oauth auth: booleans or Terraform conditions. */
  readonly apiKeys: unknown;
  readonly oauth2: unknown;
}

/** A credential provider's ARN, from its name (known at plan time, unlike the resource's attribute). */
export const credentialProviderArn = (
  aws: AwsFacts,
  kind: "apikeycredentialprovider" | "oauth2credentialprovider",
  name: string,
) => aws.arn("bedrock-agentcore", `token-vault/default/${kind}/${name}`);

const workloadIdentity = (c: TargetCredentialsContext) => [
  c.aws.arn("bedrock-agentcore", "workload-identity-directory/default"),
  c.gatewayWorkloadIdentityArn,
];
const tokenVault = (c: TargetCredentialsContext) => c.aws.arn("bedrock-agentcore", "token-vault/default");

/**
 * The gateway's own inline policy `gateway-target-credentials`, present when a target uses
 * api_key, oauth or cognito auth: the gateway fetches the target's credential from the token vault
 * under its own workload identity. Scoped to exactly the credential providers its targets use. The
 * service authorization reference requires GetResourceApiKey and GetResourceOauth2Token on the
 * token vault, the workload identity directory and the caller's workload identity besides the
 * provider; the OpenAPI target guide adds secretsmanager:GetSecretValue on the provider's secret.
 */
export const TARGET_CREDENTIAL_STATEMENTS: readonly StatementSpec<TargetCredentialsContext>[] = [
  {
    sid: "TargetWorkloadAccessToken",
    purpose: "Obtain the gateway's own workload access token, which every token-vault read requires",
    actions: ["bedrock-agentcore:GetWorkloadAccessToken"],
    resources: (c) => workloadIdentity(c),
    presentWhen: "a target uses api_key, oauth or cognito auth",
  },
  {
    sid: "TargetApiKeys",
    purpose: "Read the API keys of the targets' own credential providers, and no other",
    actions: ["bedrock-agentcore:GetResourceApiKey"],
    resources: (c) => [tokenVault(c), ...c.apiKeyProviderArns, ...workloadIdentity(c)],
    presentWhen: "a target uses api_key auth",
    present: (c) => c.apiKeys,
  },
  {
    sid: "TargetOAuth2Tokens",
    purpose: "Obtain OAuth2 tokens of the targets' own credential providers, and no other",
    actions: ["bedrock-agentcore:GetResourceOauth2Token"],
    resources: (c) => [tokenVault(c), ...c.oauth2ProviderArns, ...workloadIdentity(c)],
    presentWhen: "a target uses oauth auth",
    present: (c) => c.oauth2,
  },
  {
    sid: "TargetCredentialSecrets",
    purpose: "Read the token-vault secrets of exactly those credential providers",
    actions: ["secretsmanager:GetSecretValue"],
    resources: (c) => c.secretArns,
    presentWhen: "a target uses api_key, oauth or cognito auth",
  },
];

/** Sid prefix of a Smithy target's statements: `SmithyServiceAccess1`, ... one per `smithy.permissions` entry. */
export const SMITHY_STATEMENT_SID = "SmithyServiceAccess";

/**
 * A Smithy target's own inline policy `gateway-smithy-<Target>`: the gateway signs every call to the
 * AWS service with its role (Smithy model targets, AWS developer guide: the execution role needs
 * the service's permissions), so the role may do exactly what the target's `smithy.permissions`
 * list. The construct renders the same statements with Terraform (jsonencode over the input).
 */
export function smithyStatements(
  permissions: readonly { readonly actions: readonly string[]; readonly resources: readonly string[] }[],
): PolicyStatement[] {
  return permissions.map((p, i) => ({
    Sid: `${SMITHY_STATEMENT_SID}${i + 1}`,
    Effect: "Allow" as const,
    Action: [...p.actions],
    Resource: [...p.resources],
  }));
}

/** What the resource management role is scoped to. */
export interface ManagementRoleContext {
  readonly aws: AwsFacts;
  readonly stem: string;
  readonly gatewayRoleArn: string;
  /** ARN patterns of this platform's gateway and policy engine. */
  readonly gatewayArn: string;
  readonly policyEngineArn: string;
}

const SEED_000_SCOPE =
  "Seed 000 grants its actions on gateway/*, policy-engine/*, policy-engine/*/policy/* and " +
  "policy-engine/*/policy-generation/*. The service authorizes the create and list actions on no " +
  'resource ("*" only) and the policy and policy-generation actions on the policy engine (and the ' +
  "policy or generation), so those grants would never apply; the statements follow the service " +
  "authorization reference, and everything that can be scoped is scoped to this platform's gateway " +
  "and engine.";

/** Seed 000's resource management role, scoped to this region, account and platform. */
export const MANAGEMENT_ROLE_STATEMENTS: readonly StatementSpec<ManagementRoleContext>[] = [
  {
    sid: "GatewayManagement",
    purpose: "Change this platform's gateway and its targets",
    actions: [
      "bedrock-agentcore:UpdateGateway",
      "bedrock-agentcore:GetGateway",
      "bedrock-agentcore:DeleteGateway",
      "bedrock-agentcore:CreateGatewayTarget",
      "bedrock-agentcore:UpdateGatewayTarget",
      "bedrock-agentcore:GetGatewayTarget",
      "bedrock-agentcore:DeleteGatewayTarget",
      "bedrock-agentcore:ListGatewayTargets",
    ],
    resources: (c) => [c.gatewayArn],
    departure: SEED_000_SCOPE,
  },
  {
    sid: "GatewayCreation",
    purpose: "Create and list gateways (the actions support no resource scope)",
    actions: ["bedrock-agentcore:CreateGateway", "bedrock-agentcore:ListGateways"],
    resources: () => ["*"],
    departure: SEED_000_SCOPE,
  },
  {
    sid: "PolicyEngineManagement",
    purpose: "Change this platform's policy engine",
    actions: [
      "bedrock-agentcore:UpdatePolicyEngine",
      "bedrock-agentcore:GetPolicyEngine",
      "bedrock-agentcore:DeletePolicyEngine",
    ],
    resources: (c) => [c.policyEngineArn],
    departure: SEED_000_SCOPE,
  },
  {
    sid: "PolicyEngineCreation",
    purpose: "Create and list policy engines (the actions support no resource scope)",
    actions: ["bedrock-agentcore:CreatePolicyEngine", "bedrock-agentcore:ListPolicyEngines"],
    resources: () => ["*"],
    departure: SEED_000_SCOPE,
  },
  {
    sid: "PolicyManagement",
    purpose: "Create and change the Cedar policies of this platform's engine",
    actions: [
      "bedrock-agentcore:CreatePolicy",
      "bedrock-agentcore:UpdatePolicy",
      "bedrock-agentcore:GetPolicy",
      "bedrock-agentcore:DeletePolicy",
      "bedrock-agentcore:ListPolicies",
    ],
    resources: (c) => [c.policyEngineArn, `${c.policyEngineArn}/policy/*`],
    departure: SEED_000_SCOPE,
  },
  {
    sid: "PolicyGeneration",
    purpose: "Generate Cedar policies from natural language for this platform's engine",
    actions: [
      "bedrock-agentcore:StartPolicyGeneration",
      "bedrock-agentcore:GetPolicyGeneration",
      "bedrock-agentcore:ListPolicyGenerations",
      "bedrock-agentcore:ListPolicyGenerationAssets",
    ],
    resources: (c) => [c.policyEngineArn, `${c.policyEngineArn}/policy-generation/*`],
    departure: SEED_000_SCOPE,
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
    purpose: "Permission-only gate for Cedar policies scoped to this platform's gateway",
    actions: ["bedrock-agentcore:ManageResourceScopedPolicy"],
    resources: (c) => [c.gatewayArn],
  },
  {
    sid: "AdminPolicyManagement",
    purpose: "Permission-only gate for Cedar policies over every gateway (the action supports no resource scope)",
    actions: ["bedrock-agentcore:ManageAdminPolicy"],
    resources: () => ["*"],
    departure:
      "Seed 000 grants ManageAdminPolicy on gateway/* with ManageResourceScopedPolicy; the service " +
      "authorizes it on no resource.",
  },
];
