import { CAPABILITY_ENV } from "../lib/config/agent-format";
import type { AgentFeature } from "../lib/config/agent-format";
import type { StatementSpec } from "../lib/iam/statement-table";
import { CAPABILITIES, type CapabilityName } from "../modules/agents/capabilities";
import { AGENT_NAMES } from "../modules/agents/names";
import {
  type AgentStatementSpec,
  BROWSER_ROLE_STATEMENTS,
  CAPABILITY_GUARDRAIL,
  CAPABILITY_ROWS,
  DEPLOYER_STATEMENTS,
  MEMORY_ROLE_STATEMENTS,
  whenSetInputs,
} from "../modules/agents/permissions";

const PARTS = { namePrefix: "<name_prefix>", environment: "<environment>", key: "<key>" };
/** When a row of the capabilities policy holds beyond the capability itself. */
const qualifiers = (row: AgentStatementSpec) => [
  ...(row.mode ? [row.mode] : []),
  ...whenSetInputs(row).map((input) => `${input} set`),
];
const withQualifiers = (sid: string, q: readonly string[]) => `\`${sid}\`${q.length ? ` (${q.join(", ")})` : ""}`;
/** `memoryRole` → `memory role`. */
const words = (id: string) => id.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/** What one blueprint declaration brings; everything but the first column is read from the module's tables. */
interface CapabilityRow {
  readonly declares: string;
  readonly capability?: CapabilityName;
  readonly feature?: AgentFeature;
  readonly env?: string;
  readonly envWhen?: string;
  /** Resources that have no name of their own. */
  readonly also?: string;
  /** The statement table of the execution role the capability creates. */
  readonly roleStatements?: readonly StatementSpec<never>[];
  readonly guardrail?: boolean;
  /** Deployer statements (output deployer_policy_json) that exist because of it. */
  readonly deployer?: readonly string[];
}

const ROWS: readonly CapabilityRow[] = [
  {
    declares: "`memory`",
    capability: "memory",
    env: CAPABILITY_ENV.memory,
    also: "one memory strategy per entry of `strategies`",
  },
  { declares: "a `CUSTOM` memory strategy", capability: "memoryRole", roleStatements: MEMORY_ROLE_STATEMENTS },
  { declares: "`code_interpreter`", capability: "codeInterpreter", env: CAPABILITY_ENV.codeInterpreter },
  { declares: "`browser`", capability: "browser", env: CAPABILITY_ENV.browser },
  { declares: "`browser.recording: true`", capability: "browserRecording", roleStatements: BROWSER_ROLE_STATEMENTS },
  {
    declares: "the feature `shared_memory`",
    feature: "shared_memory",
    env: CAPABILITY_ENV.sharedMemory,
    envWhen: "enable_shared_memory set (with shared_memory_arn)",
  },
  {
    declares: "`memory`, `code_interpreter`, `browser` or the feature `shared_memory`",
    capability: "capabilityPolicy",
    also: "attached to the agent's execution role",
    guardrail: true,
    deployer: ["IAMPolicyManagement", "IAMPolicyAttachment"],
  },
  { declares: "`network_mode: VPC` for the runtime or a tool", capability: "vpc", deployer: ["AgentCoreNetworkRole"] },
];

/**
 * The README's table of what each capability an agent declares creates, grants and hands to its
 * runtime: names from AGENT_NAMES (by the capability they exist with), statements from the
 * module's statement tables, variables from CAPABILITY_ENV, so the documentation cannot drift.
 */
export function capabilityTable(): string {
  const deployerSids = new Set(DEPLOYER_STATEMENTS.map((s) => s.sid));
  const rows = ROWS.map((r) => {
    const condition = r.capability ? CAPABILITIES[r.capability].hcl("a") : undefined;
    const named = Object.entries(AGENT_NAMES)
      .filter(([, d]) => condition !== undefined && "exists" in d && d.exists.hcl === condition)
      .map(([what, d]) => `${words(what)} \`${d.name(PARTS)}\``);
    const resources = [...named, ...(r.also ? [r.also] : [])].join(", ");
    const inPolicy = CAPABILITY_ROWS.filter(
      (row) => (r.capability && row.capability === r.capability) || (r.feature && row.feature === r.feature),
    ).map((row) => withQualifiers(row.sid, qualifiers(row)));
    const statements = [
      ...(r.guardrail ? [`\`${CAPABILITY_GUARDRAIL.sid}\` (Deny, always)`] : []),
      ...(inPolicy.length ? [`${inPolicy.join(", ")} in the capabilities policy`] : []),
      ...(r.roleStatements
        ? [
            `${r.roleStatements.map((s) => withQualifiers(s.sid, s.presentWhen ? [s.presentWhen] : [])).join(", ")}` +
              " in that role",
          ]
        : []),
      ...(r.deployer ?? []).map((sid) => {
        if (!deployerSids.has(sid)) throw new Error(`capability table: no deployer statement ${sid}`);
        return `deployer \`${sid}\``;
      }),
    ];
    const variable = r.env ? withQualifiers(r.env, r.envWhen ? [r.envWhen] : []) : "";
    return `| ${r.declares} | ${resources || "nothing"} | ${statements.join("; ")} | ${variable} |`;
  });
  return [
    "| the blueprint declares | the agents module creates | statements | the runtime gets |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
