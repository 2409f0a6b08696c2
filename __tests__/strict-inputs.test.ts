import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { type Json, type Synthesized, synthProject } from "./helpers/synth";
import { type TerraformTool, describeWithTerraform, prepareTerraform } from "./helpers/terraform";
import { inputChecks, inputsCallNames } from "./helpers/module-inputs";
import { FIXTURES } from "./helpers/shared";
import { allowedKeyTree, strictValidation } from "../lib/config/strict-input";
import { hclTypeOf } from "../lib/config/hcl-type";
import { agentSpecSchema } from "../lib/config/blueprints";
import { gatewayTargetSpecSchema } from "../lib/config/gateway-targets";
import { workflowSpecSchema } from "../lib/config/workflows";
import { typeExpression } from "../lib/module-io";
import { AGENTS_TYPE } from "../modules/agents";
import { GATEWAY_TARGETS_TYPE } from "../modules/platform/modules/agentcore";
import { WORKFLOWS_TYPE } from "../modules/workflows";

/**
 * Strict structured inputs on the HCL path (docs/adr/0010-strict-module-inputs.md): Terraform's
 * conversion to `object({...})` drops unknown attributes silently, so every module takes its
 * structured inputs as `any`, refuses an attribute its schema does not name at any depth, and
 * converts the value to its type in `modules/inputs`.
 */

describe("the allowed-key tree", () => {
  test("follows objects, lists and maps of a schema, through optional and default fields", () => {
    const schema = z
      .object({
        name: z.string(),
        count: z.number().default(1),
        on: z.boolean().optional(),
        kind: z.enum(["a", "b"]),
        tags: z.record(z.string(), z.string()).default({}),
        items: z.array(
          z.object({ id: z.string(), extra: z.object({ deep: z.number() }).strict().optional() }).strict(),
        ),
        byName: z.record(z.string(), z.object({ value: z.literal(true) }).strict()).optional(),
      })
      .strict();
    expect(allowedKeyTree(schema)).toEqual({
      kind: "object",
      fields: {
        name: { kind: "string" },
        count: { kind: "number" },
        on: { kind: "bool" },
        kind: { kind: "string" },
        tags: { kind: "map", value: { kind: "string" } },
        items: {
          kind: "list",
          element: {
            kind: "object",
            fields: { id: { kind: "string" }, extra: { kind: "object", fields: { deep: { kind: "number" } } } },
          },
        },
        byName: { kind: "map", value: { kind: "object", fields: { value: { kind: "bool" } } } },
      },
    });
  });

  test("refuses what has no Terraform type, as hclTypeOf does", () => {
    const union = z.object({ x: z.union([z.string(), z.number()]) }).strict();
    expect(() => allowedKeyTree(union)).toThrow("(root).x: a union schema has no Terraform type");
    expect(() => hclTypeOf(union)).toThrow("(root).x");
  });

  test.each([
    ["agents", agentSpecSchema],
    ["gateway_targets", gatewayTargetSpecSchema],
    ["workflows", workflowSpecSchema],
  ])("%s: every object level of the tree names exactly the attributes of the generated type", (_, schema) => {
    // The type text lists one attribute per line, `<name> = <type>`, indented by its depth.
    const typed: string[] = [];
    const walkType = (text: string) => {
      for (const line of text.split("\n")) {
        const m = /^(\s*)([a-z_][a-z0-9_]*) = /.exec(line);
        if (m) typed.push(`${m[1].length / 2}:${m[2]}`);
      }
    };
    walkType(hclTypeOf(schema));
    const fromTree: string[] = [];
    const walkTree = (tree: ReturnType<typeof allowedKeyTree>, depth: number) => {
      if (tree.kind === "object")
        for (const [name, child] of Object.entries(tree.fields)) {
          fromTree.push(`${depth}:${name}`);
          walkTree(child, depth + 1);
        }
      else if (tree.kind === "list") walkTree(tree.element, depth);
      else if (tree.kind === "map") walkTree(tree.value, depth);
    };
    walkTree(allowedKeyTree(schema), 1);
    expect(fromTree).toEqual(typed);
  });

  test("the validations name the input and guard every step", () => {
    const [unknown, scalars] = strictValidation("agents", allowedKeyTree(agentSpecSchema));
    expect(unknown.condition).toMatch(/^length\(flatten\(.*\)\) == 0$/s);
    expect(unknown.condition).toContain("var.agents");
    expect(unknown.errorMessage).toMatch(/^agents holds attributes this module does not take/);
    expect(scalars.errorMessage).toMatch(/^agents holds values of the wrong type/);
    // No attribute is read unguarded: a value of the wrong type is the conversion's to report.
    expect(unknown.condition).not.toMatch(/in e\d\.\w+ :(?![^[]*\])/);
  });
});

// --- at plan ---------------------------------------------------------------------------------------

