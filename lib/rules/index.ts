import { confusedDeputy } from "./ac001-confused-deputy";
import { noWildcardActions } from "./ac002-wildcard-actions";
import { actionsExist } from "./ac003-actions-exist";
import { kmsRotation } from "./ac004-kms-rotation";
import { logGroups } from "./ac005-log-groups";
import { s3Buckets } from "./ac006-s3-buckets";
import { sensitiveVariables } from "./ac007-sensitive-variables";
import { iamQuotas } from "./ac008-iam-quotas";
import { actionResources } from "./ac009-action-resources";
import type { Finding, Rule, TerraformDocument } from "./rule";

/** The rule pack, run on every synthesis (RULES.md is generated from it). */
export const RULES: readonly Rule[] = [
  confusedDeputy,
  noWildcardActions,
  actionsExist,
  kmsRotation,
  logGroups,
  s3Buckets,
  sensitiveVariables,
  iamQuotas,
  actionResources,
];

/**
 * Deliberate exceptions, each with its reason. Keep this list short: every entry is a place where
 * the generated configuration is knowingly weaker than a rule asks.
 */
export const RULE_EXCEPTIONS: readonly { rule: string; resource: RegExp; reason: string }[] = [
  {
    rule: "AC002",
    resource: /^aws_iam_policy\.(platform_)?boundary_role_boundary$/,
    reason:
      "The platform's role permissions boundary grants nothing by itself: it caps every role the deployer creates " +
      "at the services their tables use (as service wildcards), at iam:GetRole, and at iam:PassRole of the " +
      "platform's bounded roles to AgentCore only, while each role's own policy names its actions.",
  },
];

export interface Violation extends Finding {
  readonly rule: Rule;
  readonly document: string;
}

export function runRules(docs: readonly TerraformDocument[], rules: readonly Rule[] = RULES): Violation[] {
  const violations: Violation[] = [];
  for (const doc of docs) {
    for (const rule of rules) {
      for (const f of rule.check(doc)) {
        if (RULE_EXCEPTIONS.some((e) => e.rule === rule.id && e.resource.test(f.resource))) continue;
        violations.push({ ...f, rule, document: doc.name });
      }
    }
  }
  return violations;
}

/** Synthesis stops on any violation; the message names the rule, the resource and the fix. */
export class RuleViolations extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(
      violations.map((v) => `[${v.rule.id}] ${v.document}: ${v.resource} ${v.message}. Fix: ${v.rule.fix}`).join("\n"),
    );
    this.name = "RuleViolations";
  }
}
