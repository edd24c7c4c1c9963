// Reads and validates the environment's configuration, then synthesizes the four stacks: the app cdktf-cli runs
// (cdktf.json), for cdktf deploy and cdktf diff; under cdktf deploy, destroy and diff it applies npm run deploy's guards too. `npm run synth` runs the same stacks without cdktf-cli
// (tools/environments/synth-cli.ts). MTLS_CONFIG=<path> picks any file, else MTLS_ENV=<name> picks
// config/<name>.json (default: example).
import { App } from "cdktf";
import { quietKnownWarnings } from "./lib/known-warnings";
import { loadConfig } from "./lib/config/load";
import { UserError } from "./lib/user-error";
import { guardCdktfCommand } from "./tools/environments/cdktf-guard";

/** Bad configuration or PKI files: say what to fix, and exit (2, input error) before any stack is written. */
function orExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    return exitOn(error);
  }
}

function exitOn(error: unknown): never {
  if (error instanceof UserError) {
    console.error(error.message);
    process.exit(error.exitCode);
  }
  throw error;
}

async function main(): Promise<void> {
  quietKnownWarnings();
  const config = orExit(loadConfig);
  // Loaded only once the configuration is valid: the stacks pull in the AWS provider bindings.
  const { buildStacks } = await import("./stacks/app");
  const app = new App();
  orExit(() => buildStacks(app, config));
  app.synth();
  await guardCdktfCommand(config, app.outdir).catch(exitOn);
}

void main();
