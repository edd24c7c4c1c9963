// npm run plan -- <environment> / npm run deploy -- <environment> [--auto-approve]
// Synthesizes the environment into cdktf.out.<environment>, then runs terraform init and plan (or apply) in each
// stack folder in dependency order, stopping at the first failure.
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config/errors";
import { listEnvironments } from "../../lib/config/load";
import { preflight } from "./preflight";
import { describeResult, runStacks, streamingTerraform, type StackAction } from "./run-stacks";
import { synthEnvironment } from "./synth";
import { readSynthOutput } from "./synth-output";

function usage(action: string): string {
  return `usage: npm run ${action} -- <environment>${action === "deploy" ? " [--auto-approve]" : ""}  (environments: ${listEnvironments().join(", ")})`;
}

async function main(): Promise<number> {
  const action = process.argv[2] as StackAction;
  const { positionals, values } = parseArgs({
    args: process.argv.slice(3),
    allowPositionals: true,
    options: { "auto-approve": { type: "boolean", default: false } },
  });
  if ((action !== "plan" && action !== "deploy") || positionals.length !== 1) {
    console.error(usage(action));
    return 2;
  }
  const environment = positionals[0];
  let synthesized: ReturnType<typeof synthEnvironment>;
  try {
    synthesized = synthEnvironment(environment);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const stacks = readSynthOutput(synthesized.outdir);
  const { notice, refusal } = preflight(action, environment, synthesized.config, stacks);
  console.log(notice);
  if (refusal) {
    console.error(refusal);
    return 2;
  }
  const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
  const result = await runStacks(action, stacks, streamingTerraform(env), console.log, {
    autoApprove: values["auto-approve"],
  });
  (result.ok ? console.log : console.error)(`\n${describeResult(action, environment, result)}`);
  return result.ok ? 0 : 1;
}

main().then((code) => process.exit(code));
