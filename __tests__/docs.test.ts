import * as fs from "node:fs";
import * as path from "node:path";
import { renderReadme, renderRules } from "../scripts/docs";
import { ROOT } from "./helpers/synth";

test("README.md generated sections are current (regenerate with `npm run docs`)", () => {
  const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(text).toBe(renderReadme(text));
});

test("RULES.md is current (regenerate with `npm run docs`)", () => {
  expect(fs.readFileSync(path.join(ROOT, "RULES.md"), "utf8")).toBe(renderRules());
});
