// `npx cdktf deploy`, `destroy` and `diff` run the app (main.ts) too: they meet the same guards as npm run deploy,
// so there is one deploy path whichever command the user types. The placeholder refusal stops a deploy (exit 2)
// before cdktf applies anything, and the cost notice is printed before cdktf asks; without AWS credentials any of
// them stops in one line (exit 3) instead of Terraform's wall of text.
import type { Config } from "../../lib/config/schema";
import { EXIT, UserError } from "../../lib/user-error";
import { cdktfCommand } from "./cdktf-command";
import { preflight } from "./preflight";
import { requireAwsCredentials } from "./stack-command-faults";
import { readSynthOutput } from "./synth-output";

const APPLYING = new Set(["deploy", "apply"]);
const NEEDS_AWS = new Set([...APPLYING, "destroy", "diff"]);

/** After the app synthesized into `outdir`: the guards of the cdktf command that runs it, if any. */
export async function guardCdktfCommand(config: Config, outdir: string, command = cdktfCommand()): Promise<void> {
  if (!command || !NEEDS_AWS.has(command)) return;
  if (APPLYING.has(command)) {
    const { notice, refusal } = preflight("deploy", config.environment, config, readSynthOutput(outdir));
    if (refusal) throw new UserError(`cdktf ${command}: ${refusal}`, EXIT.usage);
    console.error(notice);
  }
  await requireAwsCredentials(`cdktf ${command}`, config);
}
