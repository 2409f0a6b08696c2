/**
 * Prints the order in which plain-Terraform pipelines must apply the synthesized stacks, read
 * from the dependencies cdktf recorded in cdktf.out/manifest.json.
 *
 *   npm run order            # stack names, one per line
 *   npm run order -- --commands   # the terraform commands, one stack after the other
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface Manifest {
  stacks: Record<string, { name: string; dependencies: string[]; workingDirectory: string }>;
}

export function deployOrder(manifest: Manifest): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string, chain: string[]) => {
    if (order.includes(name)) return;
    const stack = manifest.stacks[name];
    if (!stack)
      throw new Error(`Stack "${chain[chain.length - 1]}" depends on "${name}", which the manifest does not contain.`);
    if (visiting.has(name)) throw new Error(`Dependency cycle: ${[...chain, name].join(" -> ")}`);
    visiting.add(name);
    for (const dep of [...stack.dependencies].sort()) visit(dep, [...chain, name]);
    visiting.delete(name);
    order.push(name);
  };
  for (const name of Object.keys(manifest.stacks).sort()) visit(name, []);
  return order;
}

if (require.main === module) {
  const outdir = process.env.CDKTF_OUTDIR ?? path.join(__dirname, "..", "cdktf.out");
  const file = path.join(outdir, "manifest.json");
  if (!fs.existsSync(file)) {
    console.error(`${path.relative(process.cwd(), file)} does not exist: run \`npm run synth\` first.`);
    process.exit(1);
  }
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const order = deployOrder(manifest);
  if (process.argv.includes("--commands")) {
    for (const name of order) {
      const dir = path.join(path.relative(process.cwd(), outdir), manifest.stacks[name].workingDirectory);
      console.log(`terraform -chdir=${dir} init -input=false && terraform -chdir=${dir} apply -input=false`);
    }
  } else {
    console.log(order.join("\n"));
  }
}
