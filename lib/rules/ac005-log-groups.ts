import { Rule, resourcesOf } from "./rule";

export const logGroups: Rule = {
  id: "AC005",
  title: "Every log group is KMS-encrypted and has a retention",
  why: "Agent and workflow logs can carry prompts and tool arguments; they must be encrypted with a customer-managed key and must not be kept forever.",
  fix: "Set `kmsKeyId` to a platform key and `retentionInDays` to a CloudWatch Logs retention.",
  check(doc) {
    const findings = [];
    for (const { address, body } of resourcesOf(doc, "aws_cloudwatch_log_group")) {
      if (!body.kms_key_id) findings.push({ resource: address, message: "is not encrypted with a KMS key" });
      if (!body.retention_in_days) findings.push({ resource: address, message: "has no retention (logs kept forever)" });
    }
    return findings;
  },
};
