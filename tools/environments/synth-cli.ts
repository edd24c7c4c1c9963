// npm run synth:env -- <environment>: validates config/<environment>.json and synthesizes it into
// cdktf.out.<environment>, leaving cdktf.out and every other environment's folder untouched.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config/errors";
import { listEnvironments } from "../../lib/config/load";
import { PROJECT_ROOT } from "../../lib/project-root";
import { synthEnvironment } from "./synth";

const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true });
if (positionals.length !== 1) {
  console.error(`usage: npm run synth:env -- <environment>  (environments: ${listEnvironments().join(", ")})`);
  process.exit(2);
}
try {
  const { outdir } = synthEnvironment(positionals[0]);
  console.log(`synthesized ${positionals[0]} into ${path.relative(PROJECT_ROOT, outdir)}/stacks/<stack>`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
