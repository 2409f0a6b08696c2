import { Construct } from "constructs";
import { Fn, Op, TerraformIterator, TerraformLocal, Token } from "cdktf";
import { BedrockagentcoreGateway } from "@cdktf/provider-aws/lib/bedrockagentcore-gateway";
import { BedrockagentcoreGatewayTarget } from "@cdktf/provider-aws/lib/bedrockagentcore-gateway-target";
import { BedrockagentcoreOauth2CredentialProvider } from "@cdktf/provider-aws/lib/bedrockagentcore-oauth2-credential-provider";
import { CognitoResourceServer } from "@cdktf/provider-aws/lib/cognito-resource-server";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { AwsContext } from "../../../../lib/aws-context";
import { GATEWAY_ARN_PLACEHOLDER } from "../../../../lib/cedar/policies";
import { BedrockagentcorePolicy, BedrockagentcorePolicyEngine, attachPolicyEngine } from "../../../../lib/provider-ext/policy-engine";
import type { GatewayTargetSpec } from "../../../../lib/config/gateway-targets";
import { attrByKey, hcl } from "../../../../lib/hcl";
import { ModuleDefinition } from "../../../../lib/hosts/module-definition";
import { guardedPolicy } from "../../../../lib/iam/guarded-policy";
import { policyDocument } from "../../../../lib/iam/policy-document";
import { guardedStatements, renderStatements } from "../../../../lib/iam/statement-table";
import { AGENTCORE_SERVICE_PRINCIPAL, agentCoreTrustPolicy } from "../../../../lib/iam/trust";
import { InputValues, StructuredType, emitTo, mapOfSchema } from "../../../../lib/module-io";
import { NAMING_INPUTS } from "../../../../lib/common-inputs";
import { runtimeNamePrefix } from "../../../../lib/naming";
import { GATEWAY_NAMES, gatewayTargetsValidation, policiesValidation } from "./names";
import { countIf, optionalAttr } from "../../../../lib/tf-count";
import { isNonEmpty, orDefault } from "../../../../lib/tf-expr";
import { GATEWAY_ROLE_STATEMENTS, GatewayRoleContext, MANAGEMENT_ROLE_STATEMENTS, OAUTH2_TOKEN_STATEMENTS, gatewayArnPattern, policyEngineArnPattern } from "./permissions";

/** The `gateway_targets` input: Lambda targets by name, typed from the target blueprint schema. */
export const GATEWAY_TARGETS_TYPE = mapOfSchema<GatewayTargetSpec>(() => (require("../../../../lib/config/gateway-targets") as typeof import("../../../../lib/config/gateway-targets")).gatewayTargetSpecSchema);
/** The `policies` input: Cedar policy text by policy name. */
export const POLICIES_TYPE: StructuredType<Record<string, string>> = { hcl: "map(string)", summary: "map(string)" };

