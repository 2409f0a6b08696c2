import { parse as parseYaml } from "yaml";
import type { ToolArgument } from "./gateway-targets";
import { TOOL_TYPES, type ToolType } from "./target-format";
import { OPENAPI_COMBINERS, SERVICE_TOOL_NAME_PATTERN } from "./target-format";

/**
 * The tools of a gateway target as the gateway names them, for the Cedar schema (actions
 * `<Target>___<tool>`, `context.input` typed from the tool's input). Lambda targets declare their
 * tools; the tools of an inline OpenAPI document or Smithy model are read from it here, at
 * synthesis; S3-hosted documents, MCP servers and runtimes are invisible to synthesis, so their
 * blueprints declare the tools (docs/adr/0008-gateway-target-kinds.md).
 *
 * Naming, as the service does it:
 * - OpenAPI: "The operationId is used as the tool name in the MCP interface", and every operation
 *   to be exposed must have one (AWS developer guide, OpenAPI schema targets,
 *   https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-schema-openapi.html).
 * - Smithy: every operation of the model is a tool (Smithy model targets,
 *   https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-building-smithy-targets.html),
 *   named by its operation: the shape name without the namespace (`com.amazonaws.dynamodb#GetItem`
 *   is `GetItem`).
 * - Every tool is visible through MCP, and is a Cedar action, as `<target>___<tool>` (three
 *   underscores; Understand how AgentCore Gateway tools are named,
 *   https://docs.aws.amazon.com/bedrock-agentcore/latest/devguide/gateway-tool-naming.html).
 */

/** A tool as the Cedar schema and the scenarios read it. */
export interface CatalogTool {
  readonly name: string;
  readonly description?: string;
  readonly input_schema: {
    readonly type: "object";
    readonly properties: Record<string, ToolArgument>;
    readonly required: readonly string[];
  };
}

/** The tools of one target: what `cedarSchema` takes. */
export interface TargetToolCatalog {
  readonly target: string;
  readonly tools: readonly CatalogTool[];
}

export interface DerivedTools {
  readonly tools: CatalogTool[];
  /** What keeps a tool from being named, in words, each naming the operation. */
  readonly problems: string[];
}

const EMPTY_INPUT = { type: "object" as const, properties: {}, required: [] };
const TOOL_NAME = new RegExp(SERVICE_TOOL_NAME_PATTERN);
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** How deep a tool argument is typed; deeper parts stay untyped (a policy cannot read them). */
const MAX_DEPTH = 8;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A JSON or YAML document, parsed; a problem when it is neither. */
function parseDocument(text: string, what: string): { doc?: Json; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    try {
      value = parseYaml(text);
    } catch (e) {
      return { problem: `is not a JSON or YAML ${what}: ${(e as Error).message.split("\n")[0]}` };
    }
  }
  return isObject(value) ? { doc: value } : { problem: `is not a ${what}: expected an object at its top level` };
}

