import { Construct } from "constructs";
import { Fn, TerraformLocal, Token } from "cdktf";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { isEmpty } from "./tf-expr";

/** Account, region and partition, and ARNs built from them: what permission tables read. */
export interface AwsFacts {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  arn(service: string, resource: string, opts?: { region?: boolean; account?: boolean }): string;
}

/** Literal facts (the permission report, tests): no Terraform involved. */
export function literalAws(accountId: string, region: string): AwsFacts {
  const partition = partitionOf(region);
  return {
    accountId,
    region,
    partition,
    arn: (service, resource, opts = {}) =>
      `arn:${partition}:${service}:${opts.region === false ? "" : region}:` +
      `${opts.account === false ? "" : accountId}:${resource}`,
  };
}

export interface AwsContextProps {
  /** Account id, or `""` / a variable that may be `""` to ask STS at plan time. */
  readonly accountId: string;
  /** Region, when the host knows it at synth time (the deploy stacks do). */
  readonly region?: string;
}

/**
 * Account, region and partition of a module, read once per module (never per agent). A deploy
 * stack knows account and region from its configuration and needs no lookup at all; a registry
 * module reads the region and partition from its provider and asks STS for the account only when
 * the caller leaves `account_id` empty, so offline plans work whenever it is given.
 */
export class AwsContext extends Construct implements AwsFacts {
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;

  constructor(scope: Construct, id: string, props: AwsContextProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.accountId) && props.accountId !== "") {
      this.accountId = props.accountId;
    } else {
      const lookUp = isEmpty(props.accountId);
      const caller = new DataAwsCallerIdentity(this, "caller", { count: Token.asNumber(Fn.conditional(lookUp, 1, 0)) });
      this.accountId = new TerraformLocal(
        this,
        "account_id",
        Fn.conditional(lookUp, Fn.one(caller.getListAttribute("*.account_id")), props.accountId),
      ).asString;
    }
    if (props.region !== undefined) {
      this.region = props.region;
      this.partition = partitionOf(props.region);
    } else {
      // `id` is the region name in every provider version; `name` is deprecated in 6.x and `region` absent in 5.x.
      this.region = new DataAwsRegion(this, "region").id;
      this.partition = new DataAwsPartition(this, "partition").partition;
    }
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>`. */
  arn(service: string, resource: string, opts: { region?: boolean; account?: boolean } = {}): string {
    const region = opts.region === false ? "" : this.region;
    const account = opts.account === false ? "" : this.accountId;
    return `arn:${this.partition}:${service}:${region}:${account}:${resource}`;
  }
}

/** Every region AWS has, with its partition: `npm run regions` writes the table from the AWS SDK's endpoint data. */
export const AWS_REGIONS: Readonly<Record<string, { readonly partition: string; readonly name: string }>> = (
  require("./aws-regions.json") as { regions: Record<string, { partition: string; name: string }> }
).regions;

/** Why `region` is not a region AWS has, naming the regions of its area; undefined when it is one. */
export function unknownRegionProblem(region: string): string | undefined {
  if (Object.hasOwn(AWS_REGIONS, region)) return undefined;
  const [area] = region.split("-");
  const near = Object.keys(AWS_REGIONS).filter((r) => r.startsWith(`${area}-`));
  return `is not a region AWS has${near.length ? ` (in ${area}-: ${near.join(", ")})` : ""}`;
}

/**
 * Why the region of an ARN (`arn:<partition>:<service>:<region>:...`) is not one AWS has, or not
 * one of the ARN's partition; undefined when it fits. An ARN with an empty region fits.
 */
export function arnRegionProblem(arn: string): string | undefined {
  const [, partition, , region] = arn.split(":");
  if (!region) return undefined;
  const unknown = unknownRegionProblem(region);
  if (unknown) return `names the region "${region}", which ${unknown}`;
  const expected = AWS_REGIONS[region].partition;
  return partition === expected
    ? undefined
    : `is in partition ${partition}, but its region ${region} is in partition ${expected} (arn:${expected}:...)`;
}

/** The regions of each partition, as a message lists them: `aws: af-south-1, ...; aws-cn: ...`. */
export function regionsByPartition(): string {
  const by = new Map<string, string[]>();
  for (const [region, r] of Object.entries(AWS_REGIONS)) by.set(r.partition, [...(by.get(r.partition) ?? []), region]);
  return [...by].map(([partition, regions]) => `${partition}: ${regions.join(", ")}`).join("; ");
}

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  const known = AWS_REGIONS[region];
  if (known) return known.partition;
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}
