// `npx cdktf deploy` and `npx cdktf destroy` run the app (main.ts) too: they meet the same guards as npm run
// deploy, so there is one deploy path whichever command the user types. The placeholder refusal stops the run
// (exit 2) before cdktf applies anything; the cost notice is printed before cdktf asks for approval.
import type { Config } from "../../lib/config/schema";
import { EXIT, UserError } from "../../lib/user-error";
import { cdktfCommand } from "./cdktf-command";
import { preflight } from "./preflight";
import { readSynthOutput } from "./synth-output";

const APPLYING = new Set(["deploy", "apply"]);

/** After the app synthesized into `outdir`: refuses a cdktf deploy of placeholders, and says what it costs. */
export function guardCdktfDeploy(config: Config, outdir: string, command = cdktfCommand()): void {
  if (!command || !APPLYING.has(command)) return;
  const { notice, refusal } = preflight("deploy", config.environment, config, readSynthOutput(outdir));
  if (refusal) throw new UserError(`cdktf ${command}: ${refusal}`, EXIT.usage);
  console.error(notice);
}