/** Every problem with one tool name and the duplicates among all, with where each comes from. */
function nameProblems(named: { name: string; where: string }[]): string[] {
  const problems: string[] = [];
  const first = new Map<string, string>();
  for (const { name, where } of named) {
    if (!TOOL_NAME.test(name))
      problems.push(
        `${where} has the tool name "${name}", ` +
          "which is not 1-128 letters, digits, _ - and . starting with a letter or _",
      );
    const other = first.get(name);
    if (other !== undefined)
      problems.push(`${where} and ${other} both make the tool "${name}"; tool names must be unique within a target`);
    else first.set(name, where);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.x
// ---------------------------------------------------------------------------------------------

/**
 * The tools of an inline OpenAPI document: one per operation, named by its operationId. Its input
 * is what the call takes: every parameter (path, query, header, cookie) by name, and the
 * properties of an `application/json` object request body, typed as far as the Cedar context can
 * state (no `oneOf`/`anyOf`/`allOf`, which the gateway does not support either).
 */
export function openApiTools(text: string): DerivedTools {
  const { doc, problem } = parseDocument(text, "OpenAPI document");
  if (!doc) return { tools: [], problems: [problem!] };
  if (doc.swagger !== undefined)
    return { tools: [], problems: ["is a Swagger 2.0 document; the gateway takes OpenAPI 3.0 and 3.1 only"] };
  if (typeof doc.openapi !== "string" || !doc.openapi.startsWith("3."))
    return {
      tools: [],
      problems: ['has no "openapi: 3.x" version field; the gateway takes OpenAPI 3.0 and 3.1 documents'],
    };
  if (!isObject(doc.paths) || Object.keys(doc.paths).length === 0)
    return { tools: [], problems: ["has no paths, so the target would have no tools"] };
  const resolve = refResolver(doc);
  const problems: string[] = [...openApiFeatureProblems(doc)];
  const named: { name: string; where: string }[] = [];
  const tools: CatalogTool[] = [];
  for (const [route, rawItem] of Object.entries(doc.paths)) {
    const item = resolve(rawItem);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const where = `${method.toUpperCase()} ${route}`;
      if (typeof op.operationId !== "string" || op.operationId === "") {
        problems.push(`${where} has no operationId; the gateway names each tool by its operation's operationId`);
        continue;
      }
      named.push({ name: op.operationId, where: `${where} (operationId "${op.operationId}")` });
      tools.push({
        name: op.operationId,
        description: str(op.summary) ?? str(op.description),
        input_schema: operationInput(op, shared, resolve),
      });
    }
  }
  if (tools.length === 0 && problems.length === 0)
    problems.push("has no operations, so the target would have no tools");
  return { tools, problems: [...problems, ...nameProblems(named)] };
}

/**
 * What an OpenAPI target's document must hold and may not use, from "OpenAPI schema targets" (Amazon
 * Bedrock AgentCore Developer Guide, gateway-schema-openapi: key considerations and limitations,
 * and its security best practices for URL parameters): a server with the URL of the real endpoint;
 * no `oneOf`, `anyOf` or `allOf`; and no server whose host is an unrestricted `{variable}`, which
 * would let a caller's value send the gateway's requests, with their credentials, to any host.
 */
/** Keys whose values are data, not schemas: a combiner inside them is no schema feature. */
const OPENAPI_DATA_KEYS = new Set(["example", "examples", "enum", "default", "const"]);

function openApiFeatureProblems(doc: Json): string[] {
  const problems: string[] = [];
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  if (servers.length === 0)
    problems.push(
      "has no servers; the gateway needs a server with the URL of the real endpoint, e.g. " +
        'servers: [{ url: "https://api.example.com/v1" }]',
    );
  servers.forEach((server, i) => {
    const url = isObject(server) ? server.url : undefined;
    if (typeof url !== "string" || !url.includes("//")) {
      problems.push(`servers[${i}] has no absolute url (scheme://host/path); give the URL of the real endpoint`);
      return;
    }
    const variables = isObject(server) && isObject(server.variables) ? server.variables : {};
    for (const name of openApiHostVariables(url)) {
      const v = variables[name];
      if (isObject(v) && Array.isArray(v.enum) && v.enum.length > 0) continue;
      problems.push(
        `servers[${i}] url "${url}" has the variable {${name}} in its host without an enum: its value could ` +
          `send the gateway's requests to any host; list the hosts it may take in servers[${i}].variables.` +
          `${name}.enum, or write the host out`,
      );
    }
  });
  const walk = (node: unknown, at: string[], parentKey: string | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        walk(item, [...at, String(i)], undefined);
      });
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (OPENAPI_DATA_KEYS.has(key)) continue;
      // The keys of `properties` are argument names, not keywords.
      if (parentKey !== "properties" && (OPENAPI_COMBINERS as readonly string[]).includes(key))
        problems.push(
          `uses ${key} at ${jsonPointer(at)}; the gateway's OpenAPI targets support none of ` +
            `${OPENAPI_COMBINERS.join(", ")}: describe one shape (an object with optional properties)`,
        );
      walk(value, [...at, key], key);
    }
  };
  walk(doc, [], undefined);
  return problems;
}

