/**
 * Every version constraint the generated Terraform carries, in one place.
 *
 * Where the floor comes from (see docs/adr/0002-provider-versions.md):
 * - hashicorp/aws 6.47.0 added `aws_bedrockagentcore_policy_engine` (PR #47108),
 * - hashicorp/aws 6.50.0 added `aws_bedrockagentcore_policy` (PR #47971) and the gateway's
 *   `policy_engine_configuration` block (PR #47818, merged after 6.49.0 shipped without it).
 * The prebuilt bindings (@cdktf/provider-aws 21.22.1) were generated from 6.25.0, which has none
 * of the three, so their own `6.25.0` pin is overridden.
 */
export const AWS_PROVIDER_SOURCE = "hashicorp/aws";

/** Exact pin used by the deploy stacks (`cdktf deploy`). */
export const AWS_PROVIDER_PIN = "6.50.0";

/** Minimum used by the emitted registry modules: the floor above, below the next major. */
export const AWS_PROVIDER_MODULE_CONSTRAINT = ">= 6.50.0, < 7.0.0";

/**
 * Terraform 1.10 introduced S3 native state locking (`use_lockfile`), which every S3-backed stack
 * uses; 1.11 made write-only arguments generally available, which keep the gateway's OAuth client
 * secret out of the credential provider's state (`client_secret_wo`).
 */
export const TERRAFORM_DEPLOY_CONSTRAINT = ">= 1.11.0";
export const TERRAFORM_MODULE_CONSTRAINT = ">= 1.11.0";
