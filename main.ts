// Reads and validates the environment's configuration, then synthesizes the four stacks.
// MTLS_ENV=<name> picks config/<name>.json (default: example); MTLS_CONFIG=<path> picks any file.
import { App } from "cdktf";
import { ConfigError } from "./lib/config/errors";
import { loadConfig } from "./lib/config/load";
import type { Config } from "./lib/config/schema";

function validConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = validConfigOrExit();
  // Loaded only once the configuration is valid: the stacks pull in the AWS provider bindings.
  const { buildStacks } = await import("./lib/app");
  const app = new App();
  buildStacks(app, config);
  app.synth();
}

void main();
