/**
 * Every version constraint the generated Terraform carries, in one place.
 *
 * Why the floor is 6.66.0 (docs/adr/0002-provider-versions.md):
 * - 6.47.0 added `aws_bedrockagentcore_policy_engine`, 6.50.0 `aws_bedrockagentcore_policy` and
 *   the gateway's `policy_engine_configuration` block;
 * - 6.60.0 fixed hashicorp/terraform-provider-aws#49374 (PR #49447): with a policy engine
 *   attached, the service adds a policy-session header to every gateway target, and older
 *   providers fail after apply with "Provider produced inconsistent result";
 * - 6.66.0 is the newest provider whose schema is available here (the prebuilt
 *   `@cdktn/provider-aws` 25.7.0 bindings), and the conformance test checks every generated
 *   resource against exactly that schema (docs/adr/0005-provider-schema-source.md), so the floor
 *   is the version that was checked.
 * The prebuilt bindings this project builds with (@cdktf/provider-aws 21.22.1) were generated from
 * 6.25.0, so their own `6.25.0` pin is overridden.
 */
export const AWS_PROVIDER_SOURCE = "hashicorp/aws";

/** Exact pin used by the deploy stacks (`cdktf deploy`). */
export const AWS_PROVIDER_PIN = "6.66.0";

/** Minimum used by the emitted registry modules: the floor above, below the next major. */
export const AWS_PROVIDER_MODULE_CONSTRAINT = ">= 6.66.0, < 7.0.0";

/** The release that fixed gateway targets under a policy engine (#49374); no constraint may allow less. */
export const AWS_PROVIDER_REQUIRED_FIX = "6.60.0";

/**
 * Terraform 1.10 introduced S3 native state locking (`use_lockfile`), which every S3-backed stack
 * uses; 1.11 made write-only arguments generally available, which keep credential secrets out
 * of the credential providers' state (`api_key_wo`, `client_secret_wo`), and ephemeral resources
 * (1.10) read them without storing them.
 */
export const TERRAFORM_DEPLOY_CONSTRAINT = ">= 1.11.0";
export const TERRAFORM_MODULE_CONSTRAINT = ">= 1.11.0";
