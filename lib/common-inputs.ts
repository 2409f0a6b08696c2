import { ENVIRONMENT_RULE, NAME_PREFIX_RULE, tfRule } from "./naming";

/** Retentions CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The inputs every module names its resources and ARNs with, declared once. */
export const NAMING_INPUTS = {
  name_prefix: {
    type: "string",
    description: "Prefix of every resource name, e.g. `acme` (the same in every module of a platform).",
    validation: [tfRule("name_prefix", NAME_PREFIX_RULE)],
  },
  environment: {
    type: "string",
    description: "Environment name, e.g. `dev`; part of every resource name.",
    validation: [tfRule("environment", ENVIRONMENT_RULE)],
  },
  account_id: {
    type: "string",
    default: "",
    description: "AWS account id used in ARNs and trust conditions. Empty: read from the caller identity at plan time.",
  },
} as const;

/** The platform's role boundary, which every module that creates roles puts on each of them. */
export const PERMISSIONS_BOUNDARY_INPUT = {
  type: "string",
  description:
    "ARN of the permissions boundary every role of this module carries (output `role_permissions_boundary_arn` " +
    "of the platform module); the deployer policy lets CI create roles only with it.",
  validation: [
    {
      condition: 'can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/.+$", var.permissions_boundary_arn))',
      errorMessage:
        "permissions_boundary_arn must be the ARN of an IAM managed policy (arn:aws:iam::<account>:policy/<name>).",
    },
  ],
} as const;

const LOG_RETENTIONS = LOG_RETENTION_DAYS.join(", ");

/** A log group retention input, validated against LOG_RETENTION_DAYS. */
export const logRetentionInput = (what: string) =>
  ({
    type: "number",
    default: 30,
    description: `Retention of ${what}, in days.`,
    validation: [
      {
        condition: `contains(${JSON.stringify(LOG_RETENTION_DAYS)}, var.log_retention_days)`,
        errorMessage: `log_retention_days must be a retention CloudWatch Logs accepts: ${LOG_RETENTIONS}.`,
      },
    ],
  }) as const;
