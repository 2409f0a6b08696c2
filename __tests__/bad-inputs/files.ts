import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type BadInput, ENV, POLICIES, SUPPORT, WORKFLOW, write } from "./edits";

const MODEL = "models: [anthropic.claude-3-5-haiku-20241022-v1:0]";
/** Appends raw bytes to a project file. */
const append = (file: string, bytes: number[]) => (dir: string) => {
  const full = path.join(dir, file);
  fs.writeFileSync(full, Buffer.concat([fs.readFileSync(full), Buffer.from(bytes)]));
};
/** A file outside the project, holding text that must never be echoed, linked into it. */
const linkOutside = (linkPath: string, content: string) => (dir: string) => {
  const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "agentcore-outside-")), path.basename(linkPath));
  fs.writeFileSync(outside, content);
  fs.symlinkSync(outside, path.join(dir, linkPath));
};
const aliasBomb = `${[
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...["b", "c", "d", "e", "f"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcde"[i]}`).join(", ")}]`),
  "key: bomb",
].join("\n")}\n`;

/** Files that are not what a blueprint or configuration file must be. */
export const CATALOGUE: BadInput[] = [
  {
    area: "files",
    name: "a .yml file next to the .yaml of the same agent",
    edit: write("blueprints/agents/support.yml", `key: support\ndescription: x\n${MODEL}\n`),
    message:
      'blueprints/agents/support.yml: (file): defines "support" again, as support.yaml does; keep one of the two files',
  },
  {
    area: "files",
    name: "two target files whose names differ only by case",
    edit: write(
      "blueprints/gateway/targets/Refundtool.yaml",
      "name: Refundtool\ndescription: x\nlambda:\n  function: refunds-two\ntools:\n  - name: refund\n" +
        "    description: x\n    input_schema: { type: object }\n",
    ),
    message:
      "blueprints/gateway/targets/Refundtool.yaml: (file): differs from RefundTool.yaml only by case; on a " +
      "case-insensitive file system (macOS, Windows) the two are one file, so a checkout keeps only one of them: " +
      "rename one",
  },
  {
    area: "files",
    name: "an agent blueprint whose file name differs from another's only by case",
    edit: write("blueprints/agents/Support.yaml", `key: support\ndescription: x\n${MODEL}\n`),
    message: "blueprints/agents/support.yaml: (file): differs from Support.yaml only by case",
  },
  {
    area: "files",
    name: "a workflow file whose name differs from another's only by case",
    edit: write("blueprints/workflows/Refund-Review.yaml", "name: refund-review\n"),
    message: "blueprints/workflows/refund-review.yaml: (file): differs from Refund-Review.yaml only by case",
  },
  {
    area: "files",
    name: "a folder named like an agent blueprint",
    edit: (dir) => fs.mkdirSync(path.join(dir, "blueprints/agents/helpdesk.yaml")),
    message: "blueprints/agents/helpdesk.yaml: (file): is a folder; a file is expected here",
  },
  {
    area: "files",
    name: "a folder named like a Cedar file",
    edit: (dir) => fs.mkdirSync(path.join(dir, POLICIES, "more.cedar")),
    message: "blueprints/gateway/policies/more.cedar: (file): is a folder; a file is expected here",
  },
  {
    area: "files",
    name: "a folder where the environment file should be",
    edit: (dir) => {
      fs.rmSync(path.join(dir, ENV));
      fs.mkdirSync(path.join(dir, ENV));
    },
    message: "config/environments/example.yaml: (file): is a folder; a file is expected here",
  },
  {
    area: "files",
    name: "bytes that are not UTF-8 in an agent blueprint",
    edit: append(SUPPORT, [0x23, 0x20, 0xff, 0xfe, 0x0a]),
    message: "blueprints/agents/support.yaml: line 20: holds bytes that are not UTF-8 (0xff at byte",
  },
  {
    area: "files",
    name: "bytes that are not UTF-8 in a Cedar file (they would change a like pattern)",
    edit: write(
      `${POLICIES}/latin1.cedar`,
      Buffer.concat([
        Buffer.from('@id("Latin")\npermit(principal, action, resource)\nwhen { context.input.name like "caf'),
        Buffer.from([0xe9]),
        Buffer.from('*" };\n'),
      ]),
    ),
    message: "blueprints/gateway/policies/latin1.cedar: line 3: holds bytes that are not UTF-8 (0xe9 at byte",
  },
  {
    area: "files",
    name: "a truncated UTF-8 sequence in the environment file",
    edit: append(ENV, [0x23, 0xe2, 0x82, 0x0a]),
    message: "config/environments/example.yaml: line 35: holds bytes that are not UTF-8 (0xe2 at byte",
  },
  {
    area: "files",
    name: "a binary file named like a blueprint",
    edit: write(
      "blueprints/agents/image.yaml",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
    ),
    message: "blueprints/agents/image.yaml: line 3: holds a NUL byte: this is a binary file, not text",
  },
  {
    area: "files",
    name: "an empty agent blueprint",
    edit: write("blueprints/agents/empty.yaml", ""),
    message:
      "blueprints/agents/empty.yaml: (file): is empty; it must hold the fields of its format as a YAML mapping " +
      "(field: value)",
  },
  {
    area: "files",
    name: "a blueprint holding only comments",
    edit: write("blueprints/agents/todo.yaml", "# to be written\n\n# later\n"),
    message: "blueprints/agents/todo.yaml: (file): is empty",
  },
  {
    area: "files",
    name: "an empty environment file",
    edit: write(ENV, "\n"),
    message: "config/environments/example.yaml: (file): is empty",
  },
  {
    area: "files",
    name: "an empty Cedar file",
    edit: write(`${POLICIES}/more.cedar`, ""),
    message: "blueprints/gateway/policies/more.cedar: (file): is empty: it holds no policy; write its policies",
  },
  {
    area: "files",
    name: "a Cedar file holding only comments",
    edit: write(`${POLICIES}/todo.cedar`, "// policies for the orders team\n"),
    message: "blueprints/gateway/policies/todo.cedar: (file): is empty but for comments: it holds no policy",
  },
  {
    area: "files",
    name: "a blueprint that is a list, not a mapping",
    edit: write("blueprints/agents/list.yaml", "- key: list\n- description: x\n"),
    message:
      "blueprints/agents/list.yaml: (document) (line 1): must be a YAML mapping of fields (field: value), not a list",
  },
  {
    area: "files",
    name: "a blueprint that is a bare string",
    edit: write("blueprints/agents/word.yaml", "support\n"),
    message:
      "blueprints/agents/word.yaml: (document) (line 1): must be a YAML mapping of fields (field: value), not a string",
  },
  {
    area: "files",
    name: "a YAML alias bomb",
    edit: write("blueprints/agents/bomb.yaml", aliasBomb),
    message: "blueprints/agents/bomb.yaml: (file): uses YAML aliases (*name) that expand to more than 100 copies",
  },
  {
    area: "files",
    name: "a symlink to a blueprint outside the project, never read or echoed",
    edit: linkOutside(
      "blueprints/agents/outside.yaml",
      "key: outside\ndescription: TOP-SECRET-CONTENT\nmodels: [not a model]\n",
    ),
    message: "blueprints/agents/outside.yaml: (file): is a symbolic link to a file outside the project folder",
    never: ["TOP-SECRET-CONTENT", "not a model"],
  },
  {
    area: "files",
    name: "a symlink to a Cedar file outside the project",
    edit: linkOutside(
      `${POLICIES}/shared.cedar`,
      '@id("Leak")\npermit(principal, action, resource) when { context.input.x == "TOP-SECRET-CONTENT" };\n',
    ),
    message:
      "blueprints/gateway/policies/shared.cedar: (file): is a symbolic link to a file outside the project folder",
    never: ["TOP-SECRET-CONTENT"],
  },
  {
    area: "files",
    name: "a dangling symlink named like a workflow",
    edit: (dir) => fs.symlinkSync(path.join(dir, "nowhere.yaml"), path.join(dir, "blueprints/workflows/ghost.yaml")),
    message: "blueprints/workflows/ghost.yaml: (file): is a symbolic link to a file that does not exist",
  },
  {
    area: "files",
    name: "a symlink loop named like an agent blueprint",
    edit: (dir) => {
      fs.symlinkSync("loop-b.yaml", path.join(dir, "blueprints/agents/loop-a.yaml"));
      fs.symlinkSync("loop-a.yaml", path.join(dir, "blueprints/agents/loop-b.yaml"));
    },
    message:
      "blueprints/agents/loop-a.yaml: (file): is a symbolic link in a loop of links (following it leads back to " +
      "it); link it to a file, or copy the file in",
  },
  {
    area: "files",
    name: "a workflow file that is a folder",
    edit: (dir) => {
      fs.rmSync(path.join(dir, WORKFLOW));
      fs.mkdirSync(path.join(dir, WORKFLOW));
    },
    message: "blueprints/workflows/refund-review.yaml: (file): is a folder; a file is expected here",
  },
];
