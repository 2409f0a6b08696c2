import * as fs from "node:fs";
import * as path from "node:path";
import type * as cedar from "@cedar-policy/cedar-wasm/nodejs";
import { cedarWasm } from "./cache";
import { z } from "zod";
import type { ToolArgument } from "../config/gateway-targets";
import type { CatalogTool, TargetToolCatalog } from "../config/target-tools";
import { SERVICE_TOOL_NAME_PATTERN } from "../config/target-format";
import { InputError, InputErrors } from "../errors";
import { loadYamlFile } from "../config/yaml-file";
import { GATEWAY_ARN_PLACEHOLDER, type PolicyFile } from "./policies";
import { NAMESPACE, type PrincipalType, actionName } from "./schema";

/**
 * Authorization scenarios: `blueprints/gateway/policies/*.scenarios.yaml`. Each says who calls
 * which tool with which arguments, and the decision the policies must give.
 */
export const scenarioFileSchema = z
  .object({
    scenarios: z
      .array(
        z
          .object({
            name: z.string().min(1).describe("What the scenario shows."),
            caller: z
              .object({
                sub: z.string().min(1).optional().describe("The JWT `sub` claim (OAuth gateways)."),
                claims: z
                  .record(z.string(), z.string())
                  .default({})
                  .describe("Further JWT claims; policies read them as tags."),
                iam_arn: z.string().optional().describe("The caller's IAM ARN (gateways with the AWS_IAM authorizer)."),
              })
              .strict(),
            tool: z
              .string()
              .regex(
                new RegExp(`^[A-Z][A-Za-z0-9]*___${SERVICE_TOOL_NAME_PATTERN.slice(1, -1)}$`),
                "must be <Target>___<tool>",
              )
              .describe("The Cedar action: `<Target>___<tool>`."),
            input: z.record(z.string(), z.unknown()).default({}).describe("The tool arguments."),
            expect: z.enum(["allow", "deny"]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly expected: "allow" | "deny";
  readonly actual: "allow" | "deny";
  /** Policy names that decided it (`@id`). */
  readonly reasons: readonly string[];
}

export interface ScenarioContext {
  /** Every target with its tools (`toolCatalog`). */
  readonly targets: readonly TargetToolCatalog[];
  readonly principal: PrincipalType;
  readonly schema: Record<string, unknown>;
  readonly gatewayArn: string;
  readonly policies: readonly PolicyFile[];
}

/** Runs every scenario file of `dir` against the policies; throws on a malformed file or tool. */
export function runScenarios(dir: string, rootDir: string, ctx: ScenarioContext): ScenarioResult[] {
  if (!fs.existsSync(dir)) return [];
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".scenarios.yaml"))
    .sort();
  const tools = new Map<string, CatalogTool>(
    ctx.targets.flatMap((t) => t.tools.map((tool) => [actionName(t.target, tool.name), tool] as const)),
  );
  const staticPolicies: Record<string, string> = {};
  for (const f of ctx.policies)
    for (const p of f.policies) staticPolicies[p.id] = p.text.split(GATEWAY_ARN_PLACEHOLDER).join(ctx.gatewayArn);

  const results: ScenarioResult[] = [];
  for (const name of files) {
    const file = path.join(dir, name);
    const shown = path.relative(rootDir, file);
    const { scenarios } = loadYamlFile(file, scenarioFileSchema, rootDir);
    const errors: InputError[] = [];
    scenarios.forEach((s, i) => {
      const tool = tools.get(s.tool);
      if (!tool) {
        errors.push(
          new InputError(
            shown,
            `scenarios.${i}.tool`,
            `"${s.tool}" is not a tool of any gateway target; known: ${[...tools.keys()].join(", ")}`,
          ),
        );
        return;
      }
      const principalId = ctx.principal === "OAuthUser" ? s.caller.sub : s.caller.iam_arn;
      if (!principalId) {
        errors.push(
          new InputError(
            shown,
            `scenarios.${i}.caller`,
            ctx.principal === "OAuthUser"
              ? "needs sub (the gateway authorizes JWT callers)"
              : "needs iam_arn (the gateway authorizes IAM callers)",
          ),
        );
        return;
      }
      const principal = { type: `${NAMESPACE}::${ctx.principal}`, id: principalId };
      const resource = { type: `${NAMESPACE}::Gateway`, id: ctx.gatewayArn };
      const answer = cedarWasm().isAuthorized({
        principal,
        action: { type: `${NAMESPACE}::Action`, id: s.tool },
        resource,
        context: {
          input: cedarValue(
            { type: "object", properties: tool.input_schema.properties, required: [...tool.input_schema.required] },
            s.input,
          ) as cedar.CedarValueJson,
        },
        schema: ctx.schema as cedar.Schema,
        validateRequest: true,
        policies: { staticPolicies },
        entities: [
          {
            uid: principal,
            attrs: { id: principalId },
            parents: [],
            ...(ctx.principal === "OAuthUser" ? { tags: s.caller.claims } : {}),
          },
          { uid: resource, attrs: {}, parents: [] },
        ] as cedar.EntityJson[],
      });
      if (answer.type === "failure") {
        errors.push(
          new InputError(
            shown,
            `scenarios.${i} ("${s.name}")`,
            `cannot be evaluated: ${answer.errors.map((e) => e.message).join("; ")}`,
          ),
        );
        return;
      }
      results.push({
        file: shown,
        name: s.name,
        expected: s.expect,
        actual: answer.response.decision,
        reasons: answer.response.diagnostics.reason,
      });
    });
    if (errors.length) throw new InputErrors(errors);
  }
  return results;
}

/** A tool argument as Cedar JSON: numbers become decimals (4 places), integers longs, arrays sets. */
function cedarValue(p: ToolArgument, v: unknown): unknown {
  if (v === undefined || v === null) return v;
  switch (p.type) {
    case "number":
      return { __extn: { fn: "decimal", arg: Number(v).toFixed(4) } };
    case "array":
      return (v as unknown[]).map((x) => cedarValue(p.items ?? { type: "string" }, x));
    case "object":
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, x]) => [
          k,
          p.properties?.[k] ? cedarValue(p.properties[k], x) : x,
        ]),
      );
    default:
      return v;
  }
}
