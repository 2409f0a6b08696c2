import { type Rule, resourcesOf } from "./rule";

/** Whether some resource of `type` targets the bucket at `address` and satisfies `ok`. */
function covered(
  doc: Parameters<Rule["check"]>[0],
  type: string,
  bucket: string,
  ok: (body: Record<string, any>) => boolean,
): boolean {
  return resourcesOf(doc, type).some(({ body }) => String(body.bucket).includes(`${bucket}.`) && ok(body));
}

export const s3Buckets: Rule = {
  id: "AC006",
  title: "Every S3 bucket is encrypted, versioned and private",
  why:
    "The state bucket holds every secret Terraform knows; " +
    "a bucket without encryption, versioning or a full public-access block " +
    "is one mistake away from a leak or a lost state.",
  fix:
    "Add aws_s3_bucket_server_side_encryption_configuration (aws:kms), " +
    "aws_s3_bucket_versioning (Enabled) and aws_s3_bucket_public_access_block with all four flags, " +
    "each referencing the bucket.",
  check(doc) {
    const findings = [];
    for (const { address } of resourcesOf(doc, "aws_s3_bucket")) {
      if (
        !covered(doc, "aws_s3_bucket_server_side_encryption_configuration", address, (b) =>
          JSON.stringify(b.rule ?? "").includes("aws:kms"),
        )
      ) {
        findings.push({ resource: address, message: "has no SSE-KMS default encryption" });
      }
      if (!covered(doc, "aws_s3_bucket_versioning", address, (b) => b.versioning_configuration?.status === "Enabled"))
        findings.push({ resource: address, message: "is not versioned" });
      const flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
      if (!covered(doc, "aws_s3_bucket_public_access_block", address, (b) => flags.every((f) => b[f] === true))) {
        findings.push({ resource: address, message: "does not block all public access" });
      }
    }
    return findings;
  },
};
