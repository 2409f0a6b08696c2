/** A synthesized Terraform configuration the rules inspect: a deploy stack or a registry module. */
export interface TerraformDocument {
  /** `stack platform` or `module platform/modules/agentcore`. */
  readonly name: string;
  readonly json: Record<string, any>;
  /**
   * The environment's agent permission mode when known (deploy stacks); undefined for modules,
   * whose mode is a variable.
   */
  readonly permissionMode?: "development" | "production";
  /**
   * For a document rendered from one blueprint: the file, and the fields its policies grow with,
   * so that a size finding names what to change there.
   */
  readonly origin?: { readonly file: string; readonly sizeDrivers: string };
}

export interface Finding {
  /** Terraform address, e.g. `aws_iam_role.agents_support_iam_role`. */
  readonly resource: string;
  readonly message: string;
}

/** One check of the generated configuration: a small pure function plus what a person needs. */
export interface Rule {
  readonly id: string;
  readonly title: string;
  /** Why the rule exists. */
  readonly why: string;
  /** How to fix a violation. */
  readonly fix: string;
  check(doc: TerraformDocument): Finding[];
}

/** Every resource of one type in a document, with its address. */
export function resourcesOf(doc: TerraformDocument, type: string): { address: string; body: Record<string, any> }[] {
  return Object.entries((doc.json.resource?.[type] ?? {}) as Record<string, Record<string, any>>).map(
    ([name, body]) => ({ address: `${type}.${name}`, body }),
  );
}
