import { Construct } from "constructs";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { ModuleDefinition } from "../../lib/hosts/module-definition";
import { InputValues, emitTo } from "../../lib/module-io";
import { orDefault } from "../../lib/tf-expr";

export const PLATFORM_INPUTS = {
  name_prefix: { type: "string", description: "Prefix of every resource name, e.g. `acme`." },
  environment: { type: "string", description: "Environment name, e.g. `dev`; part of every resource name." },
  ssm_root_path: {
    type: "string",
    default: "",
    description: "SSM parameter path under which the platform publishes its outputs. Empty: `/<name_prefix>/<environment>`.",
    validation: [{ condition: 'var.ssm_root_path == "" || can(regex("^(/[A-Za-z0-9_.-]+)+$", var.ssm_root_path))', errorMessage: "ssm_root_path must be empty or an absolute SSM path such as /acme/dev (no trailing slash)." }],
  },
  state_bucket_name: { type: "string", description: "Name of the Terraform state bucket (output `state_bucket_name` of the state module)." },
  state_kms_key_arn: { type: "string", description: "ARN of the key that encrypts Terraform state (output `state_kms_key_arn` of the state module)." },
} as const;

export type PlatformInputs = InputValues<typeof PLATFORM_INPUTS>;

/**
 * The shared platform every agent runs on. It publishes its facts as SSM parameters under
 * `ssm_root_path`, where agents (`SsmParameterRead`) and tools find them.
 */
export class Platform extends Construct {
  readonly namePrefix: string;
  readonly environment: string;
  readonly ssmRootPath: string;
  readonly parameters: Record<string, SsmParameter> = {};

  constructor(scope: Construct, id: string, inputs: PlatformInputs) {
    super(scope, id);
    this.namePrefix = inputs.name_prefix;
    this.environment = inputs.environment;
    this.ssmRootPath = orDefault(inputs.ssm_root_path, `/${inputs.name_prefix}/${inputs.environment}`);

    const ssm = emitTo(new Construct(this, "ssm"), "ssm");
    const publish = (key: string, name: string, value: string, description: string) => {
      this.parameters[key] = new SsmParameter(ssm, key, { name: `${this.ssmRootPath}/${name}`, type: "String", value, description });
    };
    publish("state_bucket_name", "state/bucket-name", inputs.state_bucket_name, "Terraform state bucket of this platform");
    publish("state_kms_key_arn", "state/kms-key-arn", inputs.state_kms_key_arn, "KMS key that encrypts this platform's Terraform state");
    publish("name_prefix", "platform/name-prefix", inputs.name_prefix, "Name prefix of this platform");
  }
}

export const PLATFORM_MODULE: ModuleDefinition<typeof PLATFORM_INPUTS, Platform, unknown> = {
  path: "platform",
  description: "The shared platform of an AgentCore deployment, publishing its facts under an SSM root path.",
  inputs: PLATFORM_INPUTS,
  constructId: "platform",
  create: (scope, id, inputs) => new Platform(scope, id, inputs),
  outputs: {
    name_prefix: { description: "Name prefix of the platform, read back from its SSM parameter so that consumers depend on the deployed platform.", value: (c) => c.parameters.name_prefix.value },
    ssm_root_path: { description: "SSM path under which the platform publishes its outputs.", value: (c) => c.ssmRootPath },
  },
};
