import { type AwsFacts, literalAws } from "../lib/aws-context";
import type { AgentSpec, Blueprints } from "../lib/config/blueprints";
import type { EnvironmentConfig } from "../lib/config/environment";
import { resourceStem } from "../lib/naming";
import { agentsOf } from "../lib/config/workflow-format";
import type { RoleReport } from "../lib/docs/permission-tables";
import type { PolicyStatement } from "../lib/iam/policy-document";
import { type StatementSpec, renderStatements } from "../lib/iam/statement-table";
import { runtimeNamePrefix } from "../lib/naming";
import {
  AGENT_ROLE_STATEMENTS,
  type AgentEnvironmentInputs,
  type AgentFacts,
  type AgentRoleContext,
  type AgentStatementSpec,
  BROWSER_ROLE_STATEMENTS,
  CODEBUILD_ROLE_STATEMENTS,
  DEPLOYER_STATEMENTS,
  MEMORY_ROLE_STATEMENTS,
  type PermissionMode,
  CAPABILITY_GUARDRAIL,
  agentRows,
  capabilityGuardrailStatement,
  whenSetInputs,
} from "../modules/agents/permissions";
import { AGENT_NAMES, credentialProviderNames } from "../modules/agents/names";
import { CAPABILITIES, capabilitiesOf, recordingPrefix } from "../modules/agents/capabilities";
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
  smithyStatements,
} from "../modules/platform/modules/agentcore/permissions";
import type { GatewayTarget } from "../lib/config/gateway-targets";
import { authOf } from "../lib/config/target-format";
import { GATEWAY_NAMES } from "../modules/platform/modules/agentcore/names";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import { WORKFLOW_NAMES } from "../modules/workflows/names";
import { ROLE_BOUNDARY_STATEMENTS } from "../modules/platform/boundary";

/**
 * Permission reports, rendered in TypeScript from the same statement tables the constructs
 * render into Terraform: one for a concrete environment (`npm run report`, the rule pack's
 * rendered documents) and one with placeholders for the registry modules' READMEs.
 */

/** Everything an agent's statements depend on besides the agent itself. */
export interface AgentPolicyInputs {
  readonly namePrefix: string;
  readonly environment: string;
  readonly aws: AwsFacts;
  readonly permissionMode: PermissionMode;
  readonly ssmRootPath: string;
  readonly gatewayRoleArn: string;
  readonly inputs: AgentEnvironmentInputs;
}

/** The literal context of one agent's statements. */
export function agentRoleContext(
  key: string,
  agent: Pick<AgentSpec, "models" | "credentials" | "image_uri">,
  p: AgentPolicyInputs,
): AgentRoleContext {
  const parts = { namePrefix: p.namePrefix, environment: p.environment, key };
  const providers = credentialProviderNames(parts, agent);
  return {
    aws: p.aws,
    key,
    runtimeName: AGENT_NAMES.runtime.name(parts),
    repositoryArn: agent.image_uri
      ? imageRepositoryArn(p.aws, agent.image_uri)
      : p.aws.arn("ecr", `repository/${AGENT_NAMES.repository.name(parts)}`),
    ssmRootPath: p.ssmRootPath,
    gatewayRoleArn: p.gatewayRoleArn,
    models: agent.models,
    apiKeyProviders: providers.api_keys,
    oauth2Providers: providers.oauth2,
    memoryName: AGENT_NAMES.memory.name(parts),
    codeInterpreterName: AGENT_NAMES.codeInterpreter.name(parts),
    browserName: AGENT_NAMES.browser.name(parts),
    inputs: p.inputs,
  };
}

function imageRepositoryArn(aws: AwsFacts, uri: string): string {
  const m = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^:@]+)/.exec(uri);
  if (!m) throw new Error(`not an ECR image URI: ${uri}`);
  return `arn:${aws.partition}:ecr:${m[2]}:${m[1]}:repository/${m[3]}`;
}

