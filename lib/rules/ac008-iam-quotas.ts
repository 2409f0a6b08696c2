import { Rule } from "./rule";
import { rolesOf } from "./iam-documents";

/** IAM quotas in characters, whitespace not counted (IAM and STS quotas). */
export const IAM_QUOTAS = { inlinePerRole: 10_240, trustPolicy: 2_048 } as const;

export const iamQuotas: Rule = {
  id: "AC008",
  title: "Every role's policies fit the IAM quotas",
  why: "IAM rejects a role whose inline policies exceed 10,240 characters in total or whose trust policy exceeds 2,048; apply would fail halfway.",
  fix: "Split the agent into fewer features, shorten names, or move statements to a managed policy (6,144 characters each).",
  check(doc) {
    const findings = [];
    // A module's permission mode is a variable; its two settings exclude each other, so each is measured.
    const settings = doc.permissionMode ? [{}] : [{ "var.permission_mode": "development" }, { "var.permission_mode": "production" }];
    const largest = new Map<string, { role: string; total: number; trust?: number }>();
    for (const assume of settings) {
      for (const { role, trust, inline } of rolesOf(doc, { assume })) {
        const total = inline.reduce((n, p) => n + p.policy.size, 0);
        const seen = largest.get(role);
        if (!seen || seen.total < total) largest.set(role, { role, total, trust: trust?.size });
      }
    }
    for (const { role, total, trust } of largest.values()) {
      if (total > IAM_QUOTAS.inlinePerRole) findings.push({ resource: role, message: `inline policies total about ${total} characters, over ${IAM_QUOTAS.inlinePerRole}` });
      if (trust !== undefined && trust > IAM_QUOTAS.trustPolicy) findings.push({ resource: role, message: `trust policy has about ${trust} characters, over ${IAM_QUOTAS.trustPolicy}` });
    }
    return findings;
  },
};
