/**
 * Synthesizes every deploy stack (cdktf.out/) and every registry module (dist/modules/) from the
 * environment configuration and the blueprints. Run by `npm run synth` and by `cdktf synth`.
 */
import { InputError, InputErrors } from "./lib/errors";
import { RuleViolations } from "./lib/rules";
import { synthesize } from "./lib/synth/synthesize";

try {
  const result = synthesize({ rootDir: __dirname });
  console.log(`Synthesized stacks ${result.stacks.join(", ")} into ${result.outdir}`);
  console.log(`Emitted modules ${result.modules.join(", ")} into ${result.modulesDir}`);
} catch (e) {
  if (e instanceof InputError || e instanceof InputErrors || e instanceof RuleViolations) {
    console.error(`Synthesis stopped; the previous output is unchanged.\n${e.message}`);
    process.exit(1);
  }
  throw e;
}