/** The facts that decide which rows an agent's role holds. */
export function agentFacts(
  agent: Pick<AgentSpec, "features" | "credentials" | "network_mode" | "memory" | "code_interpreter" | "browser">,
  p: AgentPolicyInputs,
): AgentFacts {
  return {
    features: agent.features,
    capabilities: capabilitiesOf(agent),
    credentials: agent.credentials,
    inputs: p.inputs,
    permissionMode: p.permissionMode,
  };
}

/** The statements Terraform renders into one agent's inline execution policy. */
export function agentPolicyStatements(key: string, agent: AgentSpec, p: AgentPolicyInputs): PolicyStatement[] {
  return renderStatements(
    agentRows(agentFacts(agent, p)).filter((row) => row.policy === undefined),
    agentRoleContext(key, agent, p),
  );
}

/** The statements of one agent's managed capabilities policy; none: the agent has no such policy. */
export function agentCapabilityStatements(key: string, agent: AgentSpec, p: AgentPolicyInputs): PolicyStatement[] {
  if (!CAPABILITIES.capabilityPolicy.ts(agent)) return [];
  return [
    capabilityGuardrailStatement(),
    ...renderStatements(
      agentRows(agentFacts(agent, p)).filter((row) => row.policy === "capabilities"),
      agentRoleContext(key, agent, p),
    ),
  ];
}

/** The guardrail of the capabilities policy as a report row. */
const guardrailRow = (policy: string) => ({
  sid: CAPABILITY_GUARDRAIL.sid,
  actions: [...CAPABILITY_GUARDRAIL.actions],
  resources: [...CAPABILITY_GUARDRAIL.resources],
  when: `Deny: always (in ${policy})`,
});

const agentWhen = (row: AgentStatementSpec, capabilityPolicy = "the agent's capabilities policy") => {
  const where = row.policy === "capabilities" ? ` (in ${capabilityPolicy})` : "";
  const parts = [
    row.mode ? `permission_mode = ${row.mode}` : "",
    row.feature ? `feature ${row.feature}` : "",
    row.capability ? CAPABILITIES[row.capability].words : "",
    row.credentials ? `the agent declares ${row.credentials === "api_keys" ? "API key" : "OAuth2"} credentials` : "",
    ...whenSetInputs(row).map((i) => `${i} set`),
  ].filter(Boolean);
  return `${parts.length ? parts.join(" and ") : "always"}${where}`;
};

function rows<C>(
  table: readonly StatementSpec<C>[],
  ctx: C,
  when: (s: StatementSpec<C>) => string = (s) => s.presentWhen ?? "always",
): RoleReport["rows"] {
  return table.map((s) => ({
    sid: s.sid,
    actions: [...s.actions],
    resources: s.resources(ctx),
    when: when(s),
    ...(s.departure ? { departure: s.departure } : {}),
  }));
}

/** `<input name>`: how a plan-time input appears in a report. */
const placeholder = (input: string) => `<${input}>`;
const ENV_INPUT_NAMES: readonly (keyof AgentEnvironmentInputs)[] = [
  "artifacts_bucket_arn",
  "extra_s3_read_bucket_arns",
  "platform_artifacts_kms_key_arn",
  "domain_artifacts_kms_key_arn",
  "storage_kms_key_arn",
  "prompt_registry_function_arn",
  "artifacts_table_name",
  "data_kms_key_arn",
  "idempotency_table_name",
  "evaluation_table_name",
  "inference_key_secret_arns",
  "secrets_kms_key_arn",
  "shared_memory_arn",
];
const LIST_INPUTS = ["extra_s3_read_bucket_arns", "inference_key_secret_arns"];
const placeholderInputs = Object.fromEntries(
  ENV_INPUT_NAMES.map((n) => [n, LIST_INPUTS.includes(n) ? [placeholder(n)] : placeholder(n)]),
) as unknown as AgentEnvironmentInputs;

