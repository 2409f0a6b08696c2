import type { Construct } from "constructs";
import { type TerraformMetaArguments, TerraformResource } from "cdktf";

/**
 * One block of a strategy, present when its `forEach` (a Terraform list of none or one value)
 * holds a value; `content` reads that value as `<block>.value`.
 */
export interface DynamicBlock {
  readonly forEach: unknown;
  readonly content: Record<string, unknown>;
}

export interface BedrockagentcoreMemoryStrategyConfig extends TerraformMetaArguments {
  readonly memoryId: string;
  /** Letters, digits and underscores, starting with a letter; at most 48 characters. */
  readonly name: string;
  /** `SEMANTIC`, `SUMMARIZATION`, `USER_PREFERENCE`, `EPISODIC` or `CUSTOM`. Forces replacement. */
  readonly type: string;
  /** Exactly one namespace template (the service deprecated `namespaces` for these). */
  readonly namespaceTemplates: string[];
  readonly description?: string;
  /** `configuration { type, extraction, consolidation, reflection }`: CUSTOM strategies only. */
  readonly configuration?: DynamicBlock;
  /** `reflection_configuration { namespace_templates }`: EPISODIC strategies only. */
  readonly reflectionConfiguration?: DynamicBlock;
}

/**
 * `aws_bedrockagentcore_memory_strategy` as hashicorp/aws 6.66.0 has it. The 6.25.0 bindings
 * know the resource but not what it became: `namespace_templates` (they require the deprecated
 * `namespaces`), EPISODIC strategies with `reflection_configuration`, and the `reflection` step of
 * a CUSTOM strategy's configuration. Checked against the pinned schema in
 * `__tests__/provider-schema.test.ts`.
 */
export class BedrockagentcoreMemoryStrategy extends TerraformResource {
  static readonly tfResourceType = "aws_bedrockagentcore_memory_strategy";

  constructor(
    scope: Construct,
    id: string,
    private readonly config: BedrockagentcoreMemoryStrategyConfig,
  ) {
    super(scope, id, {
      terraformResourceType: BedrockagentcoreMemoryStrategy.tfResourceType,
      terraformGeneratorMetadata: { providerName: "aws" },
      ...config,
    });
  }

  get memoryStrategyId(): string {
    return this.getStringAttribute("memory_strategy_id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    const dynamic = Object.fromEntries(
      Object.entries({
        configuration: this.config.configuration,
        reflection_configuration: this.config.reflectionConfiguration,
      })
        .filter(([, block]) => block !== undefined)
        .map(([name, block]) => [name, { for_each: block!.forEach, content: block!.content }]),
    );
    return {
      memory_id: this.config.memoryId,
      name: this.config.name,
      type: this.config.type,
      namespace_templates: this.config.namespaceTemplates,
      description: this.config.description,
      ...(Object.keys(dynamic).length ? { dynamic } : {}),
    };
  }
}
