import { Construct } from "constructs";
import type { IResolvable } from "cdktf";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { AwsContext } from "../../lib/aws-context";
import { NAMING_INPUTS } from "../../lib/common-inputs";
import type { ModuleDefinition } from "../../lib/hosts/module-definition";
import { type NestedModule, hostNested } from "../../lib/hosts/nested-module";
import { policyDocument } from "../../lib/iam/policy-document";
import { renderStatements } from "../../lib/iam/statement-table";
import { type InputValues, type OutputTable, emitTo } from "../../lib/module-io";
import { countIf } from "../../lib/tf-count";
import { orDefault } from "../../lib/tf-expr";
import { AGENTCORE_INPUTS, AGENTCORE_MODULE, type AgentCore } from "./modules/agentcore";
import { PLATFORM_KEYS, PLATFORM_KEY_NAMES, PLATFORM_KEY_POLICY, type PlatformKeyName, keyAliasName } from "./kms";
import { ROLE_BOUNDARY_STATEMENTS } from "./boundary";

/** Inputs of the gateway module that the platform passes through unchanged. */
const {
  name_prefix: _n,
  environment: _e,
  account_id: _a,
  kms_key_arn: _k,
  ssm_root_path: _r,
  ...GATEWAY_PASSTHROUGH
} = AGENTCORE_INPUTS;

export const PLATFORM_INPUTS = {
  ...NAMING_INPUTS,
  // With the gateway name's check: the platform's plan refuses what its gateway module would.
  name_prefix: AGENTCORE_INPUTS.name_prefix,
  ssm_root_path: {
    type: "string",
    default: "",
    description:
      "SSM parameter path under which the platform publishes its outputs. Empty: `/<name_prefix>/<environment>`.",
    validation: [
      {
        condition: 'var.ssm_root_path == "" || can(regex("^(/[A-Za-z0-9_.-]+)+$", var.ssm_root_path))',
        errorMessage: "ssm_root_path must be empty or an absolute SSM path such as /acme/dev (no trailing slash).",
      },
    ],
  },
  kms_deletion_window_in_days: {
    type: "number",
    default: 30,
    description: "Days between scheduling a platform KMS key for deletion and its deletion (7-30).",
    validation: [
      {
        condition: "var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30",
        errorMessage: "kms_deletion_window_in_days must be between 7 and 30.",
      },
    ],
  },
  enable_state_parameters: {
    type: "bool",
    default: false,
    description:
      "Publish `state_bucket_name` and `state_kms_key_arn` as SSM parameters under the SSM root path. " +
      "A flag rather than a test of the values, so that the parameters' count is known at plan even when the " +
      "state module is applied in the same root (its outputs are unknown until then). True needs both values.",
    validation: [
      {
        condition: '!var.enable_state_parameters || (var.state_bucket_name != "" && var.state_kms_key_arn != "")',
        errorMessage: "enable_state_parameters = true needs state_bucket_name and state_kms_key_arn.",
      },
      {
        condition: 'var.enable_state_parameters || (var.state_bucket_name == "" && var.state_kms_key_arn == "")',
        errorMessage:
          "state_bucket_name or state_kms_key_arn is set but enable_state_parameters is false, " +
          "so it would not be published: set enable_state_parameters = true.",
      },
    ],
  },
  state_bucket_name: {
    type: "string",
    default: "",
    description:
      "Terraform state bucket to publish under the SSM root path " +
      "(output `state_bucket_name` of the state module), with `enable_state_parameters`.",
  },
  state_kms_key_arn: {
    type: "string",
    default: "",
    description:
      "Key that encrypts Terraform state, published likewise " +
      "(output `state_kms_key_arn` of the state module), with `enable_state_parameters`.",
  },
  ...GATEWAY_PASSTHROUGH,
} as const;

export type PlatformInputs = InputValues<typeof PLATFORM_INPUTS>;

export interface PlatformHost {
  readonly region?: string;
  /** True in the registry module: call `./modules/agentcore` instead of defining it inline. */
  readonly agentcoreAsModuleCall: boolean;
}

