import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The folder of this project's package.json: where its own files (LICENSE, the Cedar cache,
 * sources) are, whether the code runs from its TypeScript sources or from the compiled bundle
 * in `build/`.
 */
export const PROJECT_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();
