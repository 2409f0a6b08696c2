# The smallest root configuration a Terraform-native team writes: the platform, its agents and
# their workflows, each fed by the outputs of the one before. Run `npm run synth` first so that
# ../../dist/modules exists (or point the sources at the published modules).

terraform {
  required_version = ">= 1.11.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.66.0, < 7.0.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

module "platform" {
  source = "../../dist/modules/platform"

  name_prefix = "acme"
  environment = "dev"
}

module "agents" {
  source = "../../dist/modules/agents"

  name_prefix              = "acme"
  environment              = "dev"
  ssm_root_path            = module.platform.ssm_root_path
  gateway_role_arn         = module.platform.gateway_role_arn
  permissions_boundary_arn = module.platform.role_permissions_boundary_arn
  runtime_kms_key_arn      = module.platform.storage_kms_key_arn
}

module "workflows" {
  source = "../../dist/modules/workflows"

  name_prefix              = "acme"
  environment              = "dev"
  agent_runtime_arns       = module.agents.runtime_arns
  permissions_boundary_arn = module.platform.role_permissions_boundary_arn
  logs_kms_key_arn         = module.platform.storage_kms_key_arn
}

output "gateway_url" {
  value = module.platform.gateway_url
}
