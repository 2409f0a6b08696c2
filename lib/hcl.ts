import { type IResolvable, type IResolveContext, Token, Tokenization } from "cdktf";

/**
 * Hand-written Terraform expressions (`for` expressions, `%{ if }` templates, conditions over
 * module inputs) that may refer to cdktf values: variables, iterators, resource attributes, other
 * stacks' outputs.
 *
 * cdktf renders a token correctly only where it knows the syntax around it: a token written into
 * raw expression text (`"${[for m in ${list} : "arn:${partition}:..."]}"`) comes out as a quoted
 * address instead of a reference. Expressions are therefore built here as text with typed holes;
 * each hole is rendered at synthesis, when its token resolves in the stack that uses it (cross-stack
 * references included), as an HCL reference, a literal, or a quoted template — never by
 * concatenating token markers into strings.
 *
 * Every expression built with these helpers is evaluated by terraform in `__tests__/hcl.test.ts`
 * or in a plan of the module that uses it.
 */

const TOKEN_MARKER = /\$\{TfToken\[[^\]]+\]\}/g;

/** Marks text that is inserted into an expression verbatim. */
class Raw {
  constructor(readonly text: string) {}
}

/** Verbatim HCL text, e.g. an iterator variable: `raw("a.features")`. */
export function raw(text: string): Raw {
  return new Raw(text);
}

/** An HCL string literal of a literal JS string: quotes, escapes, and template syntax escaped. */
export function hclString(s: string): string {
  return `"${escapeTemplateText(s)}"`;
}