/**
 * The shared platform every agent runs on: five customer-managed KMS keys, the AgentCore gateway
 * (nested module `agentcore`), and SSM parameters under `ssm_root_path` publishing its facts for
 * agents (`SsmParameterRead`) and tools.
 */
export class Platform extends Construct {
  readonly aws: AwsContext;
  readonly namePrefix: string;
  readonly ssmRootPath: string;
  readonly keys = {} as Record<PlatformKeyName, KmsKey>;
  readonly aliases = {} as Record<PlatformKeyName, KmsAlias>;
  readonly agentcore: NestedModule<AgentCore>;
  readonly parameters: Record<string, SsmParameter> = {};
  readonly roleBoundary: IamPolicy;

  constructor(scope: Construct, id: string, inputs: PlatformInputs, host: PlatformHost) {
    super(scope, id);
    this.aws = new AwsContext(this, "context", { accountId: inputs.account_id, region: host.region });
    const stem = `${inputs.name_prefix}-${inputs.environment}`;
    this.ssmRootPath = orDefault(inputs.ssm_root_path, `/${inputs.name_prefix}/${inputs.environment}`);

    const kms = emitTo(new Construct(this, "kms"), "kms");
    const keyPolicy = policyDocument(renderStatements(PLATFORM_KEY_POLICY, this.aws));
    for (const name of PLATFORM_KEY_NAMES) {
      this.keys[name] = new KmsKey(kms, name, {
        description: `${stem} ${name}: ${PLATFORM_KEYS[name].protects}`,
        enableKeyRotation: true,
        deletionWindowInDays: inputs.kms_deletion_window_in_days,
        policy: keyPolicy,
      });
      this.aliases[name] = new KmsAlias(kms, `${name}_alias`, {
        name: keyAliasName(stem, name),
        targetKeyId: this.keys[name].keyId,
      });
    }

    const {
      name_prefix,
      environment,
      account_id,
      ssm_root_path: _s,
      kms_deletion_window_in_days: _d,
      enable_state_parameters: _p,
      state_bucket_name: _b,
      state_kms_key_arn: _k2,
      ...passthrough
    } = inputs;
    const main = emitTo(new Construct(this, "gateway"), "main");
    this.agentcore = hostNested(
      main,
      AGENTCORE_MODULE,
      // The targets' credential parameters live under the platform's SSM root path.
      {
        name_prefix,
        environment,
        account_id,
        kms_key_arn: this.keys.platform_artifacts.arn,
        ssm_root_path: this.ssmRootPath,
        ...passthrough,
      },
      { region: host.region },
      host.agentcoreAsModuleCall,
    );

    // --- boundary.tf.json: what the deployer may let any role it creates do --------------------
    const boundary = emitTo(new Construct(this, "boundary"), "boundary");
    this.roleBoundary = new IamPolicy(boundary, "role_boundary", {
      name: `${stem}-role-boundary`,
      description: `Permissions boundary of every role the deployer of ${stem} creates (agents, builds, workflows)`,
      policy: policyDocument(renderStatements(ROLE_BOUNDARY_STATEMENTS, { aws: this.aws, stem })),
    });

    const ssm = emitTo(new Construct(this, "ssm"), "ssm");
    // Optional parameters exist by a flag, never by a value that may be unknown at plan.
    const publish = (key: string, name: string, value: string, description: string, onlyIf?: boolean | IResolvable) => {
      this.parameters[key] = new SsmParameter(ssm, key, {
        count: onlyIf === undefined ? undefined : countIf(onlyIf),
        name: `${this.ssmRootPath}/${name}`,
        type: "String",
        value,
        description,
      });
    };
    publish("name_prefix", "platform/name-prefix", inputs.name_prefix, "Name prefix of this platform");
    publish(
      "state_bucket_name",
      "state/bucket-name",
      inputs.state_bucket_name,
      "Terraform state bucket of this platform",
      inputs.enable_state_parameters,
    );
    publish(
      "state_kms_key_arn",
      "state/kms-key-arn",
      inputs.state_kms_key_arn,
      "KMS key that encrypts this platform's Terraform state",
      inputs.enable_state_parameters,
    );
    for (const name of PLATFORM_KEY_NAMES) {
      publish(
        `${name}_kms_key_arn`,
        `kms/${PLATFORM_KEYS[name].alias}/arn`,
        this.keys[name].arn,
        `ARN of the ${name} KMS key`,
      );
    }
    publish("gateway_id", "gateway/id", this.agentcore.output("gateway_id"), "Id of the AgentCore gateway");
    publish("gateway_arn", "gateway/arn", this.agentcore.output("gateway_arn"), "ARN of the AgentCore gateway");
    publish(
      "gateway_url",
      "gateway/url",
      this.agentcore.output("gateway_url"),
      "MCP endpoint of the AgentCore gateway",
    );
    publish(
      "gateway_role_arn",
      "gateway/role-arn",
      this.agentcore.output("gateway_role_arn"),
      "ARN of the gateway execution role",
    );
    this.namePrefix = this.parameters.name_prefix.value;
  }
}

