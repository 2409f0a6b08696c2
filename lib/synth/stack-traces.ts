/**
 * cdktf records a full stack trace every time it creates a token (thousands per synthesis, with
 * `Error.stackTraceLimit` raised to the maximum) and shows them only in its own diagnostics; its
 * `stackTraces: false` option does not reach token creation. Capturing and formatting those
 * traces is the largest single cost of a synthesis. cdktf records them on plain objects, never on
 * Errors, so this skips exactly those and leaves every real error's stack as V8 makes it.
 */
export function skipTokenStackTraces(): void {
  const capture = Error.captureStackTrace;
  // biome-ignore lint/complexity/noBannedTypes: the signature of Error.captureStackTrace in @types/node
  Error.captureStackTrace = (target: object, constructorOpt?: Function) => {
    if (target instanceof Error) capture(target, constructorOpt);
  };
}
