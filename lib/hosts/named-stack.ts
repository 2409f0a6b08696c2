import { type Construct, Node } from "constructs";
import { type TerraformElement, TerraformStack } from "cdktf";
import { tfIdentifier } from "../naming";

/**
 * A stack whose Terraform addresses are the construct path in snake_case, without cdktf's hash
 * suffix: `aws_iam_role.agents_support_execution_role` rather than `..._role_A1B2C3D4`. Construct
 * ids are therefore public API (renaming one moves the resource), and two paths that map to the
 * same address are an error instead of a silent hash.
 */
export class NamedStack extends TerraformStack {
  private readonly allocated = new Map<string, string>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
  }

  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = element instanceof Node ? element : element.node;
    const scopes = node.scopes;
    const parts = scopes.slice(scopes.indexOf(this) + 1).map((c) => tfIdentifier(c.node.id));
    const id = parts.join("_").replace(/_+/g, "_");
    const owner = this.allocated.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new Error(
        `Two constructs map to the Terraform name "${id}": ${owner} and ${node.path}. Give one of them another id.`,
      );
    }
    this.allocated.set(id, node.path);
    return id;
  }
}
