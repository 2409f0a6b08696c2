import type { App, TerraformRemoteState } from "cdktf";
import type { EnvironmentConfig } from "../lib/config/environment";
import { addOutputs } from "../lib/hosts/module-definition";
import { withDefaults } from "../lib/module-io";
import { DeployStack, STACK_ORDER, type StackName } from "../lib/hosts/deploy-stack";
import { declareSecretVariables } from "../lib/hosts/module-stack";
import { AGENTS_MODULE } from "../modules/agents";
import { PLATFORM_MODULE } from "../modules/platform";
import { STATE_MODULE } from "../modules/state";
import { WORKFLOWS_MODULE } from "../modules/workflows";
import type { ShapeInputs } from "./inputs";
import { addMovedBlocks } from "./moved";

export interface DeployStacks {
  readonly state: DeployStack;
  readonly platform: DeployStack;
  readonly agents: DeployStack;
  readonly workflows: DeployStack;
}

/**
 * Prints a warning: on stderr, except under the cdktf CLI (it sets CDKTF_OUTDIR), which shows
 * everything an app writes to stderr as [ERROR]; there it goes to stdout, which it shows as is.
 */
export function printWarning(message: string): void {
  (process.env.CDKTF_OUTDIR ? process.stdout : process.stderr).write(`Warning: ${message}\n`);
}

/** The full deploy command, in the only order cdktf accepts. */
export const DEPLOY_COMMAND = `npx cdktf deploy ${STACK_ORDER.join(" ")}`;

/**
 * The four deploy stacks, wired state → platform → agents → workflows twice over: as cdktf stack
 * dependencies, and through cross-stack references (each stack consumes outputs of the one before,
 * read from its remote state).
 */