/** Key outputs generated from the key table: `<key>_kms_key_arn`, `<key>_kms_alias_name`. */
const KEY_OUTPUTS: OutputTable<Platform> = Object.fromEntries(
  PLATFORM_KEY_NAMES.flatMap((name) => [
    [
      `${name}_kms_key_arn`,
      {
        description: `ARN of the ${name} KMS key (${PLATFORM_KEYS[name].protects}).`,
        value: (c: Platform) => c.keys[name].arn,
      },
    ],
    [
      `${name}_kms_alias_name`,
      { description: `Alias of the ${name} KMS key.`, value: (c: Platform) => c.aliases[name].name },
    ],
  ]),
);

/** Gateway outputs, re-exported from the nested module under the same names. */
const GATEWAY_OUTPUTS: OutputTable<Platform> = Object.fromEntries(
  Object.entries(AGENTCORE_MODULE.outputs).map(([name, spec]) => [
    name,
    {
      description: spec.description,
      value: (c: Platform) =>
        ["gateway_target_ids", "target_credential_provider_arns", "policy_ids"].includes(name)
          ? c.agentcore.outputMap(name)
          : c.agentcore.output(name),
    },
  ]),
);

export const PLATFORM_MODULE: ModuleDefinition<typeof PLATFORM_INPUTS, Platform, PlatformHost> = {
  path: "platform",
  description:
    "The shared platform of an AgentCore deployment: five customer-managed KMS keys with rotation (data, " +
    "storage, secrets, platform_artifacts, domain_artifacts), the AgentCore gateway with its execution role " +
    "(nested module `agentcore`), and SSM parameters under an SSM root path that publish the platform's outputs.",
  inputs: PLATFORM_INPUTS,
  notes:
    "With `enable_cognito = true` the Cognito app client's secret is an attribute " +
    "of `aws_cognito_user_pool_client` and therefore stored in Terraform state; " +
    "the OAuth2 credential provider receives it write-only (`client_secret_wo`, " +
    "Terraform >= 1.11) and keeps no copy. Keep state in an encrypted backend readable only by the deploy role. " +
    "Cedar policies come in through `policies`; the engine starts in `LOG_ONLY` (`policy_engine_mode`). " +
    "The module checks policy names, sizes and that each names the gateway; it cannot check Cedar syntax or " +
    "schema at plan time (AgentCore does at create, with `policy_validation_mode = FAIL_ON_ANY_FINDINGS`), " +
    "so validate policies before a plan where you can (the cdktf path runs cedar-wasm on every synthesis).",
  constructId: "platform",
  create: (scope, id, inputs, host) => new Platform(scope, id, inputs, host),
  outputs: {
    name_prefix: {
      description:
        "Name prefix of the platform, read back from its SSM parameter so that consumers " +
        "depend on the deployed platform.",
      value: (c) => c.namePrefix,
    },
    ssm_root_path: {
      description: "SSM path under which the platform publishes its outputs.",
      value: (c) => c.ssmRootPath,
    },
    role_permissions_boundary_arn: {
      description:
        "ARN of the permissions boundary every role of the agents and workflows modules carries, and that the " +
        "deployer policy requires on every role it creates (input `permissions_boundary_arn` of those modules).",
      value: (c) => c.roleBoundary.arn,
    },
    ...KEY_OUTPUTS,
    ...GATEWAY_OUTPUTS,
  },
};
