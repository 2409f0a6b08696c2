# Everything a production root configuration sets: the state bucket, the platform with an
# external OAuth issuer, its gateway targets (a Lambda function and an MCP server) and the Cedar
# policy engine enforcing, agents in production permission mode with their environment facts and
# secrets (the librarian with a memory, a code interpreter and a JWT authorizer), and a scheduled
# workflow.
# Shape lives in files beside this one, one per item, in the formats of the cdktf path:
#   agents/<key>.yaml        an agent blueprint (schemas/agent-blueprint.schema.json)
#   targets/<Name>.yaml      a gateway target (schemas/gateway-target.schema.json)
#   policies/<Name>.cedar    a Cedar policy; the file name is its name
#   workflows/<name>.asl.json  a state machine; agents appear as {{AGENT_RUNTIME_ARN:<key>}}
# Run `npm run synth` first so that ../../dist/modules exists (or point the sources at the
# published modules).

terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.66.0, < 7.0.0"
    }
  }
  # After the first apply, keep this configuration's state in the bucket it created:
  # backend "s3" {
  #   bucket       = "acme-prod-tfstate-123456789012"
  #   key          = "acme/prod/platform.tfstate"
  #   region       = "eu-west-1"
  #   encrypt      = true
  #   kms_key_id   = "arn:aws:kms:eu-west-1:123456789012:alias/acme-prod-tfstate"
  #   use_lockfile = true
  # }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
  default_tags {
    tags = { Project = "acme-prod", ManagedBy = "terraform" }
  }
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "litellm_api_key" {
  type      = string
  default   = ""
  sensitive = true
}

variable "langfuse_secret_key" {
  type      = string
  default   = ""
  sensitive = true
}

locals {
  agents          = { for f in fileset("${path.module}/agents", "*.yaml") : trimsuffix(f, ".yaml") => yamldecode(file("${path.module}/agents/${f}")) }
  gateway_targets = { for f in fileset("${path.module}/targets", "*.yaml") : trimsuffix(f, ".yaml") => yamldecode(file("${path.module}/targets/${f}")) }
  policies        = { for f in fileset("${path.module}/policies", "*.cedar") : trimsuffix(f, ".cedar") => file("${path.module}/policies/${f}") }
  workflows = {
    for f in fileset("${path.module}/workflows", "*.asl.json") : trimsuffix(f, ".asl.json") => {
      description = "Scheduled from examples/complete"
      definition  = file("${path.module}/workflows/${f}")
      triggers    = { schedule = "cron(0 6 * * ? *)" }
    }
  }
}

module "state" {
  source = "../../dist/modules/state"

  name_prefix                        = "acme"
  environment                        = "prod"
  account_id                         = var.account_id
  bucket_name                        = "acme-prod-tfstate-123456789012"
  noncurrent_version_expiration_days = 180
  kms_deletion_window_in_days        = 30
}

module "platform" {
  source = "../../dist/modules/platform"

  name_prefix                 = "acme"
  environment                 = "prod"
  account_id                  = var.account_id
  ssm_root_path               = "/acme/prod"
  kms_deletion_window_in_days = 30
  enable_state_parameters     = true
  state_bucket_name           = module.state.state_bucket_name
  state_kms_key_arn           = module.state.state_kms_key_arn

  authorizer_type       = "CUSTOM_JWT"
  enable_cognito        = false
  jwt_discovery_url     = "https://login.example.com/.well-known/openid-configuration"
  jwt_allowed_audiences = ["agentcore-gateway"]
  jwt_allowed_clients   = ["support-portal"]

  gateway_targets        = local.gateway_targets
  policies               = local.policies
  policy_engine_mode     = "ENFORCE"
  policy_validation_mode = "FAIL_ON_ANY_FINDINGS"

  enable_management_role            = true
  management_trusted_principal_arns = ["arn:aws:iam::123456789012:role/platform-admins"]
}

module "agents" {
  source = "../../dist/modules/agents"

  name_prefix              = "acme"
  environment              = "prod"
  account_id               = var.account_id
  agents                   = local.agents
  ssm_root_path            = module.platform.ssm_root_path
  gateway_role_arn         = module.platform.gateway_role_arn
  permissions_boundary_arn = module.platform.role_permissions_boundary_arn
  enable_gateway_url       = true
  gateway_url              = module.platform.gateway_url
  runtime_kms_key_arn      = module.platform.storage_kms_key_arn
  permission_mode          = "production"
  log_retention_days       = 90

  artifacts_bucket_arn           = "arn:aws:s3:::acme-prod-artifacts"
  extra_s3_read_bucket_arns      = ["arn:aws:s3:::acme-shared-datasets"]
  platform_artifacts_kms_key_arn = module.platform.platform_artifacts_kms_key_arn
  domain_artifacts_kms_key_arn   = module.platform.domain_artifacts_kms_key_arn
  storage_kms_key_arn            = module.platform.storage_kms_key_arn
  data_kms_key_arn               = module.platform.data_kms_key_arn
  idempotency_table_name         = "acme-prod-idempotency"
  evaluation_table_name          = "acme-prod-evaluations"
  enable_codebuild               = true
  codebuild_source_bucket_arn    = "arn:aws:s3:::acme-prod-build-sources"

  litellm_api_key     = var.litellm_api_key
  langfuse_secret_key = var.langfuse_secret_key
  langfuse_host       = "https://langfuse.example.com"
}

module "workflows" {
  source = "../../dist/modules/workflows"

  name_prefix              = "acme"
  environment              = "prod"
  account_id               = var.account_id
  workflows                = local.workflows
  agent_runtime_arns       = module.agents.runtime_arns
  permissions_boundary_arn = module.platform.role_permissions_boundary_arn
  logs_kms_key_arn         = module.platform.storage_kms_key_arn
  log_retention_days       = 90
  log_level                = "ERROR"
}

output "gateway_url" {
  value = module.platform.gateway_url
}

output "deployer_policy_json" {
  value = module.agents.deployer_policy_json
}

output "state_machine_arns" {
  value = module.workflows.state_machine_arns
}
