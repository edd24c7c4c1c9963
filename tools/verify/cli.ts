// npm run verify -- <environment> [--json] [--min-days 30]
// Reads the deployed environment with the AWS SDK (read-only) and exits 1 on any problem.
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config/errors";
import { listEnvironments, loadConfig } from "../../lib/config/load";
import { createClients, type VerifyClients } from "./clients";
import type { CheckResult } from "./result";
import { verifyEnvironment, type VerifyOptions } from "./verify";

const MARK: Record<CheckResult["status"], string> = { ok: "ok     ", warning: "WARNING", problem: "PROBLEM" };

export interface VerifyIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export async function runVerify(
  args: string[],
  io: VerifyIo,
  clientsFor: (region: string) => VerifyClients = createClients,
  options: Omit<VerifyOptions, "minDays"> = {},
): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: "boolean", default: false }, "min-days": { type: "string", default: "30" } },
  });
  const minDays = Number(values["min-days"]);
  if (positionals.length !== 1 || !Number.isInteger(minDays) || minDays < 0) {
    io.err(
      `usage: npm run verify -- <environment> [--json] [--min-days <days>]  (environments: ${listEnvironments().join(", ")})`,
    );
    return 2;
  }
  let config;
  try {
    config = loadConfig({ MTLS_ENV: positionals[0] });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
  const results = await verifyEnvironment(config, clientsFor(config.region), { ...options, minDays });
  if (values.json) {
    io.out(JSON.stringify(results, null, 2));
  } else {
    io.out(
      `Post-deploy check of ${config.environment}: ${config.domain.name} (${config.api.type} API, ${config.region})`,
    );
    for (const result of results) io.out(`${MARK[result.status]}  ${result.check}: ${result.message}`);
  }
  const problems = results.filter((result) => result.status === "problem").length;
  io.err(problems === 0 ? "No problem found." : `${problems} problem(s) found.`);
  return problems === 0 ? 0 : 1;
}

if (require.main === module) {
  runVerify(process.argv.slice(2), { out: console.log, err: console.error }).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`verify could not finish: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
