import * as path from "path";
import { z } from "zod";
import { awsAccountId, awsRegion, environmentName, namePrefix, s3BucketName, tagMap } from "../naming";
import { loadYamlFile } from "./yaml-file";

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
        bucket_name: s3BucketName.describe("Name of the S3 bucket that holds Terraform state for every stack but `state`."),
        kms_key_arn: z
          .string()
          .regex(/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, "must be a KMS key or alias ARN")
          .optional()
          .describe("KMS key the S3 backend encrypts state with. Default: the alias ARN of the key the `state` stack creates."),
        noncurrent_version_expiration_days: z
          .number()
          .int()
          .min(1, "must be at least 1 day")
          .max(3650, "must be at most 3650 days")
          .default(90)
          .describe("Days a superseded state version is kept before S3 expires it."),
        kms_deletion_window_in_days: z
          .number()
          .int()
          .min(7, "must be between 7 and 30 (AWS KMS limits)")
          .max(30, "must be between 7 and 30 (AWS KMS limits)")
          .default(30)
          .describe("Waiting period before the state key is deleted after it is scheduled for deletion."),
      })
      .strict()
      .describe("The encrypted S3 backend every later stack uses."),
  })
  .strict();

export type EnvironmentConfig = z.output<typeof environmentSchema> & {
  /** The file this environment was read from, relative to the project root. */
  readonly sourceFile: string;
};

export function loadEnvironment(file: string, rootDir = process.cwd()): EnvironmentConfig {
  const parsed = loadYamlFile(file, environmentSchema, rootDir);
  return { ...parsed, sourceFile: path.relative(rootDir, file) };
}

/** `<prefix>-<env>`: the stem of every resource name. */
export function resourceStem(env: Pick<EnvironmentConfig, "name_prefix" | "environment">): string {
  return `${env.name_prefix}-${env.environment}`;
}

/** The KMS key the S3 backend uses: configured, or the alias of the key the state stack creates. */
export function stateKmsKeyArn(env: EnvironmentConfig): string {
  return env.state.kms_key_arn ?? `arn:aws:kms:${env.region}:${env.account_id}:alias/${resourceStem(env)}-tfstate`;
}
