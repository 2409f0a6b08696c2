import type * as Cedar from "@cedar-policy/cedar-wasm/nodejs";
import { cedarWasm } from "./cache";
import { NAMESPACE } from "./schema";

/**
 * Whether policies cover every request the gateway can receive: every caller, every tool, this
 * gateway, whatever the tool's input. That is what an open `permit` does, however it is written:
 * `permit(principal, action, resource)`, the same `when { true }`, `unless { 1 == 2 }`,
 * `when { context has input }` (AgentCore always sends the input), `principal is
 * AgentCore::OAuthUser` (the schema has no other principal type), an action list naming every
 * tool, `resource == AgentCore::Gateway::"{{GATEWAY_ARN}}"` (the engine serves only this gateway).
 *
 * How it is decided, without any guessing about Cedar's semantics:
 * 1. A policy becomes one Cedar expression: its scope as conditions (`principal is T`,
 *    `action in [...]`) and its `when` bodies and negated `unless` bodies, joined with `&&`.
 * 2. Folding: every closed part (one that reads none of principal, action, resource, context) is
 *    evaluated by Cedar itself and replaced by its value when that is a boolean (`1 + 2 == 3`,
 *    `"ab" like "a*"`, `decimal("1.0").lessThan(decimal("2.0"))`, `[1].contains(1)`); an
 *    expression compared with itself (`principal == principal`; `!=` gives `false`), `e || !e`,
 *    and a comparison of the resource with this gateway become `true`.
 * 3. Cedar's validator, in strict mode against the gateway's schema, is asked whether
 *    `permit(principal, action, resource) when { !(<expression>) }` is impossible, i.e. false for
 *    every valid request. Its type checker knows boolean constants, `&&`, `||`, `!`, `if`, `is`,
 *    `has` on required attributes and the action hierarchy, per principal type and action.
 *
 * Sound, not complete: "covers" is only ever said when Cedar proves it (a request on which the
 * expression would fail to evaluate is denied, so a proof that holds except for errors counts).
 */
export type Expr = Record<string, unknown>;

export interface EntityRef {
  readonly type: string;
  readonly id: string;
}

export interface ScopeConstraint {
  readonly op: "All" | "==" | "in" | "is";
  readonly entity?: EntityRef;
  readonly entities?: readonly EntityRef[];
  readonly entity_type?: string;
  readonly in?: { readonly entity: EntityRef };
  readonly slot?: string;
}

/** A policy as `policyToJson` gives it, as far as the checks read it. */
export interface PolicyJson {
  readonly effect: "permit" | "forbid";
  readonly principal: ScopeConstraint;
  readonly action: ScopeConstraint;
  readonly resource: ScopeConstraint;
  readonly conditions?: readonly { readonly kind: "when" | "unless"; readonly body: Expr }[];
  /** An annotation written without a value (`@open_permit`) is null. */
  readonly annotations?: Record<string, string | null>;
}

const GATEWAY_TYPE = `${NAMESPACE}::Gateway`;
const TRUE: Expr = { Value: true };
const LEAVES = new Set(["Value", "Var", "Slot", "Unknown"]);

const kindOf = (e: Expr) => Object.keys(e)[0];

/** `e` with each direct sub-expression replaced by `f(sub)`. */
function mapChildren(e: Expr, f: (sub: Expr) => Expr): Expr {
  const kind = kindOf(e);
  const v = e[kind] as Record<string, unknown> | Expr[];
  if (LEAVES.has(kind)) return e;
  if (Array.isArray(v)) return { [kind]: v.map(f) }; // Set, extension function calls
  if (kind === "Record") return { Record: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x as Expr)])) };
  // Everything else is an object whose expression fields are these; `attr`, `pattern` and
  // `entity_type` are names, not expressions.
  const out: Record<string, unknown> = { ...v };
  for (const field of ["arg", "left", "right", "if", "then", "else", "in"])
    if (v[field] !== undefined) out[field] = f(v[field] as Expr);
  return { [kind]: out };
}

