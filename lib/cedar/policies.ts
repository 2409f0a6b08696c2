import type * as Cedar from "@cedar-policy/cedar-wasm/nodejs";
import { cached, cedarWasm } from "./cache";
import { InputError, InputErrors } from "../errors";
import { AWS_NAMES, nameProblem } from "../naming";
import { awsBounds, awsPattern } from "../aws-limits";
import { characters } from "../aws-checks";
import { AGENTCORE_ACTION_GROUPS, NAMESPACE } from "./schema";
import { type EntityRef, type Expr, type PolicyJson, coverEveryRequest, requirement } from "./coverage";
import { listInputFiles, readInputFile, shownPath } from "../config/files";
import { REDACTED, TEXT_IS_PUBLIC, secretValueKind } from "../secrets";

/**
 * Where a policy names this platform's gateway. Cedar needs the gateway's ARN, which exists only
 * after the gateway does; files say `AgentCore::Gateway::"{{GATEWAY_ARN}}"` and Terraform fills in
 * the real ARN at apply time. It is the only way a policy may name a gateway: a literal ARN names
 * another gateway, or this one only until it is replaced.
 */
export const GATEWAY_ARN_PLACEHOLDER = "{{GATEWAY_ARN}}";

/** Annotation that marks a deliberately open `permit` as intended: `@open_permit("why")`. */
export const OPEN_PERMIT_ANNOTATION = "open_permit";

/**
 * The characters AgentCore accepts in a statement as it receives it, with the placeholder
 * replaced (CreatePolicy.definition.cedar.statement); the synthesis check and the module's
 * plan-time precondition both count the text so.
 */
export const STATEMENT_LENGTH = awsBounds("CreatePolicy.definition.cedar.statement", "length");

/**
 * A gateway's id is its name, a hyphen and this many characters (AWS's GatewayIdentifier pattern
 * ends in `-[0-9a-z]{10}$`), so the length of its ARN is known before it exists:
 * `arn:<partition>:bedrock-agentcore:<region>:<account>:gateway/<name>-<id suffix>`.
 */
export const GATEWAY_ID_SUFFIX_LENGTH = (() => {
  const pattern = awsPattern("CreateGatewayTarget.gatewayIdentifier");
  const suffix = /-\[0-9a-z\]\{(\d+)\}\$$/.exec(pattern);
  if (!suffix) throw new Error(`AWS's gateway id pattern changed (${pattern}): what follows the name?`);
  return Number(suffix[1]);
})();

/** A stand-in of the gateway's ARN with the real one's length (the id suffix made of zeros). */
export function gatewayArnStandIn(arnOfGatewayResource: (resource: string) => string, gatewayName: string): string {
  return arnOfGatewayResource(`gateway/${gatewayName}-${"0".repeat(GATEWAY_ID_SUFFIX_LENGTH)}`);
}

export interface CedarPolicy {
  /** `@id("...")`: the policy's name in AgentCore, unique across files. */
  readonly id: string;
  /** The policy's text as in its file (annotations included). */
  readonly text: string;
  readonly file: string;
  readonly line: number;
  /** Action ids the policy names (tools or target groups), for ordering after targets. */
  readonly actions: readonly string[];
}

