import type { AwsFacts } from "../../lib/aws-context";
import type { StatementSpec } from "../../lib/iam/statement-table";
import { AGENTCORE_SERVICE_PRINCIPAL } from "../../lib/iam/trust";
import { agentRoleNamePatterns } from "../agents/names";
import { AGENT_ROLE_STATEMENTS, CODEBUILD_ROLE_STATEMENTS } from "../agents/permissions";
import { workflowRoleNamePatterns } from "../workflows/names";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../workflows/permissions";

/** What the boundary is scoped to: the platform's names. */
export interface BoundaryContext {
  readonly aws: AwsFacts;
  /** `<name_prefix>-<environment>`. */
  readonly stem: string;
}

/** Every statement of every role the deployer (CI) creates: agent, build, workflow and trigger roles. */
const BOUNDED_TABLES = [
  AGENT_ROLE_STATEMENTS,
  CODEBUILD_ROLE_STATEMENTS,
  WORKFLOW_ROLE_STATEMENTS,
  TRIGGER_ROLE_STATEMENTS,
] as const;
const ACTIONS = [...new Set(BOUNDED_TABLES.flatMap((t) => t.flatMap((s) => s.actions)))];
const SERVICES = [...new Set(ACTIONS.filter((a) => !a.startsWith("iam:")).map((a) => a.split(":")[0]))].sort();
const PASS_ROLE = "iam:PassRole";

/**
 * The services those tables pass roles to (the agents' EvaluationAndGatewayRoleAccess: AgentCore).
 * A test holds every PassRole row of the tables to this list.
 */
export const PASSED_TO_SERVICES: readonly string[] = [AGENTCORE_SERVICE_PRINCIPAL];

/**
 * The platform's bounded set: every role the deployer creates, all carrying this boundary (the
 * agents module's runtime, build, memory and browser roles; the workflows module's state machine
 * and trigger roles), as IAM ARN patterns. The platform's own roles (gateway, management) are not in it.
 */
export const boundedRoleArns = (c: BoundaryContext): string[] =>
  [...agentRoleNamePatterns(c.stem), ...workflowRoleNamePatterns(c.stem)].map((name) =>
    c.aws.arn("iam", `role/${name}`, { region: false }),
  );

/**
 * The permissions boundary of every role the deployer creates (deployer policy `IAMRoleChanges`):
 * the services those roles' tables use, and of IAM only what they use (GetRole, PassRole), so that
 * no such role can be given, or give itself, more than its kind needs, whatever policy is
 * written to it. Derived from the tables: a statement added there is inside the boundary. Passing a
 * role is the exception: it stays inside the bounded set, whatever a table names (DESIGN §2, no
 * escalation).
 */
export const ROLE_BOUNDARY_STATEMENTS: readonly StatementSpec<BoundaryContext>[] = [
  {
    sid: "PlatformRoleServices",
    purpose:
      "The services the agent, build, workflow and trigger roles use; their own policies grant the scoped actions",
    actions: SERVICES.map((s) => `${s}:*`),
    resources: () => ["*"],
  },
  {
    sid: "PlatformRoleIam",
    purpose: "Of IAM, only what those roles use besides passing roles: reading roles (their own policies name which)",
    actions: ACTIONS.filter((a) => a.startsWith("iam:") && a !== PASS_ROLE).sort(),
    resources: () => ["*"],
  },
  ...(ACTIONS.includes(PASS_ROLE)
    ? [
        {
          sid: "PlatformRolePassRole",
          purpose: "Pass only the platform's bounded roles, and only to the services those roles pass roles to",
          actions: [PASS_ROLE],
          resources: boundedRoleArns,
          condition: () => ({ StringEquals: { "iam:PassedToService": [...PASSED_TO_SERVICES] } }),
          departure:
            "Derived from the tables, the boundary allowed iam:PassRole on any role to any service. It now stops at " +
            "the bounded set: the gateway role and the AgentCoreEvalsSDK-* roles that EvaluationAndGatewayRoleAccess " +
            "names are outside it, so agents may read them but not pass them.",
        },
      ]
    : []),
];
