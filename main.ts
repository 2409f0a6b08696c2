/**
 * Synthesizes every deploy stack (cdktf.out/) and every registry module (dist/modules/) from the
 * environment configuration and the blueprints. Run by `npm run synth` and by `cdktf synth`.
 */
import { InputError, InputErrors } from "./lib/errors";
import { RuleViolations } from "./lib/rules";
import { OutputError } from "./lib/synth/atomic-output";
import { OutputLocked } from "./lib/synth/output-lock";
import { skipTokenStackTraces } from "./lib/synth/stack-traces";
import { synthesize } from "./app/synthesize";
import { PROJECT_ROOT } from "./lib/project-root";
import { printTimings } from "./lib/timing";

// cdktf captures a stack trace for every token it creates; formatting them (all the more with
// source maps) dominates synthesis time. Errors the user can fix carry no stack anyway.
process.setSourceMapsEnabled(false);
skipTokenStackTraces();

try {
  // AGENTCORE_ROOT: a project folder (config/, blueprints/) other than this repository's.
  const result = synthesize({ rootDir: process.env.AGENTCORE_ROOT ?? PROJECT_ROOT });
  console.log(`Synthesized stacks ${result.stacks.join(", ")} into ${result.outdir}`);
  console.log(`Emitted modules ${result.modules.join(", ")} into ${result.modulesDir}`);
  printTimings();
} catch (e) {
  if (
    e instanceof InputError ||
    e instanceof InputErrors ||
    e instanceof RuleViolations ||
    e instanceof OutputLocked ||
    e instanceof OutputError
  ) {
    console.error(`Synthesis stopped; the previous output is unchanged.\n${e.message}`);
    process.exit(1);
  }
  throw e;
}
