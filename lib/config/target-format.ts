/**
 * The gateway target format's patterns, without the schema: the agentcore module reads them on
 * every synthesis, the zod schema (gateway-targets.ts) only when inputs are validated.
 */

/** Target names: PascalCase, they name the target's Cedar action group. */
export const TARGET_NAME_PATTERN = "^[A-Z][A-Za-z0-9]{0,63}$";
/** The Lambda function name after `<name_prefix>-<environment>-`. */
export const LAMBDA_SUFFIX_PATTERN = "^[a-z0-9][a-z0-9-]{0,39}$";
