import { concatLists, hcl, isListToken } from "../hcl";
import { type PolicyStatement, rawJson } from "./policy-document";

/**
 * One row of a role's permission table: the single place a statement is defined. The construct
 * renders it, the tests simulate it, the permission report and the module READMEs print it.
 */
export interface StatementSpec<Ctx> {
  readonly sid: string;
  readonly actions: readonly string[];
  /** Why the statement exists, for the permission report. */
  readonly purpose: string;
  /** The resources; items may be Terraform lists (`mapList`), which are flattened. */
  readonly resources: (ctx: Ctx) => string[];
  /** Only for resource policies (key policies, bucket policies). */
  readonly principal?: (ctx: Ctx) => NonNullable<PolicyStatement["Principal"]>;
  readonly condition?: (ctx: Ctx) => NonNullable<PolicyStatement["Condition"]>;
  /**
   * When the statement is present, in words, for the report (e.g. "a policy engine is attached").
   * Absent: always present.
   */
  readonly presentWhen?: string;
  /** Where and why the statement departs from the seed it implements, for the permission docs. */
  readonly departure?: string;
  /**
   * Whether the statement is present: a boolean for literal contexts (report, tests), an HCL
   * condition in the constructs, where Terraform decides (see `guardedPolicy`). Absent: always.
   */
  readonly present?: (ctx: Ctx) => unknown;
}

/** The resources of a row as the policy holds them: one string, a list, or a Terraform list. */
export function statementResources(resources: readonly string[]): string | string[] {
  const flat = concatLists(resources);
  if (isListToken(flat)) return rawJson(hcl`jsonencode(${flat})`);
  return flat.length === 1 ? flat[0] : flat;
}

export function renderStatement<Ctx>(s: StatementSpec<Ctx>, ctx: Ctx): PolicyStatement {
  return {
    Sid: s.sid,
    Effect: "Allow" as const,
    ...(s.principal ? { Principal: s.principal(ctx) } : {}),
    Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
    Resource: statementResources(s.resources(ctx)),
    ...(s.condition ? { Condition: s.condition(ctx) } : {}),
  };
}

/** The statements of a table whose `present` is not literally false. */
export function renderStatements<Ctx>(table: readonly StatementSpec<Ctx>[], ctx: Ctx): PolicyStatement[] {
  return table.filter((s) => (s.present?.(ctx) ?? true) === true).map((s) => renderStatement(s, ctx));
}

/** Every row with its presence condition, for `guardedPolicy`. */
export function guardedStatements<Ctx>(
  table: readonly StatementSpec<Ctx>[],
  ctx: Ctx,
): { statement: PolicyStatement; presentIf?: unknown }[] {
  return table.map((s) => ({ statement: renderStatement(s, ctx), presentIf: s.present?.(ctx) }));
}
