import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { FIXTURES, SHARED_ENV, type SharedSynthesis } from "./shared";
import { synthesizeInto } from "./synth";
import { childOf, validateTogether } from "./validate-together";

/**
 * Runs once before the workers start. The work many suites need is done here once instead of
 * once per suite: each fixture project is synthesized into a folder the suites read (tests that
 * change a project copy it first), and every deploy stack, registry module and HCL example is
 * validated with the real aws provider in a single terraform run (one provider start, ≈ 5 s,
 * instead of eleven).
 */
export default async function globalSetup(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-jest-"));
  const shared: SharedSynthesis = { root, fixtures: {}, validation: undefined };
  const synth = (name: keyof typeof FIXTURES) => {
    shared.fixtures[name] = synthesizeInto(FIXTURES[name], path.join(root, name));
  };
  synth("project");
  synth("targets");
  const targetsPlatform = path.join(shared.fixtures.targets.result.outdir, "stacks", "platform", "cdk.tf.json");
  // terraform validates in its own process while the last fixture synthesizes here.
  const validation = validateTogether(shared.fixtures.project.dir, { [childOf.targetsPlatform]: targetsPlatform });
  synth("capabilities");
  shared.validation = await validation;
  fs.writeFileSync(path.join(root, "shared.json"), JSON.stringify(shared));
  process.env[SHARED_ENV] = path.join(root, "shared.json");
}