/** The environment's agent inputs, as the agents stack passes them. */
export function environmentAgentInputs(env: EnvironmentConfig, withPlaceholders: boolean): AgentEnvironmentInputs {
  const keyArn = (name: string) => (withPlaceholders ? placeholder(`${name} key ARN`) : placeholder(name));
  return {
    ...Object.fromEntries(ENV_INPUT_NAMES.map((n) => [n, (env.agents as Record<string, unknown>)[n] ?? ""])),
    platform_artifacts_kms_key_arn: keyArn("platform_artifacts"),
    domain_artifacts_kms_key_arn: keyArn("domain_artifacts"),
    storage_kms_key_arn: keyArn("storage"),
    data_kms_key_arn: keyArn("data"),
    inference_key_secret_arns: Object.values(env.agents.inference_key_secret_arns),
    secrets_kms_key_arn: keyArn("secrets"),
    // The platform creates no shared memory yet, so the agents stack passes none.
    shared_memory_arn: "",
  } as AgentEnvironmentInputs;
}

/**
 * Every role the environment's configuration creates, with the statements present for it and
 * the condition under which each exists.
 */
export function permissionReport(env: EnvironmentConfig, blueprints: Blueprints): RoleReport[] {
  const aws = literalAws(env.account_id, env.region);
  const stem = resourceStem(env);
  const gatewayRoleArn = aws.arn("iam", `role/${stem}-agentcore-gateway`, { region: false });
  const reports: RoleReport[] = [
    ...gatewayReports(aws, env.name_prefix, env.environment, {
      policyEngine: blueprints.policies.length > 0,
      cognito: env.platform.gateway.authorizer === "cognito",
      managementRole: env.platform.management_role.enabled,
      targets: environmentTargetFacts(aws, env.name_prefix, env.environment, blueprints.gatewayTargets),
    }),
    {
      module: "platform",
      role: `${stem}-role-boundary (permissions boundary of every agent, build, workflow and trigger role)`,
      rows: rows(ROLE_BOUNDARY_STATEMENTS, { aws, stem }),
    },
  ];
  const p: AgentPolicyInputs = {
    namePrefix: env.name_prefix,
    environment: env.environment,
    aws,
    permissionMode: env.agents.permission_mode,
    ssmRootPath: `/${env.name_prefix}/${env.environment}`,
    gatewayRoleArn,
    inputs: environmentAgentInputs(env, true),
  };
  for (const agent of blueprints.agents) {
    const ctx = agentRoleContext(agent.key, agent, p);
    const capabilityPolicy = AGENT_NAMES.capabilityPolicy.name({ ...p, key: agent.key });
    const agentReportRows = rows(agentRows(agentFacts(agent, p)), ctx, (s) =>
      agentWhen(s as AgentStatementSpec, capabilityPolicy),
    );
    reports.push({
      module: "agents",
      role: `${AGENT_NAMES.role.name({ ...p, key: agent.key })} (agent ${agent.key})`,
      rows: [...agentReportRows, ...(CAPABILITIES.capabilityPolicy.ts(agent) ? [guardrailRow(capabilityPolicy)] : [])],
    });
    if (agent.codebuild)
      reports.push(
        codebuildReport(
          aws,
          p,
          agent.key,
          env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn"),
        ),
      );
    if (CAPABILITIES.memoryRole.ts(agent))
      reports.push(memoryRoleReport(aws, p, agent.key, customModels(agent), placeholder("data key ARN"), true));
    if (CAPABILITIES.browserRecording.ts(agent) && env.agents.artifacts_bucket_arn)
      reports.push(
        browserRoleReport(
          aws,
          p,
          agent.key,
          env.agents.artifacts_bucket_arn,
          placeholder("platform_artifacts key ARN"),
          true,
        ),
      );
  }
  for (const w of blueprints.workflows)
    reports.push(
      ...workflowReports(
        aws,
        env.name_prefix,
        env.environment,
        w.name,
        agentsOf(w).map((a) => `<runtime ARN of ${a}>`),
        Boolean(w.triggers.schedule || w.triggers.event_pattern),
      ),
    );
  reports.push(
    deployerReport(
      aws,
      stem,
      env.agents.codebuild_source_bucket_arn || placeholder("codebuild_source_bucket_arn"),
      aws.arn("iam", `policy/${stem}-role-boundary`, { region: false }),
    ),
  );
  return reports;
}

/**
 * Every role the registry modules can create, with every statement and the condition under
 * which it exists; names and inputs are placeholders (`<key>`, `<artifacts_bucket_arn>`).
 */
