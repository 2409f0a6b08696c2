import * as fs from "fs";
import * as path from "path";
import { renderReadme, renderRules } from "../scripts/docs";
import { writePermissionReport } from "../scripts/permission-report";
import { ROOT } from "./helpers/synth";

test("README.md generated sections are current (regenerate with `npm run docs`)", () => {
  const text = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  expect(text).toBe(renderReadme(text));
});

test("RULES.md is current (regenerate with `npm run docs`)", () => {
  expect(fs.readFileSync(path.join(ROOT, "RULES.md"), "utf8")).toBe(renderRules());
});

test("docs/permissions.md is current (regenerate with `npm run report`)", () => {
  const scratch = path.join(fs.mkdtempSync("/tmp/agentcore-report-"), "permissions.md");
  const expected = writePermissionReport(ROOT, path.join(ROOT, "config", "environments", "example.yaml"), scratch);
  expect(fs.readFileSync(path.join(ROOT, "docs", "permissions.md"), "utf8")).toBe(expected);
});
