/**
 * Provider-free roots: the same configuration with every `aws_*` resource, data source and
 * ephemeral resource replaced by a `terraform_data` whose `input` holds the block's arguments, so
 * that terraform evaluates every expression of the module (for_each, count, dynamic blocks,
 * validations, preconditions) without loading the aws provider: ≈ 0.3 s a plan instead of ≈ 7 s
 * for plan and `show -json` with it.
 *
 * What the provider would compute (ARNs, ids) is unknown at plan in both forms: references to an
 * argument the block sets read `input.<arg>`, references to anything else read `output.<attr>`,
 * which terraform_data leaves unknown until apply. The account, region and partition data sources
 * become literals. What this form cannot check (argument names and types against the provider's
 * schema) the provider-schema conformance test and one real-provider validate per module do.
 */
import { bodyAsHcl } from "./terraform";

export const STUB_PREFIX = "stub__";
const OFFLINE_DATA = new Set(["aws_partition", "aws_region", "aws_caller_identity"]);
const META = new Set(["for_each", "count", "depends_on", "lifecycle", "provider", "provisioner", "connection"]);

export interface OfflineFacts {
  readonly account: string;
  readonly region: string;
  readonly partition: string;
}

type Kind = "resource" | "data" | "ephemeral";
interface Stub {
  readonly stubName: string;
  readonly args: Set<string>;
  readonly collection: "single" | "count" | "for_each";
  /** Attributes the configuration reads that the block does not set: what the provider computes. */
  readonly computed: Set<string>;
  /** Of those, the ones read further (`details[0].arn`): unknown of any type, not a string. */
  readonly nested: Set<string>;
}

const key = (kind: Kind, type: string, name: string) => `${kind === "resource" ? "" : `${kind}.`}${type}.${name}`;
const stubName = (kind: Kind, type: string, name: string) =>
  `${STUB_PREFIX}${kind === "resource" ? "" : `${kind}__`}${type}__${name}`;

/** True for a root that `offlineProvider` configured: such roots are planned provider-free. */
export function wantsOfflineProvider(files: Record<string, any>): boolean {
  return Object.values(files).some((body) =>
    [body?.provider?.aws].flat().some((p: any) => p?.skip_requesting_account_id === true),
  );
}

/** The offline provider's region, if the root sets one. */
function offlineRegion(files: Record<string, any>): string | undefined {
  for (const body of Object.values(files)) for (const p of [body?.provider?.aws].flat()) if (p?.region) return p.region;
  return undefined;
}

/** Index, splat and attribute that follow an address in an expression, e.g. `["a"].arn` or `.*.id`. */
function suffixAt(text: string, from: number): { index: string; splat: boolean; attr?: string; end: number } {
  let i = from;
  let index = "";
  let splat = false;
  if (text[i] === "[") {
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === "[") depth++;
      else if (text[j] === "]" && --depth === 0) break;
    }
    index = text.slice(i, j + 1);
    splat = index === "[*]";
    i = j + 1;
  } else if (text.startsWith(".*", i)) {
    splat = true;
    index = ".*";
    i += 2;
  }
  const m = /^\.([A-Za-z_][\w-]*)/.exec(text.slice(i));
  if (m) return { index, splat, attr: m[1], end: i + m[0].length };
  return { index, splat, end: i };
}

function offlineValue(type: string, attr: string | undefined, splat: boolean, facts: OfflineFacts): string {
  const values: Record<string, Record<string, string>> = {
    aws_partition: { partition: facts.partition, dns_suffix: "amazonaws.com", id: facts.partition },
    aws_region: { id: facts.region, name: facts.region, region: facts.region },
    aws_caller_identity: {
      account_id: facts.account,
      id: facts.account,
      arn: `arn:${facts.partition}:iam::${facts.account}:user/offline`,
    },
  };
  const value = values[type]?.[attr ?? ""];
  if (value === undefined) throw new Error(`no offline value for data.${type}.${attr}`);
  return splat ? `[${JSON.stringify(value)}]` : JSON.stringify(value);
}

