import type { Rule } from "./rule";
import { rolesOf } from "./iam-documents";
import { asList } from "./policy-text";

/** Services that send aws:SourceArn when they assume a role, so both conditions can be required. */
const SOURCE_ARN_SERVICES = [
  "bedrock-agentcore.amazonaws.com",
  "states.amazonaws.com",
  "events.amazonaws.com",
  "codebuild.amazonaws.com",
];

export const confusedDeputy: Rule = {
  id: "AC001",
  title: "Service roles carry confused-deputy conditions",
  why:
    "A role trusted by a service principal without aws:SourceAccount and aws:SourceArn " +
    "can be assumed by that service acting for another account or resource (confused deputy).",
  fix:
    "Add `StringEquals aws:SourceAccount = <account>` " +
    "and `ArnLike aws:SourceArn = <the resources that may assume it>` to the trust statement " +
    "(lib/iam/trust.ts does this for AgentCore).",
  check(doc) {
    const findings = [];
    for (const { role, trust } of rolesOf(doc)) {
      for (const s of trust?.Statement ?? []) {
        const principal = s.Principal as { Service?: string | string[] } | undefined;
        const services = asList(principal?.Service);
        if (s.Effect !== "Allow" || services.length === 0) continue;
        const account = s.Condition?.StringEquals?.["aws:SourceAccount"];
        const sourceArn = s.Condition?.ArnLike?.["aws:SourceArn"] ?? s.Condition?.ArnEquals?.["aws:SourceArn"];
        if (account === undefined)
          findings.push({
            resource: role,
            message: `trusts ${services.join(", ")} without StringEquals aws:SourceAccount`,
          });
        if (sourceArn === undefined && services.some((svc) => SOURCE_ARN_SERVICES.includes(svc))) {
          findings.push({ resource: role, message: `trusts ${services.join(", ")} without ArnLike aws:SourceArn` });
        }
      }
    }
    return findings;
  },
};
