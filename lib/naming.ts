import { Fn, Token } from "cdktf";
import { type HclExpression, hcl } from "./hcl";
import { type AwsFieldPath, awsLimit, awsPattern } from "./aws-limits";
import { portablePattern } from "./aws-checks";

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
  message:
    "must be 2-16 characters: lowercase letters, digits and hyphens, " +
    "starting with a letter and not ending with a hyphen",
};
export const ENVIRONMENT_RULE = {
  pattern: "^[a-z][a-z0-9]{0,9}$",
  message: "must be 1-10 characters: lowercase letters and digits, starting with a letter (e.g. dev, staging, prod)",
};

/**
 * Cognito hosted-domain prefixes: 1-63 lowercase letters, digits and hyphens, not starting or
 * ending with a hyphen, and without the words Cognito reserves (CreateUserPoolDomain refuses a
 * prefix containing aws, amazon or cognito). The default, `<name_prefix>-<environment>-<account_id>`,
 * holds one whenever the name prefix or the environment does.
 */
export const COGNITO_DOMAIN_RULE = {
  pattern: "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",
  message: "must be 1-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen",
  reserved: ["aws", "amazon", "cognito"],
  reservedPattern: "aws|amazon|cognito",
} as const;

/**
 * S3 general-purpose bucket names (the S3 user guide's bucket naming rules): the state bucket's
 * name, and the bucket of every bucket ARN an input takes. RE2-compatible, for Terraform's `regex`.
 */
export const S3_BUCKET_RULE = {
  pattern: "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$",
  message:
    "must be 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit",
  forbidden: [
    { pattern: "\\.\\.", message: "must not contain two adjacent dots" },
    { pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", message: "must not be formatted as an IP address" },
    { pattern: "^(xn--|sthree-)", message: "must not start with xn-- or sthree-" },
    { pattern: "(-s3alias|--ol-s3)$", message: "must not end with -s3alias or --ol-s3" },
  ],
} as const;
/** `arn:<partition>:s3:::<bucket>`: what a bucket ARN input holds before its bucket name. */
export const S3_BUCKET_ARN_PREFIX = "^arn:aws[a-z-]*:s3:::";

/** What is wrong with an S3 bucket name, or undefined when S3 accepts it. */
export function s3BucketNameProblem(name: string): string | undefined {
  if (!new RegExp(S3_BUCKET_RULE.pattern).test(name)) return S3_BUCKET_RULE.message;
  return S3_BUCKET_RULE.forbidden.find((f) => new RegExp(f.pattern).test(name))?.message;
}

/** What is wrong with a bucket ARN `arn:<partition>:s3:::<bucket>`, or undefined. */
export function s3BucketArnProblem(arn: string): string | undefined {
  if (!new RegExp(S3_BUCKET_ARN_PREFIX).test(arn)) return "must be the ARN of an S3 bucket: arn:aws:s3:::<bucket>";
  const bucket = arn.replace(new RegExp(S3_BUCKET_ARN_PREFIX), "");
  const problem = s3BucketNameProblem(bucket);
  return problem && `names the bucket "${bucket}", which S3 refuses: it ${problem}`;
}

/** `s3BucketNameProblem` as a Terraform condition over an expression that yields a bucket name. */
export function hclBucketNameOk(bucket: unknown): HclExpression {
  const checks = [
    hcl`can(regex(${S3_BUCKET_RULE.pattern}, ${bucket}))`,
    ...S3_BUCKET_RULE.forbidden.map((f) => hcl`!can(regex(${f.pattern}, ${bucket}))`),
  ];
  return hcl`(${checks.reduce((all, check) => hcl`${all} && ${check}`)})`;
}

/** The same check as a Terraform condition over an expression that yields a bucket ARN. */
export function hclBucketArnOk(arn: unknown): HclExpression {
  const bucket = hcl`replace(${arn}, ${`/${S3_BUCKET_ARN_PREFIX}/`}, "")`;
  return hcl`(can(regex(${S3_BUCKET_ARN_PREFIX}, ${arn})) && ${hclBucketNameOk(bucket)})`;
}

/** Every rule of S3_BUCKET_RULE in words, for messages. */
export const S3_BUCKET_RULE_TEXT = [S3_BUCKET_RULE.message, ...S3_BUCKET_RULE.forbidden.map((f) => f.message)].join(
  "; ",
);

/** A Terraform `validation` block enforcing a rule on `var.<name>`. */
export function tfRule(name: string, rule: { pattern: string; message: string }) {
  return {
    condition: `can(regex(${JSON.stringify(rule.pattern)}, var.${name}))`,
    errorMessage: `${name} ${rule.message}.`,
  };
}

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
  // Environment names have no hyphens (ENVIRONMENT_RULE).
  return `${underscored(namePrefix)}_${environment}_`;
}

