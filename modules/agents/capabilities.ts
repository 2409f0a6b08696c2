import type { AgentSpec } from "../../lib/config/blueprints";

/**
 * What an agent declares beyond its runtime, stated once for TypeScript (a blueprint, the
 * permission report, the tests) and for Terraform (an HCL condition over an agent value such as
 * `each.value` or a `for` variable), so that the names checked, the statements granted and the
 * resources created all exist under the same condition.
 *
 * The HCL forms never read an attribute of a null object: Terraform's `&&` and `||` evaluate both
 * sides, so optional blocks are read through `try()`.
 */
export type CapabilityFields = Pick<AgentSpec, "network_mode" | "memory" | "code_interpreter" | "browser" | "features">;

export interface Capability {
  readonly ts: (a: CapabilityFields) => boolean;
  readonly hcl: (agent: string) => string;
  /** When it holds, in words, for the permission report. */
  readonly words: string;
}

export const CAPABILITIES = {
  memory: { ts: (a) => a.memory != null, hcl: (v) => `${v}.memory != null`, words: "the agent has a memory" },
  /** A CUSTOM strategy runs its override models in this account: the memory needs an execution role. */
  memoryRole: {
    ts: (a) => (a.memory?.strategies ?? []).some((s) => s.type === "CUSTOM"),
    hcl: (v) => `length([for s in try(${v}.memory.strategies, []) : s if s.type == "CUSTOM"]) > 0`,
    words: "the agent's memory has a CUSTOM strategy",
  },
  codeInterpreter: {
    ts: (a) => a.code_interpreter != null,
    hcl: (v) => `${v}.code_interpreter != null`,
    words: "the agent has a code interpreter",
  },
  browser: { ts: (a) => a.browser != null, hcl: (v) => `${v}.browser != null`, words: "the agent has a browser" },
  /** Recording writes to S3, which needs an execution role. */
  browserRecording: {
    ts: (a) => a.browser?.recording === true,
    hcl: (v) => `try(${v}.browser.recording, false)`,
    words: "the agent's browser records sessions",
  },
  /** What puts statements in the agent's managed capabilities policy (in some permission mode). */
  capabilityPolicy: {
    ts: (a) =>
      a.memory != null || a.code_interpreter != null || a.browser != null || a.features.includes("shared_memory"),
    hcl: (v) =>
      `(${v}.memory != null || ${v}.code_interpreter != null || ${v}.browser != null || ` +
      `contains(${v}.features, "shared_memory"))`,
    words: "the agent has a memory, a code interpreter, a browser or the feature shared_memory",
  },
  /** Something of the agent runs in the agent's VPC subnets. */
  vpc: {
    ts: (a) =>
      a.network_mode === "VPC" || a.code_interpreter?.network_mode === "VPC" || a.browser?.network_mode === "VPC",
    hcl: (v) =>
      `(${v}.network_mode == "VPC" || try(${v}.code_interpreter.network_mode, "") == "VPC" || ` +
      `try(${v}.browser.network_mode, "") == "VPC")`,
    words: "the agent runs its runtime or a tool in VPC mode",
  },
} as const satisfies Record<string, Capability>;

export type CapabilityName = keyof typeof CAPABILITIES;

/** Which capabilities one agent has (literal values). */
export function capabilitiesOf(a: CapabilityFields): Record<CapabilityName, boolean> {
  return Object.fromEntries(Object.entries(CAPABILITIES).map(([name, c]) => [name, (c as Capability).ts(a)])) as Record<
    CapabilityName,
    boolean
  >;
}

/** The prefix under which a browser of agent `key` records sessions in the artifacts bucket. */
export const recordingPrefix = (key: string) => `browser-recordings/${key}/`;
/** The prefix under which agent `key` keeps its own artifacts in the artifacts bucket. */
export const artifactsPrefix = (key: string) => `agents/${key}/`;
/** Every prefix of the shared artifacts bucket that belongs to agent `key`, and no other agent. */
export const ownArtifactsPrefixes = (key: string) => [artifactsPrefix(key), recordingPrefix(key)];