export const AGENTCORE_INPUTS = {
  ...NAMING_INPUTS,
  gateway_targets: {
    type: GATEWAY_TARGETS_TYPE,
    default: {},
    description:
      "Lambda targets of the gateway, by target name (PascalCase; it names the Cedar action group `<Target>___<tool>`): each value holds what a target file `blueprints/gateway/targets/<Name>.yaml` holds. The function is `<name_prefix>-<environment>-<lambda.function>`; the gateway may invoke it and nothing else of the account's functions outside that prefix.",
    validation: gatewayTargetsValidation(),
  },
  policies: {
    type: POLICIES_TYPE,
    default: {},
    description: `Cedar policies of the gateway's policy engine, by policy name (letters, digits, underscores; at most 48 characters). Write the gateway as \`resource == AgentCore::Gateway::"${GATEWAY_ARN_PLACEHOLDER}"\`: the module puts in the real ARN. Non-empty: a policy engine is created and attached.`,
    validation: policiesValidation(),
  },
  enable_policy_engine: {
    type: "bool",
    default: false,
    description: "Create and attach the Cedar policy engine even without policies (with no policy, ENFORCE denies every tool call).",
  },
  kms_key_arn: { type: "string", description: "ARN of the customer-managed KMS key the gateway is encrypted with (the platform's `platform_artifacts` key)." },
  authorizer_type: {
    type: "string",
    default: "CUSTOM_JWT",
    description: "Inbound authorization of the gateway: `CUSTOM_JWT` (OAuth tokens; Cognito's or another issuer's) or `AWS_IAM` (SigV4).",
    validation: [{ condition: 'contains(["CUSTOM_JWT", "AWS_IAM"], var.authorizer_type)', errorMessage: "authorizer_type must be CUSTOM_JWT or AWS_IAM." }],
  },
  enable_cognito: {
    type: "bool",
    default: true,
    description: "Create a Cognito user pool with a machine-to-machine client as the gateway's JWT issuer, and the OAuth2 credential provider the gateway uses to call runtimes. Requires authorizer_type = CUSTOM_JWT.",
  },
  cognito_scopes: {
    type: "list(string)",
    default: ["invoke"],
    description: "OAuth scopes of the gateway's Cognito resource server; the machine-to-machine client is granted all of them.",
  },
  cognito_domain_prefix: {
    type: "string",
    default: "",
    description: "Prefix of the Cognito hosted domain (globally unique per region). Empty: `<name_prefix>-<environment>-<account_id>`.",
  },
  jwt_discovery_url: {
    type: "string",
    default: "",
    description: "OpenID discovery URL of the token issuer when authorizer_type = CUSTOM_JWT and enable_cognito = false.",
    validation: [{ condition: 'var.jwt_discovery_url == "" || can(regex("^https://.+/\\\\.well-known/openid-configuration$", var.jwt_discovery_url))', errorMessage: "jwt_discovery_url must be empty or an https URL ending in /.well-known/openid-configuration." }],
  },
  jwt_allowed_audiences: { type: "list(string)", default: [], description: "Audiences (`aud`) the gateway accepts from that issuer." },
  jwt_allowed_clients: { type: "list(string)", default: [], description: "Client ids (`client_id`) the gateway accepts from that issuer." },
  policy_engine_mode: {
    type: "string",
    default: "LOG_ONLY",
    description: "Mode of the Cedar policy engine attached to the gateway (when the module has policies): `LOG_ONLY` logs decisions and blocks nothing, `ENFORCE` denies what the policies do not permit. Start with LOG_ONLY (seed 000).",
    validation: [{ condition: 'contains(["LOG_ONLY", "ENFORCE"], var.policy_engine_mode)', errorMessage: "policy_engine_mode must be LOG_ONLY or ENFORCE." }],
  },
  policy_validation_mode: {
    type: "string",
    default: "FAIL_ON_ANY_FINDINGS",
    description: "How AgentCore treats validation findings when it creates a policy: `FAIL_ON_ANY_FINDINGS` or `IGNORE_ALL_FINDINGS`.",
    validation: [{ condition: 'contains(["FAIL_ON_ANY_FINDINGS", "IGNORE_ALL_FINDINGS"], var.policy_validation_mode)', errorMessage: "policy_validation_mode must be FAIL_ON_ANY_FINDINGS or IGNORE_ALL_FINDINGS." }],
  },
  enable_management_role: { type: "bool", default: false, description: "Create seed 000's resource management role for administrators of the gateway and its policies." },
  management_trusted_principal_arns: {
    type: "list(string)",
    default: [],
    description: "IAM principals (roles or users of this account) allowed to assume the management role.",
  },
} as const;

export type AgentCoreInputs = InputValues<typeof AGENTCORE_INPUTS>;

export interface AgentCoreHost {
  /** Known at synth time when the host knows it (deploy stacks); read from the provider otherwise. */
  readonly region?: string;
}

/**
 * The AgentCore gateway of a platform (seed 001, 002, 000): its execution role, the gateway
 * (MCP) with JWT or IAM inbound authorization, its Lambda targets, optionally a Cognito
 * machine-to-machine issuer with the OAuth2 credential provider, and optionally the resource
 * management role.
 */
export class AgentCore extends Construct {
  readonly aws: AwsContext;
  readonly stem: string;
  readonly gatewayName: string;
  readonly role: IamRole;
  readonly gateway: BedrockagentcoreGateway;
  readonly targets: BedrockagentcoreGatewayTarget;
  readonly targetPermissions: LambdaPermission;
  readonly userPool: CognitoUserPool;
  readonly userPoolClient: CognitoUserPoolClient;
  readonly credentialProvider: BedrockagentcoreOauth2CredentialProvider;
  readonly managementRole: IamRole;
  readonly gatewayRoleContext: GatewayRoleContext;
  readonly policyEngine: BedrockagentcorePolicyEngine;
  readonly policies: BedrockagentcorePolicy;
  /** Whether the policy engine exists: the one condition its resource and its permissions share. */
  readonly policyEngineEnabled: string;
  readonly targetIds: Record<string, string>;
  readonly policyIds: Record<string, string>;

