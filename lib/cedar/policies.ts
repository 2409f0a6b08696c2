import * as fs from "fs";
import * as path from "path";
import type * as Cedar from "@cedar-policy/cedar-wasm/nodejs";
import { cached, cedarWasm } from "./cache";
import { InputError, InputErrors } from "../errors";
import { AWS_NAMES, nameProblem } from "../naming";
import { NAMESPACE } from "./schema";

/**
 * Where a policy names this platform's gateway. Cedar needs the gateway's ARN, which exists only
 * after the gateway does; files say `AgentCore::Gateway::"{{GATEWAY_ARN}}"` and Terraform fills in
 * the real ARN at apply time.
 */
export const GATEWAY_ARN_PLACEHOLDER = "{{GATEWAY_ARN}}";

/** Annotation that marks a deliberately open `permit` as intended: `@open_permit("why")`. */
export const OPEN_PERMIT_ANNOTATION = "open_permit";

/** AgentCore accepts statements of 35 to 10,000 characters. */
const STATEMENT_MIN = 35;
const STATEMENT_MAX = 10_000;

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

/** Reads every `.cedar` file of `dir` (sorted), split into policies. Syntax errors are reported here. */
export function loadPolicyFiles(dir: string, rootDir: string): PolicyFile[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".cedar")).sort();
  const errors: InputError[] = [];
  const result: PolicyFile[] = [];
  for (const name of files) {
    const full = path.join(dir, name);
    const shown = path.relative(rootDir, full);
    const text = fs.readFileSync(full, "utf8");
    const parsed = cached("parts", text, () => {
      const cedar = cedarWasm();
      const answer = cedar.policySetTextToParts(text);
      return answer.type === "success"
        ? { type: "success" as const, policies: answer.policies.map((t) => ({ text: t, json: cedar.policyToJson(t) })) }
        : answer;
    });
    if (parsed.type === "failure") {
      for (const e of parsed.errors) {
        const at = e.sourceLocations?.[0]?.start;
        errors.push(new InputError(shown, at === undefined ? "(syntax)" : `line ${lineAt(text, at)}`, `[syntax] ${e.message}${e.help ? ` (${e.help})` : ""}`));
      }
      continue;
    }
    let searchFrom = 0;
    const policies: CedarPolicy[] = [];
    parsed.policies.forEach(({ text: policyText, json }, index) => {
      const offset = Math.max(text.indexOf(policyText, searchFrom), 0);
      searchFrom = offset + policyText.length;
      const annotations = json.type === "success" ? ((json.json as { annotations?: Record<string, string> }).annotations ?? {}) : {};
      const line = lineAt(text, offset);
      const id = annotations.id;
      if (id === undefined || nameProblem(AWS_NAMES.policy, id)) {
        errors.push(
          new InputError(
            shown,
            `line ${line}, policy #${index + 1}`,
            `[policy-name] ${id === undefined ? "has no @id(\"...\") annotation" : `@id("${id}") is not a valid AgentCore policy name`}: AgentCore names policies with letters, digits and underscores, starting with a letter, at most 48 characters`,
          ),
        );
        return;
      }
      policies.push({ id, text: policyText, file: shown, line, actions: json.type === "success" ? actionIds(json.json) : [] });
    });
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
const OPEN_ACTION_GROUPS = new Set(["Mcp", "CallTool"]);

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

function checkPolicies(files: readonly PolicyFile[], opts: ValidationOptions): void {
  const cedar = cedarWasm();
  const errors: InputError[] = [];
  const seen = new Map<string, CedarPolicy>();
  const all = files.flatMap((f) => f.policies);
  const concrete = new Map(all.map((p) => [p, p.text.split(GATEWAY_ARN_PLACEHOLDER).join(opts.gatewayArn)]));
  const fail = (p: CedarPolicy, rule: string, message: string, line = p.line) => errors.push(new InputError(p.file, `line ${line}, policy "${p.id}"`, `[${rule}] ${message}`));

  for (const p of all) {
    const other = seen.get(p.id);
    if (other) fail(p, "duplicate", `the name is already used by the policy at ${other.file} line ${other.line}; @id values must be unique`);
    seen.set(p.id, p);
    if (p.text.length < STATEMENT_MIN || p.text.length > STATEMENT_MAX) fail(p, "size", `is ${p.text.length} characters; AgentCore accepts ${STATEMENT_MIN}-${STATEMENT_MAX}`);
  }

  // One validation of the whole set (the schema is parsed once); errors name the policy by its index.
  const byIndex = new Map(all.map((p, i) => [`p${i}`, p]));
  const answer = cedar.validate({
    schema: opts.schema as Cedar.Schema,
    policies: { staticPolicies: Object.fromEntries(all.map((p, i) => [`p${i}`, concrete.get(p)!])) },
    validationSettings: { mode: "strict" },
  });
  if (answer.type === "failure") {
    for (const e of answer.errors) errors.push(new InputError(files[0]?.file ?? "(policies)", "(schema)", `[schema] ${e.message}`));
  } else {
    // Warnings are errors here: AgentCore's FAIL_ON_ANY_FINDINGS rejects them at apply time.
    for (const e of [...answer.validationErrors, ...answer.validationWarnings]) {
      const p = byIndex.get(e.policyId)!;
      const loc = e.error.sourceLocations?.[0]?.start;
      const line = loc === undefined ? p.line : p.line + lineAt(concrete.get(p)!, loc) - 1;
      fail(p, "schema", `${e.error.message.replace(/^for policy `p\d+`, /, "")}${e.error.help ? ` (${e.error.help})` : ""}`, line);
    }
    for (const e of answer.otherWarnings) errors.push(new InputError(files[0]?.file ?? "(policies)", "(schema)", `[schema] ${e.message}`));
  }

  for (const p of all) {
    const json = cedar.policyToJson(concrete.get(p)!);
    if (json.type !== "success") continue;
    const policy = json.json as unknown as PolicyJson;
    const openAction = policy.action.op === "All" || (policy.action.op === "in" && policy.action.entity !== undefined && OPEN_ACTION_GROUPS.has(policy.action.entity.id));
    const specificGateway = policy.resource.op === "==" && policy.resource.entity?.type === `${NAMESPACE}::Gateway` && /^arn:aws[a-z-]*:bedrock-agentcore:[a-z0-9-]+:\d{12}:gateway\/.+/.test(policy.resource.entity.id);
    if (!openAction && !specificGateway) {
      fail(
        p,
        "resource-specificity",
        `names specific actions, so it must name a specific gateway: resource == ${NAMESPACE}::Gateway::"${GATEWAY_ARN_PLACEHOLDER}" (seed 003; \`resource is ${NAMESPACE}::Gateway\` is allowed only with an open action)`,
      );
    }
    const openPrincipal = policy.principal.op === "All" || policy.principal.op === "is";
    const openResource = policy.resource.op === "All" || policy.resource.op === "is";
    const unconditional = (policy.conditions ?? []).length === 0;
    if (opts.mode === "ENFORCE" && policy.effect === "permit" && openPrincipal && openAction && openResource && unconditional && !(OPEN_PERMIT_ANNOTATION in (policy.annotations ?? {}))) {
      fail(p, "open-permit", `permits every caller every tool in ENFORCE mode; narrow it, or mark it deliberate with @${OPEN_PERMIT_ANNOTATION}("<reason>")`);
    }
  }
  if (errors.length) throw new InputErrors(errors);
}

interface PolicyJson {
  effect: "permit" | "forbid";
  principal: { op: string; entity?: { type: string; id: string } };
  action: { op: string; entity?: { type: string; id: string }; entities?: { type: string; id: string }[] };
  resource: { op: string; entity?: { type: string; id: string }; entity_type?: string };
  conditions?: unknown[];
  annotations?: Record<string, string>;
}
