import { type Rule, resourcesOf } from "./rule";
import { parsePolicy } from "./policy-text";
import { rolesOf } from "./iam-documents";

/** IAM quotas in characters, whitespace not counted (IAM and STS quotas). */
export const IAM_QUOTAS = { inlinePerRole: 10_240, trustPolicy: 2_048, managedPolicy: 6_144 } as const;

export const iamQuotas: Rule = {
  id: "AC008",
  title: "Every role's policies fit the IAM quotas",
  why:
    "IAM rejects a role whose inline policies exceed 10,240 characters in total, " +
    "a trust policy over 2,048 and a managed policy over 6,144; apply would fail halfway.",
  fix:
    "Split the agent into fewer features, shorten names, " +
    "or move statements to a managed policy (6,144 characters each).",
  check(doc) {
    const findings = [];
    // A module's permission mode is a variable; its two settings exclude each other, so each is measured.
    const settings = doc.permissionMode
      ? [{}]
      : [{ "var.permission_mode": "development" }, { "var.permission_mode": "production" }];
    const largest = new Map<string, { role: string; total: number; trust?: number }>();
    for (const assume of settings) {
      for (const { role, trust, inline } of rolesOf(doc, { assume })) {
        const total = inline.reduce((n, p) => n + p.policy.size, 0);
        const seen = largest.get(role);
        if (!seen || seen.total < total) largest.set(role, { role, total, trust: trust?.size });
      }
    }
    for (const { role, total, trust } of largest.values()) {
      if (total > IAM_QUOTAS.inlinePerRole)
        findings.push({
          resource: role,
          message:
            `inline policies total about ${total} characters, over ${IAM_QUOTAS.inlinePerRole}` +
            (doc.origin ? ` (${doc.origin.file}: ${doc.origin.sizeDrivers})` : ""),
        });
      if (trust !== undefined && trust > IAM_QUOTAS.trustPolicy)
        findings.push({
          resource: role,
          message: `trust policy has about ${trust} characters, over ${IAM_QUOTAS.trustPolicy}`,
        });
    }
    for (const { address, body } of resourcesOf(doc, "aws_iam_policy")) {
      const size = Math.max(...settings.map((assume) => parsePolicy(String(body.policy), { assume }).size));
      if (size > IAM_QUOTAS.managedPolicy)
        findings.push({
          resource: address,
          message: `managed policy has about ${size} characters, over ${IAM_QUOTAS.managedPolicy}`,
        });
    }
    return findings;
  },
};
