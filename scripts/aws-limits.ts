/**
 * Writes `lib/aws-limits-table.json`, the limits AWS's own API model puts on every field this project
 * sends to AgentCore Control: for each input member of the operations in LIMIT_OPERATIONS, by a
 * flattened field path, whether it is required and its length, pattern, range, enum values and
 * list or map size, with the first sentence of its documentation (DESIGN.md §2, "Limits come from
 * AWS").
 *
 * Source: AWS's Smithy JSON model of the AgentCore control plane in `../shared/aws-models/`
 * (reference data, never copied into the project). The table names the model file, its release
 * and its SHA-256, so a re-run on the same model changes nothing.
 *
 *   npm run aws-limits                       # the default model (DEFAULT_MODEL)
 *   npm run aws-limits -- <model.json>       # another release
 *   npm run aws-limits -- --report           # also writes docs/aws-limits.md (scripts/aws-limits-report.ts)
 *
 * Field paths: `<Operation>.<member>`, then `.<member>` into structures and unions, `[]` for the
 * items of a list and `{key}` / `{value}` for the keys and values of a map, e.g.
 * `CreateGateway.authorizerConfiguration.customJWTAuthorizer.allowedAudience[]` or
 * `CreateAgentRuntime.environmentVariables{value}`.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AwsFieldLimit, AwsLimitsTable, Bounds } from "../lib/aws-limits";
import { PROJECT_ROOT } from "../lib/project-root";

/** The release closest to the hashicorp/aws version the project pins (6.66). */
export const DEFAULT_MODEL = path.join(
  PROJECT_ROOT,
  "..",
  "shared",
  "aws-models",
  "bedrock-agentcore-control-2026-07-15.json",
);
export const TABLE_FILE = path.join(PROJECT_ROOT, "lib", "aws-limits-table.json");

/**
 * The operations whose input the project sends, directly or through the provider: the Create*
 * and Update* of every AgentCore resource the modules build (`aws_bedrockagentcore_*` in
 * `modules/`, `lib/provider-ext/`; a memory strategy is an UpdateMemory), and the tagging calls
 * the provider makes for `tags` and the deploy stacks' default_tags.
 */
export const LIMIT_OPERATIONS = [
  "CreateAgentRuntime",
  "UpdateAgentRuntime",
  "CreateAgentRuntimeEndpoint",
  "UpdateAgentRuntimeEndpoint",
  "CreateGateway",
  "UpdateGateway",
  "CreateGatewayTarget",
  "UpdateGatewayTarget",
  "CreateMemory",
  "UpdateMemory",
  "CreateCodeInterpreter",
  "CreateBrowser",
  "CreatePolicyEngine",
  "UpdatePolicyEngine",
  "CreatePolicy",
  "UpdatePolicy",
  "CreateApiKeyCredentialProvider",
  "UpdateApiKeyCredentialProvider",
  "CreateOauth2CredentialProvider",
  "UpdateOauth2CredentialProvider",
  "CreateWorkloadIdentity",
  "UpdateWorkloadIdentity",
  "TagResource",
  "UntagResource",
] as const;

// ---------------------------------------------------------------------------------------------
// The Smithy JSON AST, as far as it is read here
// ---------------------------------------------------------------------------------------------

type Traits = Record<string, unknown>;
interface MemberRef {
  readonly target: string;
  readonly traits?: Traits;
}
interface Shape {
  readonly type: string;
  readonly version?: string;
  readonly traits?: Traits;
  readonly members?: Record<string, MemberRef>;
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly input?: { readonly target: string };
}
export interface SmithyModel {
  readonly smithy: string;
  readonly shapes: Record<string, Shape>;
}

const T = {
  documentation: "smithy.api#documentation",
  required: "smithy.api#required",
  length: "smithy.api#length",
  range: "smithy.api#range",
  pattern: "smithy.api#pattern",
  enumValue: "smithy.api#enumValue",
  legacyEnum: "smithy.api#enum",
  default: "smithy.api#default",
  sensitive: "smithy.api#sensitive",
  uniqueItems: "smithy.api#uniqueItems",
  deprecated: "smithy.api#deprecated",
  httpLabel: "smithy.api#httpLabel",
  httpQuery: "smithy.api#httpQuery",
  httpHeader: "smithy.api#httpHeader",
} as const;

