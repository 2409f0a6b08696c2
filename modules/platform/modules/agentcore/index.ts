import { Construct } from "constructs";
import { Fn, type MapTerraformIterator, Op, TerraformIterator, TerraformLocal, Token } from "cdktf";
import { BedrockagentcoreGateway } from "@cdktf/provider-aws/lib/bedrockagentcore-gateway";
import { BedrockagentcoreGatewayTarget } from "@cdktf/provider-aws/lib/bedrockagentcore-gateway-target";
import * as apiKeyProvider from "@cdktf/provider-aws/lib/bedrockagentcore-api-key-credential-provider";
import * as oauth2Provider from "@cdktf/provider-aws/lib/bedrockagentcore-oauth2-credential-provider";
import { CognitoResourceServer } from "@cdktf/provider-aws/lib/cognito-resource-server";
import { CognitoUserPool } from "@cdktf/provider-aws/lib/cognito-user-pool";
import { CognitoUserPoolClient } from "@cdktf/provider-aws/lib/cognito-user-pool-client";
import { CognitoUserPoolDomain } from "@cdktf/provider-aws/lib/cognito-user-pool-domain";
import { DataAwsSsmParameter } from "@cdktf/provider-aws/lib/data-aws-ssm-parameter";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { AwsContext } from "../../../../lib/aws-context";
import { GATEWAY_ARN_PLACEHOLDER, STATEMENT_LENGTH, gatewayArnStandIn } from "../../../../lib/cedar/policies";
import {
  BedrockagentcorePolicy,
  BedrockagentcorePolicyEngine,
  attachPolicyEngine,
} from "../../../../lib/provider-ext/policy-engine";
import { EphemeralResource } from "../../../../lib/provider-ext/ephemeral";
import { RUNTIME_SIGV4_SERVICE, TARGET_SECRET_PARAMETERS } from "../../../../lib/config/target-format";
import type { GatewayTargetSpec } from "../../../../lib/config/gateway-targets";
import { type HclExpression, attrByKey, hcl, instanceAttr, mapList, raw, template } from "../../../../lib/hcl";
import { awsArnValidation } from "../../../../lib/aws-checks";
import type { ModuleDefinition } from "../../../../lib/hosts/module-definition";
import { guardedPolicy } from "../../../../lib/iam/guarded-policy";
import { policyDocument } from "../../../../lib/iam/policy-document";
import { guardedStatements, renderStatements } from "../../../../lib/iam/statement-table";
import { AGENTCORE_SERVICE_PRINCIPAL, agentCoreTrustPolicy } from "../../../../lib/iam/trust";
import { type InputValues, type StructuredType, emitTo, mapOfSchema } from "../../../../lib/module-io";
import { NAMING_INPUTS } from "../../../../lib/common-inputs";
import { COGNITO_DOMAIN_RULE, runtimeNamePrefix } from "../../../../lib/naming";
import {
  GATEWAY_NAME,
  GATEWAY_NAMES,
  cognitoScopesValidation,
  gatewayNameValidation,
  gatewayTargetsValidation,
  policiesValidation,
  targetAuthExpression,
} from "./names";
import { countIf, optionalAttr } from "../../../../lib/tf-count";
import { isNonEmpty, orDefault } from "../../../../lib/tf-expr";
import {
  GATEWAY_ROLE_STATEMENTS,
  type GatewayRoleContext,
  MANAGEMENT_ROLE_STATEMENTS,
  OAUTH2_TOKEN_STATEMENTS,
  SMITHY_STATEMENT_SID,
  TARGET_CREDENTIAL_STATEMENTS,
  type TargetCredentialsContext,
  credentialProviderArn,
  gatewayArnPattern,
  policyEngineArnPattern,
} from "./permissions";

/** A list input's validation: no empty string (an empty audience or client would match a token without one). */
const nonEmptyItemsValidation = (input: string, what: string) => ({
  condition: `alltrue([for v in var.${input} : v != ""])`,
  errorMessage: `${input} holds an empty string; list non-empty ${what} (an empty one would match a token without it).`,
});

/** The `gateway_targets` input: targets by name, typed from the target blueprint schema. */
export const GATEWAY_TARGETS_TYPE = mapOfSchema<GatewayTargetSpec>(
  () =>
    (require("../../../../lib/config/gateway-targets") as typeof import("../../../../lib/config/gateway-targets"))
      .gatewayTargetSpecSchema,
);
/** The `policies` input: Cedar policy text by policy name. */
export const POLICIES_TYPE: StructuredType<Record<string, string>> = { hcl: "map(string)", summary: "map(string)" };

