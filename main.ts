// Reads and validates the environment's configuration, then synthesizes the four stacks.
// MTLS_ENV=<name> picks config/<name>.json (default: example); MTLS_CONFIG=<path> picks any file.
import { App } from "cdktf";
import { buildStacks } from "./lib/app";
import { ConfigError } from "./lib/config/errors";
import { loadConfig } from "./lib/config/load";

function main(): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = new App();
  buildStacks(app, config);
  app.synth();
}

main();