export function modulePermissionReport(): RoleReport[] {
  const aws = literalAws("<account>", "<region>");
  const namePrefix = "<name_prefix>";
  const environment = "<environment>";
  const stem = `${namePrefix}-${environment}`;
  const p: AgentPolicyInputs = {
    namePrefix,
    environment,
    aws,
    permissionMode: "production",
    ssmRootPath: placeholder("ssm_root_path"),
    gatewayRoleArn: placeholder("gateway_role_arn"),
    inputs: placeholderInputs,
  };
  const ctx = agentRoleContext(
    "<key>",
    {
      models: ["<provider>.<model>", "<geo>.<provider>.<model>"],
      credentials: { api_keys: ["<api key name>"], oauth2: [{ name: "<oauth2 name>", discovery_url: "" }] },
    },
    p,
  );
  return [
    ...gatewayReports(aws, namePrefix, environment, {
      policyEngine: "a policy engine is attached (policies given or enable_policy_engine = true)",
      cognito: "enable_cognito = true",
      managementRole: "enable_management_role = true",
      targets: moduleTargetFacts(aws, namePrefix, environment),
    }),
    {
      module: "platform",
      role: `${stem}-role-boundary (permissions boundary of every agent, build, workflow and trigger role)`,
      rows: rows(ROLE_BOUNDARY_STATEMENTS, { aws, stem }),
    },
    {
      module: "agents",
      role: `${AGENT_NAMES.role.name({ ...p, key: "<key>" })} (each agent)`,
      rows: [
        ...rows(AGENT_ROLE_STATEMENTS, ctx, (s) =>
          agentWhen(
            s as AgentStatementSpec,
            `the managed policy ${AGENT_NAMES.capabilityPolicy.name({ ...p, key: "<key>" })}`,
          ),
        ),
        {
          ...guardrailRow(`the managed policy ${AGENT_NAMES.capabilityPolicy.name({ ...p, key: "<key>" })}`),
          when: `Deny: ${CAPABILITIES.capabilityPolicy.words} (in its managed policy)`,
        },
      ],
    },
    codebuildReport(
      aws,
      p,
      "<key>",
      placeholder("codebuild_source_bucket_arn"),
      "an agent with codebuild = true, when enable_codebuild is set (with codebuild_source_bucket_arn)",
    ),
    memoryRoleReport(
      aws,
      p,
      "<key>",
      ["<override model>"],
      placeholder("data_kms_key_arn"),
      "data_kms_key_arn set",
      `each agent whose memory has a CUSTOM strategy`,
    ),
    browserRoleReport(
      aws,
      p,
      "<key>",
      placeholder("artifacts_bucket_arn"),
      placeholder("platform_artifacts_kms_key_arn"),
      "platform_artifacts_kms_key_arn set",
      "each agent whose browser records sessions, when artifacts_bucket_arn is set",
    ),
    deployerReport(aws, stem, placeholder("codebuild_source_bucket_arn")),
    ...workflowReports(
      aws,
      namePrefix,
      environment,
      "<workflow>",
      ["<runtime ARN of each agent the definition names>"],
      "triggers.schedule or triggers.event_pattern set",
    ),
  ];
}

type Presence = boolean | string;

/** Rows of a table whose conditional rows exist when `present` is not false; `present` in words when a string. */
function conditionalRows<C>(
  table: readonly StatementSpec<C>[],
  ctx: C,
  present: Presence,
  conditional: (s: StatementSpec<C>) => boolean,
): RoleReport["rows"] {
  return table
    .filter((s) => !conditional(s) || present !== false)
    .map((s) => ({
      sid: s.sid,
      actions: [...s.actions],
      resources: s.resources(ctx),
      when: !conditional(s) ? "always" : typeof present === "string" ? present : (s.presentWhen ?? "always"),
      ...(s.departure ? { departure: s.departure } : {}),
    }));
}

/**
 * What a gateway's targets make its role hold: the conditional gateway rows, the credentials
 * policy, the Smithy policies.
 */
