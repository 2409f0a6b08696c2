import type { AwsFacts } from "../../lib/aws-context";
import type { StatementSpec } from "../../lib/iam/statement-table";

/** The platform's five customer-managed keys (seed 002 "KMS Envelope Encryption"). */
export const PLATFORM_KEYS = {
  data: { alias: "data", protects: "DynamoDB tables, SQS queues" },
  storage: { alias: "storage", protects: "S3 buckets (general)" },
  secrets: { alias: "secrets", protects: "Secrets Manager secrets, SSM SecureString credential parameters" },
  platform_artifacts: {
    alias: "platform-artifacts",
    protects: "Platform-tier artifact S3 bucket, the AgentCore gateway",
  },
  domain_artifacts: { alias: "domain-artifacts", protects: "Domain-tier artifact S3 bucket" },
} as const;

export type PlatformKeyName = keyof typeof PLATFORM_KEYS;
export const PLATFORM_KEY_NAMES = Object.keys(PLATFORM_KEYS) as PlatformKeyName[];

/** `alias/<prefix>-<env>-<name>`. */
export const keyAliasName = (stem: string, key: PlatformKeyName) => `alias/${stem}-${PLATFORM_KEYS[key].alias}`;

/**
 * Every platform key's policy: the account root holds `kms:*`, so all further grants flow through
 * IAM (the agents' conditional KMS statements); CloudWatch Logs may use the key for log groups of
 * this account and region only.
 */
export const PLATFORM_KEY_POLICY: readonly StatementSpec<AwsFacts>[] = [
  {
    sid: "AccountRootFullAccess",
    purpose: "Delegate all access control on the key to IAM policies of this account",
    principal: (aws) => ({ AWS: aws.arn("iam", "root", { region: false }) }),
    actions: ["kms:*"],
    resources: () => ["*"],
  },
  {
    sid: "AllowCloudWatchLogsEncryption",
    purpose: "Let CloudWatch Logs encrypt and decrypt log groups of this account and region",
    principal: (aws) => ({ Service: `logs.${aws.region}.amazonaws.com` }),
    actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    resources: () => ["*"],
    condition: (aws) => ({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": aws.arn("logs", "log-group:*") } }),
  },
];