/** Text placed inside a quoted HCL template literally: `${` and `%{` are template syntax there. */
export function escapeTemplateText(s: string): string {
  return (
    s
      .replace(/\\/g, "\\\\")
      .replace(/"/g, '\\"')
      .replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r")
      .replace(/\t/g, "\\t")
      // Not `$${`: cdktf turns a resolved `$${` back into `${`. A unicode escape is read after
      // template parsing, so it stays literal.
      .replace(/\$\{/g, "\\u0024{")
      .replace(/%\{/g, "\\u0025{")
  );
}

function resolveToken(ctx: IResolveContext, token: IResolvable): string {
  const saved = ctx.suppressBraces;
  ctx.suppressBraces = true;
  try {
    const resolved = ctx.resolve(token);
    if (typeof resolved !== "string") return render(ctx, resolved);
    // A top-level reference may still come back braced (e.g. a cross-stack output).
    const m = /^\$\{([\s\S]*)\}$/.exec(resolved);
    return m && balanced(m[1]) ? m[1] : resolved;
  } finally {
    ctx.suppressBraces = saved;
  }
}

/** Whether `${x}` wraps all of `x` (not `${a}-${b}`). */
function balanced(inner: string): boolean {
  let depth = 0;
  for (const c of inner) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}

/** Literal template text that may hold cdktf tokens (e.g. JSON.stringify of values with tokens). */
function templateText(ctx: IResolveContext, s: string): string {
  let out = "";
  let last = 0;
  const literal = (t: string) => {
    // cdktf turns a resolved `$${` back into `${`, so template syntax cannot be escaped here.
    if (/[$%]\{/.test(t)) throw new Error(`template text must not contain \${ or %{: ${t.slice(0, 80)}`);
    return t;
  };
  for (const m of s.matchAll(TOKEN_MARKER)) {
    out += literal(s.slice(last, m.index));
    const token = Tokenization.reverseString(m[0]).firstToken;
    out += token ? `\${${resolveToken(ctx, token)}}` : literal(m[0]);
    last = m.index! + m[0].length;
  }
  return out + literal(s.slice(last));
}

/** A string that holds tokens between literal text, as a quoted HCL template. */
function renderMixedString(ctx: IResolveContext, s: string): string {
  let out = "";
  let last = 0;
  for (const m of s.matchAll(TOKEN_MARKER)) {
    out += escapeTemplateText(s.slice(last, m.index));
    const token = Tokenization.reverseString(m[0]).firstToken;
    out += token ? `\${${resolveToken(ctx, token)}}` : escapeTemplateText(m[0]);
    last = m.index! + m[0].length;
  }
  return `"${out}${escapeTemplateText(s.slice(last))}"`;
}

/** The HCL text of one hole of an expression. */
export function render(ctx: IResolveContext, value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof HclExpression) return value.text(ctx);
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    const token = Tokenization.reverseNumber(value);
    return token ? resolveToken(ctx, token) : String(value);
  }
  if (typeof value === "string") {
    if (!Token.isUnresolved(value)) return hclString(value);
    const fragments = Tokenization.reverseString(value);
    const only = fragments.firstToken;
    if (fragments.length === 1 && only) return resolveToken(ctx, only);
    return renderMixedString(ctx, value);
  }
  if (Array.isArray(value)) {
    const token = Tokenization.reverseList(value);
    if (token) return resolveToken(ctx, token);
    return `[${value.map((v) => render(ctx, v)).join(", ")}]`;
  }
  if (Tokenization.isResolvable(value)) return resolveToken(ctx, value);
  if (typeof value === "object") {
    const map = Tokenization.reverseMap(value as Record<string, unknown>);
    if (map) return resolveToken(ctx, map);
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${hclString(k)} = ${render(ctx, v)}`)
      .join(", ")} }`;
  }
  throw new Error(`cannot render ${typeof value} as HCL`);
}

/**
 * An HCL expression: literal text with holes. Used as an attribute value it renders as
 * `${<expression>}`; inside another expression (a cdktf `Fn` call or another `hcl`) as the bare
 * expression.
 */
export class HclExpression implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(
    private readonly strings: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  text(ctx: IResolveContext): string {
    const saved = ctx.suppressBraces;
    ctx.suppressBraces = true;
    try {
      return this.strings.reduce(
        (out, s, i) => out + s + (i < this.values.length ? render(ctx, this.values[i]) : ""),
        "",
      );
    } finally {
      ctx.suppressBraces = saved;
    }
  }

  resolve(ctx: IResolveContext): string {
    const outer = ctx.suppressBraces;
    const text = this.text(ctx);
    return outer ? text : `\${${text}}`;
  }

  toString(): string {
    return Token.asString(this);
  }

  get asString(): string {
    return Token.asString(this);
  }
  get asList(): string[] {
    return Token.asList(this);
  }
  get asNumber(): number {
    return Token.asNumber(this);
  }
  get asStringMap(): Record<string, string> {
    return Token.asStringMap(this);
  }
  get asAny(): any {
    return Token.asAny(this);
  }
}

/**
 * An HCL expression with holes: `hcl\`contains(${features}, "x") && ${arn} != ""\``. A hole holds
 * a cdktf token (rendered as its reference), another `hcl` expression, `raw()` text, or a literal
 * (string, number, boolean, list, object: rendered as HCL literals).
 */
export function hcl(strings: TemplateStringsArray, ...values: unknown[]): HclExpression {
  return new HclExpression([...strings], values);
}

/**
 * The conjunction of `conditions` (holes of `hcl`), each parenthesized so that a conditional
 * (`a == null ? true : b`) stays whole; `true` when there are none.
 */
export function allOf(...conditions: readonly unknown[]): HclExpression {
  if (conditions.length === 0) return hcl`true`;
  const all = conditions
    .slice(1)
    .reduce<HclExpression>((joined, c) => hcl`${joined} && (${c})`, hcl`(${conditions[0]})`);
  return hcl`(${all})`;
}

/** `min <= length(value) <= max`, as a condition. */
export function lengthWithin(value: unknown, bounds: { readonly min: number; readonly max: number }): HclExpression {
  return hcl`(length(${value}) >= ${bounds.min} && length(${value}) <= ${bounds.max})`;
}

/** A part of a string template (`templateString`). */
export type TemplatePart =
  | string
  | { readonly interpolate: unknown }
  | { readonly if: unknown }
  | { readonly endif: true };

/**
 * A Terraform string template such as a policy document with `%{ if <condition> }` guards:
 * literal text (kept as is, escaped only where it would read as template syntax), interpolations
 * `${<hole>}` and directives whose conditions are holes. Renders as the template text; inside an
 * expression, as the quoted template.
 */
export class HclTemplate implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(private readonly parts: readonly TemplatePart[]) {}

  private body(ctx: IResolveContext): string {
    const saved = ctx.suppressBraces;
    ctx.suppressBraces = true;
    try {
      return this.parts
        .map((p) => {
          if (typeof p === "string") return templateText(ctx, p);
          if ("interpolate" in p) return `\${${render(ctx, p.interpolate)}}`;
          if ("if" in p) return `%{ if ${render(ctx, p.if)} }`;
          return "%{ endif }";
        })
        .join("");
    } finally {
      ctx.suppressBraces = saved;
    }
  }

  resolve(ctx: IResolveContext): string {
    const text = this.body(ctx);
    // Inside an expression the template is a quoted string literal.
    return ctx.suppressBraces ? `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"` : text;
  }

  toString(): string {
    return Token.asString(this);
  }
}

export function template(parts: readonly TemplatePart[]): string {
  return Token.asString(new HclTemplate(parts));
}

/** Whether a list is a Terraform value (a token) rather than a TypeScript array. */
export function isListToken(list: readonly string[]): boolean {
  return Tokenization.reverseList(list as string[]) !== undefined;
}

/** The variable of a `for` expression; named when the expression renders (see `ForList`). */
class LoopVariable implements IResolvable {
  readonly creationStack: string[] = [];
  name?: string;

  resolve(ctx: IResolveContext): string {
    if (this.name === undefined) throw new Error("a for-expression variable was used outside its for expression");
    return ctx.suppressBraces ? this.name : `\${${this.name}}`;
  }
}

/** How many `for` expressions enclose the one being rendered. */
let openLoops = 0;

/**
 * `[for <v> in <collection> : <body> if <filter>]`. The variable is named after its nesting depth
 * when rendered (`item0`, `item1` inside it...), so nested loops never shadow each other and the
 * output is the same in every run.
 */
class ForList implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(
    private readonly variable: LoopVariable,
    private readonly collection: unknown,
    private readonly body: unknown,
    private readonly filter?: unknown,
  ) {}

  resolve(ctx: IResolveContext): string {
    const outer = ctx.suppressBraces;
    ctx.suppressBraces = true;
    try {
      const collection = render(ctx, this.collection);
      this.variable.name = `item${openLoops++}`;
      try {
        const filter = this.filter === undefined ? "" : ` if ${render(ctx, this.filter)}`;
        const text = `[for ${this.variable.name} in ${collection} : ${render(ctx, this.body)}${filter}]`;
        return outer ? text : `\${${text}}`;
      } finally {
        openLoops--;
      }
    } finally {
      ctx.suppressBraces = outer;
    }
  }
}

