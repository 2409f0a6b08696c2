import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { literalAws } from "../lib/aws-context";
import { type AgentSpec, agentSpecSchema } from "../lib/config/blueprints";
import { CAPABILITY_ENV, PROMPT_LENGTH } from "../lib/config/agent-format";
import { renderStatements } from "../lib/iam/statement-table";
import { agentCoreTrustPolicy } from "../lib/iam/trust";
import { logGroups } from "../lib/rules/ac005-log-groups";
import {
  type AgentPolicyInputs,
  agentCapabilityStatements,
  agentPolicyStatements,
  customModels,
  modulePermissionReport,
  permissionReport,
} from "../app/permission-report";
import { renderedPolicyDocuments } from "../app/rendered-policies";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { runRules } from "../lib/rules";
import {
  type AgentEnvironmentInputs,
  BROWSER_ROLE_STATEMENTS,
  DEPLOYER_STATEMENTS,
  MEMORY_ROLE_STATEMENTS,
} from "../modules/agents/permissions";
import { agentNameProblems } from "../modules/agents/names";
import { recordingPrefix } from "../modules/agents/capabilities";
import { PLATFORM_KEY_POLICY } from "../modules/platform/kms";
import { type Policy, identityDecision, trustDecision, unknownActions } from "./helpers/iam";
import { fixtureSynth, type Json, ROOT, type Synthesized, synthProject } from "./helpers/synth";
import {
  describeWithTerraform,
  isolate,
  offlineProvider,
  planError,
  planResources,
  prepareTerraform,
  probeAttributes,
} from "./helpers/terraform";
import { conformanceErrors, pinnedSchema } from "./helpers/provider-schema";

/**
 * Memory, built-in tools and runtime options (issue 15): the tests' own project with agents that
 * use them (`fixtures/capabilities`) and one that uses none, so each capability is shown present
 * when asked and completely absent otherwise.
 */
const FIXTURE = path.join(ROOT, "__tests__", "fixtures", "capabilities");
const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const aws = literalAws(ACCOUNT, REGION);

/** The fixture's blueprints as an HCL caller passes them: `yamldecode` of each file. */
const HCL_AGENTS: Record<string, Json> = Object.fromEntries(
  fs
    .readdirSync(path.join(FIXTURE, "blueprints", "agents"))
    .map((f) => [
      f.replace(/\.yaml$/, ""),
      parse(fs.readFileSync(path.join(FIXTURE, "blueprints", "agents", f), "utf8")),
    ]),
);
const spec = (key: string): AgentSpec => agentSpecSchema.parse(HCL_AGENTS[key]);

const KEYS = {
  data: `arn:aws:kms:${REGION}:${ACCOUNT}:key/44444444-4444-4444-4444-444444444444`,
  platformArtifacts: `arn:aws:kms:${REGION}:${ACCOUNT}:key/11111111-1111-1111-1111-111111111111`,
};
const SHARED_MEMORY = `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:memory/zeta_qa_shared-AbCdE12345`;
const ARTIFACTS = "arn:aws:s3:::zeta-qa-artifacts";

