import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The files of the tests' project (`__tests__/fixtures/project`) that bad-input cases edit, and
 * the edits. Each catalogue file in this folder exports its cases; `__tests__/bad-inputs.test.ts`
 * runs them all.
 */
export interface BadInput {
  readonly area: "config" | "agent" | "target" | "workflow" | "cedar" | "files";
  readonly name: string;
  readonly edit: Edit;
  /** Text the error message must contain. */
  readonly message: string;
  /** Text the error message must not contain (a secret the input held, a file's content). */
  readonly never?: readonly string[];
}

export const ENV = "config/environments/example.yaml";
export const SUPPORT = "blueprints/agents/support.yaml";
export const WORKFLOW = "blueprints/workflows/refund-review.yaml";
export const TARGET = "blueprints/gateway/targets/RefundTool.yaml";
export const POLICIES = "blueprints/gateway/policies";
export const GW = '"{{GATEWAY_ARN}}"';

export type Edit = (dir: string) => void;
export const replace =
  (file: string, from: string, to: string): Edit =>
  (dir) => {
    const full = path.join(dir, file);
    const text = fs.readFileSync(full, "utf8");
    if (!text.includes(from)) throw new Error(`test setup: ${file} does not contain ${JSON.stringify(from)}`);
    fs.writeFileSync(full, text.replace(from, to));
  };
export const write =
  (file: string, text: string | Buffer): Edit =>
  (dir) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
/** Renames a file of the project (e.g. after changing the name field it must match). */
export const rename =
  (from: string, to: string): Edit =>
  (dir) =>
    fs.renameSync(path.join(dir, from), path.join(dir, to));
export const both =
  (...edits: Edit[]): Edit =>
  (dir) => {
    for (const e of edits) e(dir);
  };
export const policy = (text: string) => write(`${POLICIES}/bad.cedar`, `${text}\n`);
export const enforce = replace(
  ENV,
  "    cognito_scopes: [invoke]\n",
  "    cognito_scopes: [invoke]\n    policy_engine:\n      mode: ENFORCE\n",
);
