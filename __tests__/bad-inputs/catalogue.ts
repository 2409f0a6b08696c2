import * as fs from "node:fs";
import * as path from "node:path";
import { type BadInput, ENV, GW, SUPPORT, TARGET, WORKFLOW, both, enforce, policy, replace, write } from "./edits";

/** The first catalogue: configuration, agents, targets, workflows and Cedar, as first shipped. */
export const CATALOGUE: BadInput[] = [
  // --- environment configuration ---------------------------------------------------------------
  {
    area: "config",
    name: "account id given as a number",
    edit: replace(ENV, 'account_id: "123456789012"', "account_id: 123456789012"),
    message:
      "config/environments/example.yaml: account_id (line 7): Invalid input: expected string, received number; " +
      "given: 123456789012",
  },
  {
    area: "config",
    name: "missing field",
    edit: replace(ENV, "region: us-east-1\n", ""),
    message: "config/environments/example.yaml: region: is required (expected string)",
  },
  {
    area: "config",
    name: "unknown field",
    edit: replace(ENV, "environment: dev", "environment: dev\nenviroment: prod"),
    message:
      "config/environments/example.yaml: enviroment (line 6): unknown field; allowed fields: name_prefix, " +
      "environment, region, account_id, tags, state, platform, agents, workflows",
  },
  {
    area: "config",
    name: "bucket name S3 rejects",
    edit: replace(ENV, "bucket_name: acme-dev-tfstate-123456789012", "bucket_name: Acme_State"),
    message:
      "config/environments/example.yaml: state.bucket_name (line 12): must be 3-63 characters: lowercase " +
      'letters, digits, dots and hyphens, starting and ending with a letter or digit; given: "Acme_State"',
  },
  {
    area: "config",
    name: "bucket name formatted as an IP address",
    edit: replace(ENV, "bucket_name: acme-dev-tfstate-123456789012", "bucket_name: 192.168.5.4"),
    message:
      "config/environments/example.yaml: state.bucket_name (line 12): must not be formatted as an IP address; " +
      'given: "192.168.5.4"',
  },
  {
    area: "config",
    name: "name prefix with upper case",
    edit: replace(ENV, "name_prefix: acme", "name_prefix: Acme"),
    message:
      "config/environments/example.yaml: name_prefix (line 4): must be 2-16 characters: lowercase letters, " +
      'digits and hyphens, starting with a letter and not ending with a hyphen; given: "Acme"',
  },
  {
    area: "config",
    name: "name prefix that puts aws into the default Cognito domain",
    edit: replace(ENV, "name_prefix: acme", "name_prefix: laws"),
    message:
      "config/environments/example.yaml: name_prefix (line 4): makes the default Cognito domain prefix " +
      '"laws-dev-123456789012" (<name_prefix>-<environment>-<account_id>), which contains "aws"; Cognito ' +
      "refuses domain prefixes containing aws, amazon, cognito: set platform.gateway.cognito_domain_prefix or " +
      "choose another name_prefix",
  },
  {
    area: "config",
    name: "region that does not exist",
    edit: replace(ENV, "region: us-east-1", "region: us-east"),
    message:
      "config/environments/example.yaml: region (line 6): must be an AWS region code such as us-east-1 or " +
      'eu-west-2; given: "us-east"',
  },
  {
    area: "config",
    name: "state key in another region than the bucket",
    edit: replace(
      ENV,
      "  bucket_name: acme-dev-tfstate-123456789012\n",
      "  bucket_name: acme-dev-tfstate-123456789012\n" +
        "  kms_key_arn: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
    ),
    message:
      "config/environments/example.yaml: state.kms_key_arn (line 13): is a key of eu-west-1, but the state bucket " +
      "is in region us-east-1; S3 encrypts only with keys of the bucket's region: give a key of us-east-1",
  },
  {
    area: "config",
    name: "state key in a region that does not exist",
    edit: replace(
      ENV,
      "  bucket_name: acme-dev-tfstate-123456789012\n",
      "  bucket_name: acme-dev-tfstate-123456789012\n  kms_key_arn: arn:aws:kms:us-east-7:123456789012:alias/state\n",
    ),
    message:
      'config/environments/example.yaml: state.kms_key_arn (line 13): names the region "us-east-7", which is not ' +
      "a region AWS has",
  },
  {
    area: "config",
    name: "KMS deletion window out of range",
    edit: replace(ENV, "  kms_deletion_window_in_days: 30\nplatform", "  kms_deletion_window_in_days: 3\nplatform"),
    message:
      "config/environments/example.yaml: state.kms_deletion_window_in_days (line 14): must be between 7 and 30 " +
      "(AWS KMS limits); given: 3",
  },
  {
    area: "config",
    name: "duplicate key",
    edit: replace(ENV, "environment: dev", "environment: dev\nenvironment: prod"),
    message:
      "config/environments/example.yaml: environment (line 6): is given twice in the same mapping (YAML keys must " +
      "be unique); keep one of the two",
  },
  {
    area: "agent",
    name: "duplicate key in a .yml blueprint",
    edit: write(
      "blueprints/agents/helper.yml",
      "key: helper\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n'description': y\n",
    ),
    message:
      "blueprints/agents/helper.yml: description (line 4): is given twice in the same mapping (YAML keys must be " +
      "unique); keep one of the two",
  },
  {
    area: "config",
    name: "custom_jwt without an issuer",
    edit: replace(ENV, "authorizer: cognito", "authorizer: custom_jwt"),
    message:
      "config/environments/example.yaml: platform.gateway.custom_jwt (line 17): is required when authorizer is " +
      "custom_jwt",
  },
  {
    area: "config",
    name: "management role without principals",
    edit: replace(
      ENV,
      "    enabled: false\n    trusted_principal_arns: []",
      "    enabled: true\n    trusted_principal_arns: []",
    ),
    message:
      "config/environments/example.yaml: platform.management_role.trusted_principal_arns (line 24): enabled " +
      "needs at least one trusted_principal_arns entry",
  },
  {
    area: "config",
    name: "log retention CloudWatch does not offer",
    edit: replace(ENV, "  log_retention_days: 30\n  artifacts", "  log_retention_days: 31\n  artifacts"),
    message:
      "config/environments/example.yaml: agents.log_retention_days (line 29): must be a retention CloudWatch " +
      "Logs accepts",
  },
  {
    area: "config",
    name: "artifacts bucket ARN naming a bucket S3 does not allow",
    edit: replace(
      ENV,
      "artifacts_bucket_arn: arn:aws:s3:::acme-dev-artifacts",
      "artifacts_bucket_arn: arn:aws:s3:::Acme_Art",
    ),
    message:
      'config/environments/example.yaml: agents.artifacts_bucket_arn (line 30): names the bucket "Acme_Art", which ' +
      "S3 refuses: it must be 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending " +
      'with a letter or digit; given: "arn:aws:s3:::Acme_Art"',
  },
  {
    area: "config",
    name: "artifacts bucket ARN of an object, not a bucket",
    edit: replace(
      ENV,
      "artifacts_bucket_arn: arn:aws:s3:::acme-dev-artifacts",
      "artifacts_bucket_arn: arn:aws:s3:::acme-dev-artifacts/agents",
    ),
    message:
      "config/environments/example.yaml: agents.artifacts_bucket_arn (line 30): names the bucket " +
      '"acme-dev-artifacts/agents", which S3 refuses',
  },
  // --- agent blueprints ------------------------------------------------------------------------
  // The same misspellings the registry modules refuse at plan (__tests__/strict-inputs.test.ts).
  {
    area: "agent",
    name: "misspelt capability (code_interperter)",
    edit: replace(SUPPORT, "codebuild: true", "codebuild: true\ncode_interperter: {}"),
    message:
      "blueprints/agents/support.yaml: code_interperter (line 20): unknown field; allowed fields: key, description",
  },
  {
    area: "agent",
    name: "misspelt field inside a memory strategy",
    edit: replace(
      SUPPORT,
      "codebuild: true",
      "codebuild: true\nmemory:\n  strategies:\n    - { name: facts, type: SEMANTIC, namspace: /facts }",
    ),
    message:
      "blueprints/agents/support.yaml: memory.strategies.0.namspace (line 22): unknown field; allowed fields: name",
  },
  {
    area: "agent",
    name: "key that differs from its file name",
    edit: replace(SUPPORT, "key: support", "key: helpdesk"),
    message:
      'blueprints/agents/support.yaml: key (line 2): is "helpdesk" but the file is named "support.yaml"; name ' +
      "the file <key>.yaml",
  },
  {
    area: "agent",
    name: "key AWS names would reject",
    edit: write(
      "blueprints/agents/Bad_Agent.yaml",
      "key: Bad_Agent\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n",
    ),
    message:
      "blueprints/agents/Bad_Agent.yaml: key (line 1): must be 2-24 characters: lowercase letters, digits and " +
      "hyphens, starting with a letter (it becomes part of IAM role, log group and runtime names); given: " +
      '"Bad_Agent"',
  },
  {
    area: "agent",
    name: "unknown feature",
    edit: replace(SUPPORT, "  - platform_kms", "  - platform_kmss"),
    message: "blueprints/agents/support.yaml: features.1 (line 10): Invalid option: expected one of",
  },
  {
    area: "agent",
    name: "environment variable the platform sets",
    edit: replace(SUPPORT, "  LOG_LEVEL: info", "  LITELLM_API_KEY: sk-in-a-file"),
    message:
      "blueprints/agents/support.yaml: environment.LITELLM_API_KEY (line 13): is set by the platform; choose " +
      "another name",
  },
  {
    area: "agent",
    name: "two credential providers with one name",
    edit: replace(SUPPORT, "api_keys: [zendesk]", "api_keys: [zendesk, github]"),
    message: 'blueprints/agents/support.yaml: credentials (line 14): credential provider name "github" is used twice',
  },
  {
    area: "agent",
    name: "no model",
    edit: replace(
      "blueprints/agents/research.yaml",
      "models:\n  - anthropic.claude-3-5-haiku-20241022-v1:0\n",
      "models: []\n",
    ),
    message: "blueprints/agents/research.yaml: models (line 5): an agent needs at least one model; given: []",
  },
  {
    area: "config",
    name: "environment name longer than names allow",
    edit: replace(ENV, "environment: dev", "environment: production1"),
    message:
      "config/environments/example.yaml: environment (line 5): must be 1-10 characters: lowercase letters and " +
      'digits, starting with a letter (e.g. dev, staging, prod); given: "production1"',
  },
  {
    area: "agent",
    name: "browser recording without an artifacts bucket",
    edit: both(
      replace(ENV, "  artifacts_bucket_arn: arn:aws:s3:::acme-dev-artifacts", '  artifacts_bucket_arn: ""'),
      write(
        "blueprints/agents/browse.yaml",
        "key: browse\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\nbrowser:\n" +
          "  recording: true\n",
      ),
    ),
    message:
      "blueprints/agents/browse.yaml: browser.recording (line 5): records the browser's sessions to the artifacts " +
      "bucket, but config/environments/example.yaml sets no agents.artifacts_bucket_arn; set it to the bucket's " +
      "ARN (arn:aws:s3:::<bucket>) or remove recording",
  },
  // --- gateway targets -------------------------------------------------------------------------
  {
    area: "target",
    name: "required argument that is not a property",
    edit: replace(TARGET, "      required: [order_id]", "      required: [order_id, customer]"),
    message:
      'blueprints/gateway/targets/RefundTool.yaml: tools.1.input_schema.required (line 28): names "customer", ' +
      "which is not among the properties (order_id)",
  },
  {
    area: "target",
    name: "duplicate tool name",
    edit: replace(TARGET, "  - name: get_order", "  - name: process_refund"),
    message: 'blueprints/gateway/targets/RefundTool.yaml: tools.1.name (line 21): duplicate tool name "process_refund"',
  },
  // --- workflow blueprints ---------------------------------------------------------------------
  {
    area: "workflow",
    name: "unknown agent",
    edit: replace(WORKFLOW, "  decide:\n    agent: support", "  decide:\n    agent: suport"),
    message:
      'blueprints/workflows/refund-review.yaml: steps.decide.agent (line 33): names agent "suport", which no ' +
      "blueprint defines (blueprints/agents/suport.yaml does not exist); agents: research, support",
  },
  {
    area: "workflow",
    name: "cycle",
    edit: replace(WORKFLOW, "    output: $.decision\n    end: true", "    output: $.decision\n    next: triage"),
    message:
      "blueprints/workflows/refund-review.yaml: steps.triage (line 7): is part of a cycle: triage -> size_check " +
      "-> deep_review -> decide -> triage; workflows must terminate",
  },
  {
    area: "workflow",
    name: "unreachable step",
    edit: replace(WORKFLOW, "triggers:", "  orphan:\n    agent: support\n    end: true\ntriggers:"),
    message: 'blueprints/workflows/refund-review.yaml: steps.orphan (line 39): is unreachable from start_at "triage"',
  },
  {
    area: "workflow",
    name: "missing start",
    edit: replace(WORKFLOW, "start_at: triage\n", ""),
    message: "blueprints/workflows/refund-review.yaml: start_at: is required (expected string)",
  },
  {
    area: "workflow",
    name: "step with neither next nor end",
    edit: replace(WORKFLOW, "    output: $.decision\n    end: true", "    output: $.decision"),
    message: "blueprints/workflows/refund-review.yaml: steps.decide (line 32): has neither next nor end; give one",
  },
  {
    area: "workflow",
    name: "next to a step that does not exist",
    edit: replace(WORKFLOW, "    next: size_check", "    next: sizecheck"),
    message:
      'blueprints/workflows/refund-review.yaml: steps.triage (line 7): moves to "sizecheck", which is not a step',
  },
  {
    area: "workflow",
    name: "role name over 64 characters",
    edit: both(
      replace(ENV, "name_prefix: acme", "name_prefix: acme-platform-eu"),
      replace(ENV, "environment: dev", "environment: production"),
      replace(WORKFLOW, "name: refund-review", "name: refund-review-with-a-long-name-x"),
      (dir) =>
        fs.renameSync(
          path.join(dir, WORKFLOW),
          path.join(dir, "blueprints/workflows/refund-review-with-a-long-name-x.yaml"),
        ),
    ),
    message:
      "blueprints/workflows/refund-review-with-a-long-name-x.yaml: name (line 2): makes the IAM role name " +
      '"acme-platform-eu-production-refund-review-with-a-long-name-x-start", which is 66 characters long; IAM ' +
      "role names are 1-64 characters",
  },
  {
    area: "agent",
    name: "key that makes the runtime name longer than AgentCore allows",
    edit: both(
      replace(ENV, "name_prefix: acme", "name_prefix: acme-platform-eu"),
      replace(ENV, "environment: dev", "environment: production"),
      write(
        "blueprints/agents/customer-support-bot-xyz.yaml",
        "key: customer-support-bot-xyz\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\n",
      ),
    ),
    message:
      "blueprints/agents/customer-support-bot-xyz.yaml: key (line 1): makes the AgentCore runtime name " +
      '"acme_platform_eu_production_customer_support_bot_xyz", which is 52 characters long; AgentCore runtime ' +
      "names are 1-48 characters. Shorten the agent key (or name_prefix/environment) (with name_prefix " +
      '"acme-platform-eu" and environment "production" from config/environments/example.yaml)',
  },
  {
    area: "agent",
    name: "credential provider names two agents share",
    edit: both(
      replace(SUPPORT, "api_keys: [zendesk]", "api_keys: [bot-zendesk]"),
      write(
        "blueprints/agents/support-bot.yaml",
        "key: support-bot\ndescription: x\nmodels: [anthropic.claude-3-5-haiku-20241022-v1:0]\ncredentials:\n" +
          "  api_keys: [zendesk]\n",
      ),
    ),
    message:
      "blueprints/agents/support-bot.yaml: credentials (line 4): makes the credential provider name " +
      '"acme-dev-support-bot-zendesk", which agent "support" already makes; rename one of the credentials',
  },
  {
    area: "agent",
    name: "so many credentials that the inline policies exceed IAM's quota (AC008)",
    edit: both(
      replace(ENV, "permission_mode: development", "permission_mode: production"),
      replace(SUPPORT, "api_keys: [zendesk]", `api_keys: [${Array.from({ length: 150 }, (_, i) => `key${i}`)}]`),
    ),
    message:
      "[AC008] stack agents, agent support (rendered): aws_iam_role.support inline policies total about " +
      "22325 characters, over 10240 (blueprints/agents/support.yaml: credentials holds 151 providers (150 " +
      "api_keys, 1 oauth2), each named in the policy; models holds 2, features 3; declare fewer of them, or " +
      "split the agent)",
  },
  {
    area: "agent",
    name: "image_uri together with codebuild",
    edit: replace(
      SUPPORT,
      "codebuild: true",
      "codebuild: true\nimage_uri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shared/support:1.0",
    ),
    message:
      "blueprints/agents/support.yaml: codebuild (line 19): builds into the agent's own repository, which an " +
      "agent with image_uri does not have; remove one of them",
  },
  {
    area: "target",
    name: "target named like an AgentCore action group",
    edit: both(replace(TARGET, "name: RefundTool", "name: CallTool"), (dir) =>
      fs.renameSync(path.join(dir, TARGET), path.join(dir, "blueprints/gateway/targets/CallTool.yaml")),
    ),
    message:
      'blueprints/gateway/targets/CallTool.yaml: name (line 2): "CallTool" is one of AgentCore\'s own Cedar ' +
      "action groups (Mcp, CallTool); name the target otherwise",
  },
  {
    area: "workflow",
    name: "parallel step with one branch",
    edit: replace(
      WORKFLOW,
      "      - agent: support\n        input: { order_id: $.order_id, mode: second_opinion }\n",
      "",
    ),
    message: "blueprints/workflows/refund-review.yaml: steps.deep_review",
  },
  // --- Cedar policies --------------------------------------------------------------------------
  {
    area: "cedar",
    name: "unknown action",
    edit: policy(
      `@id("Bad")\npermit(principal, action == AgentCore::Action::"RefundTool___delete_order", resource == ` +
        `AgentCore::Gateway::${GW});`,
    ),
    message:
      'blueprints/gateway/policies/bad.cedar: line 2, policy "Bad": [schema] unrecognized action ' +
      '`AgentCore::Action::"RefundTool___delete_order"`',
  },
  {
    area: "cedar",
    name: "specific action with an open resource",
    edit: policy(
      `@id("Bad")\npermit(principal, action == AgentCore::Action::"RefundTool___get_order", resource is ` +
        "AgentCore::Gateway);",
    ),
    message:
      'blueprints/gateway/policies/bad.cedar: line 1, policy "Bad": [resource-specificity] names specific ' +
      "actions, so it must name a specific gateway",
  },
  {
    area: "cedar",
    name: "syntax error",
    edit: policy(`@id("Bad")\npermit(principal, action == AgentCore::Action::"RefundTool___get_order" resource);`),
    message: "blueprints/gateway/policies/bad.cedar: line 2: [syntax] unexpected token",
  },
  {
    area: "cedar",
    name: "claim read as an attribute instead of a tag",
    edit: policy(
      `@id("Bad")\npermit(principal is AgentCore::OAuthUser, action == ` +
        `AgentCore::Action::"RefundTool___get_order", resource == AgentCore::Gateway::${GW})\n` +
        `when { principal.scope == "orders:read" };`,
    ),
    message:
      'blueprints/gateway/policies/bad.cedar: line 3, policy "Bad": [schema] attribute `scope` on entity type ' +
      "`AgentCore::OAuthUser` not found",
  },
  {
    area: "cedar",
    name: "wrong entity type",
    edit: policy(
      `@id("Bad")\npermit(principal is AgentCore::User, action == AgentCore::Action::"RefundTool___get_order", ` +
        `resource == AgentCore::Gateway::${GW});`,
    ),
    message:
      'blueprints/gateway/policies/bad.cedar: line 2, policy "Bad": [schema] unrecognized entity type ' +
      "`AgentCore::User` (did you mean `AgentCore::OAuthUser`?)",
  },
  {
    area: "cedar",
    name: "policy name AWS rejects (hyphen)",
    edit: policy(
      `@id("refund-readers")\npermit(principal, action == AgentCore::Action::"RefundTool___get_order", resource ` +
        `== AgentCore::Gateway::${GW});`,
    ),
    message:
      'blueprints/gateway/policies/bad.cedar: line 1, policy #1: [policy-name] @id("refund-readers") is not a ' +
      "valid AgentCore policy name",
  },
  {
    area: "cedar",
    name: "policy without @id",
    edit: policy(
      `permit(principal, action == AgentCore::Action::"RefundTool___get_order", resource == ` +
        `AgentCore::Gateway::${GW});`,
    ),
    message: 'blueprints/gateway/policies/bad.cedar: line 1, policy #1: [policy-name] has no @id("...") annotation',
  },
  {
    area: "cedar",
    name: "duplicate policy name",
    edit: policy(
      `@id("OrderReadersMayGetOrders")\npermit(principal, action == AgentCore::Action::"RefundTool___get_order", ` +
        `resource == AgentCore::Gateway::${GW});`,
    ),
    message:
      'blueprints/gateway/policies/refunds.cedar: line 18, policy "OrderReadersMayGetOrders": [duplicate] the ' +
      "name is already used by the policy at blueprints/gateway/policies/bad.cedar line 1",
  },
  {
    area: "cedar",
    name: "fully open permit in ENFORCE",
    edit: both(policy(`@id("Everyone")\npermit(principal, action, resource);`), enforce),
    message:
      'blueprints/gateway/policies/bad.cedar: line 1, policy "Everyone": [open-permit] permits every caller ' +
      "every tool in ENFORCE mode",
  },
];