/** Hyphens to underscores, in TypeScript for a literal and by Terraform for a token. */
export function underscored(s: string): string {
  return Token.isUnresolved(s) ? Fn.replace(s, "-", "_") : s.replace(/-/g, "_");
}

/**
 * A naming rule AWS enforces on a resource name: the pattern of one whole name (no anchors) and
 * its length limits. Each comes from the API reference page it cites. The configuration schemas,
 * the module variable validations and the docs all read this table.
 */
export interface NameRule {
  /** What the name names, for messages: "IAM role name". */
  readonly what: string;
  readonly pattern: string;
  readonly min: number;
  readonly max: number;
  /** In words, for messages: what the pattern allows. */
  readonly allowed: string;
  /** The AWS documentation the rule comes from. */
  readonly source: string;
}

/** One atom of a name pattern: a character class, an escaped or a plain character, optionally `?`. */
const ATOM = /\[(?:\\.|[^\]])+\]\??|\\.\??|[^()[\]{}?*+|]\??/g;

/** The shortest and longest name a pattern of fixed atoms and one counted atom or group takes. */
function patternLength(pattern: string): { min: number; max: number } {
  const counted = /^(.*?)(\((?:[^()]+)\)|\[(?:\\.|[^\]])+\]|\\.|[^()[\]{}])\{(\d+),(\d+)\}$/.exec(pattern);
  if (!counted) throw new Error(`AWS's name pattern ${pattern} states no length this project can read`);
  const [, head, unit, least, most] = counted;
  const atoms = (text: string) => text.match(ATOM) ?? [];
  const bounds = (text: string) => ({
    min: atoms(text).filter((a) => !a.endsWith("?")).length,
    max: atoms(text).length,
  });
  const fixed = bounds(head);
  const repeated = bounds(unit.replace(/^\((.*)\)$/, "$1"));
  return { min: fixed.min + repeated.min * Number(least), max: fixed.max + repeated.max * Number(most) };
}

/**
 * An AgentCore name rule read from AWS's model (lib/aws-limits-table.json): its pattern, and its
 * length as the model states it, or as the pattern bounds it.
 */
function agentCoreName(what: string, path: AwsFieldPath, allowed: string): NameRule {
  const pattern = portablePattern(awsPattern(path)).replace(/^\^/, "").replace(/\$$/, "");
  const stated = awsLimit(path).length;
  const { min, max } = stated?.max !== undefined ? { min: stated.min ?? 0, max: stated.max } : patternLength(pattern);
  const operation = path.split(".")[0];
  const source = `https://docs.aws.amazon.com/bedrock-agentcore-control/latest/APIReference/API_${operation}.html`;
  return { what, pattern, min: Math.max(min, 1), max, allowed, source };
}