const FOLDERS = {
  agents: "agents",
  agentcore: "platform/modules/agentcore",
  platform: "platform",
  workflows: "workflows",
} as const;
type Folder = keyof typeof FOLDERS;

interface Case {
  readonly folder: Folder;
  /** The structured input's value; strings are HCL expressions. */
  readonly value: Record<string, unknown>;
  /** Parts of the messages the plan must fail with; absent: the case plans. */
  readonly refused?: readonly string[];
}

const yamlOf = (file: string) => parse(fs.readFileSync(file, "utf8")) as Json;
const RESEARCH = yamlOf(path.join(FIXTURES.project, "blueprints/agents/research.yaml"));
const SCRIBE_FILE = path.join(FIXTURES.capabilities, "blueprints/agents/scribe.yaml");
const TARGETS_DIR = path.join(FIXTURES.targets, "blueprints/gateway/targets");
const REFUND_TOOL = yamlOf(path.join(TARGETS_DIR, "RefundTool.yaml"));
const MINIMAL = JSON.stringify({ StartAt: "Only", States: { Only: { Type: "Pass", End: true } } });
const allowed = (schema: z.ZodObject) => `allowed attributes: ${Object.keys(schema.shape).join(", ")}`;
/** `yamldecode(file(...))` of a file beside the root, as HCL callers read blueprints. */
const decoded = (file: string) => `\${yamldecode(file("\${path.root}/${file}"))}`;

/** The scribe fixture with a misspelt strategy namespace and a misspelt override prompt, as YAML. */
const SCRIBE_TYPOS = fs
  .readFileSync(SCRIBE_FILE, "utf8")
  .replace(
    '{ name: facts, type: SEMANTIC, namespace: "/facts/{actorId}" }',
    '{ name: facts, type: SEMANTIC, namspace: "/f" }',
  )
  .replace("consolidation: { model:", "consolidation: { promt: x, model:");

const withTool = (change: (tools: Json[]) => void): Json => {
  const target = structuredClone(REFUND_TOOL);
  change(target.tools);
  return target;
};

const REFUSED: Case[] = [
  {
    folder: "agents",
    value: { agents: { typo_top: { ...RESEARCH, code_interperter: {} } } },
    refused: [
      `agents["typo_top"].code_interperter: unknown attribute (did you mean code_interpreter?); ` +
        allowed(agentSpecSchema),
    ],
  },
  {
    folder: "agents",
    value: {
      agents: {
        mcp: {
          ...RESEARCH,
          protocol: "MCP",
          authoriser: { discovery_url: "https://login.example.com/.well-known/openid-configuration" },
        },
      },
    },
    refused: ['agents["mcp"].authoriser: unknown attribute (did you mean authorizer?)'],
  },
  {
    folder: "agents",
    value: { agents: { scribe_typos: decoded("scribe-typos.yaml") } },
    refused: [
      'agents["scribe_typos"].memory.strategies[0].namspace: unknown attribute (did you mean namespace?); ' +
        "allowed attributes: name, type, namespace, reflection_namespace, override",
      'agents["scribe_typos"].memory.strategies[4].override.consolidation.promt: unknown attribute ' +
        "(did you mean prompt?); allowed attributes: model, prompt",
    ],
  },
  {
    folder: "agents",
    value: { agents: { wrong_types: { ...RESEARCH, runtime_version: "two", codebuild: "maybe" } } },
    refused: [
      'agents["wrong_types"].runtime_version: must be a number',
      'agents["wrong_types"].codebuild: must be a boolean (true or false)',
    ],
  },
  {
    folder: "agentcore",
    value: {
      gateway_targets: {
        RefundCore: withTool((tools) => {
          tools[0].input_schema.properties.order_id.descripton = tools[0].input_schema.properties.order_id.description;
          delete tools[0].input_schema.properties.order_id.description;
        }),
      },
    },
    refused: [
      'gateway_targets["RefundCore"].tools[0].input_schema.properties["order_id"].descripton: unknown attribute ' +
        "(did you mean description?); allowed attributes: type, description, items, properties, required",
    ],
  },
  {
    folder: "agentcore",
    value: { gateway_targets: { Lamda: { description: "A Lambda target.", lamda: { function: "refunds" } } } },
    refused: ['gateway_targets["Lamda"].lamda: unknown attribute (did you mean lambda?)'],
  },
  {
    folder: "platform",
    value: {
      gateway_targets: {
        RefundPlatform: withTool((tools) => {
          tools[1].inputschema = tools[1].input_schema;
          delete tools[1].input_schema;
        }),
      },
    },
    refused: ['gateway_targets["RefundPlatform"].tools[1].inputschema: unknown attribute (did you mean input_schema?)'],
  },
  {
    folder: "workflows",
    value: { workflows: { misspelt: { definiton: MINIMAL } } },
    refused: [
      `workflows["misspelt"].definiton: unknown attribute (did you mean definition?); ${allowed(workflowSpecSchema)}`,
    ],
  },
  {
    folder: "workflows",
    value: { workflows: { nightly: { definition: MINIMAL, triggers: { schedul: "rate(1 day)" } } } },
    refused: [
      'workflows["nightly"].triggers.schedul: unknown attribute (did you mean schedule?); ' +
        "allowed attributes: schedule, event_pattern",
    ],
  },
];

