import type { Construct } from "constructs";
import { type ITerraformIterator, TerraformElement } from "cdktf";

/**
 * An ephemeral resource (`ephemeral "<type>" "<name>" { ... }`, Terraform >= 1.10): a value read
 * at plan and apply time that Terraform never writes to state or plan files, for write-only
 * arguments (`*_wo`). cdktf 0.21 has no construct for the `ephemeral` block; this is the one
 * escape hatch for it. References are `ephemeral.<type>.<name>`, through `fqn`.
 */
export class EphemeralResource extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    readonly ephemeralType: string,
    private readonly attributes: Record<string, unknown>,
    private readonly forEach?: ITerraformIterator,
  ) {
    super(scope, id, `ephemeral.${ephemeralType}`);
  }

  toTerraform(): Record<string, unknown> {
    const forEach = (this.forEach as { _getForEachExpression?: () => unknown } | undefined)?._getForEachExpression?.();
    return {
      ephemeral: {
        [this.ephemeralType]: {
          [this.friendlyUniqueId]: {
            ...this.attributes,
            ...(forEach === undefined ? {} : { for_each: forEach }),
            "//": this.constructNodeMetadata,
          },
        },
      },
    };
  }
}
