import type { AgentEnvironmentInputs } from "../../modules/agents/permissions";

/** Every environment input of the agents' permission tables empty: no conditional statement exists. */
export const EMPTY_INPUTS: AgentEnvironmentInputs = {
  artifacts_bucket_arn: "",
  extra_s3_read_bucket_arns: [],
  platform_artifacts_kms_key_arn: "",
  domain_artifacts_kms_key_arn: "",
  storage_kms_key_arn: "",
  prompt_registry_function_arn: "",
  artifacts_table_name: "",
  data_kms_key_arn: "",
  idempotency_table_name: "",
  evaluation_table_name: "",
  inference_key_secret_arns: [],
  secrets_kms_key_arn: "",
  shared_memory_arn: "",
};