  constructor(scope: Construct, id: string, inputs: AgentCoreInputs, host: AgentCoreHost) {
    super(scope, id);
    this.aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: host.region });
    this.stem = `${inputs.name_prefix}-${inputs.environment}`;
    this.gatewayName = `${this.stem}-gateway`;
    const cognitoOn = inputs.enable_cognito;
    // The engine exists when there are policies or when asked for; its permissions on the gateway
    // role are guarded by the same local, so one cannot exist without the other.
    this.policyEngineEnabled = new TerraformLocal(this, "policy_engine_enabled", hcl`length(${inputs.policies}) > 0 || ${inputs.enable_policy_engine}`).asString;

    // --- gateway.tf.json: execution role and gateway -----------------------------------------
    const gw = emitTo(new Construct(this, "gateway"), "gateway");
    this.role = new IamRole(gw, "role", {
      // At most 16 + 1 + 10 + 18 = 45 characters by the name_prefix and environment rules.
      name: `${this.stem}-agentcore-gateway`,
      description: `Execution role of the AgentCore gateway ${this.gatewayName}`,
      assumeRolePolicy: agentCoreTrustPolicy(this.aws),
    });
    this.gatewayRoleContext = {
      aws: this.aws,
      stem: this.stem,
      runtimePrefix: runtimeNamePrefix(inputs.name_prefix, inputs.environment),
      gatewayName: this.gatewayName,
      policyEngineName: GATEWAY_NAMES.policyEngine.name({ namePrefix: inputs.name_prefix, environment: inputs.environment }),
      policyEngine: this.policyEngineEnabled,
      kmsKeyArn: inputs.kms_key_arn,
    };
    const permissions = new IamRolePolicy(gw, "permissions", {
      name: "gateway-execution",
      role: this.role.id,
      policy: guardedPolicy(guardedStatements(GATEWAY_ROLE_STATEMENTS, this.gatewayRoleContext)),
    });

    const customJwt = Op.eq(inputs.authorizer_type, '"CUSTOM_JWT"');

    // --- cognito.tf.json: the machine-to-machine issuer ----------------------------------------
    const cog = emitTo(new Construct(this, "cognito"), "cognito");
    this.userPool = new CognitoUserPool(cog, "user_pool", {
      count: countIf(cognitoOn),
      name: `${this.stem}-agentcore`,
      deletionProtection: "ACTIVE",
      adminCreateUserConfig: { allowAdminCreateUserOnly: true },
      mfaConfiguration: "OFF",
    });
    const poolId = optionalAttr(this.userPool, "id");
    const scopes = TerraformIterator.fromList(inputs.cognito_scopes);
    const resourceServer = new CognitoResourceServer(cog, "resource_server", {
      count: countIf(cognitoOn),
      userPoolId: poolId,
      identifier: this.gatewayName,
      name: `${this.gatewayName} tools`,
      scope: scopes.dynamic({
        scope_name: scopes.value,
        scope_description: `Call the tools of ${this.gatewayName}`,
      }),
    });
    this.userPoolClient = new CognitoUserPoolClient(cog, "m2m_client", {
      count: countIf(cognitoOn),
      name: `${this.stem}-agentcore-m2m`,
      userPoolId: poolId,
      generateSecret: true,
      allowedOauthFlows: ["client_credentials"],
      allowedOauthFlowsUserPoolClient: true,
      allowedOauthScopes: Token.asList(Fn.formatlist(`${this.gatewayName}/%s`, [inputs.cognito_scopes])),
      supportedIdentityProviders: ["COGNITO"],
      dependsOn: [resourceServer],
    });
    new CognitoUserPoolDomain(cog, "domain", {
      count: countIf(cognitoOn),
      userPoolId: poolId,
      domain: orDefault(inputs.cognito_domain_prefix, `${this.stem}-${this.aws.accountId}`),
    });
    const cognitoDiscoveryUrl = `https://cognito-idp.${this.aws.region}.amazonaws.com/${poolId}/.well-known/openid-configuration`;

    this.gateway = new BedrockagentcoreGateway(gw, "gateway", {
      name: this.gatewayName,
      description: `MCP gateway of ${this.stem}`,
      roleArn: this.role.arn,
      protocolType: "MCP",
      authorizerType: inputs.authorizer_type,
      kmsKeyArn: inputs.kms_key_arn,
      authorizerConfiguration: TerraformIterator.fromList(Token.asList(Fn.conditional(customJwt, ["jwt"], []))).dynamic({
        custom_jwt_authorizer: [
          {
            discovery_url: Fn.conditional(cognitoOn, cognitoDiscoveryUrl, inputs.jwt_discovery_url),
            // Cognito client-credentials tokens carry no `aud`; the client id is what is checked.
            allowed_audience: Fn.conditional(cognitoOn, Token.nullValue(), inputs.jwt_allowed_audiences),
            allowed_clients: Fn.conditional(cognitoOn, Fn.compact([optionalAttr(this.userPoolClient, "id")]), inputs.jwt_allowed_clients),
          },
        ],
      }),
      // The role must hold its permissions before the gateway (and any policy engine) uses it.
      dependsOn: [permissions],
      lifecycle: {
        precondition: [
          {
            condition: Fn.conditional(Op.and(Op.not(cognitoOn), customJwt), isNonEmpty(inputs.jwt_discovery_url), true),
            errorMessage: "authorizer_type = CUSTOM_JWT with enable_cognito = false needs jwt_discovery_url.",
          },
          {
            condition: Op.or(Op.not(cognitoOn), customJwt),
            errorMessage: "enable_cognito = true needs authorizer_type = CUSTOM_JWT: Cognito is the gateway's JWT issuer.",
          },
        ],
      },
    });

    // --- credentials.tf.json: the gateway's OAuth2 client for runtimes -------------------------
    const cred = emitTo(new Construct(this, "credentials"), "credentials");
    this.credentialProvider = new BedrockagentcoreOauth2CredentialProvider(cred, "m2m", {
      count: countIf(cognitoOn),
      name: `${this.stem}-gateway-m2m`,
      credentialProviderVendor: "CustomOauth2",
      oauth2ProviderConfig: [
        {
          customOauth2ProviderConfig: [
            {
              oauthDiscovery: [{ discoveryUrl: cognitoDiscoveryUrl }],
              clientId: optionalAttr(this.userPoolClient, "id"),
              // Write-only: the secret is sent to AgentCore and never stored in this resource's state.
              clientSecretWo: optionalAttr(this.userPoolClient, "client_secret"),
              // Cognito issues a new secret only with a new app client: the version follows the
              // client's id, so replacing the client re-sends its secret.
              clientCredentialsWoVersion: Token.asNumber(hcl`parseint(substr(sha256(${optionalAttr(this.userPoolClient, "id")}), 0, 8), 16)`),
            },
          ],
        },
      ],
    });
    new IamRolePolicy(gw, "oauth2_token", {
      count: countIf(cognitoOn),
      name: "gateway-oauth2-token",
      role: this.role.id,
      policy: policyDocument(
        renderStatements(OAUTH2_TOKEN_STATEMENTS, {
          aws: this.aws,
          credentialProviderArn: optionalAttr(this.credentialProvider, "credential_provider_arn"),
          gatewayWorkloadIdentityArn: this.gateway.workloadIdentityDetails.get(0).workloadIdentityArn,
        }),
      ),
    });

    // --- targets.tf.json: Lambda targets and the permission to call them (seed 001) ------------
    const tgt = emitTo(new Construct(this, "targets"), "targets");
    const targets = TerraformIterator.fromMap(new TerraformLocal(this, "gateway_targets", inputs.gateway_targets).expression);
    const functionName = GATEWAY_NAMES.lambdaFunction.name({ namePrefix: inputs.name_prefix, environment: inputs.environment, function: hcl`${targets.value}.lambda.function`.asString });
    this.targets = new BedrockagentcoreGatewayTarget(tgt, "target", {
      forEach: targets,
      gatewayIdentifier: this.gateway.gatewayId,
      name: targets.key,
      description: targets.getString("description"),
      credentialProviderConfiguration: [{ gatewayIamRole: [{}] }],
      targetConfiguration: [{ mcp: [{ lambda: [{ lambdaArn: this.aws.arn("lambda", `function:${functionName}`), toolSchema: [{}] }] }] }],
    });
    // Tools and their arguments come from the input: dynamic blocks, one per tool and argument.
    this.targets.addOverride("target_configuration.0.mcp.0.lambda.0.tool_schema.0.dynamic", { inline_payload: toolBlocks(hcl`${targets.value}.tools`) });
    this.targetPermissions = new LambdaPermission(tgt, "invoke", {
      forEach: targets,
      statementId: `AllowAgentCoreGateway-${this.gatewayName}`,
      action: "lambda:InvokeFunction",
      functionName,
      principal: AGENTCORE_SERVICE_PRINCIPAL,
      sourceArn: this.gateway.gatewayArn,
      sourceAccount: this.aws.accountId,
    });

    // --- policy_engine.tf.json: Cedar policies (seed 000, 003) --------------------------------
    const pe = emitTo(new Construct(this, "policy_engine"), "policy_engine");
    this.policyEngine = new BedrockagentcorePolicyEngine(pe, "engine", {
      count: countIf(Token.asAny(this.policyEngineEnabled)),
      name: this.gatewayRoleContext.policyEngineName,
      description: `Cedar policies of ${this.gatewayName}`,
      encryptionKeyArn: inputs.kms_key_arn,
      // The role must hold AuthorizeAction, PartiallyAuthorizeActions and GetPolicyEngine
      // before the engine is attached (seed 000: otherwise InternalServerException and deny-all).
      dependsOn: [permissions],
    });
    attachPolicyEngine(this.gateway, { arns: hcl`${this.policyEngine.fqn}[*].policy_engine_arn`, mode: inputs.policy_engine_mode });
    const policies = TerraformIterator.fromMap(new TerraformLocal(this, "policies", inputs.policies).expression);
    this.policies = new BedrockagentcorePolicy(pe, "policy", {
      forEach: policies,
      name: policies.key,
      policyEngineId: optionalAttr(this.policyEngine, "policy_engine_id"),
      description: `Cedar policy ${policies.key} of ${this.gatewayName}`,
      statement: Fn.replace(policies.value, GATEWAY_ARN_PLACEHOLDER, this.gateway.gatewayArn),
      validationMode: inputs.policy_validation_mode,
      // A policy naming a target's tools can only validate once the target exists.
      dependsOn: [this.targets],
    });
    this.targetIds = new TerraformLocal(this, "target_ids", attrByKey(this.targets, "target_id")).asStringMap;
    this.policyIds = new TerraformLocal(this, "policy_ids", attrByKey(this.policies, "policy_id")).asStringMap;

    // --- management.tf.json: seed 000's resource management role, off by default ---------------
    const mgmt = emitTo(new Construct(this, "management"), "management");
    this.managementRole = new IamRole(mgmt, "role", {
      count: countIf(inputs.enable_management_role),
      name: `${this.stem}-agentcore-admin`,
      description: `Administers the AgentCore gateway and policies of ${this.stem}`,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Sid: "TrustedAdministrators", Effect: "Allow", Principal: { AWS: inputs.management_trusted_principal_arns }, Action: "sts:AssumeRole" }],
      }),
      lifecycle: {
        precondition: [
          {
            // Not `> 0`: cdktf 0.21 drops a falsy right operand (see lib/tf-expr.ts).
            condition: Op.gte(Fn.lengthOf(inputs.management_trusted_principal_arns), 1),
            errorMessage: "enable_management_role = true needs at least one entry in management_trusted_principal_arns.",
          },
        ],
      },
    });
    new IamRolePolicy(mgmt, "permissions", {
      count: countIf(inputs.enable_management_role),
      name: "agentcore-resource-management",
      role: optionalAttr(this.managementRole, "id"),
      policy: policyDocument(
        renderStatements(MANAGEMENT_ROLE_STATEMENTS, {
          aws: this.aws,
          stem: this.stem,
          gatewayRoleArn: this.role.arn,
          gatewayArn: gatewayArnPattern(this.gatewayRoleContext),
          policyEngineArn: policyEngineArnPattern(this.gatewayRoleContext),
        }),
      ),
    });
  }
}

