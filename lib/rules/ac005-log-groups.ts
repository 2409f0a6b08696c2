import { type Rule, resourcesOf } from "./rule";

export const logGroups: Rule = {
  id: "AC005",
  title: "Every log group is KMS-encrypted and has a retention; every agent memory has a customer-managed key",
  why:
    "Agent and workflow logs can carry prompts and tool arguments, " +
    "and an agent's memory keeps its conversations and what it learnt from them; " +
    "both must be encrypted with a customer-managed key, and logs must not be kept forever.",
  fix:
    "Set `kmsKeyId` to a platform key and `retentionInDays` to a CloudWatch Logs retention; " +
    "give a memory `encryptionKeyArn` (the agents module uses the platform's data key, input data_kms_key_arn).",
  check(doc) {
    const findings = [];
    for (const { address, body } of resourcesOf(doc, "aws_cloudwatch_log_group")) {
      if (!body.kms_key_id) findings.push({ resource: address, message: "is not encrypted with a KMS key" });
      if (!body.retention_in_days)
        findings.push({ resource: address, message: "has no retention (logs kept forever)" });
    }
    // A module's key is an input (an expression here); the rule sees that one is set at all.
    for (const { address, body } of resourcesOf(doc, "aws_bedrockagentcore_memory")) {
      if (!body.encryption_key_arn)
        findings.push({
          resource: address,
          message: "is not encrypted with a customer-managed KMS key (no encryption_key_arn)",
        });
    }
    return findings;
  },
};
