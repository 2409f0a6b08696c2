import * as fs from "node:fs";
import { AWS_LIMITS_MODEL, type AwsFieldPath, awsLimit } from "../lib/aws-limits";
import {
  DEFAULT_MODEL,
  type SmithyModel,
  TABLE_FILE,
  awsLimitsOfFile,
  deriveAwsLimits,
  firstSentence,
  renderAwsLimits,
} from "../scripts/aws-limits";
import { PREVIOUS_MODEL, REPORT_FILE, renderAwsLimitsReport } from "../scripts/aws-limits-report";

/** A test that needs AWS's models (`../shared/aws-models/`), skipped with a printed reason where one is absent. */
function withModels(name: string, body: () => void, models: readonly string[] = [DEFAULT_MODEL]): void {
  const absent = models.filter((m) => !fs.existsSync(m));
  if (absent.length) console.warn(`SKIPPED "${name}": no AWS model at ${absent.join(", ")}`);
  (absent.length ? test.skip : test)(name, body);
}

describe("the committed table", () => {
  withModels("re-running the generator on the same model yields exactly lib/aws-limits-table.json", () => {
    const committed = fs.readFileSync(TABLE_FILE, "utf8");
    const derived = awsLimitsOfFile(DEFAULT_MODEL);
    expect(JSON.parse(committed)).toEqual(derived);
    // Byte for byte too (key order, indentation, final newline), without printing 500 KB on failure.
    expect(renderAwsLimits(derived) === committed).toBe(true);
  });

  withModels("docs/aws-limits.md is what the report renders from the table", () => {
    const rendered = renderAwsLimitsReport(awsLimitsOfFile(DEFAULT_MODEL), awsLimitsOfFile(PREVIOUS_MODEL));
    expect(rendered === fs.readFileSync(REPORT_FILE, "utf8")).toBe(true);
  }, [DEFAULT_MODEL, PREVIOUS_MODEL]);

  test("names the model release it comes from", () => {
    expect(AWS_LIMITS_MODEL).toMatchObject({
      file: "bedrock-agentcore-control-2026-07-15.json",
      release: "2026-07-15",
      service: "AmazonBedrockAgentCoreControl",
      apiVersion: "2023-06-05",
    });
    expect(AWS_LIMITS_MODEL.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("spot checks, from the 2026-07-15 model", () => {
  test("a gateway name is 1-48 letters or digits, each followed by at most one hyphen; no length trait", () => {
    const limit = awsLimit("CreateGateway.name");
    expect(limit).toMatchObject({ type: "string", shape: "GatewayName", required: true });
    expect(limit.pattern).toBe("^([0-9a-zA-Z][-]?){1,48}$");
    expect(limit.length).toBeUndefined();
    const pattern = new RegExp(limit.pattern!);
    expect(pattern.test("a".repeat(48))).toBe(true);
    expect(pattern.test("a".repeat(49))).toBe(false);
    expect(pattern.test("acme-dev-gateway")).toBe(true);
    expect(pattern.test("a--b-dev-gateway")).toBe(false);
    expect(limit.doc).toBe("The name of the gateway.");
  });

  test("a runtime takes at most 50 environment variables, names of 1-100 and values of 0-5000 characters", () => {
    expect(awsLimit("CreateAgentRuntime.environmentVariables")).toMatchObject({
      type: "map",
      size: { min: 0, max: 50 },
      sensitive: true,
    });
    expect(awsLimit("CreateAgentRuntime.environmentVariables{key}").length).toEqual({ min: 1, max: 100 });
    expect(awsLimit("CreateAgentRuntime.environmentVariables{value}").length).toEqual({ min: 0, max: 5000 });
  });

  test("AgentCore tags are ASCII", () => {
    const value = awsLimit("CreateGateway.tags{value}");
    expect(value.pattern).toBe("^[a-zA-Z0-9\\s._:/=+@-]*$");
    expect(value.length).toEqual({ min: 0, max: 256 });
    expect(awsLimit("TagResource.tags")).toMatchObject({ required: true, size: { min: 0, max: 50 } });
    expect(new RegExp(value.pattern!).test("Équipe")).toBe(false);
  });

  test("ranges, enums, list sizes and recursion", () => {
    expect(awsLimit("CreatePolicy.definition.cedar.statement").length).toEqual({ min: 35, max: 10000 });
    expect(awsLimit("CreateAgentRuntime.lifecycleConfiguration.maxLifetime").range).toEqual({ min: 60, max: 28800 });
    expect(awsLimit("CreateMemory.eventExpiryDuration")).toMatchObject({ required: true, range: { min: 3, max: 365 } });
    expect(awsLimit("UpdateMemory.eventExpiryDuration").required).toBeUndefined();
    expect(awsLimit("CreateAgentRuntime.protocolConfiguration.serverProtocol").enum).toEqual([
      "MCP",
      "HTTP",
      "A2A",
      "AGUI",
    ]);
    expect(awsLimit("CreateGatewayTarget.credentialProviderConfigurations").size).toEqual({ min: 1, max: 1 });
    expect(
      awsLimit("CreateGatewayTarget.targetConfiguration.mcp.lambda.toolSchema.inlinePayload[].inputSchema.items"),
    ).toMatchObject({ shape: "SchemaDefinition", recursive: true });
    expect(awsLimit("CreatePolicy.policyEngineId").location).toBe("label");
  });
});

describe("awsLimit", () => {
  test("throws naming the path when the table has no such field", () => {
    expect(() => awsLimit("CreateGateway.nmae" as AwsFieldPath)).toThrow(
      /No AWS limit for "CreateGateway\.nmae" in bedrock-agentcore-control-2026-07-15\.json \(CreateGateway has .*name/,
    );
    expect(() => awsLimit("CreateGateways.name" as AwsFieldPath)).toThrow(/no operation CreateGateways/);
    // @ts-expect-error: a path that is not in the table does not type-check either
    expect(() => awsLimit("CreateGateway.names")).toThrow(/CreateGateway\.names/);
  });
});

describe("the generator", () => {
  const ns = "example.test";
  const s = (name: string) => `${ns}#${name}`;
  /** One operation whose input holds each kind of shape the walk handles. */
  const model: SmithyModel = {
    smithy: "2.0",
    shapes: {
      [s("Service")]: { type: "service", version: "2020-01-01" },
      [s("CreateGateway")]: { type: "operation", input: { target: s("CreateGatewayRequest") } },
      [s("CreateGatewayRequest")]: {
        type: "structure",
        members: {
          name: {
            target: s("Name"),
            traits: {
              "smithy.api#required": {},
              "smithy.api#length": { max: 10 },
              "smithy.api#documentation": "<p>The name, e.g. <code>abc</code>. It must be unique.</p>",
            },
          },
          labels: { target: s("Labels") },
          nodes: { target: s("Nodes") },
          mode: { target: s("Mode"), traits: { "smithy.api#default": "b" } },
          count: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 1 } } },
        },
      },
      [s("Name")]: {
        type: "string",
        traits: { "smithy.api#length": { min: 1, max: 48 }, "smithy.api#pattern": "^[a-z]+$" },
      },
      [s("Labels")]: {
        type: "map",
        key: { target: s("Name") },
        value: { target: "smithy.api#String" },
        traits: { "smithy.api#length": { max: 5 } },
      },
      [s("Nodes")]: { type: "list", member: { target: s("Node") }, traits: { "smithy.api#uniqueItems": {} } },
      [s("Node")]: {
        type: "union",
        members: { leaf: { target: "smithy.api#Boolean" }, children: { target: s("Nodes") } },
      },
      [s("Mode")]: {
        type: "enum",
        members: {
          A: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "a" } },
          B: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "b" } },
        },
      },
    },
  };
  const table = deriveAwsLimits(model, "example-2020-01-01.json", "0".repeat(64));

  test("flattens structures, unions, lists and maps; member traits override the target's", () => {
    expect(table.fields).toEqual({
      "CreateGateway.count": { type: "integer", shape: "Integer", range: { min: 1 } },
      "CreateGateway.labels": { type: "map", shape: "Labels", size: { max: 5 } },
      "CreateGateway.labels{key}": { type: "string", shape: "Name", length: { min: 1, max: 48 }, pattern: "^[a-z]+$" },
      "CreateGateway.labels{value}": { type: "string", shape: "String" },
      "CreateGateway.mode": { type: "enum", shape: "Mode", enum: ["a", "b"], default: "b" },
      "CreateGateway.name": {
        type: "string",
        shape: "Name",
        required: true,
        length: { max: 10 },
        pattern: "^[a-z]+$",
        doc: "The name, e.g. abc.",
      },
      "CreateGateway.nodes": { type: "list", shape: "Nodes", uniqueItems: true },
      "CreateGateway.nodes[]": { type: "union", shape: "Node" },
      "CreateGateway.nodes[].children": { type: "list", shape: "Nodes", uniqueItems: true, recursive: true },
      "CreateGateway.nodes[].leaf": { type: "boolean", shape: "Boolean" },
    });
    expect(table.model).toEqual({
      file: "example-2020-01-01.json",
      release: "2020-01-01",
      sha256: "0".repeat(64),
      smithy: "2.0",
      service: "Service",
      apiVersion: "2020-01-01",
    });
    expect(table.operations).toEqual(["CreateGateway"]);
    expect(table.missingOperations).toContain("CreateAgentRuntime");
  });

  test("the same model gives the same text", () => {
    const again = deriveAwsLimits(model, "example-2020-01-01.json", "0".repeat(64));
    expect(renderAwsLimits(again)).toBe(renderAwsLimits(table));
  });

  test("the first sentence of a documentation string", () => {
    expect(firstSentence("<p>Creates a gateway. A gateway serves agents.</p>")).toBe("Creates a gateway.");
    expect(firstSentence("<p>The <code>DEBUG</code> level, i.e. verbose</p>")).toBe("The DEBUG level, i.e. verbose");
    expect(firstSentence("<p>Up to 5 items. See <a href='x'>docs</a>.</p>")).toBe("Up to 5 items.");
    expect(firstSentence("<p> </p>")).toBeUndefined();
  });
});
