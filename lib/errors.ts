import { redactSecrets } from "./secrets";

/**
 * An input the user can fix: a configuration file, a blueprint, a Cedar policy.
 * Its message names the file, the field, what was given and what is allowed; `main.ts` prints it
 * without a stack trace and exits non-zero before anything is written.
 */
export class InputError extends Error {
  readonly field: string;
  /** What is wrong, with any text in it that looks like a secret not shown. */
  readonly problem: string;
  constructor(
    readonly file: string,
    field: string,
    problem: string,
  ) {
    const line = /\bline \d+/.test(field) ? undefined : fieldLine(file, field);
    const shown = line === undefined ? field : `${field} (line ${line})`;
    // Whatever a check quotes of the input (a file name, a map key in the field, a value in the
    // problem), a secret in it is never shown.
    super(redactSecrets(`${file}: ${shown}: ${problem}`));
    this.field = field;
    this.problem = redactSecrets(problem);
    this.name = "InputError";
  }
}

/**
 * The line of each field of each input file read in this run, by dotted path (`steps.decide.agent`),
 * recorded by the YAML loader, so that an error found after loading (a derived name, a workflow
 * graph) names the line as a schema error does. A field that does not exist is placed at its
 * nearest parent that does.
 */
const FIELD_LINES = new Map<string, ReadonlyMap<string, number>>();

export function recordFieldLines(file: string, lines: ReadonlyMap<string, number>): void {
  FIELD_LINES.set(file, lines);
}

function fieldLine(file: string, field: string): number | undefined {
  const lines = FIELD_LINES.get(file);
  if (!lines || field.startsWith("(")) return undefined;
  for (let parts = field.split("."); parts.length > 0; parts = parts.slice(0, -1)) {
    const line = lines.get(parts.join("."));
    if (line !== undefined) return line;
  }
  return undefined;
}

/** Several input errors found in one pass, reported together. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "InputErrors";
  }
}
