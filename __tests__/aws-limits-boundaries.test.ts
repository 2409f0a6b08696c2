import { type Json, type Synthesized, synthProject } from "./helpers/synth";
import { type TerraformTool, describeWithTerraform, prepareTerraform } from "./helpers/terraform";
import { awsLimit } from "../lib/aws-limits";
import { awsValueProblem } from "../lib/aws-checks";
import { gatewayNameProblem } from "../modules/platform/modules/agentcore/names";

/**
 * The fields wired to AWS's model (lib/aws-limits-table.json), at their edges: the longest or
 * edge value AWS accepts is accepted, the smallest violation refused, at synthesis (the
 * TypeScript checks) and at plan (the modules' variable validations). The plan cases of one
 * module are batched: one root, one `module "case_<n>"` per case, one plan.
 */

interface PlanCase {
  readonly name: string;
  readonly vars: Record<string, unknown>;
  /** A part of the message the plan must fail with; absent: the case plans. */
  readonly refused?: string;
}

/**
 * Plans every case as a call of a module made of `variables` alone (validations need nothing
 * else) and returns the messages of each case, by case index.
 */
function planCases(tool: TerraformTool, variables: Record<string, Json>, cases: readonly PlanCase[]): string[][] {
  const module = Object.fromEntries(cases.map((c, i) => [`case_${i}`, { source: "./m", ...c.vars }]));
  const tf = prepareTerraform({ "m/variables.tf.json": { variable: variables }, "main.tf.json": { module } }, tool);
  const plan = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-json"]);
  const messages: string[][] = cases.map(() => []);
  for (const line of plan.stdout.split("\n")) {
    if (!line.includes('"diagnostic"')) continue;
    const d = JSON.parse(line).diagnostic;
    const at = /module(?:\.| ")case_(\d+)/.exec(d.snippet?.context ?? "");
    if (d.severity !== "error") continue;
    if (!at) throw new Error(`an error of no case: ${d.summary}: ${d.detail}`);
    messages[Number(at[1])].push(`${d.summary}: ${d.detail}`.replace(/\s+/g, " "));
  }
  return messages;
}

/** Each case's outcome: "accepted", or the refusal it expects and whether the plan gave it. */
function expectCases(cases: readonly PlanCase[], messages: string[][]): void {
  const outcome = (c: PlanCase, m: string[]) =>
    c.refused === undefined
      ? m.length === 0
        ? "accepted"
        : m.join(" | ")
      : m.some((x) => x.includes(c.refused!))
        ? `refused: ${c.refused}`
        : m.join(" | ") || "accepted";
  expect(cases.map((c, i) => [c.name, outcome(c, messages[i])])).toEqual(
    cases.map((c) => [c.name, c.refused === undefined ? "accepted" : `refused: ${c.refused}`]),
  );
}

const variablesOf = (out: Synthesized, module: string, names: readonly string[]): Record<string, Json> => {
  const { variable } = out.module(module).file("variables.tf.json");
  return Object.fromEntries(names.map((n) => [n, variable[n]]));
};

// --- CreateGateway.name: `<name_prefix>-<environment>-gateway` -----------------------------------

const GATEWAY_NAME_CASES: { name: string; prefix: string; env: string; ok: boolean }[] = [
  { name: "the longest prefix and environment", prefix: "acme-platform-eu", env: "production", ok: true },
  { name: "single hyphens", prefix: "a-b-c", env: "dev", ok: true },
  { name: "a double hyphen in the prefix", prefix: "acme--eu", env: "dev", ok: false },
];

describe("gateway name at synthesis", () => {
  test("the pattern is AWS's", () => {
    expect(awsLimit("CreateGateway.name").pattern).toBe("^([0-9a-zA-Z][-]?){1,48}$");
  });
  test.each(GATEWAY_NAME_CASES)("$name", ({ prefix, env, ok }) => {
    const problem = gatewayNameProblem(prefix, env);
    if (ok) expect(problem).toBeUndefined();
    else expect(problem).toContain(`makes the gateway name "${prefix}-${env}-gateway", which does not match`);
    expect(awsValueProblem("CreateGateway.name", `${prefix}-${env}-gateway`) === undefined).toBe(ok);
  });
});

describeWithTerraform("fields wired to AWS's model, at plan", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });

  test("gateway name: the gateway and platform modules refuse what AWS refuses", () => {
    const cases = ["platform/modules/agentcore", "platform"].flatMap((module) =>
      GATEWAY_NAME_CASES.map((c) => ({
        module,
        name: `${module}: ${c.name}`,
        vars: { name_prefix: c.prefix, environment: c.env },
        refused: c.ok ? undefined : `make the gateway name ${c.prefix}-${c.env}-gateway, which AWS refuses`,
      })),
    );
    for (const module of ["platform/modules/agentcore", "platform"]) {
      const own = cases.filter((c) => c.module === module);
      expectCases(own, planCases(tool, variablesOf(out, module, ["name_prefix", "environment"]), own));
    }
  });
});
