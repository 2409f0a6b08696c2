import * as fs from "node:fs";
import * as path from "node:path";
import { SCHEMAS, renderSchema } from "../scripts/write-schemas";
import { ROOT } from "./helpers/synth";

test.each(Object.keys(SCHEMAS))("schemas/%s is current (regenerate with `npm run schemas`)", (file) => {
  const committed = fs.readFileSync(path.join(ROOT, "schemas", file), "utf8");
  expect(committed).toBe(renderSchema(SCHEMAS[file]));
});
