import type { Rule } from "./rule";

/** Variable names that carry secrets. */
export const SECRET_NAME = /(api_key|secret|password|token|private_key|credential)/i;
/** Names of references to secrets (an ARN, a name, an id), which are not secrets themselves. */
export const SECRET_REFERENCE = /_(arns?|names?|ids?)$/i;

export const sensitiveVariables: Rule = {
  id: "AC007",
  title: "Every secret-carrying variable is sensitive",
  why:
    "Terraform prints non-sensitive values in plans and logs; " +
    "a secret variable without `sensitive = true` leaks into CI output.",
  fix: "Mark the input `sensitive: true` in its module's input table.",
  check(doc) {
    return Object.entries((doc.json.variable ?? {}) as Record<string, { sensitive?: boolean }>)
      .filter(([name, v]) => SECRET_NAME.test(name) && !SECRET_REFERENCE.test(name) && v.sensitive !== true)
      .map(([name]) => ({ resource: `var.${name}`, message: "looks like a secret but is not sensitive" }));
  },
};