export const AGENTCORE_INPUTS = {
  ...NAMING_INPUTS,
  name_prefix: {
    ...NAMING_INPUTS.name_prefix,
    validation: [...NAMING_INPUTS.name_prefix.validation, gatewayNameValidation()],
  },
  gateway_targets: {
    type: GATEWAY_TARGETS_TYPE,
    default: {},
    description:
      "Targets of the gateway, by target name (PascalCase; it names the Cedar action group `<Target>___<tool>`): " +
      "each value holds what a target file `blueprints/gateway/targets/<Name>.yaml` holds, exactly one kind: " +
      "`lambda` (the function `<name_prefix>-<environment>-<function>`), `openapi` or `smithy` " +
      "(a document inline or in S3), `mcp_server` (an https endpoint) or `agent_runtime` (an existing AgentCore " +
      "runtime serving MCP, by ARN). Outbound `auth`: the gateway role (SigV4), an API key or OAuth2 client " +
      "credentials from SSM SecureString parameters `<ssm_root_path>/gateway/targets/<Target>/api-key` or " +
      "`.../oauth/client-id|client-secret` (create them before the first plan), the gateway's Cognito client, " +
      "or none (openapi and mcp_server only). `tools` are required for Lambda targets; for the other kinds " +
      "AgentCore lists the tools itself, and Cedar policies are validated against them when they are created.",
    validation: gatewayTargetsValidation(),
  },
  policies: {
    type: POLICIES_TYPE,
    default: {},
    description:
      "Cedar policies of the gateway's policy engine, by policy name (letters, digits, underscores; at most " +
      `48 characters). Write the gateway as \`resource == AgentCore::Gateway::"${GATEWAY_ARN_PLACEHOLDER}"\`: ` +
      "the module puts in the real ARN, and no other gateway (no literal ARN) may be named. Policies are static: " +
      "no template slots (`?principal`, `?resource`). With policy_engine_mode = ENFORCE, a permit of every " +
      "caller, every tool and every resource (bare, or with `when { true }` / `unless { false }`) needs " +
      `\`@open_permit("<reason>")\`. Non-empty: a policy engine is created and attached.`,
    validation: policiesValidation(),
  },
  enable_policy_engine: {
    type: "bool",
    default: false,
    description:
      "Create and attach the Cedar policy engine even without policies (with no policy, " +
      "ENFORCE denies every tool call).",
  },
  kms_key_arn: {
    type: "string",
    description:
      "ARN of the customer-managed KMS key the gateway and its policy engine are encrypted with " +
      "(the platform's `platform_artifacts` key): a key ARN, not an alias.",
    validation: [awsArnValidation("kms_key_arn", "CreateGateway.kmsKeyArn", "a KMS key ARN")],
  },
  ssm_root_path: {
    type: "string",
    default: "",
    description:
      "SSM path under which the SecureString parameters of the targets' credentials live " +
      "(`<ssm_root_path>/gateway/targets/<Target>/...`). Empty: `/<name_prefix>/<environment>`.",
    validation: [
      {
        condition: 'var.ssm_root_path == "" || can(regex("^(/[A-Za-z0-9_.-]+)+$", var.ssm_root_path))',
        errorMessage: "ssm_root_path must be empty or an absolute SSM path such as /acme/dev (no trailing slash).",
      },
    ],
  },
  authorizer_type: {
    type: "string",
    default: "CUSTOM_JWT",
    description:
      "Inbound authorization of the gateway: `CUSTOM_JWT` (OAuth tokens; " +
      "Cognito's or another issuer's) or `AWS_IAM` (SigV4).",
    validation: [
      {
        condition: 'contains(["CUSTOM_JWT", "AWS_IAM"], var.authorizer_type)',
        errorMessage: "authorizer_type must be CUSTOM_JWT or AWS_IAM.",
      },
    ],
  },
  enable_cognito: {
    type: "bool",
    default: true,
    description:
      "Create a Cognito user pool with a machine-to-machine client as the gateway's JWT issuer, " +
      "and the OAuth2 credential provider the gateway uses to call runtimes. Requires authorizer_type = CUSTOM_JWT.",
  },
  cognito_scopes: {
    type: "list(string)",
    default: ["invoke"],
    description:
      "OAuth scopes of the gateway's Cognito resource server; the machine-to-machine client is granted all of them.",
    validation: [cognitoScopesValidation()],
  },
  cognito_domain_prefix: {
    type: "string",
    default: "",
    description:
      "Prefix of the Cognito hosted domain (globally unique per region). Empty: " +
      "`<name_prefix>-<environment>-<account_id>`.",
    validation: [
      {
        condition:
          `var.cognito_domain_prefix == "" || (can(regex(${JSON.stringify(COGNITO_DOMAIN_RULE.pattern)}, ` +
          `var.cognito_domain_prefix)) && !can(regex(${JSON.stringify(COGNITO_DOMAIN_RULE.reservedPattern)}, ` +
          "var.cognito_domain_prefix)))",
        errorMessage:
          `cognito_domain_prefix must be empty or ${COGNITO_DOMAIN_RULE.message.replace(/^must be /, "")}, ` +
          `without ${COGNITO_DOMAIN_RULE.reserved.join(", ")} (Cognito refuses them).`,
      },
      {
        condition:
          '!var.enable_cognito || var.cognito_domain_prefix != "" || ' +
          `!can(regex(${JSON.stringify(COGNITO_DOMAIN_RULE.reservedPattern)}, ` +
          '"${var.name_prefix}-${var.environment}"))',
        errorMessage:
          "cognito_domain_prefix is empty, so the Cognito domain prefix is " +
          '"${var.name_prefix}-${var.environment}-<account_id>", which contains a word Cognito refuses in ' +
          `domain prefixes (${COGNITO_DOMAIN_RULE.reserved.join(", ")}): set cognito_domain_prefix, or choose ` +
          "another name_prefix or environment.",
      },
    ],
  },
  jwt_discovery_url: {
    type: "string",
    default: "",
    description:
      "OpenID discovery URL of the token issuer when authorizer_type = CUSTOM_JWT and enable_cognito = false.",
    validation: [
      {
        condition:
          'var.jwt_discovery_url == "" || ' +
          'can(regex("^https://.+/\\\\.well-known/openid-configuration$", var.jwt_discovery_url))',
        errorMessage: "jwt_discovery_url must be empty or an https URL ending in /.well-known/openid-configuration.",
      },
    ],
  },
  jwt_allowed_audiences: {
    type: "list(string)",
    default: [],
    validation: [nonEmptyItemsValidation("jwt_allowed_audiences", "audiences")],
    description: "Audiences (`aud`) the gateway accepts from that issuer.",
  },
  jwt_allowed_clients: {
    type: "list(string)",
    default: [],
    validation: [nonEmptyItemsValidation("jwt_allowed_clients", "client ids")],
    description: "Client ids (`client_id`) the gateway accepts from that issuer.",
  },
  policy_engine_mode: {
    type: "string",
    default: "LOG_ONLY",
    description:
      "Mode of the Cedar policy engine attached to the gateway (when the module has policies): " +
      "`LOG_ONLY` logs decisions and blocks nothing, `ENFORCE` denies what the policies do not permit. " +
      "Start with LOG_ONLY (seed 000).",
    validation: [
      {
        condition: 'contains(["LOG_ONLY", "ENFORCE"], var.policy_engine_mode)',
        errorMessage: "policy_engine_mode must be LOG_ONLY or ENFORCE.",
      },
    ],
  },
  policy_validation_mode: {
    type: "string",
    default: "FAIL_ON_ANY_FINDINGS",
    description:
      "How AgentCore treats validation findings when it creates a policy: " +
      "`FAIL_ON_ANY_FINDINGS` or `IGNORE_ALL_FINDINGS`.",
    validation: [
      {
        condition: 'contains(["FAIL_ON_ANY_FINDINGS", "IGNORE_ALL_FINDINGS"], var.policy_validation_mode)',
        errorMessage: "policy_validation_mode must be FAIL_ON_ANY_FINDINGS or IGNORE_ALL_FINDINGS.",
      },
    ],
  },
  enable_management_role: {
    type: "bool",
    default: false,
    description: "Create seed 000's resource management role for administrators of the gateway and its policies.",
  },
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
  readonly targetApiKeyProviders: apiKeyProvider.BedrockagentcoreApiKeyCredentialProvider;
  readonly targetOauth2Providers: oauth2Provider.BedrockagentcoreOauth2CredentialProvider;
  readonly targetCredentialsPolicy: IamRolePolicy;
  readonly smithyPolicies: IamRolePolicy;
  readonly userPool: CognitoUserPool;
  readonly userPoolClient: CognitoUserPoolClient;
  readonly credentialProvider: oauth2Provider.BedrockagentcoreOauth2CredentialProvider;
  readonly managementRole: IamRole;
  readonly gatewayRoleContext: GatewayRoleContext;
  readonly policyEngine: BedrockagentcorePolicyEngine;
  readonly policies: BedrockagentcorePolicy;
  /** Whether the policy engine exists: the one condition its resource and its permissions share. */
  readonly policyEngineEnabled: string;
  readonly targetIds: Record<string, string>;
  readonly targetCredentialProviderArns: Record<string, string>;
  readonly policyIds: Record<string, string>;

  constructor(scope: Construct, id: string, inputs: AgentCoreInputs, host: AgentCoreHost) {
    super(scope, id);
    this.aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: host.region });
    this.stem = `${inputs.name_prefix}-${inputs.environment}`;
    this.gatewayName = GATEWAY_NAME.name({ namePrefix: inputs.name_prefix, environment: inputs.environment });
    const cognitoOn = inputs.enable_cognito;
    // The engine exists when there are policies or when asked for; its permissions on the gateway
    // role are guarded by the same local, so one cannot exist without the other.
    this.policyEngineEnabled = new TerraformLocal(
      this,
      "policy_engine_enabled",
      hcl`length(${inputs.policies}) > 0 || ${inputs.enable_policy_engine}`,
    ).asString;

    // --- the targets' shape: which kind each is, how the gateway authenticates to it -----------
    const allTargets = new TerraformLocal(this, "gateway_targets", inputs.gateway_targets).expression;
    const targetAuth = new TerraformLocal(
      this,
      "gateway_target_auth",
      hcl`{ for k, t in ${allTargets} : k => ${raw(targetAuthExpression("t"))} }`,
    ).expression;
    const targetsWhere = (id: string, condition: (auth: HclExpression) => HclExpression) =>
      new TerraformLocal(this, id, hcl`{ for k, t in ${allTargets} : k => t if ${condition(hcl`${targetAuth}[k]`)} }`)
        .expression;
    const lambdaTargets = targetsWhere("lambda_targets", () => hcl`t.lambda != null`);
    const smithyTargets = targetsWhere("smithy_targets", () => hcl`t.smithy != null`);
    const apiKeyTargets = targetsWhere("api_key_targets", (a) => hcl`${a} == "api_key"`);
    const oauthTargets = targetsWhere("oauth_targets", (a) => hcl`${a} == "oauth"`);
    const cognitoTargets = targetsWhere("cognito_targets", (a) => hcl`${a} == "cognito"`);
    // Runtimes the gateway signs its calls to with this role (the others present a token).
    const iamRuntimeTargets = targetsWhere(
      "iam_runtime_targets",
      (a) => hcl`t.agent_runtime != null && ${a} == "gateway_iam_role"`,
    );
    // The MCP endpoint of mcp_server targets, and the invocation URL of an agent runtime (AWS
    // developer guide, "Deploy MCP servers in AgentCore Runtime": runtimes/<URL-encoded ARN>/invocations).
    const runtimeArnPart = (i: number) => `split(":", t.agent_runtime.runtime_arn)[${i}]`;
    const runtimeDomain = `${runtimeArnPart(1)} == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com"`;
    const runtimeHost = `bedrock-agentcore.\${${runtimeArnPart(3)}}.\${${runtimeDomain}}`;
    const runtimePath = "/runtimes/${urlencode(t.agent_runtime.runtime_arn)}/invocations";
    const runtimeUrl = raw(`"https://${runtimeHost}${runtimePath}?qualifier=\${t.agent_runtime.qualifier}"`);
    const endpointOf = hcl`t.mcp_server != null ? t.mcp_server.endpoint : ${runtimeUrl}`;
    const targetEndpoints = new TerraformLocal(
      this,
      "gateway_target_endpoints",
      hcl`{ for k, t in ${allTargets} : k => (${endpointOf}) if t.mcp_server != null || t.agent_runtime != null }`,
    ).expression;
    const nonEmpty = (map: unknown) => hcl`length(${map}) > 0`;

    // --- gateway.tf.json: execution role and gateway -----------------------------------------
    const gw = emitTo(new Construct(this, "gateway"), "gateway");
    this.role = new IamRole(gw, "role", {
      // At most 16 + 1 + 10 + 18 = 45 characters by the name_prefix and environment rules.
      name: `${this.stem}-agentcore-gateway`,
      description: `Execution role of the AgentCore gateway ${this.gatewayName}`,
      assumeRolePolicy: agentCoreTrustPolicy(this.aws),
    });
    const runtimeEndpointArn = raw('"${t.agent_runtime.runtime_arn}/runtime-endpoint/${t.agent_runtime.qualifier}"');
    this.gatewayRoleContext = {
      aws: this.aws,
      stem: this.stem,
      runtimePrefix: runtimeNamePrefix(inputs.name_prefix, inputs.environment),
      gatewayName: this.gatewayName,
      policyEngineName: GATEWAY_NAMES.policyEngine.name({
        namePrefix: inputs.name_prefix,
        environment: inputs.environment,
      }),
      policyEngine: this.policyEngineEnabled,
      kmsKeyArn: inputs.kms_key_arn,
      targetRuntimeArns: hcl`[for t in values(${iamRuntimeTargets}) : t.agent_runtime.runtime_arn]`.asList,
      targetRuntimeEndpointArns: hcl`[for t in values(${iamRuntimeTargets}) : ${runtimeEndpointArn}]`.asList,
      targetRuntimes: nonEmpty(iamRuntimeTargets),
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
    const cognitoIssuer = `https://cognito-idp.${this.aws.region}.amazonaws.com/${poolId}`;
    const cognitoDiscoveryUrl = `${cognitoIssuer}/.well-known/openid-configuration`;

    this.gateway = new BedrockagentcoreGateway(gw, "gateway", {
      name: this.gatewayName,
      description: `MCP gateway of ${this.stem}`,
      roleArn: this.role.arn,
      protocolType: "MCP",
      authorizerType: inputs.authorizer_type,
      kmsKeyArn: inputs.kms_key_arn,
      authorizerConfiguration: TerraformIterator.fromList(Token.asList(Fn.conditional(customJwt, ["jwt"], []))).dynamic(
        {
          custom_jwt_authorizer: [
            {
              discovery_url: Fn.conditional(cognitoOn, cognitoDiscoveryUrl, inputs.jwt_discovery_url),
              // Cognito client-credentials tokens carry no `aud`; the client id is what is checked.
              // AWS takes at least one item where a list is sent: an empty one is sent as null.
              allowed_audience: Fn.conditional(
                cognitoOn,
                Token.nullValue(),
                nonEmptyOrNull(inputs.jwt_allowed_audiences),
              ),
              allowed_clients: Fn.conditional(
                cognitoOn,
                Fn.compact([optionalAttr(this.userPoolClient, "id")]),
                nonEmptyOrNull(inputs.jwt_allowed_clients),
              ),
            },
          ],
        },
      ),
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
            errorMessage:
              "enable_cognito = true needs authorizer_type = CUSTOM_JWT: Cognito is the gateway's JWT issuer.",
          },
        ],
      },
    });

    // --- credentials.tf.json: the gateway's OAuth2 client for runtimes -------------------------
    const cred = emitTo(new Construct(this, "credentials"), "credentials");
    this.credentialProvider = new oauth2Provider.BedrockagentcoreOauth2CredentialProvider(cred, "m2m", {
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
              clientCredentialsWoVersion: Token.asNumber(
                hcl`parseint(substr(sha256(${optionalAttr(this.userPoolClient, "id")}), 0, 8), 16)`,
              ),
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

    // --- credentials.tf.json: each target's API key or OAuth2 client, read from SSM at plan time -
    // As in the agents module: each secret is read twice from its SSM SecureString parameter,
    // ephemerally and decrypted for the write-only argument (never in state or plan), and as
    // metadata without decryption, whose version (it only grows) is the write-only version, so a
    // rotated value is re-sent on the next apply.
    const ssmRoot = orDefault(inputs.ssm_root_path, `/${inputs.name_prefix}/${inputs.environment}`);
    const apiKeyIt = TerraformIterator.fromMap(apiKeyTargets);
    const oauthIt = TerraformIterator.fromMap(oauthTargets);
    const secret = (id: string, it: MapTerraformIterator, parameter: (target: string) => string) => {
      const name = `${ssmRoot}/${parameter(it.key)}`;
      return {
        value: new EphemeralResource(
          cred,
          id,
          "aws_ssm_parameter",
          { arn: this.aws.arn("ssm", `parameter${name}`), with_decryption: true },
          it,
        ),
        metadata: new DataAwsSsmParameter(cred, `${id}_version`, { forEach: it, name, withDecryption: false }),
      };
    };
    const apiKey = secret("target_api_key", apiKeyIt, TARGET_SECRET_PARAMETERS.apiKey);
    const clientId = secret("target_client_id", oauthIt, TARGET_SECRET_PARAMETERS.clientId);
    const clientSecret = secret("target_client_secret", oauthIt, TARGET_SECRET_PARAMETERS.clientSecret);
    const version = (s: { metadata: DataAwsSsmParameter }, it: MapTerraformIterator) =>
      hcl`${s.metadata.fqn}[${it.key}].version`;
    const providerName = (it: MapTerraformIterator) =>
      GATEWAY_NAMES.targetCredentialProvider.name({
        namePrefix: inputs.name_prefix,
        environment: inputs.environment,
        target: it.key,
      });
    this.targetApiKeyProviders = new apiKeyProvider.BedrockagentcoreApiKeyCredentialProvider(
      cred,
      "target_api_key_provider",
      {
        forEach: apiKeyIt,
        name: providerName(apiKeyIt),
        apiKeyWo: instanceAttr(apiKey.value, apiKeyIt.key, "value"),
        apiKeyWoVersion: Token.asNumber(version(apiKey, apiKeyIt)),
      },
    );
    this.targetOauth2Providers = new oauth2Provider.BedrockagentcoreOauth2CredentialProvider(
      cred,
      "target_oauth2_provider",
      {
        forEach: oauthIt,
        name: providerName(oauthIt),
        credentialProviderVendor: "CustomOauth2",
        oauth2ProviderConfig: [
          {
            customOauth2ProviderConfig: [
              {
                oauthDiscovery: [{ discoveryUrl: hcl`${oauthIt.value}.auth.oauth.discovery_url`.asString }],
                clientIdWo: instanceAttr(clientId.value, oauthIt.key, "value"),
                clientSecretWo: instanceAttr(clientSecret.value, oauthIt.key, "value"),
                // Either parameter's new version changes the sum: both are re-sent.
                clientCredentialsWoVersion: Token.asNumber(
                  hcl`${version(clientId, oauthIt)} + ${version(clientSecret, oauthIt)}`,
                ),
              },
            ],
          },
        ],
      },
    );

    // The gateway reads exactly the credential providers its targets use (gateway.tf.json).
    const providerArns = (targets: unknown, kind: "apikeycredentialprovider" | "oauth2credentialprovider") =>
      mapList(hcl`keys(${targets})`.asList, (target) =>
        credentialProviderArn(
          this.aws,
          kind,
          GATEWAY_NAMES.targetCredentialProvider.name({
            namePrefix: inputs.name_prefix,
            environment: inputs.environment,
            target,
          }),
        ),
      );
    const keySecrets = hcl`[for p in values(${this.targetApiKeyProviders.fqn}) : p.api_key_secret_arn[0].secret_arn]`;
    const oauth2Secrets = hcl`[for p in values(${this.targetOauth2Providers.fqn}) : p.client_secret_arn[0].secret_arn]`;
    const cognitoSecrets = hcl`[for p in ${this.credentialProvider.fqn} : p.client_secret_arn[0].secret_arn]`;
    const credentials: TargetCredentialsContext = {
      aws: this.aws,
      apiKeyProviderArns: providerArns(apiKeyTargets, "apikeycredentialprovider"),
      oauth2ProviderArns: providerArns(oauthTargets, "oauth2credentialprovider"),
      secretArns: hcl`concat(${keySecrets}, ${oauth2Secrets}, ${nonEmpty(cognitoTargets)} ? ${cognitoSecrets} : [])`
        .asList,
      gatewayWorkloadIdentityArn: this.gateway.workloadIdentityDetails.get(0).workloadIdentityArn,
      apiKeys: nonEmpty(apiKeyTargets),
      oauth2: nonEmpty(oauthTargets),
    };
    this.targetCredentialsPolicy = new IamRolePolicy(gw, "target_credentials", {
      count: Token.asNumber(
        hcl`length(${apiKeyTargets}) + length(${oauthTargets}) + length(${cognitoTargets}) > 0 ? 1 : 0`,
      ),
      name: "gateway-target-credentials",
      role: this.role.id,
      policy: guardedPolicy(guardedStatements(TARGET_CREDENTIAL_STATEMENTS, credentials)),
    });
    // A Smithy target's calls are signed with this role: it may call what the target lists.
    const smithyIt = TerraformIterator.fromMap(smithyTargets);
    const smithySid = hcl`"${raw(SMITHY_STATEMENT_SID)}\${i + 1}"`;
    const smithyStatement = hcl`{ Sid = ${smithySid}, Effect = "Allow", Action = p.actions, Resource = p.resources }`;
    const smithyStatements = hcl`[for i, p in ${smithyIt.value}.smithy.permissions : ${smithyStatement}]`;
    this.smithyPolicies = new IamRolePolicy(gw, "smithy_target", {
      forEach: smithyIt,
      name: `gateway-smithy-${smithyIt.key}`,
      role: this.role.id,
      policy: hcl`jsonencode({ Version = "2012-10-17", Statement = ${smithyStatements} })`.asString,
    });

    // --- targets.tf.json: the targets, and the permission to call Lambda targets (seed 001) -----
    const tgt = emitTo(new Construct(this, "targets"), "targets");
    const targets = TerraformIterator.fromMap(allTargets);
    const functionName = GATEWAY_NAMES.lambdaFunction.name({
      namePrefix: inputs.name_prefix,
      environment: inputs.environment,
      function: hcl`${targets.value}.lambda.function`.asString,
    });
    this.targets = new BedrockagentcoreGatewayTarget(tgt, "target", {
      forEach: targets,
      gatewayIdentifier: this.gateway.gatewayId,
      name: targets.key,
      description: targets.getString("description"),
      // AgentCore lists a target's tools when it is created, with the credentials the role fetches.
      dependsOn: [permissions, this.targetCredentialsPolicy, this.smithyPolicies],
    });
    const targetEndpoint = hcl`${targetEndpoints}[${targets.key}]`;
    // One `dynamic` block per kind and per outbound auth; exactly one of each applies to a target.
    this.targets.addOverride("target_configuration", [
      {
        mcp: [
          {
            dynamic: {
              lambda: {
                for_each: hcl`${targets.value}.lambda == null ? [] : [${targets.value}.lambda]`.asString,
                content: {
                  lambda_arn: this.aws.arn("lambda", `function:${functionName}`),
                  // Tools and their arguments come from the input: one block per tool and argument.
                  tool_schema: [{ dynamic: { inline_payload: toolBlocks(hcl`${targets.value}.tools`) } }],
                },
              },
              open_api_schema: documentBlocks(hcl`${targets.value}.openapi`),
              smithy_model: documentBlocks(hcl`${targets.value}.smithy`),
              mcp_server: {
                // Decided by the key, not the value: an endpoint created in the same apply is unknown at plan.
                for_each: hcl`contains(keys(${targetEndpoints}), ${targets.key}) ? [${targetEndpoint}] : []`.asString,
                content: { endpoint: "${mcp_server.value}" },
              },
            },
          },
        ],
      },
    ]);
    const m2mScopes = Fn.formatlist(`${this.gatewayName}/%s`, [inputs.cognito_scopes]);
    const isRuntime = hcl`${targets.value}.agent_runtime != null`;
    const runtimeRegion = hcl`split(":", ${targets.value}.agent_runtime.runtime_arn)[3]`;
    const iamRoleAuth = hcl`${targets.value}.auth.gateway_iam_role`;
    const oauthBlock = (providerArn: unknown, scopes: unknown, parameters: unknown) =>
      hcl`{ provider_arn = ${providerArn}, scopes = ${scopes}, custom_parameters = ${parameters} }`;
    const targetOauth = hcl`${targets.value}.auth.oauth`;
    const oauth2ProviderArn = instanceAttr(this.targetOauth2Providers, targets.key, "credential_provider_arn");
    const ownOauth = oauthBlock(oauth2ProviderArn, hcl`${targetOauth}.scopes`, hcl`${targetOauth}.custom_parameters`);
    const m2mProviderArn = optionalAttr(this.credentialProvider, "credential_provider_arn");
    const cognitoOauth = oauthBlock(m2mProviderArn, m2mScopes, null);
    this.targets.addOverride("dynamic.credential_provider_configuration", {
      for_each: hcl`${targetAuth}[${targets.key}] == "none" ? [] : [${targetAuth}[${targets.key}]]`.asString,
      iterator: "auth",
      content: {
        dynamic: {
          gateway_iam_role: {
            for_each: '${auth.value == "gateway_iam_role" ? [1] : []}',
            content: {
              service: hcl`${isRuntime} ? ${RUNTIME_SIGV4_SERVICE} : try(${iamRoleAuth}.service, null)`.asString,
              region: hcl`${isRuntime} ? ${runtimeRegion} : try(${iamRoleAuth}.region, null)`.asString,
            },
          },
          api_key: {
            for_each: hcl`auth.value == "api_key" ? [${targets.value}.auth.api_key] : []`.asString,
            iterator: "key",
            content: {
              provider_arn: instanceAttr(this.targetApiKeyProviders, targets.key, "credential_provider_arn"),
              credential_location: "${key.value.location}",
              credential_parameter_name: "${key.value.parameter_name}",
              credential_prefix: "${key.value.prefix}",
            },
          },
          oauth: {
            for_each: hcl`auth.value == "oauth" ? [${ownOauth}] : auth.value == "cognito" ? [${cognitoOauth}] : []`
              .asString,
            content: {
              provider_arn: "${oauth.value.provider_arn}",
              scopes: "${oauth.value.scopes}",
              custom_parameters: "${oauth.value.custom_parameters}",
            },
          },
        },
      },
    });
    const lambdas = TerraformIterator.fromMap(lambdaTargets);
    this.targetPermissions = new LambdaPermission(tgt, "invoke", {
      forEach: lambdas,
      statementId: `AllowAgentCoreGateway-${this.gatewayName}`,
      action: "lambda:InvokeFunction",
      functionName: GATEWAY_NAMES.lambdaFunction.name({
        namePrefix: inputs.name_prefix,
        environment: inputs.environment,
        function: hcl`${lambdas.value}.lambda.function`.asString,
      }),
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
    attachPolicyEngine(this.gateway, {
      arns: hcl`${this.policyEngine.fqn}[*].policy_engine_arn`,
      mode: inputs.policy_engine_mode,
    });
    const policies = TerraformIterator.fromMap(new TerraformLocal(this, "policies", inputs.policies).expression);
    // The gateway's ARN is known after apply; its length at plan (partition, region, account, name).
    const standIn = gatewayArnStandIn((resource) => this.aws.arn("bedrock-agentcore", resource), this.gatewayName);
    this.policies = new BedrockagentcorePolicy(pe, "policy", {
      forEach: policies,
      name: policies.key,
      policyEngineId: optionalAttr(this.policyEngine, "policy_engine_id"),
      description: `Cedar policy ${policies.key} of ${this.gatewayName}`,
      statement: Fn.replace(policies.value, GATEWAY_ARN_PLACEHOLDER, this.gateway.gatewayArn),
      validationMode: inputs.policy_validation_mode,
      // A policy naming a target's tools can only validate once the target exists.
      dependsOn: [this.targets],
      lifecycle: { precondition: [statementLengthPrecondition(policies, standIn)] },
    });
    this.targetIds = new TerraformLocal(this, "target_ids", attrByKey(this.targets, "target_id")).asStringMap;
    const apiKeyProviderArns = attrByKey(this.targetApiKeyProviders, "credential_provider_arn");
    const oauth2ProviderArns = attrByKey(this.targetOauth2Providers, "credential_provider_arn");
    this.targetCredentialProviderArns = new TerraformLocal(
      this,
      "target_credential_provider_arns",
      hcl`merge(${apiKeyProviderArns}, ${oauth2ProviderArns})`,
    ).asStringMap;
    this.policyIds = new TerraformLocal(this, "policy_ids", attrByKey(this.policies, "policy_id")).asStringMap;

    // --- management.tf.json: seed 000's resource management role, off by default ---------------
    const mgmt = emitTo(new Construct(this, "management"), "management");
    this.managementRole = new IamRole(mgmt, "role", {
      count: countIf(inputs.enable_management_role),
      name: `${this.stem}-agentcore-admin`,
      description: `Administers the AgentCore gateway and policies of ${this.stem}`,
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "TrustedAdministrators",
            Effect: "Allow",
            Principal: { AWS: inputs.management_trusted_principal_arns },
            Action: "sts:AssumeRole",
          },
        ],
      }),
      lifecycle: {
        precondition: [
          {
            // Not `> 0`: cdktf 0.21 drops a falsy right operand (see lib/tf-expr.ts).
            condition: Op.gte(Fn.lengthOf(inputs.management_trusted_principal_arns), 1),
            errorMessage:
              "enable_management_role = true needs at least one entry in management_trusted_principal_arns.",
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
 * The `open_api_schema` / `smithy_model` dynamic block of a target whose `openapi` / `smithy` is
 * `doc`: the document inline or in S3.
 */
function documentBlocks(doc: HclExpression) {
  return {
    for_each: hcl`${doc} == null ? [] : [${doc}]`.asString,
    iterator: "document",
    content: {
      dynamic: {
        inline_payload: {
          for_each: "${document.value.inline == null ? [] : [document.value.inline]}",
          content: { payload: "${inline_payload.value}" },
        },
        s3: {
          for_each: "${document.value.s3 == null ? [] : [document.value.s3]}",
          content: { uri: "${s3.value.uri}", bucket_owner_account_id: "${s3.value.bucket_owner_account_id}" },
        },
      },
    },
  };
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
                  items: {
                    for_each: "${arg.value.items == null ? [] : [arg.value.items]}",
                    iterator: "item",
                    content: { type: "${item.value.type}", description: "${item.value.description}" },
                  },
                  property: {
                    for_each: "${arg.value.properties == null ? {} : arg.value.properties}",
                    iterator: "field",
                    content: {
                      name: "${field.key}",
                      type: "${field.value.type}",
                      description: "${field.value.description}",
                      required: "${contains(coalesce(arg.value.required, []), field.key)}",
                    },
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
    "The AgentCore gateway of the platform: its least-privilege execution role, " +
    "the MCP gateway with JWT (Cognito or another issuer) or IAM inbound authorization, its targets " +
    "(Lambda functions with their tool schemas and invoke permissions, OpenAPI and Smithy documents, MCP servers, " +
    "existing AgentCore runtimes) with their outbound credentials, an optional Cognito machine-to-machine issuer " +
    "with the OAuth2 credential provider, and an optional resource management role.",
  inputs: AGENTCORE_INPUTS,
  notes:
    "Called by the platform module. With `enable_cognito = true` the Cognito client " +
    "secret is stored in Terraform state (as an attribute of the app client); " +
    "the OAuth2 credential provider receives it write-only. Targets with `api_key` or `oauth` auth read " +
    "their secrets from SSM SecureString parameters `<ssm_root_path>/gateway/targets/<Target>/api-key` and " +
    "`<ssm_root_path>/gateway/targets/<Target>/oauth/client-id|client-secret` (create them before the first plan, " +
    "encrypted with the platform's secrets key); ephemeral resources pass them to write-only arguments, " +
    "so they are in neither state nor plan, and a new parameter version re-sends them. " +
    "The module checks the targets' shape at plan time; the Cedar schema of their tools exists only in AgentCore, " +
    "which validates the policies when it creates them (after the targets).",
  constructId: "agentcore",
  create: (scope, id, inputs, host) => new AgentCore(scope, id, inputs, host),
  outputs: {
    gateway_id: { description: "Id of the AgentCore gateway.", value: (c) => c.gateway.gatewayId },
    gateway_arn: { description: "ARN of the AgentCore gateway.", value: (c) => c.gateway.gatewayArn },
    gateway_url: { description: "MCP endpoint URL of the AgentCore gateway.", value: (c) => c.gateway.gatewayUrl },
    gateway_role_arn: {
      description:
        "ARN of the gateway execution role; agents may read it (EvaluationAndGatewayRoleAccess) but not pass it " +
        "(role boundary).",
      value: (c) => c.role.arn,
    },
    gateway_role_name: { description: "Name of the gateway execution role.", value: (c) => c.role.name },
    gateway_target_ids: { description: "Ids of the gateway targets, by target name.", value: (c) => c.targetIds },
    target_credential_provider_arns: {
      description:
        "ARNs of the API key and OAuth2 credential providers of the targets with api_key " +
        "or oauth auth, by target name.",
      value: (c) => c.targetCredentialProviderArns,
    },
    cognito_user_pool_id: {
      description: "Id of the Cognito user pool issuing gateway tokens; null when enable_cognito = false.",
      value: (c) => optionalAttr(c.userPool, "id"),
    },
    cognito_client_id: {
      description: "Id of the machine-to-machine app client; null when enable_cognito = false.",
      value: (c) => optionalAttr(c.userPoolClient, "id"),
    },
    oauth2_credential_provider_arn: {
      description:
        "ARN of the OAuth2 credential provider the gateway uses to call runtimes; null when enable_cognito = false.",
      value: (c) => optionalAttr(c.credentialProvider, "credential_provider_arn"),
    },
    policy_engine_arn: {
      description:
        "ARN of the Cedar policy engine attached to the gateway; " +
        "null without policies (unless enable_policy_engine = true).",
      value: (c) => optionalAttr(c.policyEngine, "policy_engine_arn"),
    },
    policy_engine_id: {
      description: "Id of the Cedar policy engine; null without policies (unless enable_policy_engine = true).",
      value: (c) => optionalAttr(c.policyEngine, "policy_engine_id"),
    },
    policy_ids: { description: "Ids of the Cedar policies, by policy name.", value: (c) => c.policyIds },
    management_role_arn: {
      description: "ARN of the resource management role; null unless enable_management_role = true.",
      value: (c) => optionalAttr(c.managementRole, "arn"),
    },
  },
};

/**
 * Each policy's statement as AgentCore receives it, `{{GATEWAY_ARN}}` replaced by a stand-in of the
 * gateway's ARN of the same length, within AWS's bounds (CreatePolicy.definition.cedar.statement).
 * A precondition, not a validation: the length needs the region and partition of the provider.
 */
function statementLengthPrecondition(policies: MapTerraformIterator, standIn: string) {
  const sent = hcl`length(replace(${policies.value}, ${GATEWAY_ARN_PLACEHOLDER}, ${standIn}))`;
  return {
    condition: hcl`${sent} >= ${STATEMENT_LENGTH.min} && ${sent} <= ${STATEMENT_LENGTH.max}`,
    errorMessage: template([
      "Policy ",
      { interpolate: policies.key },
      " is ",
      { interpolate: sent },
      ` characters as AgentCore receives it (${GATEWAY_ARN_PLACEHOLDER} replaced by the gateway's ARN, `,
      { interpolate: hcl`length(${standIn})` },
      ` characters); AgentCore accepts ${STATEMENT_LENGTH.min}-${STATEMENT_LENGTH.max} ` +
        "(CreatePolicy.definition.cedar.statement).",
    ]),
  };
}

/** A list, or null when it is empty (a list field AWS wants at least one item in, or none). */
function nonEmptyOrNull(list: string[]) {
  return hcl`length(${list}) > 0 ? ${list} : null`;
}