const MODULE_VARS = {
  name_prefix: "zeta",
  environment: "qa",
  account_id: ACCOUNT,
  permissions_boundary_arn: `arn:aws:iam::${ACCOUNT}:policy/zeta-qa-role-boundary`,
  ssm_root_path: "/zeta/qa",
  gateway_role_arn: `arn:aws:iam::${ACCOUNT}:role/zeta-qa-agentcore-gateway`,
  runtime_kms_key_arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/55555555-5555-5555-5555-555555555555`,
  permission_mode: "production",
  data_kms_key_arn: KEYS.data,
  platform_artifacts_kms_key_arn: KEYS.platformArtifacts,
  artifacts_bucket_arn: ARTIFACTS,
  enable_shared_memory: true,
  shared_memory_arn: SHARED_MEMORY,
  enable_cognito_authorizer: true,
  cognito_user_pool_id: `${REGION}_AbCdEfGhI`,
  cognito_client_id: "m2mclient1234567890",
};

const INPUTS: AgentEnvironmentInputs = {
  artifacts_bucket_arn: ARTIFACTS,
  extra_s3_read_bucket_arns: [],
  platform_artifacts_kms_key_arn: KEYS.platformArtifacts,
  domain_artifacts_kms_key_arn: "",
  storage_kms_key_arn: "",
  prompt_registry_function_arn: "",
  artifacts_table_name: "",
  data_kms_key_arn: KEYS.data,
  idempotency_table_name: "",
  evaluation_table_name: "",
  inference_key_secret_arns: [],
  secrets_kms_key_arn: "",
  shared_memory_arn: SHARED_MEMORY,
};
const policyInputs = (mode: "development" | "production", inputs = INPUTS): AgentPolicyInputs => ({
  namePrefix: "zeta",
  environment: "qa",
  aws,
  permissionMode: mode,
  ssmRootPath: "/zeta/qa",
  gatewayRoleArn: MODULE_VARS.gateway_role_arn,
  inputs,
});
/** An agent's inline policy and its managed capabilities policy (absent: empty). */
const inlineOf = (key: string, mode: "development" | "production" = "production", inputs = INPUTS) =>
  agentPolicyStatements(key, spec(key), policyInputs(mode, inputs));
const managedOf = (key: string, mode: "development" | "production" = "production", inputs = INPUTS) =>
  agentCapabilityStatements(key, spec(key), policyInputs(mode, inputs));
const statementsOf = (key: string, mode: "development" | "production" = "production", inputs = INPUTS) => [
  ...inlineOf(key, mode, inputs),
  ...managedOf(key, mode, inputs),
];
/** What the role holds: both policies, as IAM evaluates them together. */
const policiesOf = (key: string, mode: "development" | "production" = "production"): Policy[] =>
  [inlineOf(key, mode), managedOf(key, mode)]
    .filter((s) => s.length > 0)
    .map((Statement) => ({ Version: "2012-10-17", Statement: Statement as any[] }));
const sids = (key: string, mode: "development" | "production" = "production", inputs = INPUTS) =>
  statementsOf(key, mode, inputs).map((s) => s.Sid);

const NEW_SIDS = [
  "NoCapabilityChanges",
  "MemoryAccess",
  "MemoryKms",
  "SharedMemoryAccess",
  "SharedMemoryKms",
  "CodeInterpreterSessions",
  "BrowserSessions",
  "BrowserAutomation",
];
const arn = (resource: string) => `arn:aws:bedrock-agentcore:${REGION}:${ACCOUNT}:${resource}`;

/**
 * Each capability left out of the agent that has them all (scribe): what must vanish with it —
 * its statements, its environment variable, its resource and its execution role — while the
 * other capabilities stay.
 */
const LEFT_OUT: Record<string, { omit: string; sids: string[]; env: string; resource?: string; role?: string }> = {
  "no-memory": {
    omit: "memory",
    sids: ["MemoryAccess", "MemoryKms"],
    env: CAPABILITY_ENV.memory,
    resource: "aws_bedrockagentcore_memory.agents_memory_memory",
    role: "memory",
  },
  "no-interpreter": {
    omit: "code_interpreter",
    sids: ["CodeInterpreterSessions"],
    env: CAPABILITY_ENV.codeInterpreter,
    resource: "aws_bedrockagentcore_code_interpreter.agents_tools_code_interpreter",
  },
  "no-browser": {
    omit: "browser",
    sids: ["BrowserSessions", "BrowserAutomation"],
    env: CAPABILITY_ENV.browser,
    resource: "aws_bedrockagentcore_browser.agents_tools_browser",
    role: "browser",
  },
  "no-shared-memory": {
    omit: "features",
    sids: ["SharedMemoryAccess", "SharedMemoryKms"],
    env: CAPABILITY_ENV.sharedMemory,
  },
};
const LEFT_OUT_AGENTS: Record<string, Json> = Object.fromEntries(
  Object.entries(LEFT_OUT).map(([key, { omit }]) => [
    key,
    Object.fromEntries(Object.entries({ ...HCL_AGENTS.scribe, key }).filter(([field]) => field !== omit)),
  ]),
);

describe("statement tables", () => {
  test("an agent with every capability gets each capability's statements, scoped to its own resources", () => {
    const bySid = Object.fromEntries(statementsOf("scribe").map((s) => [s.Sid, s]));
    expect(Object.keys(bySid)).toEqual(expect.arrayContaining(NEW_SIDS));
    expect(bySid.MemoryAccess.Resource).toBe(arn("memory/zeta_qa_scribe-??????????"));
    expect(bySid.CodeInterpreterSessions.Resource).toBe(
      arn("code-interpreter-custom/zeta_qa_scribe_interpreter-??????????"),
    );
    expect(bySid.BrowserSessions.Resource).toBe(arn("browser-custom/zeta_qa_scribe_browser-??????????"));
    expect(bySid.SharedMemoryAccess.Resource).toBe(SHARED_MEMORY);
    expect(bySid.MemoryKms).toMatchObject({
      Resource: KEYS.data,
      Condition: { StringEquals: { "kms:ViaService": `bedrock-agentcore.${REGION}.amazonaws.com` } },
    });
  });

  test("an agent without capabilities gets none of their statements in either mode, and no capabilities policy", () => {
    for (const mode of ["development", "production"] as const) {
      expect(sids("plain", mode).filter((s) => NEW_SIDS.includes(s))).toEqual([]);
      expect(managedOf("plain", mode)).toEqual([]);
    }
  });

  test("capability statements go in the agent's managed policy, guardrail first; the inline one gains nothing", () => {
    expect(
      inlineOf("scribe")
        .map((s) => s.Sid)
        .filter((s) => NEW_SIDS.includes(s)),
    ).toEqual([]);
    expect(managedOf("scribe").map((s) => s.Sid)).toEqual(NEW_SIDS);
    expect(managedOf("scribe")[0]).toEqual({
      Sid: "NoCapabilityChanges",
      Effect: "Deny",
      Action: [
        "bedrock-agentcore:DeleteMemory",
        "bedrock-agentcore:UpdateMemory",
        "bedrock-agentcore:DeleteCodeInterpreter",
        "bedrock-agentcore:DeleteBrowser",
      ],
      Resource: "*",
    });
    // A code interpreter in development mode: only the guardrail, still a valid document.
    expect(
      agentCapabilityStatements(
        "x",
        agentSpecSchema.parse({ ...HCL_AGENTS.plain, code_interpreter: {} }),
        policyInputs("development"),
      ).map((s) => s.Sid),
    ).toEqual(["NoCapabilityChanges"]);
  });

  test("statements follow capabilities: memory without tools, no tool statements; no feature, no shared memory", () => {
    expect(sids("toolsmith")).toEqual(
      expect.arrayContaining(["MemoryAccess", "MemoryKms", "CodeInterpreterSessions", "BrowserSessions"]),
    );
    expect(sids("toolsmith")).not.toContain("SharedMemoryAccess");
    expect(sids("scribe", "production", { ...INPUTS, shared_memory_arn: "" })).not.toContain("SharedMemoryAccess");
    expect(sids("scribe", "production", { ...INPUTS, data_kms_key_arn: "" }).filter((s) => s.endsWith("Kms"))).toEqual(
      [],
    );
  });

  test.each(Object.entries(LEFT_OUT))(
    "%s: the agent with every other capability loses exactly that capability's statements, in both modes",
    (key, { sids: gone }) => {
      for (const mode of ["development", "production"] as const) {
        const all = statementsOf("scribe", mode).map((s) => s.Sid);
        const without = [
          ...agentPolicyStatements(key, agentSpecSchema.parse(LEFT_OUT_AGENTS[key]), policyInputs(mode)),
          ...agentCapabilityStatements(key, agentSpecSchema.parse(LEFT_OUT_AGENTS[key]), policyInputs(mode)),
        ].map((s) => s.Sid);
        expect(without).toEqual(all.filter((sid) => !gone.includes(sid)));
      }
    },
  );

  test("development keeps bedrock-agentcore:* as the data-plane placeholder, but KMS is granted in both modes", () => {
    const dev = sids("scribe", "development");
    expect(dev).not.toContain("MemoryAccess");
    expect(dev).not.toContain("BrowserSessions");
    expect(dev).toEqual(expect.arrayContaining(["MemoryKms", "SharedMemoryKms"]));
  });

  test("every new action exists (iam-data)", async () => {
    const actions = [
      ...statementsOf("scribe"),
      ...renderStatements(MEMORY_ROLE_STATEMENTS, { aws, models: ["m.x"], dataKmsKeyArn: KEYS.data, withKey: true }),
      ...renderStatements(BROWSER_ROLE_STATEMENTS, {
        aws,
        bucketArn: ARTIFACTS,
        prefix: "p/",
        kmsKeyArn: KEYS.platformArtifacts,
        withKey: true,
      }),
    ].flatMap((s) => [s.Action].flat());
    expect(await unknownActions([...actions, ...DEPLOYER_STATEMENTS.flatMap((s) => s.actions)])).toEqual([]);
  });

  test("the memory role invokes exactly the override models (profiles and their foundation models)", () => {
    expect(customModels(spec("scribe"))).toEqual([
      "anthropic.claude-3-5-haiku-20241022-v1:0",
      "us.anthropic.claude-sonnet-4-20250514-v1:0",
    ]);
    const [invoke] = renderStatements(MEMORY_ROLE_STATEMENTS, {
      aws,
      models: customModels(spec("scribe")),
      dataKmsKeyArn: KEYS.data,
      withKey: false,
    });
    expect(invoke.Resource).toEqual([
      `arn:aws:bedrock:${REGION}:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`,
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
      "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
    ]);
  });

  test("every capability and feature on: inline policy unchanged, capabilities policy < 80 % of managed quota", () => {
    const everything = {
      ...HCL_AGENTS.scribe,
      features: [
        "artifacts_bucket",
        "extra_s3_read",
        "platform_kms",
        "domain_kms",
        "storage_kms",
        "prompt_registry",
        "artifacts_catalog",
        "idempotency_table",
        "evaluation_table",
        "shared_memory",
      ],
      models: Array.from({ length: 8 }, (_, i) => `us.anthropic.claude-model-${i}-20250514-v1:0`),
      credentials: {
        api_keys: Array.from({ length: 6 }, (_, i) => `provider-${i}`),
        oauth2: Array.from({ length: 6 }, (_, i) => ({
          name: `oauth-${i}`,
          discovery_url: "https://id.example.com/.well-known/openid-configuration",
        })),
      },
    };
    const all: AgentEnvironmentInputs = {
      ...INPUTS,
      extra_s3_read_bucket_arns: ["arn:aws:s3:::shared-a", "arn:aws:s3:::shared-b"],
      domain_artifacts_kms_key_arn: KEYS.platformArtifacts,
      storage_kms_key_arn: KEYS.platformArtifacts,
      prompt_registry_function_arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:zeta-qa-prompts`,
      artifacts_table_name: "zeta-qa-artifacts",
      idempotency_table_name: "zeta-qa-idempotency",
      evaluation_table_name: "zeta-qa-evaluations",
      inference_key_secret_arns: [`arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:zeta/qa/litellm-AbCdEf`],
      secrets_kms_key_arn: KEYS.data,
    };
    const size = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements }).length;
    const withoutCapabilities = agentSpecSchema.parse({
      ...everything,
      memory: undefined,
      code_interpreter: undefined,
      browser: undefined,
      features: everything.features.filter((f) => f !== "shared_memory"),
    });
    const modes = ["development", "production"] as const;
    const inline = Object.fromEntries(
      modes.map((m) => [
        m,
        size(agentPolicyStatements("a-long-agent-key-here", agentSpecSchema.parse(everything), policyInputs(m, all))),
      ]),
    );
    const before = Object.fromEntries(
      modes.map((m) => [
        m,
        size(agentPolicyStatements("a-long-agent-key-here", withoutCapabilities, policyInputs(m, all))),
      ]),
    );
    const managed = Object.fromEntries(
      modes.map((m) => [
        m,
        size(
          agentCapabilityStatements("a-long-agent-key-here", agentSpecSchema.parse(everything), policyInputs(m, all)),
        ),
      ]),
    );
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
    console.log(
      `every capability and feature on: inline ${inline.production} of 10240 (${pct(inline.production, 10240)}; ` +
        `${before.production} without capabilities), capabilities policy ${managed.production} of 6144 ` +
        `(${pct(managed.production, 6144)}); development: inline ${inline.development}, capabilities ` +
        `${managed.development}`,
    );
    expect(inline).toEqual(before);
    expect(Math.max(...Object.values(inline))).toBeLessThan(10240);
    expect(Math.max(...Object.values(managed))).toBeLessThan(0.8 * 6144);
  });
});