/** `#/a/b~1c`: where a value is in a document (RFC 6901). */
const jsonPointer = (at: readonly string[]) =>
  `#/${at.map((k) => k.replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;

/** The `{variable}` names in the host part (between `//` and the path) of an OpenAPI server URL. */
export function openApiHostVariables(url: string): string[] {
  const host = url.slice(url.indexOf("//") + 2).split(/[/?#]/)[0];
  return [...host.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v.slice(0, 500) : undefined);

/** `$ref`s within the document (`#/components/...`), with a guard against cycles. */
function refResolver(doc: Json) {
  return (value: unknown, seen: ReadonlySet<string> = new Set()): unknown => {
    let v = value;
    const visited = new Set(seen);
    while (isObject(v) && typeof v.$ref === "string") {
      const ref = v.$ref;
      if (!ref.startsWith("#/") || visited.has(ref)) return undefined;
      visited.add(ref);
      v = ref
        .slice(2)
        .split("/")
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), doc);
    }
    return v;
  };
}

function operationInput(
  op: Json,
  shared: unknown[],
  resolve: ReturnType<typeof refResolver>,
): CatalogTool["input_schema"] {
  const properties: Record<string, ToolArgument> = {};
  const required = new Set<string>();
  // Operation parameters override path-level ones of the same name and location.
  const params = new Map<string, Json>();
  for (const p of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].map((x) => resolve(x))) {
    if (isObject(p) && typeof p.name === "string") params.set(`${p.in}:${p.name}`, p);
  }
  for (const p of params.values()) {
    const arg = jsonSchemaArgument(p.schema, resolve, 0);
    if (!arg || (p.name as string) in properties) continue;
    properties[p.name as string] = arg;
    if (p.required === true || p.in === "path") required.add(p.name as string);
  }
  const body = resolve(op.requestBody);
  const json =
    isObject(body) && isObject(body.content)
      ? resolve((body.content["application/json"] as Json | undefined)?.schema)
      : undefined;
  const bodyArg = jsonSchemaArgument(json, resolve, 0);
  if (bodyArg?.type === "object") {
    for (const [name, arg] of Object.entries(bodyArg.properties ?? {})) {
      if (name in properties) continue; // a parameter of the same name wins; the body's stays untyped
      properties[name] = arg;
      if (body && (body as Json).required === true && bodyArg.required?.includes(name)) required.add(name);
    }
  }
  return { type: "object", properties, required: [...required].filter((r) => r in properties) };
}

const JSON_TYPES: readonly ToolType[] = TOOL_TYPES;

/** A JSON Schema as a tool argument, or undefined where Cedar cannot type it. */
function jsonSchemaArgument(
  raw: unknown,
  resolve: ReturnType<typeof refResolver>,
  depth: number,
): ToolArgument | undefined {
  const s = resolve(raw);
  if (!isObject(s) || depth > MAX_DEPTH) return undefined;
  if (s.oneOf || s.anyOf || s.allOf || s.not) return undefined;
  // OpenAPI 3.1: `type: [string, "null"]`.
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null" && t !== undefined);
  let type = types.length === 1 ? (types[0] as ToolType) : undefined;
  if (type === undefined && s.properties) type = "object";
  if (type === undefined && Array.isArray(s.enum) && s.enum.every((e) => typeof e === "string")) type = "string";
  if (type === undefined || !JSON_TYPES.includes(type)) return undefined;
  const description = str(s.description);
  if (type === "array") {
    const items = jsonSchemaArgument(s.items, resolve, depth + 1);
    return items ? { type, description, items } : undefined;
  }
  if (type === "object") {
    const properties: Record<string, ToolArgument> = {};
    for (const [name, p] of Object.entries(isObject(s.properties) ? s.properties : {})) {
      const arg = jsonSchemaArgument(p, resolve, depth + 1);
      if (arg) properties[name] = arg;
    }
    const required = (Array.isArray(s.required) ? s.required : []).filter(
      (r): r is string => typeof r === "string" && r in properties,
    );
    return { type, description, properties, required };
  }
  return { type, description };
}

