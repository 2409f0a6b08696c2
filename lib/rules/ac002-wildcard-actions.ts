import type { Rule } from "./rule";
import { identityPolicies } from "./iam-documents";
import { asList } from "./policy-text";

/**
 * Seed 002's documented development placeholders: the agent role's BedrockInvoke and
 * AgentCoreActions statements (modules/agents/permissions.ts), allowed only outside production.
 */
export const DEVELOPMENT_PLACEHOLDERS: Readonly<Record<string, string>> = {
  BedrockInvoke: "bedrock:*",
  AgentCoreActions: "bedrock-agentcore:*",
};

export const noWildcardActions: Rule = {
  id: "AC002",
  title: "No wildcard actions",
  why: "`*` or `<service>:*` grants every current and future action of a service; least privilege names the actions.",
  fix:
    "Enumerate the actions the role needs. " +
    "The only allowed service wildcards are seed 002's development placeholders " +
    "(BedrockInvoke `bedrock:*`, AgentCoreActions `bedrock-agentcore:*`), " +
    "and none in production: set `agents.permission_mode: production`.",
  check(doc) {
    const findings = [];
    for (const { address, policy } of identityPolicies(doc)) {
      for (const s of policy.Statement) {
        if (s.Effect !== "Allow") continue;
        for (const action of asList(s.Action)) {
          if (action !== "*" && !action.endsWith(":*")) continue;
          const placeholder = s.Sid !== undefined && DEVELOPMENT_PLACEHOLDERS[s.Sid] === action;
          if (placeholder && doc.permissionMode !== "production") continue;
          findings.push({
            resource: address,
            message: placeholder
              ? `statement ${s.Sid} keeps the development placeholder ${action} in a production environment`
              : `statement ${s.Sid ?? "(no Sid)"} grants the wildcard action ${action}`,
          });
        }
      }
    }
    return findings;
  },
};
