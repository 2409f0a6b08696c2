import { conformanceErrors, pinnedSchema } from "./helpers/provider-schema";
import { type Json, type Synthesized, synthProject } from "./helpers/synth";
import { AWS_PROVIDER_PIN } from "../lib/versions";

let out: Synthesized;
const schema = pinnedSchema();
beforeAll(() => {
  out = synthProject();
});
const documents = (): [string, Json][] => [
  ...out.stacks.map((s) => [`stack ${s}: `, out.stack(s)] as [string, Json]),
  ...out.modules.flatMap((m) =>
    Object.entries(out.module(m).tree()).map(([f, json]) => [`module ${m}/${f}: `, json] as [string, Json]),
  ),
];

test(`the committed schema is the pinned provider's (hashicorp/aws ${AWS_PROVIDER_PIN})`, () => {
  expect(schema.version).toBe(AWS_PROVIDER_PIN);
  expect(Object.keys(schema.resources)).toEqual(
    expect.arrayContaining([
      "aws_bedrockagentcore_gateway",
      "aws_bedrockagentcore_policy_engine",
      "aws_bedrockagentcore_policy",
      "aws_bedrockagentcore_agent_runtime",
    ]),
  );
});

test("resources, data sources, ephemeral resources of all stacks and modules fit the pinned provider's schema", () => {
  const errors = documents().flatMap(([where, json]) => conformanceErrors(json, schema, where));
  expect(errors).toEqual([]);
});

const mutated = (stack: string, edit: (json: Json) => void) => {
  const json = JSON.parse(JSON.stringify(out.stack(stack)));
  edit(json);
  return conformanceErrors(json, schema);
};

test("a misspelt attribute of the policy engine is named with its path", () => {
  const errors = mutated("platform", (j) => {
    const engine = j.resource.aws_bedrockagentcore_policy_engine.platform_gateway_agentcore_policy_engine_engine;
    engine.encryption_key = engine.encryption_key_arn;
    delete engine.encryption_key_arn;
  });
  expect(errors).toEqual([
    expect.stringMatching(
      new RegExp(
        String.raw`^resource\.aws_bedrockagentcore_policy_engine\.` +
          String.raw`platform_gateway_agentcore_policy_engine_engine\.encryption_key: ` +
          'no attribute or block "encryption_key"; known: name, description, encryption_key_arn',
      ),
    ),
  ]);
});

test("a misspelt attribute inside the gateway's policy_engine_configuration (a dynamic block) is named", () => {
  const errors = mutated("platform", (j) => {
    const content =
      j.resource.aws_bedrockagentcore_gateway.platform_gateway_agentcore_gateway_gateway.dynamic
        .policy_engine_configuration.content;
    content.modes = content.mode;
    delete content.mode;
  });
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.stringContaining('.dynamic.policy_engine_configuration.content.modes: no attribute or block "modes"'),
      expect.stringContaining('.dynamic.policy_engine_configuration.content: required attribute "mode" is missing'),
    ]),
  );
});

test("a misspelt block of the agent runtime is named", () => {
  const errors = mutated("agents", (j) => {
    const runtime = j.resource.aws_bedrockagentcore_agent_runtime.agents_runtime_runtime;
    runtime.network_config = runtime.network_configuration;
    delete runtime.network_configuration;
  });
  expect(errors).toEqual([
    expect.stringContaining(
      "resource.aws_bedrockagentcore_agent_runtime.agents_runtime_runtime.network_config: no attribute or block " +
        '"network_config"',
    ),
  ]);
});

test("a block nested deep in a gateway target's tool schema is checked too", () => {
  const errors = mutated("platform", (j) => {
    const payload =
      j.resource.aws_bedrockagentcore_gateway_target.platform_gateway_agentcore_targets_target.target_configuration[0]
        .mcp[0].dynamic.lambda.content.tool_schema[0].dynamic.inline_payload.content;
    payload.input_schema[0].dynamic.property.content.dynamic.items.content.items_schema = "x";
  });
  expect(errors).toEqual([
    expect.stringContaining('dynamic.items.content.items_schema: no attribute or block "items_schema"'),
  ]);
});

