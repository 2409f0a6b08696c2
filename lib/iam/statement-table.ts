import { Tokenization } from "cdktf";
import { PolicyStatement } from "./policy-document";

/**
 * One row of a role's permission table: the single place a statement is defined. The construct
 * renders it, the tests simulate it, the permission report and the module READMEs print it.
 */
export interface StatementSpec<Ctx> {
  readonly sid: string;
  readonly actions: readonly string[];
  /** Why the statement exists, for the permission report. */
  readonly purpose: string;
  readonly resources: (ctx: Ctx) => string[];
  /** Only for resource policies (key policies, bucket policies). */
  readonly principal?: (ctx: Ctx) => NonNullable<PolicyStatement["Principal"]>;
  readonly condition?: (ctx: Ctx) => NonNullable<PolicyStatement["Condition"]>;
  /**
   * When the statement is present, in words, for the report (e.g. "a policy engine is attached").
   * Absent: always present.
   */
  readonly presentWhen?: string;
  /** Synth-time presence test for `presentWhen` (shape decided by TypeScript). */
  readonly present?: (ctx: Ctx) => boolean;
}

export function renderStatements<Ctx>(table: readonly StatementSpec<Ctx>[], ctx: Ctx): PolicyStatement[] {
  return table
    .filter((s) => s.present?.(ctx) ?? true)
    .map((s) => ({
      Sid: s.sid,
      Effect: "Allow" as const,
      ...(s.principal ? { Principal: s.principal(ctx) } : {}),
      Action: s.actions.length === 1 ? s.actions[0] : [...s.actions],
      Resource: (() => {
        const r = s.resources(ctx);
        // A Terraform list (encoded as a one-element array) stays a list.
        return r.length === 1 && !Tokenization.reverseList(r) ? r[0] : r;
      })(),
      ...(s.condition ? { Condition: s.condition(ctx) } : {}),
    }));
}