interface GatewayTargetFacts {
  readonly runtimes: Presence;
  readonly runtimeArns: string[];
  readonly runtimeEndpointArns: string[];
  readonly credentials: Presence;
  readonly apiKeys: Presence;
  readonly apiKeyProviderArns: string[];
  readonly oauth2: Presence;
  readonly oauth2ProviderArns: string[];
  readonly secretArns: string[];
  /** Each Smithy target with what it may call; in words for the modules. */
  readonly smithy:
    | readonly {
        readonly target: string;
        readonly permissions: readonly { readonly actions: readonly string[]; readonly resources: readonly string[] }[];
      }[]
    | string;
}

/** The facts of the environment's targets. */
function environmentTargetFacts(
  aws: AwsFacts,
  namePrefix: string,
  environment: string,
  targets: readonly GatewayTarget[],
): GatewayTargetFacts {
  const using = (auth: string) => targets.filter((t) => authOf(t) === auth);
  const provider = (kind: "apikeycredentialprovider" | "oauth2credentialprovider", t: GatewayTarget) =>
    credentialProviderArn(
      aws,
      kind,
      GATEWAY_NAMES.targetCredentialProvider.name({ namePrefix, environment, target: t.name }),
    );
  const runtimes = targets.filter((t) => t.agent_runtime && authOf(t) === "gateway_iam_role");
  const [apiKeys, oauth2, cognito] = [using("api_key"), using("oauth"), using("cognito")];
  return {
    runtimes: runtimes.length > 0,
    runtimeArns: runtimes.map((t) => t.agent_runtime!.runtime_arn),
    runtimeEndpointArns: runtimes.map(
      (t) => `${t.agent_runtime!.runtime_arn}/runtime-endpoint/${t.agent_runtime!.qualifier}`,
    ),
    credentials: apiKeys.length + oauth2.length + cognito.length > 0,
    apiKeys: apiKeys.length > 0,
    apiKeyProviderArns: apiKeys.map((t) => provider("apikeycredentialprovider", t)),
    oauth2: oauth2.length > 0,
    oauth2ProviderArns: oauth2.map((t) => provider("oauth2credentialprovider", t)),
    secretArns: [
      ...[...apiKeys, ...oauth2].map((t) => `<token-vault secret of ${t.name}>`),
      ...(cognito.length ? ["<token-vault secret of the gateway's Cognito client>"] : []),
    ],
    smithy: targets.flatMap((t) => (t.smithy ? [{ target: t.name, permissions: t.smithy.permissions }] : [])),
  };
}

/** The facts of any module caller's targets, in words. */
function moduleTargetFacts(aws: AwsFacts, namePrefix: string, environment: string): GatewayTargetFacts {
  const name = GATEWAY_NAMES.targetCredentialProvider.name({ namePrefix, environment, target: "<Target>" });
  return {
    runtimes: "an agent_runtime target uses gateway_iam_role auth",
    runtimeArns: ["<agent_runtime.runtime_arn of each such target>"],
    runtimeEndpointArns: ["<agent_runtime.runtime_arn>/runtime-endpoint/<agent_runtime.qualifier>"],
    credentials: "a target uses api_key, oauth or cognito auth",
    apiKeys: "a target uses api_key auth",
    apiKeyProviderArns: [credentialProviderArn(aws, "apikeycredentialprovider", name)],
    oauth2: "a target uses oauth auth",
    oauth2ProviderArns: [credentialProviderArn(aws, "oauth2credentialprovider", name)],
    secretArns: ["<token-vault secret of each of those providers (and of the Cognito client for cognito targets)>"],
    smithy: "each Smithy target, in its own policy gateway-smithy-<Target>",
  };
}

