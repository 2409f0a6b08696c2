import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT, scratchProject } from "./helpers/synth";

const cdktf = path.join(ROOT, "node_modules", ".bin", "cdktf");
// The CLI runs this repository's app on the tests' own project (AGENTCORE_ROOT).
const project = scratchProject();
const run = (args: string[]) =>
  spawnSync(cdktf, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, AGENTCORE_ROOT: project, CHECKPOINT_DISABLE: "1", CI: "1", FORCE_COLOR: "0" },
    timeout: 180_000,
  });

describe("through the cdktf CLI", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-cli-"));

  test("`cdktf synth` writes every stack", () => {
    const r = run(["synth", "--output", outdir]);
    expect(r.status).toBe(0);
    // The development-mode warning is shown as a warning, not as the CLI's [ERROR] for stderr.
    expect(r.stdout).toContain('Warning: config/environments/example.yaml: agents.permission_mode is "development"');
    expect(
      (r.stdout + r.stderr).split("\n").filter((l) => l.includes("[ERROR]") && l.includes("permission_mode")),
    ).toEqual([]);
    for (const stack of ["state", "platform", "agents", "workflows"]) {
      expect(fs.existsSync(path.join(outdir, "stacks", stack, "cdk.tf.json"))).toBe(true);
    }
  });

  test("`cdktf deploy agents` alone is refused by cdktf's dependency check", () => {
    const r = run(["deploy", "agents", "--auto-approve", "--output", outdir]);
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(
      "The following dependencies are not included in the stacks to run: platform.",
    );
  });
});