/** `[for x in list : fn(x)]`: mapped in TypeScript for an array, by Terraform for a token. */
export function mapList(list: readonly string[], fn: (item: string) => string): string[] {
  if (!isListToken(list)) return list.map(fn);
  const v = new LoopVariable();
  return Token.asList(new ForList(v, list, fn(Token.asString(v))));
}

/**
 * `[for x in list : x if cond(x)]`. `js` and `cond` state the same predicate, for arrays and for
 * Terraform lists.
 */
export function filterList(
  list: readonly string[],
  js: (item: string) => boolean,
  cond: (item: HclExpression) => HclExpression,
): string[] {
  if (!isListToken(list)) return list.filter(js);
  const v = new LoopVariable();
  return Token.asList(new ForList(v, list, v, cond(hcl`${v}`)));
}

/**
 * A list whose items may be Terraform lists (from `mapList`), flattened: `concat([...], list)`.
 * An all-TypeScript input stays an array.
 */
export function concatLists(items: readonly string[]): string[] {
  if (!items.some((i) => isListToken([i]))) return [...items];
  const segments: unknown[] = [];
  let scalars: string[] = [];
  for (const item of items) {
    if (isListToken([item])) {
      if (scalars.length) segments.push(scalars);
      scalars = [];
      segments.push([item]);
    } else scalars.push(item);
  }
  if (scalars.length) segments.push(scalars);
  return new HclExpression(["concat(", ...segments.slice(1).map(() => ", "), ")"], segments).asList;
}

/** A list without repeated items: `distinct(list)` by Terraform, `new Set` in TypeScript. */
export function distinctList(list: readonly string[]): string[] {
  return isListToken(list) ? hcl`distinct(${list})`.asList : [...new Set(list)];
}

/** One instance of a `for_each` resource: `aws_iam_role.x[each.key].arn`. */
export function instanceAttr(resource: { fqn: string }, key: unknown, attribute: string): string {
  return hcl`${resource.fqn}[${key}].${raw(attribute)}`.asString;
}

/** `{ for k, r in resource : k => r.<attribute> }`: an attribute of every instance, by key. */
export function attrByKey(resource: { fqn: string }, attribute: string): HclExpression {
  return hcl`{ for k, r in ${resource.fqn} : k => r.${raw(attribute)} }`;
}
