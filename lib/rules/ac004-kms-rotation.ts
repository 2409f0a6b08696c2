import { type Rule, resourcesOf } from "./rule";

export const kmsRotation: Rule = {
  id: "AC004",
  title: "Every KMS key rotates",
  why: "Automatic rotation limits how much data one key version protects; seed 002 requires it on every platform key.",
  fix: "Set `enableKeyRotation: true` on the key.",
  check(doc) {
    return resourcesOf(doc, "aws_kms_key")
      .filter(({ body }) => body.enable_key_rotation !== true)
      .map(({ address }) => ({ resource: address, message: "has no automatic key rotation" }));
  },
};
