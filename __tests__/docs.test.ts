import * as fs from "fs";
import * as path from "path";
import { renderReadme } from "../scripts/docs";
import { ROOT } from "./helpers/synth";

test("README.md generated sections are current (regenerate with `npm run docs`)", () => {
  const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(text).toBe(renderReadme(text));
});