export const AWS_NAMES = {
  iamRole: {
    what: "IAM role name",
    pattern: "[\\w+=,.@-]+",
    min: 1,
    max: 64,
    allowed: "letters, digits and + = , . @ _ -",
    source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html",
  },
  iamPolicy: {
    what: "IAM policy name",
    pattern: "[\\w+=,.@-]+",
    min: 1,
    max: 128,
    allowed: "letters, digits and + = , . @ _ -",
    source: "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html",
  },
  runtime: agentCoreName(
    "AgentCore runtime name",
    "CreateAgentRuntime.agentRuntimeName",
    "letters, digits and underscores, starting with a letter",
  ),
  ecrRepository: {
    what: "ECR repository name",
    pattern: "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
    min: 2,
    max: 256,
    allowed: "lowercase letters and digits, separated by single . _ - or /",
    source: "https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
  },
  lambdaFunction: {
    what: "Lambda function name",
    pattern: "[a-zA-Z0-9_-]+",
    min: 1,
    max: 64,
    allowed: "letters, digits, hyphens and underscores",
    source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html",
  },
  credentialProvider: agentCoreName(
    "credential provider name",
    "CreateApiKeyCredentialProvider.name",
    "letters, digits, hyphens and underscores",
  ),
  policy: agentCoreName(
    "Cedar policy name",
    "CreatePolicy.name",
    "letters, digits and underscores, starting with a letter",
  ),
  policyEngine: agentCoreName(
    "policy engine name",
    "CreatePolicyEngine.name",
    "letters, digits and underscores, starting with a letter",
  ),
  gatewayTarget: agentCoreName(
    "gateway target name",
    "CreateGatewayTarget.name",
    "letters and digits, single hyphens between them",
  ),
  stateMachine: {
    what: "state machine name",
    pattern: "[a-zA-Z0-9_-]+",
    min: 1,
    max: 80,
    allowed: "letters, digits, hyphens and underscores",
    source: "https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html",
  },
  eventRule: {
    what: "EventBridge rule name",
    pattern: "[.\\-_A-Za-z0-9]+",
    min: 1,
    max: 64,
    allowed: "letters, digits and . - _",
    source: "https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html",
  },
  memory: agentCoreName(
    "AgentCore memory name",
    "CreateMemory.name",
    "letters, digits and underscores, starting with a letter",
  ),
  codeInterpreter: agentCoreName(
    "code interpreter name",
    "CreateCodeInterpreter.name",
    "letters, digits and underscores, starting with a letter",
  ),
  browser: agentCoreName(
    "browser name",
    "CreateBrowser.name",
    "letters, digits and underscores, starting with a letter",
  ),
  codebuildProject: {
    what: "CodeBuild project name",
    pattern: "[A-Za-z0-9][A-Za-z0-9_-]*",
    min: 2,
    max: 255,
    allowed: "letters, digits, hyphens and underscores, starting with a letter or digit",
    source: "https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html",
  },
} as const satisfies Record<string, NameRule>;

/** The tags every deploy stack adds to the environment's (lib/hosts/deploy-stack.ts). */
export const PLATFORM_TAG_KEYS = ["ManagedBy", "Project", "Stack"] as const;

/** What is wrong with `name` under `rule`, or undefined when AWS accepts it. */
export function nameProblem(rule: NameRule, name: string): string | undefined {
  if (name.length < rule.min || name.length > rule.max)
    return `is ${name.length} characters long; ${rule.what}s are ${rule.min}-${rule.max} characters`;
  if (!new RegExp(`^(?:${rule.pattern})$`).test(name)) return `is not a valid ${rule.what}: ${rule.allowed} only`;
  return undefined;
}

/**
 * The same check as a Terraform condition over a value that yields the name (a hole of `hcl`:
 * an expression, or a string mixing literal text and Terraform values).
 */
export function hclNameOk(rule: NameRule, name: unknown): HclExpression {
  const pattern = `^(?:${rule.pattern})$`;
  return hcl`(length(${name}) >= ${rule.min} && length(${name}) <= ${rule.max} && can(regex(${pattern}, ${name})))`;
}

/** `<prefix>-<env>`: the stem of every resource name. */
export function resourceStem(env: { readonly name_prefix: string; readonly environment: string }): string {
  return `${env.name_prefix}-${env.environment}`;
}

/**
 * Where the project refuses values AWS's API model accepts, on purpose, with the reason: the one
 * list of deliberate strictness (DESIGN.md §2, "Limits come from AWS"). The README's limits section
 * is generated from it; every other check follows the model exactly.
 */
export const DELIBERATE_STRICTNESS = {
  environmentName: {
    field: "CreateAgentRuntime.environmentVariables{key}",
    what: "POSIX portable names",
    aws: "any 1-100 characters",
    project: "UPPER_SNAKE_CASE: an upper-case letter, then upper-case letters, digits and underscores, 1-100",
    reason:
      "Names every shell and language runtime reads as an environment variable (POSIX: letters, digits and " +
      "underscores, not starting with a digit), in the case of the platform's own names, so that a name the " +
      "blueprint sets never differs from a reserved one only by case and the secret-name check sees it whole.",
  },
  agentDescription: {
    field: "CreateAgentRuntime.description",
    what: "one line",
    aws: "1-4,096 characters",
    project: "1-200 characters",
    reason:
      "The blueprint format's one-line description, held to the bound of a gateway target's description " +
      "(CreateGatewayTarget.description: 1-200), so that agent and target blueprints share one rule " +
      "(kept from the format as shipped; AWS's longer limit was not wanted for a one-line field).",
    max: 200,
  },
} as const satisfies Record<
  string,
  { field: string; what: string; aws: string; project: string; reason: string; max?: number }
>;