export interface PolicyFile {
  readonly file: string;
  readonly text: string;
  readonly policies: readonly CedarPolicy[];
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

/** Where a policy sits in its file (the parts cedar-wasm returns are verbatim slices of it). */
function locator(text: string) {
  let searchFrom = 0;
  return (part: string) => {
    const found = text.indexOf(part, searchFrom);
    if (found >= 0) searchFrom = found + part.length;
    return lineAt(text, Math.max(found, 0));
  };
}

/** Reads every `.cedar` file of `dir` (sorted), split into policies. Syntax errors are reported here. */
export function loadPolicyFiles(dir: string, rootDir: string): PolicyFile[] {
  const files = listInputFiles(dir, [".cedar"], rootDir);
  const errors: InputError[] = [];
  const result: PolicyFile[] = [];
  for (const full of files) {
    const shown = shownPath(full, rootDir);
    const text = readInputFile(full, rootDir);
    // A secret in a condition or a comment is refused before anything (the parse cache) holds the text.
    const secrets = text.split("\n").flatMap((l, i) => {
      const kind = secretValueKind(l);
      return kind
        ? [new InputError(shown, `line ${i + 1}`, `looks like ${kind}; given: ${REDACTED}. ${TEXT_IS_PUBLIC}`)]
        : [];
    });
    if (secrets.length) {
      errors.push(...secrets);
      continue;
    }
    const parsed = cached("parts", text, () => {
      const cedar = cedarWasm();
      const answer = cedar.policySetTextToParts(text);
      return answer.type === "success"
        ? {
            type: "success" as const,
            policies: answer.policies.map((t) => ({ text: t, json: cedar.policyToJson(t) })),
            templates: answer.policy_templates.map((t) => ({ text: t, json: cedar.templateToJson(t) })),
          }
        : answer;
    });
    if (parsed.type === "failure") {
      for (const e of parsed.errors) {
        const at = e.sourceLocations?.[0]?.start;
        errors.push(
          new InputError(
            shown,
            `line ${at === undefined ? 1 : lineAt(text, at)}`,
            `[syntax] ${e.message}${e.help ? ` (${e.help})` : ""}`,
          ),
        );
      }
      continue;
    }
    if (parsed.policies.length === 0 && parsed.templates.length === 0) {
      // An empty file is most often one whose policies were lost (a truncated save, a bad merge).
      errors.push(
        new InputError(
          shown,
          "(file)",
          `is empty${text.trim() ? " but for comments" : ""}: it holds no policy; write its policies ` +
            '(@id("Name") permit(...) or forbid(...);) or delete the file',
        ),
      );
      continue;
    }
    const policyLine = locator(text);
    const policies: CedarPolicy[] = [];
    parsed.policies.forEach(({ text: policyText, json }, index) => {
      // An annotation written without a value (`@id`) reads as null.
      const annotations =
        json.type === "success"
          ? ((json.json as { annotations?: Record<string, string | null> }).annotations ?? {})
          : {};
      const line = policyLine(policyText);
      const id = annotations.id ?? undefined;
      if (id === undefined || nameProblem(AWS_NAMES.policy, id)) {
        const problem =
          id === undefined ? 'has no @id("...") annotation' : `@id("${id}") is not a valid AgentCore policy name`;
        errors.push(
          new InputError(
            shown,
            `line ${line}, policy #${index + 1}`,
            `[policy-name] ${problem}: AgentCore names policies with letters, digits and underscores, ` +
              "starting with a letter, at most 48 characters",
          ),
        );
        return;
      }
      policies.push({
        id,
        text: policyText,
        file: shown,
        line,
        actions: json.type === "success" ? actionIds(json.json) : [],
      });
    });
    // cedar-wasm returns templates apart from the policies; left there, they would vanish.
    const templateLine = locator(text);
    for (const { text: templateText, json } of parsed.templates) {
      const template = json.type === "success" ? (json.json as unknown as PolicyJson) : undefined;
      const id = template?.annotations?.id ?? undefined;
      const slots = template ? [template.principal.slot, template.resource.slot].filter((s) => s !== undefined) : [];
      errors.push(
        new InputError(
          shown,
          `line ${templateLine(templateText)}${id === undefined ? "" : `, policy "${id}"`}`,
          `[template] uses the template slot ${slots.join(" and ") || "?principal or ?resource"}: ` +
            "AgentCore policies are static " +
            "(CreatePolicy takes one Cedar statement and has no template-linked policies), " +
            "so the slot would never be filled; name the principal or resource instead, " +
            `e.g. resource == ${NAMESPACE}::Gateway::"${GATEWAY_ARN_PLACEHOLDER}"`,
        ),
      );
    }
    result.push({ file: shown, text, policies });
  }
  if (errors.length) throw new InputErrors(errors);
  return result;
}

function actionIds(json: unknown): string[] {
  const action = (json as { action?: { op: string; entity?: { id: string }; entities?: { id: string }[] } }).action;
  if (!action || action.op === "All") return [];
  return action.entity ? [action.entity.id] : (action.entities ?? []).map((e) => e.id);
}

export interface ValidationOptions {
  /** The Cedar schema generated from the gateway's targets. */
  readonly schema: Record<string, unknown>;
  /** Stands in for GATEWAY_ARN_PLACEHOLDER during validation. */
  readonly gatewayArn: string;
  readonly mode: "LOG_ONLY" | "ENFORCE";
}

/** Action ids a policy may name while still counting as an open action (every tool). */
const OPEN_ACTION_GROUPS: ReadonlySet<string> = new Set(AGENTCORE_ACTION_GROUPS);

const GATEWAY_TYPE = `${NAMESPACE}::Gateway`;

/**
 * Every rule a policy must pass before anything is deployed. Throws one InputErrors listing each
 * failure with file, line, policy and rule.
 */
export function validatePolicies(files: readonly PolicyFile[], opts: ValidationOptions): void {
  cached("valid", { files, opts }, () => {
    checkPolicies(files, opts);
    return true;
  });
}

/** Every entity literal of `type` a policy names, in scope and conditions, in the order written. */
function entitiesOf(policy: PolicyJson, type: string): EntityRef[] {
  const found: EntityRef[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      const ref = v as Partial<EntityRef>;
      if (typeof ref.type === "string" && typeof ref.id === "string") {
        if (ref.type === type) found.push(ref as EntityRef);
      } else Object.values(v).forEach(visit);
    }
  };
  visit([policy.principal, policy.action, policy.resource, policy.conditions ?? []]);
  return found;
}

