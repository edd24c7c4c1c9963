// Reads and validates the environment's configuration, then synthesizes the four stacks.
// MTLS_ENV=<name> picks config/<name>.json (default: example); MTLS_CONFIG=<path> picks any file.
import { App } from "cdktf";
import { ConfigError } from "./lib/config/errors";
import { loadConfig } from "./lib/config/load";
import { PkiError } from "./lib/pki/errors";

/** Bad configuration or PKI files: say what to fix, and exit before any stack is written. */
function orExit<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof PkiError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = orExit(loadConfig);
  // Loaded only once the configuration is valid: the stacks pull in the AWS provider bindings.
  const { buildStacks } = await import("./stacks/app");
  const app = new App();
  orExit(() => buildStacks(app, config));
  app.synth();
}

void main();
