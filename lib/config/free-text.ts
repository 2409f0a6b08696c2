import { secretByName, secretValueKind } from "../secrets";

/**
 * Secrets in text a user writes: every string of a validated input file (blueprints of agents,
 * gateway targets and workflows, the environment file), walked generically so that a field added
 * to a format is covered without being named here. Everything a user writes reaches the generated
 * Terraform, its plan and state, and the input cache (lib/cache.ts), so a secret is refused
 * wherever it is written:
 *
 * - every string value, map key and list item is held to the secret shapes of lib/secrets.ts
 *   (tokens, keys, JWTs, private keys, URLs with user info). No field is exempt: a field
 *   validated by a pattern (a model id, an image tag, an ARN) is checked too, as a pattern does
 *   not keep a token out (`sk-proj-...` is a valid image tag);
 * - an entry of a map whose keys the user chooses (tags, OAuth custom parameters, environment
 *   variables, workflow payloads, event patterns) is also held to the name rule: a value under a
 *   name such as `client_secret` or `X-Api-Key` must be a reference (an ARN, a path, a URL without
 *   user info, a short or numeric value). Fields of the formats themselves are named by design
 *   (none says secret), so the rule does not read them. Exempt from the name rule: workflow state
 *   paths (`$.token`, `$$.Execution.Id`), which name where a value is found at run time.
 */
export interface SecretProblem {
  /** Where the secret is: the field, or the map holding a key that looks like one. */
  readonly path: readonly (string | number)[];
  readonly problem: string;
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, unknown>;
  readonly element?: unknown;
  readonly valueType?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly options?: readonly unknown[];
  readonly getter?: () => unknown;
}

const WRAPPERS = ["optional", "default", "nullable", "readonly", "prefault", "catch", "nonoptional"];
/** A value that names a place in the workflow state rather than holding a value. */
const STATE_PATH = /^\$(\$|\.|\[|$)/;

/** The zod definition of `schema` without wrappers (optional, default, pipes, lazy), if any. */
function defOf(schema: unknown): SchemaDef | undefined {
  let def = (schema as { def?: SchemaDef } | undefined)?.def;
  for (let depth = 0; def && depth < 32; depth++) {
    if (WRAPPERS.includes(def.type)) def = (def.innerType as { def?: SchemaDef } | undefined)?.def;
    else if (def.type === "pipe") def = (def.in as { def?: SchemaDef } | undefined)?.def;
    else if (def.type === "lazy" && def.getter) def = (def.getter() as { def?: SchemaDef } | undefined)?.def;
    else return def;
  }
  return def;
}

/** The option of a union that accepts `value` (the one the data was parsed with). */
function unionOption(def: SchemaDef, value: unknown): unknown {
  return def.options?.find(
    (o) => (o as { safeParse?: (v: unknown) => { success: boolean } }).safeParse?.(value).success,
  );
}

/** Every secret in `value`, an input file's data as `schema` parsed it. */
export function secretProblems(schema: unknown, value: unknown): SecretProblem[] {
  const problems: SecretProblem[] = [];
  const walk = (schema: unknown, v: unknown, at: (string | number)[], name?: string) => {
    let def = defOf(schema);
    if (def?.type === "union") def = defOf(unionOption(def, v));
    if (typeof v === "string") {
      const kind = secretValueKind(v);
      if (kind) problems.push({ path: at, problem: `looks like ${kind}` });
      else if (name !== undefined && !STATE_PATH.test(v) && secretByName(name, v))
        problems.push({ path: at, problem: "looks like a secret (its name says so)" });
    } else if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) walk(def?.type === "array" ? def.element : undefined, item, [...at, i]);
    } else if (v !== null && typeof v === "object") {
      // A map whose keys the user chooses: a record, or an object no schema describes (event patterns).
      const named = def?.type !== "object";
      for (const [key, item] of Object.entries(v)) {
        const keyKind = named ? secretValueKind(key) : undefined;
        // The key is not shown: the problem is placed at the map.
        if (keyKind) problems.push({ path: at, problem: `has a key that looks like ${keyKind}` });
        const itemSchema =
          def?.type === "object" ? def.shape?.[key] : def?.type === "record" ? def.valueType : undefined;
        walk(itemSchema, item, [...at, key], named && !keyKind ? key : undefined);
      }
    }
  };
  walk(schema, value, []);
  return problems;
}