function checkPolicies(files: readonly PolicyFile[], opts: ValidationOptions): void {
  const cedar = cedarWasm();
  const errors: InputError[] = [];
  const seen = new Map<string, CedarPolicy>();
  const all = files.flatMap((f) => f.policies);
  const concrete = new Map(all.map((p) => [p, p.text.split(GATEWAY_ARN_PLACEHOLDER).join(opts.gatewayArn)]));
  const failed = new Set<CedarPolicy>();
  const fail = (p: CedarPolicy, rule: string, message: string, line = p.line) => {
    failed.add(p);
    errors.push(new InputError(p.file, `line ${line}, policy "${p.id}"`, `[${rule}] ${message}`));
  };
  /** The line of `part` within policy `p`, or the policy's first line. */
  const lineOf = (p: CedarPolicy, part: string) => {
    const at = p.text.indexOf(part);
    return at < 0 ? p.line : p.line + lineAt(p.text, at) - 1;
  };

  for (const p of all) {
    const other = seen.get(p.id);
    if (other)
      fail(
        p,
        "duplicate",
        `the name is already used by the policy at ${other.file} line ${other.line}; @id values must be unique`,
      );
    seen.set(p.id, p);
    const sent = characters(concrete.get(p)!);
    if (sent < STATEMENT_LENGTH.min || sent > STATEMENT_LENGTH.max)
      fail(
        p,
        "size",
        `is ${sent} characters as AgentCore receives it (${GATEWAY_ARN_PLACEHOLDER} replaced by the gateway's ARN, ` +
          `${characters(opts.gatewayArn)} characters); AgentCore accepts ` +
          `${STATEMENT_LENGTH.min}-${STATEMENT_LENGTH.max} (CreatePolicy.definition.cedar.statement)`,
      );
  }

  // One validation of the whole set (the schema is parsed once); errors name the policy by its index.
  const byIndex = new Map(all.map((p, i) => [`p${i}`, p]));
  const answer = cedar.validate({
    schema: opts.schema as Cedar.Schema,
    policies: { staticPolicies: Object.fromEntries(all.map((p, i) => [`p${i}`, concrete.get(p)!])) },
    validationSettings: { mode: "strict" },
  });
  const setLevel = (e: Cedar.DetailedError) => {
    const p = byIndex.get(/policy `(p\d+)`/.exec(e.message)?.[1] ?? "");
    if (p) fail(p, "schema", e.message.replace(/^for policy `p\d+`, /, ""));
    else errors.push(new InputError(files[0]?.file ?? "(policies)", "line 1", `[schema] ${e.message}`));
  };
  if (answer.type === "failure") {
    answer.errors.forEach(setLevel);
  } else {
    // Warnings are errors here: AgentCore's FAIL_ON_ANY_FINDINGS rejects them at apply time.
    for (const e of [...answer.validationErrors, ...answer.validationWarnings]) {
      const p = byIndex.get(e.policyId)!;
      const loc = e.error.sourceLocations?.[0]?.start;
      const line = loc === undefined ? p.line : p.line + lineAt(concrete.get(p)!, loc) - 1;
      fail(
        p,
        "schema",
        `${e.error.message.replace(/^for policy `p\d+`, /, "")}${e.error.help ? ` (${e.error.help})` : ""}`,
        line,
      );
    }
    answer.otherWarnings.forEach(setLevel);
  }

  const openCandidates: OpenCandidate[] = [];
  for (const p of all) {
    const written = cedar.policyToJson(p.text);
    const json = cedar.policyToJson(concrete.get(p)!);
    if (written.type !== "success" || json.type !== "success") continue;
    const policy = json.json as unknown as PolicyJson;

    // The only gateway a policy may name is this one, through the placeholder: a literal ARN names
    // another gateway, or this one only until it is replaced. Escapes (`\u{7b}`) hide the
    // placeholder from the substitution, so the substituted text must name the real ARN too.
    const writtenGateways = entitiesOf(written.json as unknown as PolicyJson, GATEWAY_TYPE);
    const gateways = entitiesOf(policy, GATEWAY_TYPE);
    writtenGateways.forEach((g, i) => {
      if (g.id === GATEWAY_ARN_PLACEHOLDER && gateways[i]?.id === opts.gatewayArn) return;
      fail(
        p,
        "gateway",
        `names the gateway "${g.id}"${g.id === GATEWAY_ARN_PLACEHOLDER ? " with escapes" : ""}; ` +
          "the only gateway a policy may name is this platform's, " +
          `written exactly ${GATEWAY_TYPE}::"${GATEWAY_ARN_PLACEHOLDER}" ` +
          "(synthesis and Terraform put in its ARN; " +
          "a literal ARN names another gateway, or this one only until it is replaced)",
        lineOf(p, `"${g.id}"`),
      );
    });

    const named = [policy.action.entity, ...(policy.action.entities ?? [])].filter((e) => e !== undefined);
    const openAction =
      policy.action.op === "All" ||
      (policy.action.op === "in" && named.length > 0 && named.every((e) => OPEN_ACTION_GROUPS.has(e.id)));
    const specificGateway = policy.resource.op === "==" && policy.resource.entity?.type === GATEWAY_TYPE;
    if (!openAction && !specificGateway) {
      fail(
        p,
        "resource-specificity",
        "names specific actions, so it must name a specific gateway: " +
          `resource == ${GATEWAY_TYPE}::"${GATEWAY_ARN_PLACEHOLDER}" ` +
          `(seed 003; \`resource is ${GATEWAY_TYPE}\` is allowed only with an open action)`,
      );
    }

    const marked = policy.annotations?.[OPEN_PERMIT_ANNOTATION];
    if (marked !== undefined && (marked ?? "").trim() === "") {
      fail(
        p,
        "open-permit",
        `@${OPEN_PERMIT_ANNOTATION} needs a reason: ` +
          `@${OPEN_PERMIT_ANNOTATION}("<why every caller may call every tool>")`,
      );
    } else if (opts.mode === "ENFORCE" && policy.effect === "permit" && marked === undefined) {
      openCandidates.push({
        p,
        conditional: (policy.conditions ?? []).length > 0,
        requirement: requirement(policy, opts.gatewayArn),
      });
    }
  }

  // Only policies that validate can be reasoned about.
  checkOpenPermits(
    openCandidates.filter((c) => !failed.has(c.p)),
    opts,
    fail,
  );
  if (errors.length) throw new InputErrors(errors);
}