// The capability blocks of the agents stack (issue 15): a misspelling inside any of their dynamic
// blocks, however deep, is named with its path. (What the lifecycle expression evaluates to is
// checked against the schema in agent-capabilities.test.ts.)
const agentResource = (j: Json, type: string, name: string) => j.resource[type][name];
test.each([
  [
    "the runtime's JWT authorizer",
    (j: Json) => {
      const jwt = agentResource(j, "aws_bedrockagentcore_agent_runtime", "agents_runtime_runtime").dynamic
        .authorizer_configuration.content.custom_jwt_authorizer[0];
      jwt.allowed_audiences = jwt.allowed_audience;
      delete jwt.allowed_audience;
    },
    "authorizer_configuration.content.custom_jwt_authorizer[0].allowed_audiences: no attribute or block " +
      '"allowed_audiences"',
  ],
  [
    "the runtime's VPC settings",
    (j: Json) => {
      agentResource(
        j,
        "aws_bedrockagentcore_agent_runtime",
        "agents_runtime_runtime",
      ).network_configuration[0].dynamic.network_mode_config.content.subnet_ids = "x";
    },
    'network_configuration[0].dynamic.network_mode_config.content.subnet_ids: no attribute or block "subnet_ids"',
  ],
  [
    "the runtime's protocol",
    (j: Json) => {
      const content = agentResource(j, "aws_bedrockagentcore_agent_runtime", "agents_runtime_runtime").dynamic
        .protocol_configuration.content;
      content.protocol = content.server_protocol;
      delete content.server_protocol;
    },
    'dynamic.protocol_configuration.content.protocol: no attribute or block "protocol"',
  ],
  [
    "the runtime's request headers",
    (j: Json) => {
      agentResource(
        j,
        "aws_bedrockagentcore_agent_runtime",
        "agents_runtime_runtime",
      ).dynamic.request_header_configuration.content.allowlist = "x";
    },
    'dynamic.request_header_configuration.content.allowlist: no attribute or block "allowlist"',
  ],
  [
    "the runtime's lifecycle, written as a dynamic block (hashicorp/aws 6.66 has an object attribute)",
    (j: Json) => {
      const runtime = agentResource(j, "aws_bedrockagentcore_agent_runtime", "agents_runtime_runtime");
      runtime.dynamic.lifecycle_configuration = { for_each: "${[1]}", content: { max_lifetime: 3600 } };
    },
    'dynamic.lifecycle_configuration: no block "lifecycle_configuration"',
  ],
  [
    "a memory strategy's override step",
    (j: Json) => {
      const extraction = agentResource(j, "aws_bedrockagentcore_memory_strategy", "agents_memory_strategy").dynamic
        .configuration.content.dynamic.extraction.content;
      extraction.model = extraction.model_id;
      delete extraction.model_id;
    },
    'dynamic.configuration.content.dynamic.extraction.content.model: no attribute or block "model"',
  ],
  [
    "a memory strategy's reflection",
    (j: Json) => {
      const strategy = agentResource(j, "aws_bedrockagentcore_memory_strategy", "agents_memory_strategy");
      strategy.dynamic.reflection = strategy.dynamic.reflection_configuration;
      delete strategy.dynamic.reflection_configuration;
    },
    'dynamic.reflection: no block "reflection"',
  ],
  [
    "the code interpreter's VPC settings",
    (j: Json) => {
      agentResource(
        j,
        "aws_bedrockagentcore_code_interpreter",
        "agents_tools_code_interpreter",
      ).network_configuration[0].dynamic.vpc_config.content.security_group_ids = "x";
    },
    'vpc_config.content.security_group_ids: no attribute or block "security_group_ids"',
  ],
  [
    "the browser's recording",
    (j: Json) => {
      agentResource(
        j,
        "aws_bedrockagentcore_browser",
        "agents_tools_browser",
      ).dynamic.recording.content.s3_location[0].key_prefix = "x";
    },
    'dynamic.recording.content.s3_location[0].key_prefix: no attribute or block "key_prefix"',
  ],
])("a mistake in %s is named", (_what, edit, message) => {
  expect(mutated("agents", edit)).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
});
