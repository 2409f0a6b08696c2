/**
 * What a secret looks like, by name and by value: used to refuse secrets in plain environment
 * variables (blueprints at synthesis, the agents module's `agents` input at plan time) and to
 * keep them out of error messages. Every pattern is RE2 syntax, so Terraform's `regex()` runs the
 * same ones. Patterns follow the token formats the issuers document (AWS access key ids, GitHub,
 * GitLab, Slack, Stripe, Google API keys, OpenAI/Anthropic keys, JWTs, PEM private keys).
 */
export const SECRET_VALUE_PATTERNS = [
  { what: "an AWS access key id", pattern: "(AKIA|ASIA)[0-9A-Z]{16}" },
  { what: "an OpenAI or Anthropic API key", pattern: "sk-(ant-|proj-|svcacct-)?[A-Za-z0-9_-]{20,}" },
  { what: "a GitHub token", pattern: "(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,}" },
  { what: "a GitLab token", pattern: "glpat-[A-Za-z0-9_-]{20,}" },
  { what: "a Slack token", pattern: "xox[abposr]-[A-Za-z0-9-]{10,}" },
  { what: "a Stripe secret key", pattern: "(sk|rk)_(live|test)_[A-Za-z0-9]{16,}" },
  { what: "a Google API key", pattern: "AIza[0-9A-Za-z_-]{35}" },
  { what: "a JSON Web Token", pattern: "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}" },
  { what: "a private key", pattern: "-----BEGIN [A-Z ]*PRIVATE KEY-----" },
  { what: "a URL with a password in it", pattern: "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@" },
  // A user name alone is a credential too (`https://<token>@host`): no URL a user writes carries user info.
  { what: "a URL with credentials (user info) in it", pattern: "[A-Za-z][A-Za-z0-9+.-]*://[^/\\s?#@]+@" },
] as const;

/** Every secret-value pattern as one RE2 alternation: what Terraform's `regex()` runs at plan time. */
export const SECRET_VALUES_RE2 = SECRET_VALUE_PATTERNS.map((p) => `(?:${p.pattern})`).join("|");

/** The kinds of secret the patterns find, for messages: "AWS access key id, ..., URL with a password in it". */
export const SECRET_KINDS = SECRET_VALUE_PATTERNS.map((p) => p.what.replace(/^an? /, "")).join(", ");

/** Names that say they hold a secret: a whole word of an UPPER_SNAKE_CASE name (MAX_TOKENS is not one). */
export const SECRET_NAME_PATTERN =
  "(^|_)(SECRET|PASSWORD|PASSWD|PASSPHRASE|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CLIENT_SECRET|CREDENTIALS?)(_|$)";

/**
 * A value under a secret name that is still plain configuration: short, a number or boolean, or a
 * reference to where the secret lives (an ARN, an SSM parameter path, a URL without a password).
 */
export const REFERENCE_VALUE_PATTERN = "^(.{0,7}|[0-9.]+|true|false|arn:[a-z-]+:.*|/[A-Za-z0-9_./-]+|https?://[^@]*)$";

/** What a message shows instead of a value that looks like a secret. */
export const REDACTED = "(not shown: it looks like a secret)";

/** Why a secret is refused in any text a user writes (blueprints, the environment file, module inputs). */
export const TEXT_IS_PUBLIC =
  "Text of blueprints and configuration is written into the generated Terraform, its plan and state, and the " +
  "input cache; pass secrets as credential providers (values from SSM) or Secrets Manager secrets " +
  "(inference_key_secret_arns), never as text";

/** `text` with everything in it that looks like a secret replaced by REDACTED. */
export function redactSecrets(text: string): string {
  return text.replace(new RegExp(SECRET_VALUES_RE2, "g"), REDACTED);
}

/** What secret `value` looks like, or undefined. */
export function secretValueKind(value: string): string | undefined {
  return SECRET_VALUE_PATTERNS.find((p) => new RegExp(p.pattern).test(value))?.what;
}

/**
 * A name as SECRET_NAME_PATTERN reads it: words of camelCase split, upper case, every other
 * character an underscore, so that `client_secret`, `X-Api-Key`, `ApiToken` and `DB_PASSWORD` are
 * read alike (an environment name is unchanged). `hclSecretName` does the same in HCL.
 */
export const secretName = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "_");

/**
 * `secretName` in Terraform, of the HCL expression `n`. Go's replacement needs `${1}`, written
 * `\u0024{1}` so that neither HCL nor cdktf reads it as an interpolation.
 */
export const hclSecretName = (n: string): string =>
  `upper(replace(replace(${n}, "/([a-z0-9])([A-Z])/", "\\u0024{1}_\\u0024{2}"), "/[^A-Za-z0-9]/", "_"))`;

/** Whether `name` says it holds a secret and `value` is not a mere reference to one. */
export function secretByName(name: string, value: string): boolean {
  return (
    new RegExp(SECRET_NAME_PATTERN).test(secretName(name)) && !new RegExp(REFERENCE_VALUE_PATTERN, "i").test(value)
  );
}

/**
 * Whether a value given at `path` must not be shown in a message: its field's name says secret,
 * or a string in it looks like one.
 */
export function mustRedact(path: readonly PropertyKey[], value: unknown): boolean {
  const last = [...path].reverse().find((k): k is string => typeof k === "string");
  const names = last === undefined ? [] : [last];
  const strings: string[] = [];
  const collect = (v: unknown) => {
    if (typeof v === "string") strings.push(v);
    else if (v && typeof v === "object") Object.values(v).forEach(collect);
  };
  collect(value);
  // A name says secret only of a text value (the agent format's `credentials` holds names).
  const named = typeof value === "string" && names.some((n) => new RegExp(SECRET_NAME_PATTERN).test(n.toUpperCase()));
  return named || strings.some((s) => secretValueKind(s) !== undefined);
}