/** A permit the open-permit rule applies to (ENFORCE, not marked), with what a request must satisfy. */
interface OpenCandidate {
  readonly p: CedarPolicy;
  readonly conditional: boolean;
  readonly requirement: Expr;
}

/**
 * In ENFORCE, no permit (and no set of permits) may apply to every request: every caller, every
 * tool, this gateway, whatever its conditions evaluate to (lib/cedar/coverage.ts decides).
 */
function checkOpenPermits(
  candidates: readonly OpenCandidate[],
  opts: ValidationOptions,
  fail: (p: CedarPolicy, rule: string, message: string) => void,
): void {
  const fix = (which: string) =>
    "narrow the principal, the action or the conditions, " +
    `or mark ${which} deliberate with @${OPEN_PERMIT_ANNOTATION}("<reason>")`;
  const alone = coverEveryRequest(
    candidates.map((c) => [c.requirement]),
    opts.schema,
  );
  const open = candidates.filter((_, i) => alone[i]);
  for (const { p, conditional } of open) {
    fail(
      p,
      "open-permit",
      "permits every caller every tool in ENFORCE mode" +
        `${conditional ? " (its conditions hold for every request)" : ""}; ${fix("it")}`,
    );
  }
  if (open.length > 0) return;
  // Several permits may cover everything between them (one per tool, say): name a minimal such set.
  const covers = (set: readonly OpenCandidate[]) => coverEveryRequest([set.map((c) => c.requirement)], opts.schema)[0];
  if (candidates.length < 2 || !covers(candidates)) return;
  let needed = [...candidates];
  for (const c of candidates) {
    const without = needed.filter((n) => n !== c);
    if (without.length > 0 && covers(without)) needed = without;
  }
  const [first, ...others] = needed;
  fail(
    first.p,
    "open-permit",
    "permits every caller every tool in ENFORCE mode together with " +
      `${others.map((o) => `"${o.p.id}" (${o.p.file} line ${o.p.line})`).join(", ")}; ${fix("one of them")}`,
  );
}