function gatewayReports(
  aws: AwsFacts,
  namePrefix: string,
  environment: string,
  facts: { policyEngine: Presence; cognito: Presence; managementRole: Presence; targets: GatewayTargetFacts },
): RoleReport[] {
  const stem = `${namePrefix}-${environment}`;
  const t = facts.targets;
  const ctx: GatewayRoleContext = {
    aws,
    stem,
    runtimePrefix: runtimeNamePrefix(namePrefix, environment),
    gatewayName: `${stem}-gateway`,
    kmsKeyArn: "<platform_artifacts key ARN>",
    policyEngineName: GATEWAY_NAMES.policyEngine.name({ namePrefix, environment }),
    policyEngine: true,
    targetRuntimeArns: t.runtimeArns,
    targetRuntimeEndpointArns: t.runtimeEndpointArns,
    targetRuntimes: true,
  };
  const oauth2 = {
    aws,
    credentialProviderArn: "<OAuth2 credential provider ARN>",
    gatewayWorkloadIdentityArn: "<gateway workload identity ARN>",
  };
  const credentials: TargetCredentialsContext = {
    aws,
    apiKeyProviderArns: t.apiKeyProviderArns,
    oauth2ProviderArns: t.oauth2ProviderArns,
    secretArns: t.secretArns,
    gatewayWorkloadIdentityArn: oauth2.gatewayWorkloadIdentityArn,
    apiKeys: true,
    oauth2: true,
  };
  const gatewayPresence = (s: StatementSpec<GatewayRoleContext>) =>
    s.sid === "InvokeTargetRuntimes" ? t.runtimes : facts.policyEngine;
  const credentialPresence = (s: StatementSpec<TargetCredentialsContext>) =>
    s.sid === "TargetApiKeys" ? t.apiKeys : s.sid === "TargetOAuth2Tokens" ? t.oauth2 : t.credentials;
  const smithyRows: RoleReport["rows"] =
    typeof t.smithy === "string"
      ? [
          {
            sid: `${SMITHY_STATEMENT_SID}<n>`,
            actions: ["<smithy.permissions[n].actions>"],
            resources: ["<smithy.permissions[n].resources>"],
            when: t.smithy,
          },
        ]
      : t.smithy.flatMap(({ target, permissions }) =>
          smithyStatements(permissions).map((st) => ({
            sid: st.Sid,
            actions: [st.Action].flat(),
            resources: [st.Resource ?? []].flat(),
            when: `Smithy target ${target} (its own policy gateway-smithy-${target})`,
          })),
        );
  const reports: RoleReport[] = [
    {
      module: "platform",
      role: `${stem}-agentcore-gateway (gateway execution role)`,
      rows: [
        ...presentRows(GATEWAY_ROLE_STATEMENTS, ctx, gatewayPresence),
        ...conditionalRows(OAUTH2_TOKEN_STATEMENTS, oauth2, facts.cognito, () => true),
        ...presentRows(TARGET_CREDENTIAL_STATEMENTS, credentials, credentialPresence),
        ...smithyRows,
      ],
    },
  ];
  if (facts.managementRole !== false) {
    reports.push({
      module: "platform",
      role:
        `${stem}-agentcore-admin (resource management role` +
        `${typeof facts.managementRole === "string" ? `; ${facts.managementRole}` : ""})`,
      rows: rows(MANAGEMENT_ROLE_STATEMENTS, {
        aws,
        stem,
        gatewayRoleArn: aws.arn("iam", `role/${stem}-agentcore-gateway`, { region: false }),
        gatewayArn: gatewayArnPattern(ctx),
        policyEngineArn: policyEngineArnPattern(ctx),
      }),
    });
  }
  return reports;
}

/**
 * Rows of a table, each present as `presence(row)` says (false: left out; words: its condition);
 * rows without `present` always.
 */
function presentRows<C>(
  table: readonly StatementSpec<C>[],
  ctx: C,
  presence: (s: StatementSpec<C>) => Presence,
): RoleReport["rows"] {
  return table.flatMap((s) => {
    const present = s.present === undefined && s.presentWhen === undefined ? true : presence(s);
    if (present === false) return [];
    return [
      {
        sid: s.sid,
        actions: [...s.actions],
        resources: s.resources(ctx),
        when:
          present === true
            ? s.present === undefined && s.presentWhen === undefined
              ? "always"
              : (s.presentWhen ?? "always")
            : present,
        ...(s.departure ? { departure: s.departure } : {}),
      },
    ];
  });
}

