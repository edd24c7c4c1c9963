// npm run verify -- [<environment>] [--json] [--min-days DAYS]
// Reads the deployed environment with the AWS SDK (read-only). Exit status (tools/cli convention): 0 nothing
// wrong, 1 a problem found, 2 bad usage or configuration, 3 could not check (no credentials, AWS unreachable or
// answering with a server error).
import { CannotCheckError, EXIT, UserError } from "../../lib/user-error";
import { command, ENV_OPTION, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main, runCommandLine, type Io } from "../cli/run";
import { createClients, type VerifyClients } from "./clients";
import type { CheckResult } from "./result";
import { DEFAULT_MIN_DAYS, verifyEnvironment, type VerifyOptions } from "./verify";

const MARK: Record<CheckResult["status"], string> = { ok: "ok     ", warning: "WARNING", problem: "PROBLEM" };

export type VerifyIo = Io;

export const CREDENTIALS_HELP =
  "verify reads with the AWS SDK's default credentials: set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is attached; read-only access to API Gateway, S3, ACM and ACM PCA is enough";

/** An AWS call that failed for want of credentials, access or a network: nothing was checked. */
function cannotCheck(error: unknown, region: string): CannotCheckError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === "CredentialsProviderError" || /credential/i.test(error.message)) {
    return new CannotCheckError(`no AWS credentials found (${error.message}): ${CREDENTIALS_HELP}`);
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === 403 || /AccessDenied|UnrecognizedClient|ExpiredToken|InvalidSignature/.test(error.name)) {
    return new CannotCheckError(`AWS refused the read (${error.name}: ${error.message}): ${CREDENTIALS_HELP}`);
  }
  if (status !== undefined && status >= 500) {
    return new CannotCheckError(
      `AWS in ${region} answered HTTP ${status} (${error.name}): nothing was checked; run verify again later`,
    );
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code && /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET/.test(code)) {
    return new CannotCheckError(`AWS in ${region} cannot be reached (${code}): check the network and try again`);
  }
  return undefined;
}

export function verifyTool(
  io: Io,
  clientsFor: (region: string) => VerifyClients = createClients,
  options: Omit<VerifyOptions, "minDays"> = {},
): ToolDeclaration {
  return {
    script: "verify",
    summary: "post-deploy check with the AWS SDK (read-only; needs AWS credentials)",
    notes: [
      "The environment: <env> or --env, else MTLS_CONFIG, else MTLS_ENV, else example.",
      "exit status: 0 nothing wrong, 1 a problem found, 2 bad usage or configuration, 3 could not check (credentials)",
    ],
    commands: [
      command({
        positionals: ["[<env>]"],
        summary: "check the deployed environment",
        options: {
          json: { type: "boolean", description: "print the checks as JSON (also when it could not check)" },
          "min-days": {
            type: "integer",
            min: 0,
            unit: "days",
            value: "DAYS",
            default: DEFAULT_MIN_DAYS,
            description: "fewer days left on a certificate is a problem",
          },
          ...ENV_OPTION,
        },
        run: async ({ values, positionals }) => {
          try {
            const minDays = values["min-days"];
            const config = loadChosenConfig(chooseEnvironment(values.env, positionals[0]));
            let results: CheckResult[];
            try {
              results = await verifyEnvironment(config, clientsFor(config.region), { ...options, minDays });
            } catch (error) {
              throw cannotCheck(error, config.region) ?? error;
            }
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
            return problems === 0 ? EXIT.ok : EXIT.findings;
          } catch (error) {
            // --json promises JSON on stdout: a check that could not run is one more result, marked so.
            if (values.json && error instanceof UserError) {
              const status = error.exitCode === EXIT.couldNotCheck ? "could-not-check" : "error";
              io.out(JSON.stringify([{ check: "verify", status, message: error.message }], null, 2));
            }
            throw error;
          }
        },
      }),
    ],
  };
}

export function runVerify(
  args: string[],
  io: Io,
  clientsFor: (region: string) => VerifyClients = createClients,
  options: Omit<VerifyOptions, "minDays"> = {},
): Promise<number> {
  return Promise.resolve(runCommandLine(verifyTool(io, clientsFor, options), args, io));
}

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (io: Io): ToolDeclaration[] => [verifyTool(io)];

if (require.main === module) main(verifyTool({ out: console.log, err: console.error }));
