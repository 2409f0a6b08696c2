/**
 * Prints the permission report of the selected environment (AGENTCORE_ENV, default example):
 * per role, every statement's actions, resources and the condition under which it exists. The
 * same report is written to cdktf.out/permissions.md by every synthesis.
 *
 *   npm run report
 */
import * as path from "node:path";
import { loadBlueprints } from "../lib/config/blueprints";
import { loadEnvironment } from "../lib/config/environment";
import { defaultEnvFile, permissionReportDocument } from "../app/synthesize";

if (require.main === module) {
  const root = process.env.AGENTCORE_ROOT ?? path.join(__dirname, "..");
  const env = loadEnvironment(defaultEnvFile(root), root);
  process.stdout.write(permissionReportDocument(env, loadBlueprints(path.join(root, "blueprints"), root)));
}