// ---------------------------------------------------------------------------------------------
// Smithy (JSON AST)
// ---------------------------------------------------------------------------------------------

const SMITHY_PRELUDE: Readonly<Record<string, ToolType>> = {
  String: "string",
  Boolean: "boolean",
  PrimitiveBoolean: "boolean",
  Byte: "integer",
  PrimitiveByte: "integer",
  Short: "integer",
  PrimitiveShort: "integer",
  Integer: "integer",
  PrimitiveInteger: "integer",
  Long: "integer",
  PrimitiveLong: "integer",
  BigInteger: "integer",
  Float: "number",
  PrimitiveFloat: "number",
  Double: "number",
  PrimitiveDouble: "number",
  BigDecimal: "number",
};
const SMITHY_SIMPLE: Readonly<Record<string, ToolType>> = {
  string: "string",
  enum: "string",
  boolean: "boolean",
  byte: "integer",
  short: "integer",
  integer: "integer",
  intEnum: "integer",
  long: "integer",
  bigInteger: "integer",
  float: "number",
  double: "number",
  bigDecimal: "number",
};

/** The local name of a shape id: `com.example#GetItem` is `GetItem`. */
const shapeName = (id: string) => id.slice(id.indexOf("#") + 1);

/**
 * The tools of an inline Smithy model (JSON AST): one per operation of its service (every
 * operation, when the model has no service shape), named by the operation's shape name, with the
 * members of its input structure as the input.
 */
export function smithyTools(text: string): DerivedTools {
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    return {
      tools: [],
      problems: [`is not a Smithy model in JSON AST form (the gateway takes that form only): ${(e as Error).message}`],
    };
  }
  if (!isObject(model) || !isObject(model.shapes))
    return { tools: [], problems: ['is not a Smithy JSON AST model: it has no "shapes" object'] };
  const shapes = model.shapes as Record<string, Json>;
  const operations = smithyOperations(shapes);
  if (operations.length === 0) return { tools: [], problems: ["has no operations, so the target would have no tools"] };
  const tools = operations.map((id) => {
    const op = shapes[id];
    const input =
      isObject(op.input) && typeof op.input.target === "string"
        ? smithyArgument(op.input.target, shapes, 0)
        : undefined;
    const traits = isObject(op.traits) ? op.traits : {};
    return {
      name: shapeName(id),
      description: str(traits["smithy.api#documentation"]),
      input_schema:
        input?.type === "object"
          ? { type: "object" as const, properties: input.properties ?? {}, required: input.required ?? [] }
          : EMPTY_INPUT,
    };
  });
  return { tools, problems: nameProblems(operations.map((id) => ({ name: shapeName(id), where: `operation ${id}` }))) };
}

function smithyOperations(shapes: Record<string, Json>): string[] {
  const services = Object.entries(shapes).filter(([, s]) => s.type === "service");
  if (services.length === 0)
    return Object.keys(shapes)
      .filter((id) => shapes[id].type === "operation")
      .sort();
  const found = new Set<string>();
  const targets = (list: unknown) =>
    Array.isArray(list)
      ? list.map((t) => (isObject(t) ? t.target : undefined)).filter((t): t is string => typeof t === "string")
      : [];
  const visit = (id: string, seen: Set<string>) => {
    const s = shapes[id];
    if (!s || seen.has(id)) return;
    seen.add(id);
    if (s.type === "operation") found.add(id);
    for (const key of ["create", "put", "read", "update", "delete", "list"])
      if (isObject(s[key]) && typeof (s[key] as Json).target === "string")
        visit((s[key] as Json).target as string, seen);
    for (const t of [...targets(s.operations), ...targets(s.collectionOperations), ...targets(s.resources)])
      visit(t, seen);
  };
  for (const [id] of services) visit(id, new Set());
  return [...found].sort();
}

