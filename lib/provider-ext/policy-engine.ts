import type { Construct } from "constructs";
import { type TerraformMetaArguments, TerraformResource, Token } from "cdktf";

export interface BedrockagentcorePolicyEngineConfig extends TerraformMetaArguments {
  /** Letters, digits and underscores, starting with a letter; at most 48 characters. Forces replacement. */
  readonly name: string;
  readonly description?: string;
  /** Customer-managed key; AWS-managed when unset. Forces replacement. */
  readonly encryptionKeyArn?: string;
  readonly tags?: Record<string, string>;
}

/** `aws_bedrockagentcore_policy_engine` (hashicorp/aws >= 6.47.0). */
export class BedrockagentcorePolicyEngine extends TerraformResource {
  static readonly tfResourceType = "aws_bedrockagentcore_policy_engine";

  constructor(
    scope: Construct,
    id: string,
    private readonly config: BedrockagentcorePolicyEngineConfig,
  ) {
    super(scope, id, {
      terraformResourceType: BedrockagentcorePolicyEngine.tfResourceType,
      terraformGeneratorMetadata: { providerName: "aws" },
      ...config,
    });
  }

  get policyEngineArn(): string {
    return this.getStringAttribute("policy_engine_arn");
  }

  get policyEngineId(): string {
    return this.getStringAttribute("policy_engine_id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      name: this.config.name,
      description: this.config.description,
      encryption_key_arn: this.config.encryptionKeyArn,
      tags: this.config.tags,
    };
  }
}

export interface BedrockagentcorePolicyConfig extends TerraformMetaArguments {
  /** Letters, digits and underscores, starting with a letter; 1-48 characters. Forces replacement. */
  readonly name: string;
  readonly policyEngineId: string;
  /** The Cedar statement (35-10,000 characters). */
  readonly statement: string;
  readonly description?: string;
  /** `FAIL_ON_ANY_FINDINGS` (AWS default) or `IGNORE_ALL_FINDINGS`. */
  readonly validationMode?: string;
}

/**
 * `aws_bedrockagentcore_policy` (hashicorp/aws >= 6.50.0): `definition { cedar { statement } }`.
 * Checked against the pinned schema in `__tests__/provider-schema.test.ts`.
 */
export class BedrockagentcorePolicy extends TerraformResource {
  static readonly tfResourceType = "aws_bedrockagentcore_policy";

  constructor(
    scope: Construct,
    id: string,
    private readonly config: BedrockagentcorePolicyConfig,
  ) {
    super(scope, id, {
      terraformResourceType: BedrockagentcorePolicy.tfResourceType,
      terraformGeneratorMetadata: { providerName: "aws" },
      ...config,
    });
  }

  get policyArn(): string {
    return this.getStringAttribute("policy_arn");
  }

  get policyId(): string {
    return this.getStringAttribute("policy_id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return {
      name: this.config.name,
      policy_engine_id: this.config.policyEngineId,
      description: this.config.description,
      validation_mode: this.config.validationMode,
      definition: [{ cedar: [{ statement: this.config.statement }] }],
    };
  }
}

/**
 * The gateway's `policy_engine_configuration { arn, mode }` block (hashicorp/aws >= 6.50.0),
 * which the 6.25.0 bindings of `aws_bedrockagentcore_gateway` lack: one block per ARN of `arns`
 * (a Terraform list of none or one engine ARN), so the engine is attached exactly when it exists.
 */
export function attachPolicyEngine(gateway: TerraformResource, config: { arns: unknown; mode: string }): void {
  gateway.addOverride("dynamic.policy_engine_configuration", {
    for_each: Token.asString(config.arns),
    content: { arn: "${policy_engine_configuration.value}", mode: config.mode },
  });
}
