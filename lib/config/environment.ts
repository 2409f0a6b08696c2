import * as path from "node:path";
import { z } from "zod";
import { LOG_RETENTION_DAYS } from "../common-inputs";
import {
  COGNITO_DOMAIN_RULE,
  ENVIRONMENT_RULE,
  NAME_PREFIX_RULE,
  PLATFORM_TAG_KEYS,
  S3_BUCKET_ARN_PREFIX,
  S3_BUCKET_RULE,
  s3BucketArnProblem,
} from "../naming";
import { arnRegionProblem, unknownRegionProblem } from "../aws-context";
import { awsBounds } from "../aws-limits";
import { awsValueProblem } from "../aws-checks";
import { SECRET_ENV } from "./blueprints";
import { loadYamlFile } from "./yaml-file";

/** Used in bucket names, role names, KMS aliases and log groups: the strictest of them (S3). */
export const namePrefix = z.string().regex(new RegExp(NAME_PREFIX_RULE.pattern), NAME_PREFIX_RULE.message);

export const environmentName = z.string().regex(new RegExp(ENVIRONMENT_RULE.pattern), ENVIRONMENT_RULE.message);

/** Regions AWS has (lib/aws-regions.json, `npm run regions`). */
export const awsRegion = z
  .string()
  .regex(/^[a-z]{2,4}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, "must be an AWS region code such as us-east-1 or eu-west-2")
  .superRefine((r, ctx) => {
    const problem = unknownRegionProblem(r);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const awsAccountId = z
  .string()
  .regex(/^\d{12}$/, 'must be a 12-digit AWS account id, quoted so YAML keeps it a string (e.g. "123456789012")');

/** S3 general-purpose bucket naming rules (S3_BUCKET_RULE, lib/naming.ts). */
export const s3BucketName = S3_BUCKET_RULE.forbidden.reduce(
  (name, f) => name.refine((n) => !new RegExp(f.pattern).test(n), f.message),
  z.string().regex(new RegExp(S3_BUCKET_RULE.pattern), S3_BUCKET_RULE.message),
);

/**
 * Tags as AgentCore takes them (TagResource: its keys and values are ASCII, the strictest of the
 * services the platform tags), at most as many as leave room for the platform's own default tags
 * on every resource. Not in the model: AWS reserves the `aws:` prefix for its own tags.
 */
export const TAG_LIMITS = {
  count: awsBounds("TagResource.tags", "size"),
  key: awsBounds("TagResource.tags{key}", "length"),
  value: awsBounds("TagResource.tags{value}", "length"),
} as const;
const MAX_USER_TAGS = TAG_LIMITS.count.max - PLATFORM_TAG_KEYS.length;
/** What AgentCore's tag pattern allows, in words. */
const TAG_CHARACTERS = "ASCII letters, digits, spaces or _ . : / = + - @";
const tagPart = (field: "TagResource.tags{key}" | "TagResource.tags{value}", what: string) => {
  const { min, max } = awsBounds(field, "length");
  return z
    .string()
    .refine(
      (v) => awsValueProblem(field, v) === undefined,
      `${what} must be ${min}-${max} ${TAG_CHARACTERS} (${field})`,
    );
};
export const tagMap = z
  .record(
    tagPart("TagResource.tags{key}", "tag keys")
      .refine((k) => !k.toLowerCase().startsWith("aws:"), "tag keys must not start with aws:")
      .refine(
        (k) => !(PLATFORM_TAG_KEYS as readonly string[]).includes(k),
        `is a tag the platform sets on every resource (${PLATFORM_TAG_KEYS.join(", ")}); choose another key`,
      ),
    tagPart("TagResource.tags{value}", "tag values"),
  )
  .superRefine((tags, ctx) => {
    const n = Object.keys(tags).length;
    if (n > MAX_USER_TAGS)
      ctx.addIssue({
        code: "custom",
        message:
          `holds ${n} tags; at most ${MAX_USER_TAGS} are allowed: ` +
          `AWS allows ${TAG_LIMITS.count.max} per resource ` +
          `and the platform adds ${PLATFORM_TAG_KEYS.join(", ")} to every resource`,
      });
  });

const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/;

const iamPrincipalArn = z
  .string()
  .regex(
    /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/,
    "must be an IAM role or user ARN such as arn:aws:iam::123456789012:role/platform-admins",
  );

const gatewaySchema = z
  .object({
    authorizer: z
      .enum(["cognito", "custom_jwt", "aws_iam"])
      .default("cognito")
      .describe(
        "Inbound authorization: `cognito` (a Cognito machine-to-machine issuer created here), " +
          "`custom_jwt` (another OAuth issuer, see `custom_jwt`), or `aws_iam` (SigV4).",
      ),
    cognito_scopes: z
      .array(
        z
          .string()
          .regex(
            /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/,
            "must be a printable scope name without spaces, quotes or backslashes",
          ),
      )
      .min(1)
      .default(["invoke"])
      .describe("OAuth scopes of the gateway's Cognito resource server."),
    cognito_domain_prefix: z
      .string()
      .regex(new RegExp(COGNITO_DOMAIN_RULE.pattern), COGNITO_DOMAIN_RULE.message)
      .refine(
        (d) => !new RegExp(COGNITO_DOMAIN_RULE.reservedPattern).test(d),
        "must not contain aws, amazon or cognito (reserved by Cognito)",
      )
      .optional()
      .describe("Prefix of the Cognito hosted domain. Default: `<name_prefix>-<environment>-<account_id>`."),
    custom_jwt: z
      .object({
        discovery_url: z
          .string()
          .regex(
            /^https:\/\/.+\/\.well-known\/openid-configuration$/,
            "must be an https URL ending in /.well-known/openid-configuration",
          ),
        allowed_audiences: z.array(z.string().min(1)).default([]),
        allowed_clients: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional()
      .describe("The external token issuer, required when `authorizer` is `custom_jwt`."),
    policy_engine: z
      .object({
        mode: z
          .enum(["LOG_ONLY", "ENFORCE"])
          .default("LOG_ONLY")
          .describe(
            "LOG_ONLY logs decisions and blocks nothing (seed 000: start here); " +
              "ENFORCE denies what the policies do not permit.",
          ),
        validation_mode: z
          .enum(["FAIL_ON_ANY_FINDINGS", "IGNORE_ALL_FINDINGS"])
          .default("FAIL_ON_ANY_FINDINGS")
          .describe("How AgentCore treats validation findings when a policy is created."),
      })
      .strict()
      .default({ mode: "LOG_ONLY", validation_mode: "FAIL_ON_ANY_FINDINGS" })
      .describe("The Cedar policy engine, attached when `blueprints/gateway/policies/` holds policies."),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (g.authorizer === "custom_jwt" && !g.custom_jwt) {
      ctx.addIssue({
        code: "custom",
        path: ["custom_jwt"],
        message:
          "is required when authorizer is custom_jwt: give discovery_url and allowed_audiences or allowed_clients",
      });
    }
    if (g.authorizer !== "custom_jwt" && g.custom_jwt) {
      ctx.addIssue({
        code: "custom",
        path: ["custom_jwt"],
        message:
          `is only used when authorizer is custom_jwt, but authorizer is ${g.authorizer}; ` +
          "remove it or change authorizer",
      });
    }
  });

/** The waiting period of a key scheduled for deletion, as AWS KMS allows it. */
const kmsDeletionWindow = (description: string) =>
  z
    .number()
    .int()
    .min(7, "must be between 7 and 30 (AWS KMS limits)")
    .max(30, "must be between 7 and 30 (AWS KMS limits)")
    .default(30)
    .describe(description);

const platformSchema = z
  .object({
    kms_deletion_window_in_days: kmsDeletionWindow("Deletion window of the five platform keys."),
    gateway: gatewaySchema.default(() => gatewaySchema.parse({})).describe("The AgentCore gateway."),
    management_role: z
      .object({
        enabled: z.boolean().default(false),
        trusted_principal_arns: z.array(iamPrincipalArn).default([]),
      })
      .strict()
      .refine((m) => !m.enabled || m.trusted_principal_arns.length > 0, {
        message: "enabled needs at least one trusted_principal_arns entry",
        path: ["trusted_principal_arns"],
      })
      .default({ enabled: false, trusted_principal_arns: [] })
      .describe("Seed 000's resource management role, off by default."),
  })
  .strict();

/** `arn:<partition>:s3:::<bucket>` naming a bucket S3 allows (the bucket is checked when the ARN's form is right). */
const bucketArnOf = (form: RegExp, message: string) =>
  z
    .string()
    .regex(form, message)
    .superRefine((arn, ctx) => {
      const problem = form.test(arn) && arn !== "" ? s3BucketArnProblem(arn) : undefined;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
const bucketArn = bucketArnOf(
  new RegExp(`${S3_BUCKET_ARN_PREFIX}.+$`),
  "must be the ARN of an S3 bucket: arn:aws:s3:::<bucket>",
);
const optionalBucketArn = bucketArnOf(
  new RegExp(`^(${S3_BUCKET_ARN_PREFIX.slice(1)}.+)?$`),
  "must be empty or the ARN of an S3 bucket: arn:aws:s3:::<bucket>",
).default("");

const optionalArn = (service: string, what: string) =>
  z
    .string()
    .regex(new RegExp(`^(arn:aws[a-z-]*:${service}:.*)?$`), `must be empty or an ARN of ${what}`)
    .default("");
const optionalTableName = z
  .string()
  .regex(/^([A-Za-z0-9_.-]{3,255})?$/, "must be empty or a DynamoDB table name (3-255 letters, digits, _ . -)")
  .default("");

const agentsSchema = z
  .object({
    permission_mode: z
      .enum(["development", "production"])
      .default("development")
      .describe(
        "`development` keeps seed 002's placeholders (bedrock:* and bedrock-agentcore:* on *; synthesis warns); " +
          "`production` grants only declared models and the agent's own AgentCore resources.",
      ),
    log_retention_days: z
      .number()
      .int()
      .refine(
        (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
        `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`,
      )
      .default(30)
      .describe("Retention of each agent's log group, in days."),
    artifacts_bucket_arn: optionalBucketArn.describe(
      "Artifacts bucket (ArtifactsBucketAccess): each agent reads and writes only its `agents/<key>/` and " +
        "`browser-recordings/<key>/` of it; browsers with `recording` write their sessions below the latter.",
    ),
    extra_s3_read_bucket_arns: z
      .array(bucketArn)
      .default([])
      .describe("Further buckets agents may read (ExtraS3ReadAccess)."),
    prompt_registry_function_arn: optionalArn("lambda", "a Lambda function").describe(
      "Prompt registry function (PromptRegistryInvoke).",
    ),
    artifacts_table_name: optionalTableName.describe("Artifacts catalog table (ArtifactsCatalogAccess)."),
    idempotency_table_name: optionalTableName.describe("Idempotency table (IdempotencyTableAccess)."),
    evaluation_table_name: optionalTableName.describe("Evaluation table (EvaluationTableAccess)."),
    codebuild_source_bucket_arn: optionalBucketArn.describe(
      "Bucket CodeBuild reads agent sources from; CodeBuild roles exist only when set.",
    ),
    inference_key_secret_arns: z
      .partialRecord(
        z.enum(SECRET_ENV),
        z
          .string()
          .regex(
            /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$/,
            "must be the ARN of a Secrets Manager secret",
          ),
      )
      .default({})
      .describe(
        "Inference keys as Secrets Manager secrets, by variable name: " +
          "runtimes get `<NAME>_SECRET_ARN` and may read exactly those secrets; " +
          "the key reaches neither state nor the runtime environment. Encrypt them with the platform's secrets key.",
      ),
  })
  .strict();

/**
 * One deployment environment: everything that differs between dev and prod and is known before
 * synthesis. Secrets never go here; they are Terraform variables (see README, "Secrets").
 */
export const environmentSchema = z
  .object({
    name_prefix: namePrefix.describe("Prefix of every resource name, e.g. `acme`."),
    environment: environmentName.describe("Environment name, e.g. `dev` or `prod`; part of every resource name."),
    region: awsRegion.describe("AWS region every stack deploys to."),
    account_id: awsAccountId.describe("AWS account the stacks deploy to; the provider refuses any other account."),
    tags: tagMap.default({}).describe("Tags applied to every resource through the provider's default_tags."),
    state: z
      .object({
        bucket_name: s3BucketName.describe(
          "Name of the S3 bucket that holds Terraform state for every stack but `state`.",
        ),
        kms_key_arn: z
          .string()
          .regex(KMS_KEY_ARN, "must be a KMS key or alias ARN")
          .optional()
          .describe(
            "KMS key the S3 backend encrypts state with. Default: the alias ARN of the key the `state` stack creates.",
          ),
        noncurrent_version_expiration_days: z
          .number()
          .int()
          .min(1, "must be at least 1 day")
          .max(3650, "must be at most 3650 days")
          .default(90)
          .describe("Days a superseded state version is kept before S3 expires it."),
        kms_deletion_window_in_days: kmsDeletionWindow(
          "Waiting period before the state key is deleted after it is scheduled for deletion.",
        ),
      })
      .strict()
      .describe("The encrypted S3 backend every later stack uses."),
    platform: platformSchema
      .default(() => platformSchema.parse({}))
      .describe("The shared platform: KMS keys and the AgentCore gateway."),
    agents: agentsSchema
      .default(() => agentsSchema.parse({}))
      .describe("Settings shared by every agent of the environment."),
    workflows: z
      .object({
        log_retention_days: z
          .number()
          .int()
          .refine(
            (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
            `must be a retention CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(", ")}`,
          )
          .default(30)
          .describe("Retention of each workflow's log group, in days."),
        log_level: z
          .enum(["ALL", "ERROR", "FATAL", "OFF"])
          .default("ERROR")
          .describe("Step Functions log level; execution data is never logged."),
      })
      .strict()
      .default({ log_retention_days: 30, log_level: "ERROR" })
      .describe("Settings shared by every workflow."),
  })
  .strict()
  .superRefine((e, ctx) => {
    const gateway = e.platform.gateway;
    if (gateway.authorizer === "cognito" && gateway.cognito_domain_prefix === undefined) {
      const reserved = new RegExp(COGNITO_DOMAIN_RULE.reservedPattern);
      const domain = `${e.name_prefix}-${e.environment}-${e.account_id}`;
      const field = reserved.test(e.name_prefix) ? "name_prefix" : "environment";
      if (reserved.test(domain))
        ctx.addIssue({
          code: "custom",
          path: [field],
          message:
            `makes the default Cognito domain prefix "${domain}" (<name_prefix>-<environment>-<account_id>), ` +
            `which contains "${domain.match(reserved)![0]}"; Cognito refuses domain prefixes containing ` +
            `${COGNITO_DOMAIN_RULE.reserved.join(", ")}: set platform.gateway.cognito_domain_prefix ` +
            `or choose another ${field}`,
        });
    }
    // S3 encrypts with KMS keys of the bucket's own region only; the state bucket is in `region`.
    const key = e.state.kms_key_arn;
    if (key === undefined || !KMS_KEY_ARN.test(key)) return;
    const path = ["state", "kms_key_arn"];
    const problem = arnRegionProblem(key);
    const keyRegion = key.split(":")[3];
    if (problem) ctx.addIssue({ code: "custom", path, message: problem });
    else if (keyRegion !== e.region)
      ctx.addIssue({
        code: "custom",
        path,
        message:
          `is a key of ${keyRegion}, but the state bucket is in region ${e.region}; S3 encrypts only with ` +
          `keys of the bucket's region: give a key of ${e.region}`,
      });
  });

export type EnvironmentConfig = z.output<typeof environmentSchema> & {
  /** The file this environment was read from, relative to the project root. */
  readonly sourceFile: string;
};

export function loadEnvironment(file: string, rootDir = process.cwd()): EnvironmentConfig {
  const parsed = loadYamlFile(file, environmentSchema, rootDir);
  return { ...parsed, sourceFile: path.relative(rootDir, file) };
}
