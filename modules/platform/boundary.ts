import type { AwsFacts } from "../../lib/aws-context";
import type { StatementSpec } from "../../lib/iam/statement-table";
import { AGENT_ROLE_STATEMENTS, CODEBUILD_ROLE_STATEMENTS } from "../agents/permissions";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../workflows/permissions";

/** Every statement of every role the deployer (CI) creates: agent, build, workflow and trigger roles. */
const BOUNDED_TABLES = [
  AGENT_ROLE_STATEMENTS,
  CODEBUILD_ROLE_STATEMENTS,
  WORKFLOW_ROLE_STATEMENTS,
  TRIGGER_ROLE_STATEMENTS,
] as const;
const ACTIONS = [...new Set(BOUNDED_TABLES.flatMap((t) => t.flatMap((s) => s.actions)))];
const SERVICES = [...new Set(ACTIONS.filter((a) => !a.startsWith("iam:")).map((a) => a.split(":")[0]))].sort();

/**
 * The permissions boundary of every role the deployer creates (deployer policy `IAMRoleCreation`):
 * the services those roles' tables use, and of IAM only what they use (GetRole, PassRole), so that
 * no such role can be given, or give itself, more than its kind needs, whatever policy is
 * written to it. Derived from the tables: a statement added there is inside the boundary.
 */
export const ROLE_BOUNDARY_STATEMENTS: readonly StatementSpec<AwsFacts>[] = [
  {
    sid: "PlatformRoleServices",
    purpose:
      "The services the agent, build, workflow and trigger roles use; their own policies grant the scoped actions",
    actions: SERVICES.map((s) => `${s}:*`),
    resources: () => ["*"],
  },
  {
    sid: "PlatformRoleIam",
    purpose: "Of IAM, only what those roles use: reading and passing roles (their own policies name which)",
    actions: ACTIONS.filter((a) => a.startsWith("iam:")).sort(),
    resources: () => ["*"],
  },
];
