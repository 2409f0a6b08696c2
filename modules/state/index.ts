import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import * as serverSideEncryption from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { AwsContext } from "../../lib/aws-context";
import type { ModuleDefinition } from "../../lib/hosts/module-definition";
import { type InputValues, emitTo } from "../../lib/module-io";
import { policyDocument } from "../../lib/iam/policy-document";
import { NAMING_INPUTS } from "../../lib/common-inputs";
import { raw } from "../../lib/hcl";
import { hclBucketNameOk, S3_BUCKET_RULE_TEXT } from "../../lib/naming";

export const STATE_INPUTS = {
  ...NAMING_INPUTS,
  bucket_name: {
    type: "string",
    description: "Name of the S3 bucket that will hold Terraform state.",
    validation: [
      {
        condition: hclBucketNameOk(raw("var.bucket_name")).asString,
        errorMessage: `bucket_name is not a name S3 accepts: it ${S3_BUCKET_RULE_TEXT}.`,
      },
    ],
  },
  noncurrent_version_expiration_days: {
    type: "number",
    default: 90,
    description: "Days a superseded state object version is kept before S3 expires it.",
    validation: [
      {
        condition: "var.noncurrent_version_expiration_days >= 1",
        errorMessage: "noncurrent_version_expiration_days must be at least 1.",
      },
    ],
  },
  kms_deletion_window_in_days: {
    type: "number",
    default: 30,
    description: "Days between scheduling the state key for deletion and its deletion (7-30).",
    validation: [
      {
        condition: "var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30",
        errorMessage: "kms_deletion_window_in_days must be between 7 and 30.",
      },
    ],
  },
} as const;

export type StateInputs = InputValues<typeof STATE_INPUTS>;

/**
 * The encrypted, versioned, private S3 bucket every later stack keeps its Terraform state in,
 * with its own customer-managed KMS key. Both are protected by `prevent_destroy`.
 */
export class StateBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly key: KmsKey;
  readonly alias: KmsAlias;

  constructor(scope: Construct, id: string, inputs: StateInputs, region?: string) {
    super(scope, id);
    const aws = new AwsContext(this, "context", { accountId: inputs.account_id, region });
    const stem = `${inputs.name_prefix}-${inputs.environment}`;

    const kms = emitTo(new Construct(this, "kms"), "kms");
    this.key = new KmsKey(kms, "key", {
      description: `Encrypts the Terraform state of ${stem}`,
      enableKeyRotation: true,
      deletionWindowInDays: inputs.kms_deletion_window_in_days,
      policy: policyDocument([
        {
          Sid: "AccountRootFullAccess",
          Effect: "Allow",
          Principal: { AWS: aws.arn("iam", "root", { region: false }) },
          Action: "kms:*",
          Resource: "*",
        },
      ]),
      lifecycle: { preventDestroy: true },
    });
    this.alias = new KmsAlias(kms, "alias", { name: `alias/${stem}-tfstate`, targetKeyId: this.key.keyId });

    const s3 = emitTo(new Construct(this, "bucket"), "bucket");
    this.bucket = new S3Bucket(s3, "bucket", {
      bucket: inputs.bucket_name,
      forceDestroy: false,
      lifecycle: { preventDestroy: true },
    });
    new S3BucketOwnershipControls(s3, "ownership", {
      bucket: this.bucket.id,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    new S3BucketPublicAccessBlock(s3, "public_access", {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketVersioningA(s3, "versioning", {
      bucket: this.bucket.id,
      versioningConfiguration: { status: "Enabled" },
    });
    new serverSideEncryption.S3BucketServerSideEncryptionConfigurationA(s3, "encryption", {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    new S3BucketLifecycleConfiguration(s3, "lifecycle", {
      bucket: this.bucket.id,
      rule: [
        {
          id: "expire-noncurrent-state-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [{ noncurrentDays: inputs.noncurrent_version_expiration_days }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
    });
    new S3BucketPolicy(s3, "policy", {
      bucket: this.bucket.id,
      policy: policyDocument([
        {
          Sid: "DenyInsecureTransport",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "DenyOutdatedTls",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { NumericLessThan: { "s3:TlsVersion": "1.2" } },
        },
      ]),
    });
  }
}

export const STATE_MODULE: ModuleDefinition<typeof STATE_INPUTS, StateBucket, { region?: string }> = {
  path: "state",
  description:
    "The S3 bucket that holds Terraform state for the platform, agents and workflows stacks: " +
    "SSE-KMS under its own rotating customer-managed key, versioned, every public-access block on, " +
    "TLS-only bucket policy, noncurrent versions expired, bucket and key protected by prevent_destroy.",
  inputs: STATE_INPUTS,
  notes:
    "This module creates the bucket your other configurations keep their state in, " +
    "so its own state starts elsewhere (a local file or another backend). " +
    "After the first apply, move it into the bucket with `terraform init -migrate-state` and an `s3` backend block " +
    "(`use_lockfile = true`, `encrypt = true`, `kms_key_id` = output `state_kms_alias_arn`). " +
    "The bucket and the key have `prevent_destroy`; to delete them, remove that lifecycle setting in a fork first.",
  constructId: "state",
  create: (scope, id, inputs, shape) => new StateBucket(scope, id, inputs, shape.region),
  outputs: {
    state_bucket_name: { description: "Name of the state bucket.", value: (c) => c.bucket.bucket },
    state_bucket_arn: { description: "ARN of the state bucket.", value: (c) => c.bucket.arn },
    state_kms_key_arn: { description: "ARN of the KMS key that encrypts state.", value: (c) => c.key.arn },
    state_kms_alias_arn: {
      description: "ARN of the state key's alias; what the S3 backends name as kms_key_id.",
      value: (c) => c.alias.arn,
    },
  },
};
