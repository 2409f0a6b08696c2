import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, scratchProject, snapshotTree, synthProject } from "./helpers/synth";
import { synthesize } from "../lib/synth/synthesize";

const ENV = path.join("config", "environments", "example.yaml");

/** Each case edits a fresh copy of the example project and names the exact message it must produce. */
const CASES: { name: string; edit: (dir: string) => void; message: string }[] = [
  {
    name: "account id given as a number",
    edit: (dir) => replaceIn(dir, ENV, 'account_id: "123456789012"', "account_id: 123456789012"),
    message: `config/environments/example.yaml: account_id (line 7): Invalid input: expected string, received number; given: 123456789012`,
  },
  {
    name: "missing region",
    edit: (dir) => replaceIn(dir, ENV, "region: us-east-1\n", ""),
    message: "config/environments/example.yaml: region: is required (expected string)",
  },
  {
    name: "unknown field",
    edit: (dir) => replaceIn(dir, ENV, "environment: dev", "environment: dev\nenviroment: prod"),
    message: "config/environments/example.yaml: enviroment (line 6): unknown field; allowed fields: name_prefix, environment, region, account_id, tags, state",
  },
  {
    name: "bucket name AWS rejects",
    edit: (dir) => replaceIn(dir, ENV, "bucket_name: acme-dev-tfstate-123456789012", "bucket_name: Acme_State"),
    message:
      'config/environments/example.yaml: state.bucket_name (line 12): must be 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit; given: "Acme_State"',
  },
  {
    name: "name prefix with upper case",
    edit: (dir) => replaceIn(dir, ENV, "name_prefix: acme", "name_prefix: Acme"),
    message:
      'config/environments/example.yaml: name_prefix (line 4): must be 2-16 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; given: "Acme"',
  },
  {
    name: "KMS deletion window out of range",
    edit: (dir) => replaceIn(dir, ENV, "kms_deletion_window_in_days: 30", "kms_deletion_window_in_days: 3"),
    message: "config/environments/example.yaml: state.kms_deletion_window_in_days (line 14): must be between 7 and 30 (AWS KMS limits); given: 3",
  },
  {
    name: "duplicate key",
    edit: (dir) => replaceIn(dir, ENV, "environment: dev", "environment: dev\nenvironment: prod"),
    message: "config/environments/example.yaml: line 6: is not valid YAML: Map keys must be unique",
  },
  {
    name: "blueprint key that differs from its file name",
    edit: (dir) => replaceIn(dir, "blueprints/agents/support.yaml", "key: support", "key: helpdesk"),
    message: 'blueprints/agents/support.yaml: key: is "helpdesk" but the file is named "support.yaml"; name the file <key>.yaml',
  },
  {
    name: "blueprint key AWS names would reject",
    edit: (dir) => {
      fs.writeFileSync(path.join(dir, "blueprints/agents/Bad_Agent.yaml"), "key: Bad_Agent\ndescription: x\n");
    },
    message:
      'blueprints/agents/Bad_Agent.yaml: key (line 1): must be 2-24 characters: lowercase letters, digits and hyphens, starting with a letter (it becomes part of IAM role, log group and runtime names); given: "Bad_Agent"',
  },
];

function replaceIn(dir: string, file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = fs.readFileSync(full, "utf8");
  if (!text.includes(from)) throw new Error(`test setup: ${file} does not contain ${JSON.stringify(from)}`);
  fs.writeFileSync(full, text.replace(from, to));
}

describe("bad configuration", () => {
  test.each(CASES)("$name: exact message, and the previous output is untouched", ({ edit, message }) => {
    const dir = scratchProject();
    synthProject(dir);
    const before = { out: snapshotTree(path.join(dir, "cdktf.out")), dist: snapshotTree(path.join(dir, "dist")) };
    expect(Object.keys(before.out).length).toBeGreaterThan(4);

    edit(dir);
    expect(() =>
      synthesize({ rootDir: dir, envFile: path.join(dir, ENV), outdir: path.join(dir, "cdktf.out"), modulesDir: path.join(dir, "dist", "modules") }),
    ).toThrow(message);

    expect(snapshotTree(path.join(dir, "cdktf.out"))).toEqual(before.out);
    expect(snapshotTree(path.join(dir, "dist"))).toEqual(before.dist);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".next-") || f.includes(".prev-"))).toEqual([]);
  });
});

test("the synth command prints the error without a stack trace and exits non-zero", () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, AGENTCORE_ENV: "no-such-environment", CDKTF_OUTDIR: path.join(scratchProject(), "cdktf.out") },
    encoding: "utf8",
  });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("Synthesis stopped; the previous output is unchanged.");
  expect(r.stderr).toContain("config/environments/no-such-environment.yaml: (file): does not exist");
  expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
});
