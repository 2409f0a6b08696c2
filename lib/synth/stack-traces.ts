/**
 * cdktf records a full stack trace every time it creates a token (thousands per synthesis) and
 * shows them only in its own diagnostics. Formatting them is the largest single cost of a
 * synthesis; these records are plain objects, not Errors, so they get an empty trace here while
 * real errors keep theirs (in V8's format).
 */
export function skipTokenStackTraces(): void {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
    if (!(error instanceof Error)) return "";
    if (previous) return previous(error, frames);
    return `${String(error)}${frames.map((f) => `\n    at ${f}`).join("")}`;
  };
}