function codebuildReport(
  aws: AwsFacts,
  p: AgentPolicyInputs,
  key: string,
  sourceBucketArn: string,
  when = "only when enable_codebuild is set (with codebuild_source_bucket_arn)",
): RoleReport {
  const parts = { namePrefix: p.namePrefix, environment: p.environment, key };
  const projectName = AGENT_NAMES.buildProject.name(parts);
  return {
    module: "agents",
    role: `${AGENT_NAMES.buildRole.name(parts)} (CodeBuild for ${key}; ${when})`,
    rows: rows(CODEBUILD_ROLE_STATEMENTS, {
      aws,
      repositoryArn: aws.arn("ecr", `repository/${AGENT_NAMES.repository.name(parts)}`),
      projectName,
      sourceBucketArn,
    }),
  };
}

function deployerReport(
  aws: AwsFacts,
  stem: string,
  sourceBucketArn: string,
  permissionsBoundaryArn = "<permissions_boundary_arn>",
): RoleReport {
  return {
    module: "agents",
    role: "deployer policy (output deployer_policy_json, for the CI role)",
    rows: rows(DEPLOYER_STATEMENTS, { aws, stem, sourceBucketArn, permissionsBoundaryArn }, (s) =>
      s.sid === "S3Access" ? "codebuild_source_bucket_arn set" : (s.presentWhen ?? "always"),
    ),
  };
}

/** The models of an agent's CUSTOM strategy overrides, each once. */
export function customModels(agent: Pick<AgentSpec, "memory">): string[] {
  const steps = (agent.memory?.strategies ?? []).flatMap((s) =>
    s.override ? [s.override.extraction, s.override.consolidation, s.override.reflection] : [],
  );
  return [...new Set(steps.filter((step) => step != null).map((step) => step!.model))];
}

/** The memory execution role of one agent; `withKey` says whether the data key row is present (or when, in words). */
function memoryRoleReport(
  aws: AwsFacts,
  p: AgentPolicyInputs,
  key: string,
  models: string[],
  dataKmsKeyArn: string,
  withKey: Presence,
  who = `memory of ${key}`,
): RoleReport {
  return {
    module: "agents",
    role:
      `${AGENT_NAMES.memoryRole.name({ ...p, key })} (${who}; ` +
      "its CUSTOM strategies run their models in this account)",
    rows: conditionalRows(
      MEMORY_ROLE_STATEMENTS,
      { aws, models, dataKmsKeyArn, withKey: true },
      withKey,
      (s) => s.present !== undefined,
    ),
  };
}

/** The browser execution role of one agent, which writes its session recordings. */
function browserRoleReport(
  aws: AwsFacts,
  p: AgentPolicyInputs,
  key: string,
  bucketArn: string,
  kmsKeyArn: string,
  withKey: Presence,
  who = `browser of ${key}; records sessions`,
): RoleReport {
  return {
    module: "agents",
    role: `${AGENT_NAMES.browserRole.name({ ...p, key })} (${who})`,
    rows: conditionalRows(
      BROWSER_ROLE_STATEMENTS,
      { aws, bucketArn, prefix: recordingPrefix(key), kmsKeyArn, withKey: true },
      withKey,
      (s) => s.present !== undefined,
    ),
  };
}

function workflowReports(
  aws: AwsFacts,
  namePrefix: string,
  environment: string,
  workflow: string,
  runtimeArns: string[],
  triggers: Presence,
): RoleReport[] {
  const parts = { namePrefix, environment, workflow };
  const reports: RoleReport[] = [
    {
      module: "workflows",
      role: `${WORKFLOW_NAMES.role.name(parts)} (workflow ${workflow})`,
      rows: rows(WORKFLOW_ROLE_STATEMENTS, { aws, runtimeArns }),
    },
  ];
  if (triggers !== false) {
    reports.push({
      module: "workflows",
      role:
        `${WORKFLOW_NAMES.triggerRole.name(parts)} ` +
        `(trigger of ${workflow}${typeof triggers === "string" ? `; ${triggers}` : ""})`,
      rows: rows(TRIGGER_ROLE_STATEMENTS, {
        stateMachineArn: aws.arn("states", `stateMachine:${WORKFLOW_NAMES.stateMachine.name(parts)}`),
      }),
    });
  }
  return reports;
}