function isClosed(e: Expr): boolean {
  const kind = kindOf(e);
  if (kind === "Var" || kind === "Slot" || kind === "Unknown") return false;
  let closed = true;
  mapChildren(e, (sub) => {
    closed &&= isClosed(sub);
    return sub;
  });
  return closed;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const entityValue = (e: EntityRef): Expr => ({ Value: { __entity: { type: e.type, id: e.id } } });

/** A closed expression's value when it is a boolean (Cedar evaluates it); otherwise undefined. */
function closedTruth(e: Expr): boolean | undefined {
  const clause = (kind: "when" | "unless") => ({
    effect: "permit",
    principal: { op: "All" },
    action: { op: "All" },
    resource: { op: "All" },
    conditions: [{ kind, body: e }],
  });
  const someone = { type: "Probe", id: "probe" };
  const answer = cedarWasm().isAuthorized({
    principal: someone,
    action: { type: "Action", id: "probe" },
    resource: someone,
    context: {},
    policies: {
      staticPolicies: { isTrue: clause("when"), isFalse: clause("unless") } as unknown as Cedar.StaticPolicySet,
    },
    entities: [],
  });
  if (answer.type !== "success") return undefined;
  const reasons = answer.response.diagnostics.reason;
  return reasons.includes("isTrue") ? true : reasons.includes("isFalse") ? false : undefined;
}

/** Names this gateway (the engine serves no other), so it holds for every request. */
function isThisGateway(e: Expr, gatewayArn: string): boolean {
  const ref = (e.Value as { __entity?: EntityRef } | undefined)?.__entity;
  return ref?.type === GATEWAY_TYPE && ref.id === gatewayArn;
}

function simplify(e: Expr, gatewayArn: string): Expr {
  const kind = kindOf(e);
  const v = e[kind] as { left?: Expr; right?: Expr };
  const resourceVsGateway = (a?: Expr, b?: Expr) =>
    !!a && !!b && same(a, { Var: "resource" }) && isThisGateway(b, gatewayArn);
  if (
    kind === "==" &&
    (same(v.left, v.right) || resourceVsGateway(v.left, v.right) || resourceVsGateway(v.right, v.left))
  )
    return TRUE;
  if (kind === "!=" && same(v.left, v.right)) return { Value: false };
  if (kind === "in" && resourceVsGateway(v.left, v.right)) return TRUE;
  if (kind === "||" && (same(v.left, { "!": { arg: v.right } }) || same(v.right, { "!": { arg: v.left } })))
    return TRUE;
  return e;
}

/** Step 2: closed parts evaluated, tautologies Cedar's type checker does not see replaced. */
export function fold(e: Expr, gatewayArn: string): Expr {
  if (LEAVES.has(kindOf(e))) return e;
  if (isClosed(e)) {
    const truth = closedTruth(e);
    return truth === undefined ? e : { Value: truth };
  }
  return simplify(
    mapChildren(e, (sub) => fold(sub, gatewayArn)),
    gatewayArn,
  );
}

/** A scope constraint as a condition on its variable; undefined when it holds for every request. */
function scopeCondition(
  variable: "principal" | "action" | "resource",
  c: ScopeConstraint,
  gatewayArn: string,
): Expr | undefined {
  const left = { Var: variable };
  switch (c.op) {
    case "All":
      return undefined;
    case "==":
    case "in":
      if (variable === "resource" && c.entity?.type === GATEWAY_TYPE && c.entity.id === gatewayArn) return undefined;
      return { [c.op]: { left, right: c.entities ? { Set: c.entities.map(entityValue) } : entityValue(c.entity!) } };
    case "is":
      return { is: { left, entity_type: c.entity_type, ...(c.in ? { in: entityValue(c.in.entity) } : {}) } };
  }
}

const and = (parts: Expr[]): Expr =>
  parts.length === 0 ? TRUE : parts.reduce((left, right) => ({ "&&": { left, right } }));
const or = (parts: Expr[]): Expr => parts.reduce((left, right) => ({ "||": { left, right } }));

/** Step 1 and 2: what a request must satisfy for `policy` to apply, as one folded expression. */
export function requirement(policy: PolicyJson, gatewayArn: string): Expr {
  const scope = (["principal", "action", "resource"] as const)
    .map((v) => scopeCondition(v, policy[v], gatewayArn))
    .filter((x): x is Expr => x !== undefined);
  const conditions = (policy.conditions ?? []).map((c) => (c.kind === "when" ? c.body : { "!": { arg: c.body } }));
  return fold(and([...scope, ...conditions]), gatewayArn);
}

/**
 * Step 3, for several questions at once (one schema parse): for each list of requirements,
 * whether every valid request satisfies at least one of them.
 */
export function coverEveryRequest(questions: readonly (readonly Expr[])[], schema: Record<string, unknown>): boolean[] {
  if (questions.length === 0) return [];
  const probes = Object.fromEntries(
    questions.map((alternatives, i) => [
      `q${i}`,
      {
        effect: "permit",
        principal: { op: "All" },
        action: { op: "All" },
        resource: { op: "All" },
        conditions: [{ kind: "when", body: { "!": { arg: or([...alternatives]) } } }],
      },
    ]),
  );
  const answer = cedarWasm().validate({
    schema: schema as Cedar.Schema,
    policies: { staticPolicies: probes as unknown as Cedar.StaticPolicySet },
    validationSettings: { mode: "strict" },
  });
  if (answer.type !== "success") return questions.map(() => false);
  const impossible = new Set(
    answer.validationWarnings.filter((w) => w.error.message.includes("policy is impossible")).map((w) => w.policyId),
  );
  const broken = new Set(answer.validationErrors.map((e) => e.policyId));
  return questions.map((_, i) => impossible.has(`q${i}`) && !broken.has(`q${i}`));
}