export function buildDeployStacks(
  app: App,
  env: EnvironmentConfig,
  shape: ShapeInputs,
  warn: (message: string) => void = printWarning,
): DeployStacks {
  const stack = (name: StackName) => new DeployStack(app, name, { env });
  const common = { name_prefix: env.name_prefix, environment: env.environment };

  const stateStack = stack("state");
  const state = STATE_MODULE.create(
    stateStack,
    STATE_MODULE.constructId,
    {
      ...common,
      account_id: env.account_id,
      bucket_name: env.state.bucket_name,
      noncurrent_version_expiration_days: env.state.noncurrent_version_expiration_days,
      kms_deletion_window_in_days: env.state.kms_deletion_window_in_days,
    },
    { region: env.region },
  );
  addOutputs(stateStack, STATE_MODULE.outputs, state);

  const platformStack = stack("platform");
  const gateway = env.platform.gateway;
  const platform = PLATFORM_MODULE.create(
    platformStack,
    PLATFORM_MODULE.constructId,
    withDefaults(PLATFORM_MODULE.inputs, {
      ...common,
      account_id: env.account_id,
      enable_state_parameters: true,
      state_bucket_name: state.bucket.bucket,
      state_kms_key_arn: state.key.arn,
      kms_deletion_window_in_days: env.platform.kms_deletion_window_in_days,
      authorizer_type: gateway.authorizer === "aws_iam" ? "AWS_IAM" : "CUSTOM_JWT",
      enable_cognito: gateway.authorizer === "cognito",
      cognito_scopes: gateway.cognito_scopes,
      cognito_domain_prefix: gateway.cognito_domain_prefix,
      jwt_discovery_url: gateway.custom_jwt?.discovery_url,
      jwt_allowed_audiences: gateway.custom_jwt?.allowed_audiences,
      jwt_allowed_clients: gateway.custom_jwt?.allowed_clients,
      enable_management_role: env.platform.management_role.enabled,
      management_trusted_principal_arns: env.platform.management_role.trusted_principal_arns,
      policy_engine_mode: gateway.policy_engine.mode,
      policy_validation_mode: gateway.policy_engine.validation_mode,
      gateway_targets: shape.gateway_targets,
      policies: shape.policies,
    }),
    { region: env.region, agentcoreAsModuleCall: false },
  );
  addOutputs(platformStack, PLATFORM_MODULE.outputs, platform);

  const agentsStack = stack("agents");
  const agentsEnv = env.agents;
  const gatewayOut = (name: string) => PLATFORM_MODULE.outputs[name].value(platform) as string;
  const agents = AGENTS_MODULE.create(
    agentsStack,
    AGENTS_MODULE.constructId,
    withDefaults(AGENTS_MODULE.inputs, {
      name_prefix: env.name_prefix,
      environment: env.environment,
      account_id: env.account_id,
      agents: shape.agents,
      ssm_root_path: platform.ssmRootPath,
      gateway_role_arn: gatewayOut("gateway_role_arn"),
      permissions_boundary_arn: platform.roleBoundary.arn,
      enable_gateway_url: true,
      gateway_url: gatewayOut("gateway_url"),
      runtime_kms_key_arn: platform.keys.storage.arn,
      platform_artifacts_kms_key_arn: platform.keys.platform_artifacts.arn,
      domain_artifacts_kms_key_arn: platform.keys.domain_artifacts.arn,
      storage_kms_key_arn: platform.keys.storage.arn,
      data_kms_key_arn: platform.keys.data.arn,
      permission_mode: agentsEnv.permission_mode,
      log_retention_days: agentsEnv.log_retention_days,
      artifacts_bucket_arn: agentsEnv.artifacts_bucket_arn,
      extra_s3_read_bucket_arns: agentsEnv.extra_s3_read_bucket_arns,
      prompt_registry_function_arn: agentsEnv.prompt_registry_function_arn,
      artifacts_table_name: agentsEnv.artifacts_table_name,
      idempotency_table_name: agentsEnv.idempotency_table_name,
      evaluation_table_name: agentsEnv.evaluation_table_name,
      // Flags decide what exists (docs/adr/0009-known-at-plan-decisions.md); here the configuration sets them.
      enable_codebuild: agentsEnv.codebuild_source_bucket_arn !== "",
      codebuild_source_bucket_arn: agentsEnv.codebuild_source_bucket_arn,
      inference_key_secret_arns: agentsEnv.inference_key_secret_arns,
      secrets_kms_key_arn: platform.keys.secrets.arn,
      // MCP-server agents without an authorizer accept the gateway's Cognito tokens; the outputs
      // are null without Cognito, and a null output is absent from the platform's state. The flag,
      // not the ids, decides (docs/adr/0009-known-at-plan-decisions.md).
      ...(gateway.authorizer === "cognito"
        ? {
            enable_cognito_authorizer: true,
            cognito_user_pool_id: gatewayOut("cognito_user_pool_id"),
            cognito_client_id: gatewayOut("cognito_client_id"),
          }
        : {}),
      ...declareSecretVariables(agentsStack, AGENTS_MODULE.inputs),
    }),
    { region: env.region },
  );
  addOutputs(agentsStack, AGENTS_MODULE.outputs, agents);
  if (agentsEnv.permission_mode === "development" && Object.keys(shape.agents).length > 0) {
    warn(
      `${env.sourceFile}: agents.permission_mode is "development": agents ${Object.keys(shape.agents).join(", ")} ` +
        'keep the placeholders bedrock:* and bedrock-agentcore:* on "*". ' +
        "Set permission_mode: production before going live.",
    );
  }

  const workflowsStack = stack("workflows");
  const workflows = WORKFLOWS_MODULE.create(
    workflowsStack,
    WORKFLOWS_MODULE.constructId,
    withDefaults(WORKFLOWS_MODULE.inputs, {
      name_prefix: env.name_prefix,
      environment: env.environment,
      account_id: env.account_id,
      workflows: shape.workflows,
      agent_runtime_arns: agents.byKey.runtimeArns,
      permissions_boundary_arn: platform.roleBoundary.arn,
      logs_kms_key_arn: platform.keys.storage.arn,
      log_retention_days: env.workflows.log_retention_days,
      log_level: env.workflows.log_level,
    }),
    { region: env.region },
  );
  addOutputs(workflowsStack, WORKFLOWS_MODULE.outputs, workflows);
  addMovedBlocks(
    { platform: platformStack, agents: agentsStack, workflows: workflowsStack },
    { platform, agents, workflows },
    shape,
  );

  const ordered = [stateStack, platformStack, agentsStack, workflowsStack];
  ordered.forEach((s, i) => {
    if (i === 0) return;
    s.addDependency(ordered[i - 1]);
    requireUpstream(s, ordered[i - 1]);
  });
  return { state: stateStack, platform: platformStack, agents: agentsStack, workflows: workflowsStack };
}

/**
 * Fails the plan of `stack` with a sentence a person understands when `upstream` has not been
 * deployed yet, instead of Terraform's "Unsupported attribute" on a remote-state output: a
 * postcondition on the remote-state lookup itself. (Not a `terraform_data` guard: cdktf validates
 * that resource by running `terraform version` during synthesis, which needs terraform installed.)
 */
function requireUpstream(stack: DeployStack, upstream: DeployStack): void {
  const remote: TerraformRemoteState = stack.registerIncomingCrossStackReference(upstream);
  remote.addOverride("lifecycle", {
    postcondition: [
      {
        condition: "${length(keys(self.outputs)) > 0}",
        error_message:
          `The "${upstream.stackName}" stack has no outputs in its state: it has not been deployed yet. ` +
          `Deploy the stacks in order: ${DEPLOY_COMMAND}.`,
      },
    ],
  });
}