/**
 * The `inline_payload` dynamic blocks of a target's tool schema, one per tool, each with a
 * `property` block per argument (nested `items` and `property` blocks one level deeper).
 */
function toolBlocks(tools: unknown) {
  return {
    for_each: hcl`${tools}`.asString,
    iterator: "tool",
    content: {
      name: "${tool.value.name}",
      description: "${tool.value.description}",
      input_schema: [
        {
          type: "${tool.value.input_schema.type}",
          dynamic: {
            property: {
              for_each: "${tool.value.input_schema.properties}",
              iterator: "arg",
              content: {
                name: "${arg.key}",
                type: "${arg.value.type}",
                description: "${arg.value.description}",
                required: "${contains(tool.value.input_schema.required, arg.key)}",
                dynamic: {
                  items: { for_each: "${arg.value.items == null ? [] : [arg.value.items]}", iterator: "item", content: { type: "${item.value.type}", description: "${item.value.description}" } },
                  property: {
                    for_each: "${arg.value.properties == null ? {} : arg.value.properties}",
                    iterator: "field",
                    content: { name: "${field.key}", type: "${field.value.type}", description: "${field.value.description}", required: "${contains(coalesce(arg.value.required, []), field.key)}" },
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}

export const AGENTCORE_MODULE: ModuleDefinition<typeof AGENTCORE_INPUTS, AgentCore, AgentCoreHost> = {
  path: "platform/modules/agentcore",
  description:
    "The AgentCore gateway of the platform: its least-privilege execution role, the MCP gateway with JWT (Cognito or another issuer) or IAM inbound authorization, Lambda targets with their tool schemas and invoke permissions, an optional Cognito machine-to-machine issuer with the OAuth2 credential provider, and an optional resource management role.",
  inputs: AGENTCORE_INPUTS,
  notes:
    "Called by the platform module. With `enable_cognito = true` the Cognito client secret is stored in Terraform state (as an attribute of the app client); the OAuth2 credential provider receives it write-only.",
  constructId: "agentcore",
  create: (scope, id, inputs, host) => new AgentCore(scope, id, inputs, host),
  outputs: {
    gateway_id: { description: "Id of the AgentCore gateway.", value: (c) => c.gateway.gatewayId },
    gateway_arn: { description: "ARN of the AgentCore gateway.", value: (c) => c.gateway.gatewayArn },
    gateway_url: { description: "MCP endpoint URL of the AgentCore gateway.", value: (c) => c.gateway.gatewayUrl },
    gateway_role_arn: { description: "ARN of the gateway execution role; agents may pass it (EvaluationAndGatewayRoleAccess).", value: (c) => c.role.arn },
    gateway_role_name: { description: "Name of the gateway execution role.", value: (c) => c.role.name },
    gateway_target_ids: { description: "Ids of the gateway targets, by target name.", value: (c) => c.targetIds },
    cognito_user_pool_id: { description: "Id of the Cognito user pool issuing gateway tokens; null when enable_cognito = false.", value: (c) => optionalAttr(c.userPool, "id") },
    cognito_client_id: { description: "Id of the machine-to-machine app client; null when enable_cognito = false.", value: (c) => optionalAttr(c.userPoolClient, "id") },
    oauth2_credential_provider_arn: {
      description: "ARN of the OAuth2 credential provider the gateway uses to call runtimes; null when enable_cognito = false.",
      value: (c) => optionalAttr(c.credentialProvider, "credential_provider_arn"),
    },
    policy_engine_arn: { description: "ARN of the Cedar policy engine attached to the gateway; null without policies (unless enable_policy_engine = true).", value: (c) => optionalAttr(c.policyEngine, "policy_engine_arn") },
    policy_engine_id: { description: "Id of the Cedar policy engine; null without policies (unless enable_policy_engine = true).", value: (c) => optionalAttr(c.policyEngine, "policy_engine_id") },
    policy_ids: { description: "Ids of the Cedar policies, by policy name.", value: (c) => c.policyIds },
    management_role_arn: { description: "ARN of the resource management role; null unless enable_management_role = true.", value: (c) => optionalAttr(c.managementRole, "arn") },
  },
};