describe("simulated roles (iam-simulate): an agent uses its own memory and tools, never another agent's", () => {
  const scribe = policiesOf("scribe");
  const memory = (name: string) => arn(`memory/${name}-AbCdE12345`);

  test("memory: events and records of its own memory only", async () => {
    for (const action of [
      "bedrock-agentcore:CreateEvent",
      "bedrock-agentcore:RetrieveMemoryRecords",
      "bedrock-agentcore:ListEvents",
    ]) {
      expect(await identityDecision(scribe, action, memory("zeta_qa_scribe"))).toBe("Allowed");
      expect(await identityDecision(scribe, action, memory("zeta_qa_toolsmith"))).toBe("ImplicitlyDenied");
      expect(await identityDecision(scribe, action, memory("zeta_qa_scribe_x"))).toBe("ImplicitlyDenied");
    }
    expect(await identityDecision(scribe, "bedrock-agentcore:DeleteMemory", memory("zeta_qa_scribe"))).toBe(
      "ExplicitlyDenied",
    );
    // Not even development's bedrock-agentcore:* may delete or reconfigure it.
    expect(
      await identityDecision(
        policiesOf("scribe", "development"),
        "bedrock-agentcore:CreateEvent",
        memory("zeta_qa_toolsmith"),
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        policiesOf("scribe", "development"),
        "bedrock-agentcore:DeleteMemory",
        memory("zeta_qa_scribe"),
      ),
    ).toBe("ExplicitlyDenied");
    expect(await identityDecision(policiesOf("plain"), "bedrock-agentcore:CreateEvent", memory("zeta_qa_plain"))).toBe(
      "ImplicitlyDenied",
    );
  });

  test("the shared memory only with the feature", async () => {
    expect(await identityDecision(scribe, "bedrock-agentcore:CreateEvent", SHARED_MEMORY)).toBe("Allowed");
    expect(await identityDecision(policiesOf("toolsmith"), "bedrock-agentcore:CreateEvent", SHARED_MEMORY)).toBe(
      "ImplicitlyDenied",
    );
  });

  test("the data key through AgentCore only (the platform's key policy delegates to IAM)", async () => {
    const keyPolicy: Policy = { Version: "2012-10-17", Statement: renderStatements(PLATFORM_KEY_POLICY, aws) as any[] };
    expect(
      await identityDecision(
        scribe,
        "kms:Decrypt",
        KEYS.data,
        ACCOUNT,
        { "kms:ViaService": `bedrock-agentcore.${REGION}.amazonaws.com` },
        keyPolicy,
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        scribe,
        "kms:Decrypt",
        KEYS.data,
        ACCOUNT,
        { "kms:ViaService": `s3.${REGION}.amazonaws.com` },
        keyPolicy,
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision(
        policiesOf("plain"),
        "kms:Decrypt",
        KEYS.data,
        ACCOUNT,
        { "kms:ViaService": `bedrock-agentcore.${REGION}.amazonaws.com` },
        keyPolicy,
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("code interpreter and browser sessions of its own tools only", async () => {
    const ci = (name: string) => arn(`code-interpreter-custom/${name}_interpreter-AbCdE12345`);
    const browser = (name: string) => arn(`browser-custom/${name}_browser-AbCdE12345`);
    expect(await identityDecision(scribe, "bedrock-agentcore:StartCodeInterpreterSession", ci("zeta_qa_scribe"))).toBe(
      "Allowed",
    );
    expect(await identityDecision(scribe, "bedrock-agentcore:InvokeCodeInterpreter", ci("zeta_qa_scribe"))).toBe(
      "Allowed",
    );
    expect(await identityDecision(scribe, "bedrock-agentcore:InvokeCodeInterpreter", ci("zeta_qa_toolsmith"))).toBe(
      "ImplicitlyDenied",
    );
    expect(
      await identityDecision(
        scribe,
        "bedrock-agentcore:InvokeCodeInterpreter",
        `arn:aws:bedrock-agentcore:${REGION}:aws:code-interpreter/aws.codeinterpreter.v1`,
      ),
    ).toBe("ImplicitlyDenied");
    expect(await identityDecision(scribe, "bedrock-agentcore:StartBrowserSession", browser("zeta_qa_scribe"))).toBe(
      "Allowed",
    );
    expect(await identityDecision(scribe, "bedrock-agentcore:StartBrowserSession", browser("zeta_qa_toolsmith"))).toBe(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(scribe, "bedrock-agentcore:ConnectBrowserAutomationStream", "*")).toBe("Allowed");
    expect(
      await identityDecision(policiesOf("plain"), "bedrock-agentcore:StartBrowserSession", browser("zeta_qa_plain")),
    ).toBe("ImplicitlyDenied");
  });

  test("memory role: only the override models; browser role: only its recording prefix, in this account", async () => {
    const memoryRole: Policy = {
      Version: "2012-10-17",
      Statement: renderStatements(MEMORY_ROLE_STATEMENTS, {
        aws,
        models: customModels(spec("scribe")),
        dataKmsKeyArn: KEYS.data,
        withKey: true,
      }) as any[],
    };
    expect(
      await identityDecision(
        [memoryRole],
        "bedrock:InvokeModel",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [memoryRole],
        "bedrock:InvokeModel",
        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-opus-20240229-v1:0",
      ),
    ).toBe("ImplicitlyDenied");
    const browserRole: Policy = {
      Version: "2012-10-17",
      Statement: renderStatements(BROWSER_ROLE_STATEMENTS, {
        aws,
        bucketArn: ARTIFACTS,
        prefix: recordingPrefix("scribe"),
        kmsKeyArn: KEYS.platformArtifacts,
        withKey: true,
      }) as any[],
    };
    expect(
      await identityDecision(
        [browserRole],
        "s3:PutObject",
        `${ARTIFACTS}/browser-recordings/scribe/s1/part-0.json`,
        ACCOUNT,
        { "aws:ResourceAccount": ACCOUNT },
      ),
    ).toBe("Allowed");
    expect(
      await identityDecision(
        [browserRole],
        "s3:PutObject",
        `${ARTIFACTS}/browser-recordings/toolsmith/s1/part-0.json`,
        ACCOUNT,
        { "aws:ResourceAccount": ACCOUNT },
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision(
        [browserRole],
        "s3:GetObject",
        `${ARTIFACTS}/browser-recordings/scribe/s1/part-0.json`,
        ACCOUNT,
        { "aws:ResourceAccount": ACCOUNT },
      ),
    ).toBe("ImplicitlyDenied");
    expect(
      await identityDecision(
        [browserRole],
        "s3:PutObject",
        `${ARTIFACTS}/browser-recordings/scribe/s1/part-0.json`,
        ACCOUNT,
        { "aws:ResourceAccount": "999999999999" },
      ),
    ).toBe("ImplicitlyDenied");
  });

  test("the tool and memory roles trust only AgentCore of this account and region", async () => {
    const trust = JSON.parse(agentCoreTrustPolicy(aws));
    const role = `arn:aws:iam::${ACCOUNT}:role/zeta-qa-scribe-browser`;
    expect(
      await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, {
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": arn("browser-custom/zeta_qa_scribe_browser-AbCdE12345"),
      }),
    ).toBe("Allowed");
    expect(
      await trustDecision(trust, "bedrock-agentcore.amazonaws.com", role, {
        "aws:SourceAccount": "999999999999",
        "aws:SourceArn": `arn:aws:bedrock-agentcore:${REGION}:999999999999:browser-custom/x`,
      }),
    ).toBe("ImplicitlyDenied");
  });
});

describe("blueprint checks (synthesis)", () => {
  const base = { description: "An agent of the tests.", models: ["amazon.nova-lite-v1:0"] };
  const problems = (given: Record<string, unknown>) => {
    const r = agentSpecSchema.safeParse({ ...base, ...given });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  test.each([
    ["VPC mode without vpc", { network_mode: "VPC" }, "vpc: is required: network_mode is VPC"],
    [
      "vpc without VPC mode",
      { vpc: { subnet_ids: ["subnet-0a1b2c3d4e5f60718"], security_group_ids: ["sg-0c1d2e3f4a5b60710"] } },
      "vpc: is given but nothing of the agent runs in VPC mode",
    ],
    [
      "a subnet id AWS rejects",
      { network_mode: "VPC", vpc: { subnet_ids: ["subnet-1"], security_group_ids: ["sg-0c1d2e3f4a5b60710"] } },
      "vpc.subnet_ids.0: must be a subnet id",
    ],
    ["an unknown protocol", { protocol: "GRPC" }, "protocol:"],
    [
      "an idle timeout beyond the lifetime",
      { lifecycle: { idle_timeout_seconds: 7200, max_lifetime_seconds: 3600 } },
      "lifecycle.idle_timeout_seconds: is 7200, longer than the lifetime (3600 seconds)",
    ],
    ["a lifetime over 8 hours", { lifecycle: { max_lifetime_seconds: 30000 } }, "lifecycle.max_lifetime_seconds:"],
    ["an empty lifecycle", { lifecycle: {} }, "lifecycle: needs idle_timeout_seconds or max_lifetime_seconds"],
    [
      "a header the API rejects",
      { request_headers: ["X-Tenant"] },
      "request_headers.0: must be Authorization or start with X-Amzn-Bedrock-AgentCore-Runtime-Custom-",
    ],
    [
      "Authorization without an authorizer",
      { request_headers: ["Authorization"] },
      "request_headers: passes Authorization, which AgentCore allows only with a JWT authorizer",
    ],
    [
      "a header twice",
      { request_headers: ["X-Amzn-Bedrock-AgentCore-Runtime-Custom-A", "x-amzn-bedrock-agentcore-runtime-custom-a"] },
      'request_headers: lists "x-amzn-bedrock-agentcore-runtime-custom-a" twice',
    ],
    [
      "21 headers",
      { request_headers: Array.from({ length: 21 }, (_, i) => `X-Amzn-Bedrock-AgentCore-Runtime-Custom-H${i}`) },
      "request_headers:",
    ],
    [
      "an authorizer without a discovery document",
      { authorizer: { discovery_url: "https://login.example.com/" } },
      "authorizer.discovery_url: must be an https URL ending in /.well-known/openid-configuration",
    ],
    ["a runtime version of 0", { runtime_version: 0 }, "runtime_version:"],
    ["events kept a year and a day", { memory: { event_expiry_days: 366 } }, "memory.event_expiry_days:"],
    ["events kept two days, one under AWS's 3", { memory: { event_expiry_days: 2 } }, "memory.event_expiry_days:"],
    [
      "two semantic strategies",
      {
        memory: {
          strategies: [
            { name: "a", type: "SEMANTIC", namespace: "/a" },
            { name: "b", type: "SEMANTIC", namespace: "/b" },
          ],
        },
      },
      "memory.strategies.1.type: a memory has at most one SEMANTIC strategy",
    ],
    [
      "a strategy name twice",
      {
        memory: {
          strategies: [
            { name: "a", type: "SEMANTIC", namespace: "/a" },
            { name: "a", type: "SUMMARIZATION", namespace: "/b" },
          ],
        },
      },
      'memory.strategies.1.name: "a" is used twice',
    ],
    [
      "a strategy name with a hyphen",
      { memory: { strategies: [{ name: "my-facts", type: "SEMANTIC", namespace: "/a" }] } },
      "memory.strategies.0.name: must be 1-48 letters",
    ],
    [
      "an empty namespace",
      { memory: { strategies: [{ name: "a", type: "SEMANTIC", namespace: "" }] } },
      "memory.strategies.0.namespace: must be 1-512 characters",
    ],
    [
      "a namespace one character over AWS's 512",
      { memory: { strategies: [{ name: "a", type: "SEMANTIC", namespace: `/${"n".repeat(512)}` }] } },
      "memory.strategies.0.namespace: Too big",
    ],
    [
      "a namespace with an unknown placeholder",
      { memory: { strategies: [{ name: "a", type: "SEMANTIC", namespace: "/a/{userId}" }] } },
      "memory.strategies.0.namespace: must be a namespace template",
    ],
    [
      "CUSTOM without override",
      { memory: { strategies: [{ name: "a", type: "CUSTOM", namespace: "/a" }] } },
      "memory.strategies.0: is CUSTOM and needs `override`",
    ],
    [
      "an override on a built-in strategy",
      {
        memory: {
          strategies: [
            {
              name: "a",
              type: "SEMANTIC",
              namespace: "/a",
              override: { type: "SEMANTIC_OVERRIDE", extraction: { model: "amazon.nova-lite-v1:0", prompt: "x" } },
            },
          ],
        },
      },
      "memory.strategies.0.override: is only for CUSTOM strategies",
    ],
    [
      "a summary override with an extraction step",
      {
        memory: {
          strategies: [
            {
              name: "a",
              type: "CUSTOM",
              namespace: "/a",
              override: { type: "SUMMARY_OVERRIDE", extraction: { model: "amazon.nova-lite-v1:0", prompt: "x" } },
            },
          ],
        },
      },
      "memory.strategies.0.override.extraction: is not a step of SUMMARY_OVERRIDE",
    ],
    [
      "an episodic override without reflection",
      {
        memory: {
          strategies: [
            {
              name: "a",
              type: "CUSTOM",
              namespace: "/a",
              override: { type: "EPISODIC_OVERRIDE", extraction: { model: "amazon.nova-lite-v1:0", prompt: "x" } },
            },
          ],
        },
      },
      "EPISODIC_OVERRIDE needs reflection and the strategy's reflection_namespace",
    ],
    [
      "an override without a step",
      {
        memory: {
          strategies: [{ name: "a", type: "CUSTOM", namespace: "/a", override: { type: "SEMANTIC_OVERRIDE" } }],
        },
      },
      "needs at least one of extraction, consolidation, reflection",
    ],
    [
      "seven strategies",
      {
        memory: {
          strategies: Array.from({ length: 7 }, (_, i) => ({
            name: `c${i}`,
            type: "CUSTOM",
            namespace: "/a",
            override: { type: "SEMANTIC_OVERRIDE", consolidation: { model: "amazon.nova-lite-v1:0", prompt: "x" } },
          })),
        },
      },
      "memory.strategies:",
    ],
    ["a browser in SANDBOX mode", { browser: { network_mode: "SANDBOX" } }, "browser.network_mode:"],
  ])("%s is refused with the field and the rule", (_name, given, message) => {
    expect(problems(given).join("\n")).toContain(message);
  });

  test("the fixture's blueprints are valid, and the capabilities reserve their environment variables", () => {
    for (const key of Object.keys(HCL_AGENTS)) expect(problems(HCL_AGENTS[key])).toEqual([]);
    expect(problems({ environment: { [CAPABILITY_ENV.memory]: "x" } }).join("\n")).toContain("is set by the platform");
  });

  test("names AWS rejects: a key that makes the code interpreter or browser name longer than 48 characters", () => {
    const withInterpreter = agentSpecSchema.parse({ ...HCL_AGENTS.plain, code_interpreter: {} });
    const problemsOf = agentNameProblems("acme-platform", "staging", {
      "meeting-minutes-bot": withInterpreter,
      "meeting-minutes-bo": spec("plain"),
    });
    expect(problemsOf).toEqual([
      {
        agent: "meeting-minutes-bot",
        field: "key",
        problem: expect.stringContaining(
          'code interpreter name "acme_platform_staging_meeting_minutes_bot_interpreter", which is 53 characters ' +
            "long; code interpreter names are 1-48 characters",
        ),
      },
    ]);
    expect(
      agentNameProblems("acme-platform-eu", "staging", { "meeting-minutes-bot": spec("scribe") }).map((p) => p.problem),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('browser name "acme_platform_eu_staging_meeting_minutes_bot_browser"'),
      ]),
    );
  });
});

describe("the capabilities fixture, synthesized", () => {
  let out: Synthesized;
  beforeAll(() => {
    out = fixtureSynth("capabilities");
  });

  test("passes every rule, including the memory and browser roles as Terraform renders them", () => {
    const env = loadEnvironment(path.join(out.dir, "config/environments/example.yaml"), out.dir);
    const blueprints = loadBlueprints(path.join(out.dir, "blueprints"), out.dir);
    const rendered = renderedPolicyDocuments(env, blueprints);
    expect(rendered.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        "stack agents, memory role of scribe (rendered)",
        "stack agents, browser role of scribe (rendered)",
      ]),
    );
    expect(rendered.map((d) => d.name).filter((n) => /toolsmith|plain/.test(n) && /role of/.test(n))).toEqual([]);
    const deployer = rendered.find((d) => d.name.includes("deployer"))!;
    expect(JSON.stringify(deployer.json)).toContain("AgentCoreNetworkRole");
    const docs = [
      ...out.stacks.map((s) => ({ name: `stack ${s}`, json: out.stack(s), permissionMode: "production" as const })),
      ...out.modules.map((m) => ({ name: `module ${m}`, json: out.module(m).merged })),
      ...rendered,
    ];
    expect(runRules(docs)).toEqual([]);
  });

  test("permission report: the memory and browser roles of the agents having them, and the conditions in words", () => {
    const env = loadEnvironment(path.join(out.dir, "config/environments/example.yaml"), out.dir);
    const reports = permissionReport(env, loadBlueprints(path.join(out.dir, "blueprints"), out.dir));
    expect(reports.map((r) => r.role).filter((r) => /-memory|-browser/.test(r))).toEqual([
      "acme-dev-scribe-memory (memory of scribe; its CUSTOM strategies run their models in this account)",
      "acme-dev-scribe-browser (browser of scribe; records sessions)",
    ]);
    const modules = modulePermissionReport().find((r) => r.role.includes("(each agent)"))!;
    expect(modules.rows.find((r) => r.sid === "MemoryAccess")!.when).toBe(
      "permission_mode = production and the agent has a memory (in the managed policy " +
        "<name_prefix>-<environment>-<key>-capabilities)",
    );
    expect(modules.rows.find((r) => r.sid === "SharedMemoryKms")!.when).toBe(
      "feature shared_memory and shared_memory_arn set and data_kms_key_arn set (in the managed policy " +
        "<name_prefix>-<environment>-<key>-capabilities)",
    );
  });

  test("the deploy stack gives MCP servers the platform's Cognito issuer from the platform's outputs", () => {
    const agents = JSON.stringify(out.stack("agents"));
    expect(agents).toContain(
      "cross_stack_output_aws_cognito_user_pool_platform_gateway_agentcore_cognito_user_pool_id",
    );
    expect(agents).toContain(
      "cross_stack_output_aws_cognito_user_pool_client_platform_gateway_agentcore_cognito_m2m_client_id",
    );
  });

  test("the agents module's AgentCore types are in the pinned schema (memory strategy from lib/provider-ext)", () => {
    const tree = out.module("agents").tree();
    expect(Object.keys(tree["memory.tf.json"].resource).sort()).toEqual([
      "aws_bedrockagentcore_memory",
      "aws_bedrockagentcore_memory_strategy",
    ]);
    expect(Object.keys(tree["tools.tf.json"].resource).sort()).toEqual([
      "aws_bedrockagentcore_browser",
      "aws_bedrockagentcore_code_interpreter",
    ]);
  });
});

test("rule AC005 refuses a memory without a customer-managed key and accepts one with it", () => {
  const doc = (memory: Json) => ({
    name: "stack test",
    json: { resource: { aws_bedrockagentcore_memory: { m: memory } } },
  });
  expect(logGroups.check(doc({ name: "m", event_expiry_duration: 30, encryption_key_arn: KEYS.data }))).toEqual([]);
  expect(logGroups.check(doc({ name: "m", event_expiry_duration: 30 }))).toEqual([
    {
      resource: "aws_bedrockagentcore_memory.m",
      message: "is not encrypted with a customer-managed KMS key (no encryption_key_arn)",
    },
  ]);
});

// ------------------------------------------------------------------------------------------------
// Evaluated by terraform: the IAM part planned, the AgentCore types probed (the offline provider
// lacks them), and the plan-time validation of the `agents` input.
// ------------------------------------------------------------------------------------------------

const IAM_PART = (type: string) =>
  [
    "aws_iam_role",
    "aws_iam_role_policy",
    "aws_iam_policy",
    "aws_iam_role_policy_attachment",
    "aws_ecr_repository",
  ].includes(type);
const normal = (statements: Json[]) =>
  statements
    .map((s): Json => ({ ...s, Resource: [s.Resource].flat() }))
    .sort((x, y) => `${x.Sid}${JSON.stringify(x.Resource)}`.localeCompare(`${y.Sid}${JSON.stringify(y.Resource)}`));

/** The AgentCore attributes the probes evaluate (terraform_data stands in for the types the offline provider lacks). */
const PROBES = [
  {
    type: "aws_bedrockagentcore_memory",
    name: "agents_memory_memory",
    attributes: ["name", "event_expiry_duration", "encryption_key_arn", "memory_execution_role_arn"],
  },
  {
    type: "aws_bedrockagentcore_memory_strategy",
    name: "agents_memory_strategy",
    attributes: ["memory_id", "name", "type", "namespace_templates", "dynamic"],
  },
  {
    type: "aws_bedrockagentcore_code_interpreter",
    name: "agents_tools_code_interpreter",
    attributes: ["name", "network_configuration"],
  },
  {
    type: "aws_bedrockagentcore_browser",
    name: "agents_tools_browser",
    attributes: ["name", "execution_role_arn", "network_configuration", "dynamic"],
  },
  {
    type: "aws_bedrockagentcore_agent_runtime",
    name: "agents_runtime_runtime",
    attributes: ["environment_variables", "network_configuration", "lifecycle_configuration", "dynamic"],
  },
  {
    type: "aws_bedrockagentcore_agent_runtime_endpoint",
    name: "agents_runtime_endpoint",
    attributes: ["agent_runtime_version"],
  },
];
/** What is known only after apply, replaced by values derived from the agent key. */
const PROBE_SUBSTITUTES = {
  "aws_bedrockagentcore_memory.agents_memory_memory[each.value.agent].id": '"${each.value.agent}-memory-id"',
  "local.agents_memory_ids": '{ for k, a in local.agents_blueprints : k => "${k}-memory-id" if a.memory != null }',
  "local.agents_code_interpreter_ids":
    '{ for k, a in local.agents_blueprints : k => "${k}-interpreter-id" if a.code_interpreter != null }',
  "local.agents_browser_ids": '{ for k, a in local.agents_blueprints : k => "${k}-browser-id" if a.browser != null }',
  "aws_bedrockagentcore_agent_runtime.agents_runtime_runtime[each.key].agent_runtime_id": '"${each.key}-runtime-id"',
  // Role ARNs are known after apply; their names are what the plan shows.
  "aws_iam_role.agents_iam_memory_role[each.key].arn": '"memory-role-of-${each.key}"',
  "aws_iam_role.agents_iam_browser_role[each.key].arn": '"browser-role-of-${each.key}"',
};

describeWithTerraform("agents module with capabilities, evaluated by terraform", (tool) => {
  let tree: Record<string, Json>;
  beforeAll(() => {
    tree = synthProject().module("agents").tree();
  });
  let fixtureProbe: ReturnType<typeof probeAttributes> | undefined;
  const probeFixture = () =>
    (fixtureProbe ??= probeAttributes(
      tree,
      PROBES,
      { ...MODULE_VARS, agents: HCL_AGENTS },
      IAM_PART,
      tool,
      PROBE_SUBSTITUTES,
    ));

  test("roles for just the memory and browser needing one; each planned policy is the table's, in both modes", () => {
    for (const mode of ["development", "production"] as const) {
      // The deployer policy is an output: evaluated as a resource of its own.
      const deployer = {
        "deployer.tf.json": {
          resource: {
            terraform_data: { deployer: { input: tree["outputs.tf.json"].output.deployer_policy_json.value } },
          },
        },
      };
      const tf = prepareTerraform(
        { ...isolate(tree, IAM_PART), ...deployer, "provider.tf.json": offlineProvider(REGION) },
        tool,
      );
      const planned = planResources(tf, { ...MODULE_VARS, permission_mode: mode, agents: HCL_AGENTS });
      const roles = planned
        .filter((r) => r.type === "aws_iam_role")
        .map((r) => r.values.name)
        .sort();
      expect(roles).toEqual([
        "zeta-qa-plain-runtime",
        "zeta-qa-scribe-browser",
        "zeta-qa-scribe-memory",
        "zeta-qa-scribe-runtime",
        "zeta-qa-toolsmith-runtime",
      ]);
      const policy = (name: string, key: string) =>
        JSON.parse(planned.find((r) => r.address === `aws_iam_role_policy.${name}["${key}"]`)!.values.policy)
          .Statement as Json[];
      for (const key of Object.keys(HCL_AGENTS))
        expect(normal(policy("agents_iam_permissions", key))).toEqual(normal(inlineOf(key, mode) as Json[]));
      const managed = Object.fromEntries(
        planned.filter((r) => r.type === "aws_iam_policy").map((r) => [r.index, r.values]),
      );
      expect(Object.keys(managed).sort()).toEqual(["scribe", "toolsmith"]);
      for (const key of ["scribe", "toolsmith"]) {
        expect(managed[key].name).toBe(`zeta-qa-${key}-capabilities`);
        expect(normal(JSON.parse(managed[key].policy).Statement)).toEqual(normal(managedOf(key, mode) as Json[]));
      }
      expect(
        planned
          .filter((r) => r.type === "aws_iam_role_policy_attachment")
          .map((r) => r.index)
          .sort(),
      ).toEqual(["scribe", "toolsmith"]);
      expect(normal(policy("agents_iam_memory_permissions", "scribe"))).toEqual(
        normal(
          renderStatements(MEMORY_ROLE_STATEMENTS, {
            aws,
            models: customModels(spec("scribe")),
            dataKmsKeyArn: KEYS.data,
            withKey: true,
          }) as Json[],
        ),
      );
      expect(normal(policy("agents_iam_browser_permissions", "scribe"))).toEqual(
        normal(
          renderStatements(BROWSER_ROLE_STATEMENTS, {
            aws,
            bucketArn: ARTIFACTS,
            prefix: recordingPrefix("scribe"),
            kmsKeyArn: KEYS.platformArtifacts,
            withKey: true,
          }) as Json[],
        ),
      );
      for (const r of planned.filter((p) => p.type === "aws_iam_role" && /memory|browser/.test(p.values.name)))
        expect(JSON.parse(r.values.assume_role_policy)).toEqual(JSON.parse(agentCoreTrustPolicy(aws)));
      const deployerSids = JSON.parse(
        planned.find((r) => r.address === "terraform_data.deployer")!.values.input,
      ).Statement.map((s: Json) => s.Sid);
      expect(deployerSids).toEqual(
        expect.arrayContaining(["AgentCoreNetworkRole", "IAMPolicyManagement", "IAMPolicyAttachment"]),
      );
    }
  });

  test("without capabilities nothing new is planned: no role, no statement, the deployer needs no network role", () => {
    const deployer = {
      "deployer.tf.json": {
        resource: {
          terraform_data: { deployer: { input: tree["outputs.tf.json"].output.deployer_policy_json.value } },
        },
      },
    };
    const tf = prepareTerraform(
      { ...isolate(tree, IAM_PART), ...deployer, "provider.tf.json": offlineProvider(REGION) },
      tool,
    );
    const planned = planResources(tf, { ...MODULE_VARS, agents: { plain: HCL_AGENTS.plain } });
    expect(planned.filter((r) => r.type === "aws_iam_role").map((r) => r.values.name)).toEqual([
      "zeta-qa-plain-runtime",
    ]);
    const sids = JSON.parse(
      planned.find((r) => r.address === 'aws_iam_role_policy.agents_iam_permissions["plain"]')!.values.policy,
    ).Statement.map((s: Json) => s.Sid);
    expect(sids.filter((s: string) => NEW_SIDS.includes(s))).toEqual([]);
    expect(planned.filter((r) => /aws_iam_policy|attachment/.test(r.type))).toEqual([]);
    const deployerSids = JSON.parse(
      planned.find((r) => r.address === "terraform_data.deployer")!.values.input,
    ).Statement.map((s: Json) => s.Sid);
    expect(
      deployerSids.filter((s: string) =>
        ["AgentCoreNetworkRole", "IAMPolicyManagement", "IAMPolicyAttachment"].includes(s),
      ),
    ).toEqual([]);
  });

  test("memory, strategies, tools, runtime and endpoint attributes evaluate per agent, absent where not asked", () => {
    const probed = probeFixture();
    const byKey = (address: string) => Object.fromEntries((probed[address] ?? []).map((r) => [r.key, r.input]));

    const memories = byKey("aws_bedrockagentcore_memory.agents_memory_memory");
    expect(Object.keys(memories).sort()).toEqual(["scribe", "toolsmith"]);
    expect(memories.scribe).toEqual({
      name: "zeta_qa_scribe",
      event_expiry_duration: 90,
      encryption_key_arn: KEYS.data,
      memory_execution_role_arn: "memory-role-of-scribe",
    });
    // Short-term memory only: default retention, no strategy, so no execution role.
    expect(memories.toolsmith).toMatchObject({ event_expiry_duration: 30, memory_execution_role_arn: null });

    const strategies = byKey("aws_bedrockagentcore_memory_strategy.agents_memory_strategy");
    expect(Object.keys(strategies).sort()).toEqual([
      "scribe/decisions",
      "scribe/episodes",
      "scribe/facts",
      "scribe/preferences",
      "scribe/retrospectives",
      "scribe/summaries",
    ]);
    // Dynamic blocks evaluate to lists of their blocks (bodyAsHcl): none where not asked.
    expect(strategies["scribe/facts"]).toEqual({
      memory_id: "scribe-memory-id",
      name: "facts",
      type: "SEMANTIC",
      namespace_templates: ["/facts/{actorId}"],
      configuration: [],
      reflection_configuration: [],
    });
    expect(strategies["scribe/episodes"]).toMatchObject({
      configuration: [],
      reflection_configuration: [{ namespace_templates: ["/reflections/{actorId}"] }],
    });
    expect(strategies["scribe/decisions"]).toMatchObject({
      configuration: [
        {
          type: "SEMANTIC_OVERRIDE",
          extraction: [
            {
              append_to_prompt: "Extract decisions and their owners.",
              model_id: "anthropic.claude-3-5-haiku-20241022-v1:0",
            },
          ],
          consolidation: [
            {
              append_to_prompt: "Keep the latest decision per topic.",
              model_id: "us.anthropic.claude-sonnet-4-20250514-v1:0",
            },
          ],
          reflection: [],
        },
      ],
      reflection_configuration: [],
    });
    expect(strategies["scribe/retrospectives"].configuration[0]).toEqual({
      type: "EPISODIC_OVERRIDE",
      extraction: [],
      consolidation: [],
      reflection: [
        {
          append_to_prompt: "Name what went well and what did not.",
          model_id: "anthropic.claude-3-5-haiku-20241022-v1:0",
          namespace_templates: ["/retro-lessons/{actorId}"],
        },
      ],
    });

    const interpreters = byKey("aws_bedrockagentcore_code_interpreter.agents_tools_code_interpreter");
    expect(Object.keys(interpreters).sort()).toEqual(["scribe", "toolsmith"]);
    expect(interpreters.scribe).toEqual({
      name: "zeta_qa_scribe_interpreter",
      network_configuration: [{ network_mode: "SANDBOX", vpc_config: [] }],
    });
    expect(interpreters.toolsmith.network_configuration).toEqual([
      {
        network_mode: "VPC",
        vpc_config: [{ subnets: ["subnet-0a1b2c3d4e5f60718"], security_groups: ["sg-0c1d2e3f4a5b60710"] }],
      },
    ]);

    const browsers = byKey("aws_bedrockagentcore_browser.agents_tools_browser");
    expect(browsers.scribe).toEqual({
      name: "zeta_qa_scribe_browser",
      execution_role_arn: "browser-role-of-scribe",
      network_configuration: [{ network_mode: "PUBLIC", vpc_config: [] }],
      recording: [
        { enabled: true, s3_location: [{ bucket: "zeta-qa-artifacts", prefix: "browser-recordings/scribe/" }] },
      ],
    });
    expect(browsers.toolsmith).toMatchObject({ execution_role_arn: null, recording: [] });

    const runtimes = byKey("aws_bedrockagentcore_agent_runtime.agents_runtime_runtime");
    expect(runtimes.scribe.environment_variables).toEqual({
      AGENT_KEY: "scribe",
      PLATFORM_SSM_ROOT_PATH: "/zeta/qa",
      [CAPABILITY_ENV.memory]: "scribe-memory-id",
      [CAPABILITY_ENV.sharedMemory]: "zeta_qa_shared-AbCdE12345",
      [CAPABILITY_ENV.codeInterpreter]: "scribe-interpreter-id",
      [CAPABILITY_ENV.browser]: "scribe-browser-id",
    });
    expect(runtimes.scribe.network_configuration).toEqual([
      {
        network_mode: "VPC",
        network_mode_config: [
          {
            subnets: ["subnet-0a1b2c3d4e5f60718", "subnet-0b1c2d3e4f5a60719"],
            security_groups: ["sg-0c1d2e3f4a5b60710"],
          },
        ],
      },
    ]);
    // Only the lifetime given: the idle timeout AgentCore would compute is sent too (#45290).
    expect(runtimes.scribe.lifecycle_configuration).toEqual([
      { idle_runtime_session_timeout: 900, max_lifetime: 3600 },
    ]);
    expect(runtimes.toolsmith.lifecycle_configuration).toEqual([
      { idle_runtime_session_timeout: 300, max_lifetime: 28800 },
    ]);
    expect(runtimes.scribe).toMatchObject({
      protocol_configuration: [{ server_protocol: "A2A" }],
      request_header_configuration: [
        { request_header_allowlist: ["Authorization", "X-Amzn-Bedrock-AgentCore-Runtime-Custom-Tenant"] },
      ],
      authorizer_configuration: [
        {
          custom_jwt_authorizer: [
            {
              discovery_url: "https://login.example.com/.well-known/openid-configuration",
              allowed_audience: ["minutes"],
              allowed_clients: null,
              allowed_scopes: null,
            },
          ],
        },
      ],
    });
    // An MCP server without an authorizer of its own accepts the platform's Cognito tokens.
    expect(runtimes.toolsmith).toMatchObject({
      protocol_configuration: [{ server_protocol: "MCP" }],
      request_header_configuration: [],
      authorizer_configuration: [
        {
          custom_jwt_authorizer: [
            {
              discovery_url:
                `https://cognito-idp.us-east-1.amazonaws.com/${MODULE_VARS.cognito_user_pool_id}` +
                "/.well-known/openid-configuration",
              allowed_audience: null,
              allowed_clients: [MODULE_VARS.cognito_client_id],
              allowed_scopes: null,
            },
          ],
        },
      ],
    });
    // Nothing asked, nothing added.
    expect(runtimes.plain).toEqual({
      environment_variables: { AGENT_KEY: "plain", PLATFORM_SSM_ROOT_PATH: "/zeta/qa" },
      network_configuration: [{ network_mode: "PUBLIC", network_mode_config: [] }],
      lifecycle_configuration: null,
      protocol_configuration: [],
      request_header_configuration: [],
      authorizer_configuration: [],
    });
    const endpoints = byKey("aws_bedrockagentcore_agent_runtime_endpoint.agents_runtime_endpoint");
    // A number here (terraform_data keeps types); the endpoint's string attribute converts it.
    expect([endpoints.scribe.agent_runtime_version, endpoints.plain.agent_runtime_version]).toEqual([2, null]);
  });

  test("values the capability blocks and lifecycle expression evaluate to are in the pinned provider's schema", () => {
    const schema = pinnedSchema();
    const errors = Object.entries(probeFixture()).flatMap(([address, instances]) => {
      const [type] = address.split(".");
      return instances.flatMap((i) =>
        conformanceErrors({ resource: { [type]: { [String(i.key)]: i.input } } }, schema),
      );
    });
    // Only some attributes are probed: a required one missing at the top is expected.
    expect(
      errors.filter((e) => !/^resource\.[a-z_]+\.[^.[]+: required attribute "[a-z_]+" is missing$/.test(e)),
    ).toEqual([]);
    // The checker does look inside: a misspelt key in the evaluated lifecycle object is named.
    const runtime = probeFixture()["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"].find(
      (i) => i.key === "scribe",
    )!.input;
    const misspelt = { ...runtime, lifecycle_configuration: [{ idle_timeout: 900, max_lifetime: 3600 }] };
    expect(
      conformanceErrors({ resource: { aws_bedrockagentcore_agent_runtime: { scribe: misspelt } } }, schema),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining('lifecycle_configuration[0].idle_timeout: no attribute or block "idle_timeout"'),
      ]),
    );
  });

  test("each capability left out alone: its resource, role, statements and env variable are gone, others stay", () => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider(REGION) }, tool);
    const planned = planResources(tf, { ...MODULE_VARS, agents: LEFT_OUT_AGENTS });
    const expectedRoles = Object.entries(LEFT_OUT).flatMap(([key, { role }]) =>
      ["runtime", "memory", "browser"].filter((r) => r !== role).map((r) => `zeta-qa-${key}-${r}`),
    );
    expect(
      planned
        .filter((r) => r.type === "aws_iam_role")
        .map((r) => r.values.name)
        .sort(),
    ).toEqual(expectedRoles.sort());
    const statements = (address: string) =>
      JSON.parse(planned.find((r) => r.address === address)!.values.policy).Statement as Json[];
    for (const [key, { sids: gone }] of Object.entries(LEFT_OUT)) {
      const sids = [
        ...statements(`aws_iam_role_policy.agents_iam_permissions["${key}"]`),
        ...statements(`aws_iam_policy.agents_iam_capability_policy["${key}"]`),
      ].map((s) => s.Sid);
      expect([key, sids.filter((sid) => NEW_SIDS.includes(sid)).sort()]).toEqual([
        key,
        NEW_SIDS.filter((sid) => !gone.includes(sid)).sort(),
      ]);
    }

    const probed = probeAttributes(
      tree,
      PROBES,
      { ...MODULE_VARS, agents: LEFT_OUT_AGENTS },
      IAM_PART,
      tool,
      PROBE_SUBSTITUTES,
    );
    const keysOf = (address: string) => (probed[address] ?? []).map((r) => String(r.key));
    const environment = Object.fromEntries(
      probed["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"].map((r) => [
        r.key,
        r.input.environment_variables,
      ]),
    );
    for (const [key, { env, resource }] of Object.entries(LEFT_OUT)) {
      for (const r of PROBES.slice(0, 4)
        .map((p) => `${p.type}.${p.name}`)
        .filter((a) => !a.includes("strategy")))
        expect([key, r, keysOf(r).includes(key)]).toEqual([key, r, r !== resource]);
      expect([
        key,
        keysOf("aws_bedrockagentcore_memory_strategy.agents_memory_strategy").filter((k) => k.startsWith(`${key}/`))
          .length,
      ]).toEqual([key, key === "no-memory" ? 0 : 6]);
      expect([
        key,
        Object.keys(environment[key])
          .filter((name) => (Object.values(CAPABILITY_ENV) as string[]).includes(name))
          .sort(),
      ]).toEqual([
        key,
        Object.values(CAPABILITY_ENV)
          .filter((name) => name !== env)
          .sort(),
      ]);
    }
  });

  test("without the platform's Cognito inputs an MCP server gets no authorizer (SigV4)", () => {
    const probed = probeAttributes(
      tree,
      [{ type: "aws_bedrockagentcore_agent_runtime", name: "agents_runtime_runtime", attributes: ["dynamic"] }],
      {
        ...MODULE_VARS,
        enable_cognito_authorizer: false,
        cognito_user_pool_id: "",
        cognito_client_id: "",
        agents: { toolsmith: HCL_AGENTS.toolsmith },
      },
      IAM_PART,
      tool,
      {
        "local.agents_memory_ids": "{}",
        "local.agents_code_interpreter_ids": "{}",
        "local.agents_browser_ids": "{}",
      },
    );
    expect(
      probed["aws_bedrockagentcore_agent_runtime.agents_runtime_runtime"][0].input.authorizer_configuration,
    ).toEqual([]);
  });

  test.each([
    [
      "VPC mode without vpc",
      { ab: { description: "x", models: ["amazon.nova-lite-v1:0"], network_mode: "VPC" } },
      {},
      "Agents ab run in VPC mode (network_mode, code_interpreter.network_mode or browser.network_mode) without `vpc`",
    ],
    [
      "an idle timeout beyond the lifetime",
      {
        ab: {
          description: "x",
          models: ["amazon.nova-lite-v1:0"],
          lifecycle: { idle_timeout_seconds: 7200, max_lifetime_seconds: 3600 },
        },
      },
      {},
      "Agents ab have a lifecycle that AgentCore rejects",
    ],
    [
      "a header the API rejects",
      { ab: { description: "x", models: ["amazon.nova-lite-v1:0"], request_headers: ["X-Tenant"] } },
      {},
      "Agents ab have request_headers AgentCore rejects",
    ],
    [
      "Authorization without an authorizer",
      { ab: { description: "x", models: ["amazon.nova-lite-v1:0"], request_headers: ["Authorization"] } },
      {},
      "Agents ab pass the Authorization header without a JWT authorizer",
    ],
    [
      "two semantic strategies",
      {
        ab: {
          description: "x",
          models: ["amazon.nova-lite-v1:0"],
          memory: {
            strategies: [
              { name: "a", type: "SEMANTIC", namespace: "/a" },
              { name: "b", type: "SEMANTIC", namespace: "/b" },
            ],
          },
        },
      },
      {},
      "Agents ab have two memory strategies of one built-in type",
    ],
    [
      "CUSTOM without override",
      {
        ab: {
          description: "x",
          models: ["amazon.nova-lite-v1:0"],
          memory: { strategies: [{ name: "a", type: "CUSTOM", namespace: "/a" }] },
        },
      },
      {},
      "Agents ab have memory strategies whose override does not fit",
    ],
    [
      "a code interpreter name over 48 characters",
      { "meeting-minutes-bot": { description: "x", models: ["amazon.nova-lite-v1:0"], code_interpreter: {} } },
      { name_prefix: "acme-platform", environment: "staging" },
      "make code interpreter names that AWS rejects",
    ],
    [
      "browser recording without an artifacts bucket",
      { ab: { description: "x", models: ["amazon.nova-lite-v1:0"], browser: { recording: true } } },
      { artifacts_bucket_arn: "" },
      "Agent ab records its browser sessions (browser.recording), which go to the artifacts bucket: " +
        "set artifacts_bucket_arn.",
    ],
    [
      "a Cognito pool without its client",
      {},
      { cognito_client_id: "" },
      "cognito_user_pool_id and cognito_client_id are given together",
    ],
  ])("%s fails the plan with a message naming the agent and the rule", (_name, agents, vars, message) => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider(REGION) }, tool);
    expect(planError(tf, { ...MODULE_VARS, agents, ...vars })).toContain(message);
  });

  // Each step's check is parenthesized: `?:` binds looser than `&&`, and an unparenthesized
  // `step == null ? true : ok && <next step>` ended the condition, so these planned.
  const customOverride = (type: string, steps: Record<string, { model: string; prompt: string }>) => {
    const strategy = { name: "a", type: "CUSTOM", namespace: "/a", override: { type, ...steps } };
    const reflection = steps.reflection ? { reflection_namespace: "/r" } : {};
    return {
      ab: {
        description: "x",
        models: ["amazon.nova-lite-v1:0"],
        memory: { strategies: [{ ...strategy, ...reflection }] },
      },
    };
  };
  const step = (prompt: string) => ({ model: "amazon.nova-lite-v1:0", prompt });
  test("a CUSTOM override's steps are all checked at plan: prompts of AWS's longest plan, one more fails", () => {
    const tf = prepareTerraform({ ...isolate(tree, IAM_PART), "provider.tf.json": offlineProvider(REGION) }, tool);
    const longest = "p".repeat(PROMPT_LENGTH.max);
    const over = `${longest}p`;
    const agents = customOverride("SEMANTIC_OVERRIDE", { extraction: step(longest), consolidation: step(longest) });
    expect(planResources(tf, { ...MODULE_VARS, agents }).length).toBeGreaterThan(0);
    const refused = "Agents ab have memory strategies whose override does not fit";
    for (const agents of [
      customOverride("FOO_OVERRIDE", { extraction: step("x") }),
      customOverride("SEMANTIC_OVERRIDE", { extraction: step(over) }),
      customOverride("SEMANTIC_OVERRIDE", { extraction: step("x"), consolidation: step(over) }),
      customOverride("EPISODIC_OVERRIDE", { extraction: step("x"), reflection: step("") }),
    ])
      expect(planError(tf, { ...MODULE_VARS, agents })).toContain(refused);
  });
});
