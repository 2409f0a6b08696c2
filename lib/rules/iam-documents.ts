import { type TerraformDocument, resourcesOf } from "./rule";
import { type ParseOptions, type ParsedPolicy, parsePolicy } from "./policy-text";

export interface RolePolicies {
  readonly role: string;
  readonly trust?: ParsedPolicy;
  readonly inline: { address: string; policy: ParsedPolicy }[];
}

/** Every role of a document with its trust policy and inline policies, parsed. */
export function rolesOf(doc: TerraformDocument, opts: ParseOptions = {}): RolePolicies[] {
  const roles = new Map<string, RolePolicies>();
  for (const { address, body } of resourcesOf(doc, "aws_iam_role")) {
    roles.set(address, {
      role: address,
      trust: typeof body.assume_role_policy === "string" ? parsePolicy(body.assume_role_policy, opts) : undefined,
      inline: [],
    });
  }
  for (const { address, body } of resourcesOf(doc, "aws_iam_role_policy")) {
    const roleRef = /aws_iam_role\.([A-Za-z0-9_-]+)/.exec(String(body.role));
    const role = roleRef ? `aws_iam_role.${roleRef[1]}` : address;
    const entry = roles.get(role) ?? { role, inline: [] };
    entry.inline.push({ address, policy: parsePolicy(String(body.policy), opts) });
    roles.set(role, entry);
  }
  return [...roles.values()];
}

/** Identity policies: inline role policies and managed policies. */
export function identityPolicies(doc: TerraformDocument): { address: string; policy: ParsedPolicy }[] {
  return [
    ...resourcesOf(doc, "aws_iam_role_policy").map(({ address, body }) => ({
      address,
      policy: parsePolicy(String(body.policy)),
    })),
    ...resourcesOf(doc, "aws_iam_policy").map(({ address, body }) => ({
      address,
      policy: parsePolicy(String(body.policy)),
    })),
  ];
}