const UNKNOWN_ARN = "${terraform_data.created_here.output}";
const ACCEPTED: Case[] = [
  {
    folder: "agents",
    value: {
      agents: {
        research: RESEARCH,
        scribe: decoded("scribe.yaml"),
        // Values known only after apply (a resource of the same root) inside the structure.
        later: {
          ...RESEARCH,
          key: "later",
          protocol: "MCP",
          runtime_version: 2,
          authorizer: { discovery_url: UNKNOWN_ARN, allowed_clients: [UNKNOWN_ARN] },
        },
      },
    },
  },
  {
    folder: "agentcore",
    value: { gateway_targets: { RefundTool: REFUND_TOOL, Docs: decoded("Docs.yaml") } },
  },
  { folder: "platform", value: { gateway_targets: { RefundTool: REFUND_TOOL } } },
  {
    folder: "workflows",
    value: {
      workflows: {
        minimal: { definition: MINIMAL },
        nightly: { description: UNKNOWN_ARN, definition: MINIMAL, triggers: { schedule: "rate(1 day)" } },
      },
    },
  },
];

describeWithTerraform("unknown attributes at plan", (tool) => {
  let out: Synthesized;
  beforeAll(() => {
    out = synthProject();
  });

  /** Plans every case as a call of its module's input checks, in one root; the plan's error messages. */
  const plan = (tool: TerraformTool, cases: readonly Case[]) => {
    const files: Record<string, Json> = {};
    for (const [folder, module] of Object.entries(FOLDERS))
      for (const [file, body] of Object.entries(inputChecks(out, module, inputsCallNames(out, module))))
        files[`${folder}/${file}`] = body;
    const naming = { name_prefix: "acme", environment: "dev" };
    const module = Object.fromEntries(
      cases.map((c, i) => [`case_${i}`, { source: `./${c.folder}`, ...naming, ...c.value }]),
    );
    files["main.tf.json"] = { resource: { terraform_data: { created_here: { input: "x" } } }, module };
    const tf = prepareTerraform(files, tool, {
      beforeInit: (dir) => {
        fs.copyFileSync(SCRIBE_FILE, path.join(dir, "scribe.yaml"));
        fs.writeFileSync(path.join(dir, "scribe-typos.yaml"), SCRIBE_TYPOS);
        fs.copyFileSync(path.join(TARGETS_DIR, "Docs.yaml"), path.join(dir, "Docs.yaml"));
      },
    });
    const run = tf.run(["plan", "-input=false", "-no-color", "-refresh=false", "-json"]);
    const errors = run.stdout
      .split("\n")
      .filter((line) => line.includes('"diagnostic"'))
      .map((line) => JSON.parse(line).diagnostic)
      .filter((d) => d.severity === "error")
      .map((d) => `${d.summary}: ${d.detail}`.replace(/\s+/g, " "));
    return { status: run.status, errors };
  };

  test("a misspelt attribute at any depth fails the plan: the input, the entry, the path, what is allowed", () => {
    const { errors } = plan(tool, REFUSED);
    const found = (part: string) => errors.some((e) => e.includes(part.replace(/\s+/g, " ")));
    expect(REFUSED.flatMap((c) => c.refused!.filter((part) => !found(part)))).toEqual([]);
  });

  test("correct inputs plan: HCL literals, yamldecode of blueprint files, values known only after apply", () => {
    expect(plan(tool, ACCEPTED)).toEqual({ status: 0, errors: [] });
  });

  test("the public variable takes any value; modules/inputs converts it to the generated type", () => {
    const strict = [
      ["agents", "agents", AGENTS_TYPE],
      ["platform/modules/agentcore", "gateway_targets", GATEWAY_TARGETS_TYPE],
      ["platform", "gateway_targets", GATEWAY_TARGETS_TYPE],
      ["workflows", "workflows", WORKFLOWS_TYPE],
    ] as const;
    for (const [module, input, type] of strict) {
      const m = out.module(module);
      expect([module, m.file("variables.tf.json").variable[input].type]).toEqual([module, "any"]);
      const child = m.file("modules/inputs/variables.tf.json").variable[input];
      expect([module, child.type]).toEqual([module, typeExpression(type)]);
      expect(m.file("modules/inputs/outputs.tf.json").output[input].value).toBe(`\${var.${input}}`);
    }
  });
});
