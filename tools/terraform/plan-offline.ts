// npm run plan:offline [-- <environment>]: real terraform plan of every stack, no AWS account (offline-plan.ts).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { App } from "cdktf";
import { buildStacks } from "../../stacks/app";
import { ConfigError } from "../../lib/config/errors";
import { DEFAULT_ENVIRONMENT, loadConfig } from "../../lib/config/load";
import { readSynthOutput } from "../environments/synth-output";
import { terraformAvailability } from "./cli";
import { startOfflineAws } from "./offline-aws";
import { planOffline, type StackPlan } from "./offline-plan";

function summaryTable(plans: StackPlan[]): string {
  return [
    "| stack | plan | AWS calls during plan |",
    "| --- | --- | --- |",
    ...plans.map((plan) => `| ${plan.stack} | ${plan.summary} | ${plan.awsCalls.join(", ") || "none"} |`),
  ].join("\n");
}

async function main(): Promise<number> {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true });
  const environment = positionals[0] ?? DEFAULT_ENVIRONMENT;
  const availability = terraformAvailability();
  if (!availability.available) {
    console.error(`plan:offline needs Terraform and the provider mirror: ${availability.reason}`);
    return 1;
  }
  let config;
  try {
    config = loadConfig({ MTLS_ENV: environment });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  // A scratch synth: an offline plan must not replace the environment's own output folder.
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-plan-offline-synth-"));
  const app = new App({ outdir, skipValidation: false });
  buildStacks(app, config);
  app.synth();
  const aws = await startOfflineAws();
  try {
    const plans = await planOffline(readSynthOutput(outdir), aws, availability.env);
    for (const plan of plans) console.log(`\n===== ${plan.stack} (${environment}, offline)\n${plan.output}`);
    console.log(`\nOffline plan of ${environment} (${config.backend.type} backend replaced by scratch state):\n`);
    console.log(summaryTable(plans));
    const failed = plans.filter((plan) => !plan.ok).map((plan) => plan.stack);
    if (failed.length > 0) console.error(`\nplan:offline failed for: ${failed.join(", ")}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    await aws.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