/** `com.amazonaws.x#GatewayName` → `GatewayName`. */
const localName = (id: string) => id.slice(id.indexOf("#") + 1);

/** Smithy's prelude shapes (`smithy.api#String`, `#PrimitiveBoolean`, ...) by their simple type. */
function preludeShape(id: string): Shape | undefined {
  if (!id.startsWith("smithy.api#")) return undefined;
  const name = localName(id).replace(/^Primitive/, "");
  return { type: name.charAt(0).toLowerCase() + name.slice(1) };
}

const COLLECTIONS = new Set(["list", "set", "map"]);

// ---------------------------------------------------------------------------------------------
// Documentation: the first sentence, as plain text
// ---------------------------------------------------------------------------------------------

const BLOCK_TAGS = /<\/?(p|ul|ol|li|br|div|dl|dt|dd|note|important|title)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
/** Words ending in a period that do not end a sentence. */
const ABBREVIATIONS = /(?:^|\s)(e\.g|i\.e|etc|vs|Inc|Ltd|approx|max|min|No)\.$/i;

/** The first sentence of an HTML documentation string, tags removed, whitespace collapsed. */
export function firstSentence(html: string): string | undefined {
  const text = html
    .replace(BLOCK_TAGS, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
      if (e.startsWith("#x") || e.startsWith("#X")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
      if (e.startsWith("#")) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return undefined;
  // A sentence ends at . ! or ? followed by a space and a capital, digit or quote, or at the end.
  const end = /[.!?](?=\s+["'(A-Z0-9]|$)/g;
  for (let m = end.exec(text); m; m = end.exec(text)) {
    const sentence = text.slice(0, m.index + 1);
    if (!ABBREVIATIONS.test(sentence)) return sentence;
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The walk
// ---------------------------------------------------------------------------------------------

function bounds(value: unknown): Bounds | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { min, max } = value as { min?: number; max?: number };
  if (min === undefined && max === undefined) return undefined;
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

/** The enum values of a shape: an `enum`/`intEnum` shape's members, or a Smithy 1 `@enum` string. */
function enumValues(shape: Shape, traits: Traits): (string | number)[] | undefined {
  if (shape.type === "enum" || shape.type === "intEnum")
    return Object.entries(shape.members ?? {}).map(
      ([name, m]) => (m.traits?.[T.enumValue] as string | number | undefined) ?? name,
    );
  const legacy = traits[T.legacyEnum] as { value: string }[] | undefined;
  return legacy?.map((e) => e.value);
}

/** The facts of one field: its target shape's traits, overridden by the member's own. */
function fieldFacts(targetId: string, shape: Shape, memberTraits: Traits, recursive: boolean): AwsFieldLimit {
  const traits: Traits = { ...shape.traits, ...memberTraits };
  const sized = bounds(traits[T.length]);
  const values = enumValues(shape, traits);
  const doc = typeof traits[T.documentation] === "string" ? firstSentence(traits[T.documentation] as string) : "";
  const location = traits[T.httpLabel]
    ? "label"
    : traits[T.httpQuery] !== undefined
      ? "query"
      : traits[T.httpHeader] !== undefined
        ? "header"
        : undefined;
  const facts: AwsFieldLimit = {
    type: shape.type,
    shape: localName(targetId),
    ...(memberTraits[T.required] ? { required: true } : {}),
    ...(sized && !COLLECTIONS.has(shape.type) ? { length: sized } : {}),
    ...(sized && COLLECTIONS.has(shape.type) ? { size: sized } : {}),
    ...(bounds(traits[T.range]) ? { range: bounds(traits[T.range]) } : {}),
    ...(typeof traits[T.pattern] === "string" ? { pattern: traits[T.pattern] as string } : {}),
    ...(values ? { enum: values } : {}),
    ...(traits[T.default] !== undefined ? { default: traits[T.default] } : {}),
    ...(traits[T.uniqueItems] ? { uniqueItems: true } : {}),
    ...(traits[T.sensitive] ? { sensitive: true } : {}),
    ...(traits[T.deprecated] ? { deprecated: true } : {}),
    ...(location ? { location } : {}),
    ...(recursive ? { recursive: true } : {}),
    ...(doc ? { doc } : {}),
  };
  return facts;
}

/**
 * The limits table of `model` (read from a file named `file`, whose bytes hash to `sha256`).
 * Operations of LIMIT_OPERATIONS the model lacks are listed under `missingOperations`.
 */
export function deriveAwsLimits(model: SmithyModel, file: string, sha256: string): AwsLimitsTable {
  const shapes = model.shapes;
  const serviceEntry = Object.entries(shapes).find(([, s]) => s.type === "service");
  if (!serviceEntry) throw new Error(`${file} has no service shape; is it a Smithy JSON AST model?`);
  const [serviceId, service] = serviceEntry;
  const namespace = serviceId.slice(0, serviceId.indexOf("#"));
  const shapeOf = (id: string): Shape => {
    const s = shapes[id] ?? preludeShape(id);
    if (!s) throw new Error(`${file}: shape ${id} is referenced but not defined`);
    return s;
  };

  const fields: Record<string, AwsFieldLimit> = {};
  const visit = (at: string, ref: MemberRef, onPath: ReadonlySet<string>) => {
    const shape = shapeOf(ref.target);
    const recursive = onPath.has(ref.target);
    fields[at] = fieldFacts(ref.target, shape, ref.traits ?? {}, recursive);
    if (recursive) return;
    const inside = new Set(onPath).add(ref.target);
    if (shape.type === "structure" || shape.type === "union")
      for (const [name, member] of Object.entries(shape.members ?? {})) visit(`${at}.${name}`, member, inside);
    else if ((shape.type === "list" || shape.type === "set") && shape.member) visit(`${at}[]`, shape.member, inside);
    else if (shape.type === "map" && shape.key && shape.value) {
      visit(`${at}{key}`, shape.key, inside);
      visit(`${at}{value}`, shape.value, inside);
    }
  };

  const operations: string[] = [];
  const missingOperations: string[] = [];
  for (const op of LIMIT_OPERATIONS) {
    const operation = shapes[`${namespace}#${op}`];
    if (operation?.type !== "operation") {
      missingOperations.push(op);
      continue;
    }
    operations.push(op);
    if (!operation.input) continue;
    const input = shapeOf(operation.input.target);
    const onPath = new Set([operation.input.target]);
    for (const [name, member] of Object.entries(input.members ?? {})) visit(`${op}.${name}`, member, onPath);
  }

  const release = /(\d{4}-\d{2}-\d{2})\.json$/.exec(file)?.[1];
  if (!release) throw new Error(`${file}: the release date is expected in the file name (…-YYYY-MM-DD.json)`);
  return {
    generatedBy: "npm run aws-limits (scripts/aws-limits.ts)",
    model: {
      file,
      release,
      sha256,
      smithy: model.smithy,
      service: localName(serviceId),
      apiVersion: service.version ?? "",
    },
    operations,
    missingOperations,
    fields: Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/** The table of the model file at `modelPath`. */
export function awsLimitsOfFile(modelPath: string): AwsLimitsTable {
  const bytes = fs.readFileSync(modelPath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return deriveAwsLimits(JSON.parse(bytes.toString("utf8")) as SmithyModel, path.basename(modelPath), sha256);
}

/** The table as it is committed: two-space JSON with a final newline. */
export function renderAwsLimits(table: AwsLimitsTable): string {
  return `${JSON.stringify(table, null, 2)}\n`;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const modelPath = path.resolve(args.find((a) => !a.startsWith("--")) ?? DEFAULT_MODEL);
  if (!fs.existsSync(modelPath)) {
    console.error(`No AWS model at ${modelPath}; give the path of a bedrock-agentcore-control-<date>.json model.`);
    process.exit(1);
  }
  const table = awsLimitsOfFile(modelPath);
  fs.writeFileSync(TABLE_FILE, renderAwsLimits(table));
  const count = Object.keys(table.fields).length;
  const where = path.relative(process.cwd(), TABLE_FILE);
  console.log(`Wrote ${count} fields of ${table.operations.length} operations (${table.model.file}) to ${where}`);
  if (table.missingOperations.length) console.warn(`Not in this model: ${table.missingOperations.join(", ")}`);
  if (args.includes("--report")) {
    // Loaded only with --report: it imports the project's configuration modules.
    const { writeAwsLimitsReport } = require("./aws-limits-report") as typeof import("./aws-limits-report");
    writeAwsLimitsReport(table);
  }
}
