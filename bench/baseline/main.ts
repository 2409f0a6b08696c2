/** The benchmark's baseline: a one-resource cdktf app with deep imports, synthesized like ours. */
import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? process.argv[2] ?? "cdktf.out", stackTraces: false });
const stack = new TerraformStack(app, "baseline");
new AwsProvider(stack, "aws", { region: "us-east-1" });
new SsmParameter(stack, "parameter", { name: "/baseline/value", type: "String", value: "1" });
app.synth();