function smithyArgument(
  target: string,
  shapes: Record<string, Json>,
  depth: number,
  traits: Json = {},
): ToolArgument | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const description = str(traits["smithy.api#documentation"]);
  if (target.startsWith("smithy.api#")) {
    const type = SMITHY_PRELUDE[shapeName(target)];
    return type ? { type, description } : undefined;
  }
  const s = shapes[target];
  if (!isObject(s)) return undefined;
  const own = str((isObject(s.traits) ? s.traits : {})["smithy.api#documentation"]);
  const simple = SMITHY_SIMPLE[s.type as string];
  if (simple) return { type: simple, description: description ?? own };
  if ((s.type === "list" || s.type === "set") && isObject(s.member) && typeof s.member.target === "string") {
    const items = smithyArgument(s.member.target, shapes, depth + 1, isObject(s.member.traits) ? s.member.traits : {});
    return items ? { type: "array", description: description ?? own, items } : undefined;
  }
  if (s.type === "structure") {
    const properties: Record<string, ToolArgument> = {};
    const required: string[] = [];
    for (const [name, m] of Object.entries(isObject(s.members) ? s.members : {})) {
      if (!isObject(m) || typeof m.target !== "string") continue;
      const memberTraits = isObject(m.traits) ? m.traits : {};
      const arg = smithyArgument(m.target, shapes, depth + 1, memberTraits);
      if (!arg) continue;
      properties[name] = arg;
      if ("smithy.api#required" in memberTraits) required.push(name);
    }
    return { type: "object", description: description ?? own, properties, required };
  }
  return undefined; // maps, unions, documents, blobs and timestamps have no Cedar type here
}

// ---------------------------------------------------------------------------------------------
// Every kind
// ---------------------------------------------------------------------------------------------

/** The part of a target the catalogue reads (a blueprint or a module input entry). */
export interface TargetToolSource {
  readonly name: string;
  readonly openapi?: { readonly inline?: string | null } | null;
  readonly smithy?: { readonly inline?: string | null } | null;
  readonly tools?:
    | readonly {
        readonly name: string;
        readonly description?: string | null;
        readonly input_schema?: {
          readonly properties?: Record<string, ToolArgument>;
          readonly required?: readonly string[];
        } | null;
      }[]
    | null;
}

/** Whether the target's tools come from an inline document rather than from the blueprint. */
export function toolsFromDocument(t: Pick<TargetToolSource, "openapi" | "smithy">): boolean {
  return typeof t.openapi?.inline === "string" || typeof t.smithy?.inline === "string";
}

/** The tools of one target: read from its inline document, or as the blueprint declares them. */
export function targetTools(t: TargetToolSource): CatalogTool[] {
  if (typeof t.openapi?.inline === "string") return openApiTools(t.openapi.inline).tools;
  if (typeof t.smithy?.inline === "string") return smithyTools(t.smithy.inline).tools;
  return (t.tools ?? []).map((tool) => ({
    name: tool.name,
    description: tool.description ?? undefined,
    input_schema: tool.input_schema
      ? {
          type: "object" as const,
          properties: tool.input_schema.properties ?? {},
          required: tool.input_schema.required ?? [],
        }
      : EMPTY_INPUT,
  }));
}

/** The tool catalogue of a gateway: every target with its tools. */
export function toolCatalog(targets: readonly TargetToolSource[]): TargetToolCatalog[] {
  return targets.map((t) => ({ target: t.name, tools: targetTools(t) }));
}
