import {
  AWS_NAMES,
  DELIBERATE_STRICTNESS,
  ENVIRONMENT_RULE,
  NAME_PREFIX_RULE,
  type NameRule,
  PLATFORM_TAG_KEYS,
} from "../lib/naming";
import { AGENT_NAMES, CREDENTIAL_PROVIDER_NAME } from "../modules/agents/names";
import { GATEWAY_NAME, GATEWAY_NAMES, RESERVED_ACTION_GROUPS } from "../modules/platform/modules/agentcore/names";
import { awsLimit } from "../lib/aws-limits";
import { TAG_LIMITS } from "../lib/config/environment";
import { WORKFLOW_NAMES } from "../modules/workflows/names";

const PARTS = { namePrefix: "<name_prefix>", environment: "<environment>" };
const esc = (s: string) => s.replace(/\|/g, "\\|");
/** `buildRole` → `build role`. */
const words = (id: string) => id.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
const row = (what: string, built: string, rule: NameRule) =>
  `| ${what} | \`${esc(built)}\` | ${rule.min}-${rule.max} characters: ${esc(rule.allowed)} | ` +
  `[${rule.what}](${rule.source}) |`;

/**
 * The README's table of every name the platform derives and every value limit it checks: read
 * from the tables the schemas, the module validations and the messages use (lib/naming.ts and
 * each module's names.ts), so the documentation cannot drift from the checks.
 */
export function namingTable(): string {
  const agent = { ...PARTS, key: "<key>" };
  const rows = [
    "| name | built as | AWS allows | source |",
    "| --- | --- | --- | --- |",
    `| name prefix | \`<name_prefix>\` | ${esc(NAME_PREFIX_RULE.message.replace(/^must be /, ""))} | ` +
      "the strictest of the names below (S3) |",
    `| environment | \`<environment>\` | ${esc(ENVIRONMENT_RULE.message.replace(/^must be /, ""))} | ` +
      "room for the names below |",
    ...Object.entries(AGENT_NAMES).map(([what, d]) => row(`agent ${words(what)}`, d.name(agent), d.rule)),
    row(
      "agent credential provider",
      CREDENTIAL_PROVIDER_NAME.name({ ...agent, credential: "<credential>" }),
      CREDENTIAL_PROVIDER_NAME.rule,
    ),
    `| gateway | \`${GATEWAY_NAME.name(PARTS)}\` | matching \`${esc(awsLimit(GATEWAY_NAME.field).pattern!)}\` ` +
      `(no two hyphens in a row) | AWS's model, \`${GATEWAY_NAME.field}\` |`,
    `| gateway target | \`<Target>\` | 1-64 characters: PascalCase letters and digits, not ` +
      `${RESERVED_ACTION_GROUPS.join(" or ")} (the Cedar action group; AWS allows ` +
      `${AWS_NAMES.gatewayTarget.min}-${AWS_NAMES.gatewayTarget.max} characters: ` +
      `${esc(AWS_NAMES.gatewayTarget.allowed)}) | ` +
      `[${AWS_NAMES.gatewayTarget.what}](${AWS_NAMES.gatewayTarget.source}) |`,
    row(
      "target Lambda function",
      GATEWAY_NAMES.lambdaFunction.name({ ...PARTS, function: "<function>" }),
      GATEWAY_NAMES.lambdaFunction.rule,
    ),
    row("policy engine", GATEWAY_NAMES.policyEngine.name(PARTS), GATEWAY_NAMES.policyEngine.rule),
    row("Cedar policy", '@id("<Name>")', AWS_NAMES.policy),
    ...Object.entries(WORKFLOW_NAMES).map(([what, d]) =>
      row(`workflow ${words(what)}`, d.name({ ...PARTS, workflow: "<workflow>" }), d.rule),
    ),
    `| tags per resource | the environment's \`tags\` + ${PLATFORM_TAG_KEYS.map((k) => `\`${k}\``).join(", ")} | ` +
      `at most ${TAG_LIMITS.count.max} ` +
      `(so ${TAG_LIMITS.count.max - PLATFORM_TAG_KEYS.length} of your own); ` +
      `keys ${TAG_LIMITS.key.min}-${TAG_LIMITS.key.max}, values ${TAG_LIMITS.value.min}-${TAG_LIMITS.value.max} ` +
      "ASCII characters (AgentCore's pattern), no `aws:` prefix | AWS's model, `TagResource.tags` |",
    "| region | `region` | a region AWS has (`lib/aws-regions.json`, `npm run regions`) | " +
      "the AWS SDK's endpoint data |",
  ];
  return rows.join("\n");
}

/**
 * The README's list of the checks that refuse what AWS's API model accepts, on purpose, with the
 * reason (lib/naming.ts `DELIBERATE_STRICTNESS`); every other field is checked as AWS checks it.
 */
export function deliberateStrictnessTable(): string {
  return [
    "| field | AWS accepts | the project accepts | why |",
    "| --- | --- | --- | --- |",
    ...Object.values(DELIBERATE_STRICTNESS).map(
      (d) => `| \`${esc(d.field)}\` | ${esc(d.aws)} | ${esc(d.project)} | ${esc(d.reason)} |`,
    ),
  ].join("\n");
}
