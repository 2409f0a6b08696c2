import { Fn, Token } from "cdktf";
import { z } from "zod";
import { InputError } from "./errors";

/**
 * Names AWS or Terraform would reject, checked when the configuration is loaded instead of at
 * apply time. Each rule says what is allowed, so the error can say it too.
 */

/**
 * Each rule once, used by the configuration schema and by the emitted module's variable
 * validation alike.
 */
export const NAME_PREFIX_RULE = {
  pattern: "^[a-z][a-z0-9-]{0,14}[a-z0-9]$",
  message: "must be 2-16 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
};
export const ENVIRONMENT_RULE = {
  pattern: "^[a-z][a-z0-9]{0,9}$",
  message: "must be 1-10 characters: lowercase letters and digits, starting with a letter (e.g. dev, staging, prod)",
};

/** A Terraform `validation` block enforcing a rule on `var.<name>`. */
export function tfRule(name: string, rule: { pattern: string; message: string }) {
  return { condition: `can(regex(${JSON.stringify(rule.pattern)}, var.${name}))`, errorMessage: `${name} ${rule.message}.` };
}

/** Used in bucket names, role names, KMS aliases and log groups: the strictest of them (S3). */
export const namePrefix = z.string().regex(new RegExp(NAME_PREFIX_RULE.pattern), NAME_PREFIX_RULE.message);

export const environmentName = z.string().regex(new RegExp(ENVIRONMENT_RULE.pattern), ENVIRONMENT_RULE.message);

export const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "must be an AWS region code such as us-east-1 or eu-west-2");

export const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, "must be a 12-digit AWS account id, quoted so YAML keeps it a string (e.g. \"123456789012\")");

/** S3 general-purpose bucket naming rules. */
export const s3BucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit")
  .refine((n) => !n.includes(".."), "must not contain two adjacent dots")
  .refine((n) => !/^\d+\.\d+\.\d+\.\d+$/.test(n), "must not be formatted as an IP address")
  .refine((n) => !n.startsWith("xn--") && !n.startsWith("sthree-"), "must not start with xn-- or sthree-")
  .refine((n) => !n.endsWith("-s3alias") && !n.endsWith("--ol-s3"), "must not end with -s3alias or --ol-s3");

/** AWS tag keys and values (the subset every service accepts). */
export const tagMap = z.record(
  z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u, "tag keys must be 1-128 letters, digits, spaces or _ . : / = + - @").refine((k) => !k.startsWith("aws:"), "tag keys must not start with aws:"),
  z.string().regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u, "tag values must be 0-256 letters, digits, spaces or _ . : / = + - @"),
);

/** IAM role names are at most 64 characters; a name built from parts is checked when it is built. */
export const IAM_ROLE_NAME_MAX = 64;

/**
 * A construct id or agent key turned into a Terraform identifier fragment: lowercase, with
 * underscores for anything else.
 */
export function tfIdentifier(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, "_").toLowerCase();
}

/**
 * AgentCore runtime names allow letters, digits and underscores only (`[a-zA-Z][a-zA-Z0-9_]{0,47}`),
 * so `acme` + `dev` + agent `support-bot` becomes `acme_dev_support_bot`. The platform scopes the
 * gateway's runtime permissions to this prefix; the agents module names its runtimes with it.
 */
export function runtimeNamePrefix(namePrefix: string, environment: string): string {
  const prefix = Token.isUnresolved(namePrefix) ? Fn.replace(namePrefix, "-", "_") : namePrefix.replace(/-/g, "_");
  // Environment names have no hyphens (ENVIRONMENT_RULE).
  return `${prefix}_${environment}_`;
}

/** Policy engine and Cedar policy names: letters, digits, underscores; at most 48 characters. */
export const POLICY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,47}$/;

/**
 * A role name built from parts, checked against IAM's 64-character limit when it is known at
 * synth time; the error names the file and field whose value made it too long.
 */
export function roleName(name: string, file: string, field: string): string {
  if (!Token.isUnresolved(name) && name.length > IAM_ROLE_NAME_MAX) {
    throw new InputError(file, field, `makes the IAM role name "${name}" ${name.length} characters long; IAM allows ${IAM_ROLE_NAME_MAX}. Shorten it (or name_prefix/environment)`);
  }
  return name;
}
