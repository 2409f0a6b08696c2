/**
 * An input the user can fix: a configuration file, a blueprint, a Cedar policy.
 * Its message names the file, the field, what was given and what is allowed; `main.ts` prints it
 * without a stack trace and exits non-zero before anything is written.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = "InputError";
  }
}

/** Several input errors found in one pass, reported together. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join("\n"));
    this.name = "InputErrors";
  }
}
