import type { Construct } from "constructs";
import { LocalBackend } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { EnvironmentConfig } from "../config/environment";
import { type PLATFORM_TAG_KEYS, resourceStem } from "../naming";
import { AWS_PROVIDER_PIN, AWS_PROVIDER_SOURCE, TERRAFORM_DEPLOY_CONSTRAINT } from "../versions";
import { LockingS3Backend } from "./backends";
import { NamedStack } from "./named-stack";

/** The stacks `cdktf deploy` runs, in the only order it accepts. */
export const STACK_ORDER = ["state", "platform", "agents", "workflows"] as const;
export type StackName = (typeof STACK_ORDER)[number];

/**
 * Where the `state` stack keeps its own state until it is migrated into the bucket it creates
 * (README, "Bootstrap"). Relative to the stack's working directory `cdktf.out/stacks/state`, so the
 * file lives in the project root and survives re-synthesis.
 */
export const BOOTSTRAP_STATE_PATH = "../../../terraform.state.tfstate";

export interface DeployStackProps {
  readonly env: EnvironmentConfig;
}

/**
 * Hosts a module construct for `cdktf deploy`: an AWS provider pinned exactly, restricted to the
 * configured account and tagging everything, and the encrypted S3 backend (the `state` stack
 * bootstraps on a local backend instead).
 */
export class DeployStack extends NamedStack {
  constructor(
    scope: Construct,
    readonly stackName: StackName,
    props: DeployStackProps,
  ) {
    super(scope, stackName);
    const { env } = props;
    const platformTags: Record<(typeof PLATFORM_TAG_KEYS)[number], string> = {
      ManagedBy: "terraform",
      Project: resourceStem(env),
      Stack: stackName,
    };

    new AwsProvider(this, "aws", {
      region: env.region,
      allowedAccountIds: [env.account_id],
      defaultTags: [{ tags: { ...env.tags, ...platformTags } }],
    });
    this.addOverride("terraform.required_providers.aws", { source: AWS_PROVIDER_SOURCE, version: AWS_PROVIDER_PIN });
    this.addOverride("terraform.required_version", TERRAFORM_DEPLOY_CONSTRAINT);

    if (stackName === "state") {
      new LocalBackend(this, { path: BOOTSTRAP_STATE_PATH });
    } else {
      new LockingS3Backend(this, {
        bucket: env.state.bucket_name,
        key: stateKey(env, stackName),
        region: env.region,
        encrypt: true,
        kmsKeyId: stateKmsKeyArn(env),
      });
    }
  }

  /** The stack as Terraform JSON, every lifecycle and output condition referring to something. */
  override toTerraform(): any {
    const tf = super.toTerraform();
    referToSomething(tf);
    return tf;
  }
}

/**
 * A module's checks refer to its variables (`var.x != ""`); a deploy stack passes the same
 * constructs literal values, which turns such a check into a constant (`"arn:..." != ""`), and
 * Terraform refuses a condition that refers to no object ("Invalid condition expression ... must
 * refer to at least one object", at init). Each such condition is prefixed with this local, which is
 * `true`: the check still runs at plan, with the same result and message.
 */
export const LITERAL_INPUTS_LOCAL = "literal_inputs";

/** Whether a condition refers to an object, read from its text without string literals. */
const REFERENCE = /\b(var|local|each|self|count|data|module|path|terraform|aws_[a-z0-9_]+)\s*[.[]/;

export function referToSomething(tf: {
  locals?: Record<string, unknown>;
  resource?: Record<string, Record<string, any>>;
  data?: Record<string, Record<string, any>>;
  output?: Record<string, any>;
}): void {
  const withoutStrings = (text: string) => text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const fix = (checks: { condition?: unknown }[] | undefined) => {
    for (const check of checks ?? []) {
      const c = check.condition;
      if (typeof c !== "string") continue;
      const inner = /^\$\{([\s\S]*)\}$/.exec(c)?.[1] ?? c;
      if (REFERENCE.test(withoutStrings(inner))) continue;
      check.condition = `\${local.${LITERAL_INPUTS_LOCAL} && (${inner})}`;
      tf.locals = { ...tf.locals, [LITERAL_INPUTS_LOCAL]: true };
    }
  };
  for (const kind of [tf.resource, tf.data])
    for (const byName of Object.values(kind ?? {}))
      for (const r of Object.values(byName)) {
        fix(r.lifecycle?.precondition);
        fix(r.lifecycle?.postcondition);
      }
  for (const o of Object.values(tf.output ?? {})) fix(o.precondition);
}

/** `<prefix>/<env>/<stack>.tfstate`: the object key of a stack's state in the state bucket. */
export function stateKey(env: Pick<EnvironmentConfig, "name_prefix" | "environment">, stack: StackName): string {
  return `${env.name_prefix}/${env.environment}/${stack}.tfstate`;
}

/** The KMS key the S3 backend uses: configured, or the alias of the key the state stack creates. */
export function stateKmsKeyArn(env: EnvironmentConfig): string {
  return env.state.kms_key_arn ?? `arn:aws:kms:${env.region}:${env.account_id}:alias/${resourceStem(env)}-tfstate`;
}