/** Rewrites every reference to a stubbed block inside one string of the configuration. */
function rewrite(text: string, stubs: Map<string, Stub>, offline: Set<string>, facts: OfflineFacts): string {
  const address = /(?<![\w.])((?:data|ephemeral)\.)?(aws_[a-z0-9_]+)\.([A-Za-z_][\w-]*)/g;
  let out = "";
  let last = 0;
  for (let m = address.exec(text); m; m = address.exec(text)) {
    const kind: Kind = m[1] === "data." ? "data" : m[1] === "ephemeral." ? "ephemeral" : "resource";
    const [type, name] = [m[2], m[3]];
    const id = key(kind, type, name);
    const suffix = suffixAt(text, m.index + m[0].length);
    let replacement: string | undefined;
    if (kind === "data" && offline.has(id)) replacement = offlineValue(type, suffix.attr, suffix.splat, facts);
    else {
      const stub = stubs.get(id);
      if (stub) {
        const ref = `terraform_data.${stub.stubName}${suffix.index}`;
        // A computed attribute is unknown at plan: terraform_data's own `id` is an unknown string.
        // One read further (`details[0].arn`) is decoded into an unknown of any type, which indexes.
        const nested = suffix.attr && !stub.args.has(suffix.attr) && /^(\[|\.[A-Za-z_])/.test(text.slice(suffix.end));
        if (nested) replacement = `jsondecode(${ref}.id)`;
        else if (suffix.attr) replacement = stub.args.has(suffix.attr) ? `${ref}.input.${suffix.attr}` : `${ref}.id`;
        else replacement = wholeObject(stub, ref, suffix.index !== "");
      }
    }
    if (replacement === undefined) continue;
    out += text.slice(last, m.index) + replacement;
    last = suffix.end;
    address.lastIndex = suffix.end;
  }
  return out + text.slice(last);
}

/**
 * A whole block or instance used as a value (`for k, r in aws_x.y : k => r.arn`): its arguments
 * merged with what the provider would compute, which is unknown at plan.
 */
function wholeObject(stub: Stub, ref: string, indexed: boolean): string {
  const one = (r: string) => {
    const computed = [...stub.computed]
      .filter((a) => !stub.args.has(a))
      .map((a) => `${a} = ${stub.nested.has(a) ? `jsondecode(${r}.id)` : `${r}.id`}`);
    return `merge({ ${computed.join(", ")} }, ${r}.input)`;
  };
  if (indexed || stub.collection === "single") return one(ref);
  if (stub.collection === "count") return `[for r in ${ref} : ${one("r")}]`;
  return `{ for k, r in ${ref} : k => ${one("r")} }`;
}

/**
 * The attributes a configuration reads from a block: directly (`aws_x.y[k].arn`, `aws_x.y.*.id`)
 * and through a loop over it (`for k, r in aws_x.y : k => r.arn`).
 */
function attributesRead(
  text: string,
  kind: Kind,
  type: string,
  name: string,
): { read: Set<string>; nested: Set<string> } {
  const address = key(kind, type, name).replace(/\./g, "\\.");
  const read = new Set(["arn", "id"]);
  const nested = new Set<string>();
  const direct = new RegExp(`(?<![\\w.])${address}(?:\\[[^\\]]*\\]|\\.\\*)?\\.([A-Za-z_][\\w]*)`, "g");
  for (const m of text.matchAll(direct)) read.add(m[1]);
  // `for k, r in <address>`, `for r in <address>` and `for r in values(<address>)`.
  const loop = new RegExp(`for (?:\\w+, )?(\\w+) in (?:values\\()?${address}\\)? : [^}\\]]*`, "g");
  for (const m of text.matchAll(loop)) {
    for (const a of m[0].matchAll(new RegExp(`\\b${m[1]}\\.([A-Za-z_]\\w*)(\\[|\\.[A-Za-z_])?`, "g"))) {
      read.add(a[1]);
      if (a[2]) nested.add(a[1]);
    }
  }
  return { read, nested };
}

function mapStrings(value: unknown, f: (s: string) => string): any {
  if (typeof value === "string") return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

/** `depends_on` entries name blocks, not values: renamed only. */
function dependsOn(list: string[], stubs: Map<string, Stub>, offline: Set<string>): string[] {
  return list.flatMap((entry) => {
    const address = entry.replace(/^\$\{|\}$/g, "");
    if (offline.has(address)) return [];
    const stub = stubs.get(address);
    return [stub ? `terraform_data.${stub.stubName}` : entry];
  });
}

/**
 * The provider-free form of a root's files (see the file comment). Files of nested modules (paths
 * with a folder) are converted the same way.
 */
export function providerFree(files: Record<string, any>, given: Partial<OfflineFacts> = {}): Record<string, any> {
  const facts: OfflineFacts = {
    account: given.account ?? "123456789012",
    region: given.region ?? offlineRegion(files) ?? "us-east-1",
    partition: given.partition ?? "aws",
  };
  const stubs = new Map<string, Stub>();
  const offline = new Set<string>();
  const text = JSON.stringify(files);
  for (const body of Object.values(files)) {
    for (const kind of ["resource", "data", "ephemeral"] as Kind[]) {
      for (const [type, byName] of Object.entries((body?.[kind] ?? {}) as Record<string, Record<string, any>>)) {
        if (!type.startsWith("aws_")) continue;
        for (const [name, block] of Object.entries(byName)) {
          if (kind === "data" && OFFLINE_DATA.has(type)) {
            offline.add(key(kind, type, name));
            continue;
          }
          const args = new Set(Object.keys(block).filter((k) => !META.has(k) && k !== "dynamic"));
          for (const blockName of Object.keys(block.dynamic ?? {})) args.add(blockName);
          const collection = block.for_each !== undefined ? "for_each" : block.count !== undefined ? "count" : "single";
          const { read: computed, nested } = attributesRead(text, kind, type, name);
          stubs.set(key(kind, type, name), {
            stubName: stubName(kind, type, name),
            args,
            collection,
            computed,
            nested,
          });
        }
      }
    }
  }
  const fix = (s: string) => rewrite(s, stubs, offline, facts);
  const out: Record<string, any> = {};
  for (const [file, body] of Object.entries(files)) {
    const { resource, data, ephemeral, provider: _provider, terraform, ...rest } = body ?? {};
    const converted: Record<string, any> = mapStrings(rest, fix);
    const requiredProviders = { ...(terraform?.required_providers ?? {}) };
    delete requiredProviders.aws;
    if (terraform)
      converted.terraform = {
        ...terraform,
        ...(Object.keys(requiredProviders).length ? { required_providers: requiredProviders } : {}),
      };
    if (terraform && !Object.keys(requiredProviders).length) delete converted.terraform.required_providers;
    const data2: Record<string, any> = {};
    const resources: Record<string, any> = {};
    for (const [kind, section] of [
      ["resource", resource],
      ["data", data],
      ["ephemeral", ephemeral],
    ] as [Kind, Record<string, Record<string, any>> | undefined][]) {
      for (const [type, byName] of Object.entries(section ?? {})) {
        for (const [name, block] of Object.entries(byName)) {
          const stub = stubs.get(key(kind, type, name));
          if (!stub) {
            if (type.startsWith("aws_")) continue;
            const kept = mapStrings(block, fix);
            if (block.depends_on) kept.depends_on = dependsOn(block.depends_on, stubs, offline);
            ((kind === "data" ? data2 : resources)[type] ??= {})[name] = kept;
            continue;
          }
          (resources.terraform_data ??= {})[stub.stubName] = stubBlock(block, fix, stubs, offline);
        }
      }
    }
    if (Object.keys(resources).length) converted.resource = resources;
    if (Object.keys(data2).length) converted.data = data2;
    out[file] = converted;
  }
  return out;
}

function stubBlock(block: any, fix: (s: string) => string, stubs: Map<string, Stub>, offline: Set<string>): any {
  const args = Object.fromEntries(Object.entries(block).filter(([k]) => !META.has(k)));
  const stub: Record<string, any> = {};
  if (block.for_each !== undefined) stub.for_each = fix(block.for_each);
  if (block.count !== undefined) stub.count = typeof block.count === "string" ? fix(block.count) : block.count;
  if (block.depends_on) stub.depends_on = dependsOn(block.depends_on, stubs, offline);
  const lifecycle = block.lifecycle;
  if (lifecycle) {
    // `self` of a stub is the terraform_data: its arguments are under `input`.
    const selfFix = (s: string) => fix(s).replace(/\bself\.([A-Za-z_][\w-]*)/g, "self.input.$1");
    const kept: Record<string, any> = {};
    for (const cond of ["precondition", "postcondition"])
      if (lifecycle[cond]) kept[cond] = mapStrings(lifecycle[cond], selfFix);
    if (Object.keys(kept).length) stub.lifecycle = kept;
  }
  stub.input = `\${${fix(bodyAsHcl(args))}}`;
  return stub;
}

/** A planned stub as the resource it stands for: address, type, name, index and its arguments as values. */
export function unstub(planned: any): any {
  if (planned.type !== "terraform_data" || !planned.name.startsWith(STUB_PREFIX)) return planned;
  const rest = planned.name.slice(STUB_PREFIX.length);
  const kind = rest.startsWith("data__") ? "data" : rest.startsWith("ephemeral__") ? "ephemeral" : "resource";
  const [type, name] = rest.replace(/^(data|ephemeral)__/, "").split(/__(.*)/s);
  const index = planned.index === undefined ? "" : `[${JSON.stringify(planned.index)}]`;
  return {
    ...planned,
    address: `${kind === "resource" ? "" : `${kind}.`}${type}.${name}${index}`,
    mode: kind === "data" ? "data" : "managed",
    type,
    name,
    values: planned.values?.input ?? {},
    sensitive_values: planned.sensitive_values?.input ?? {},
  };
}
