// npm run pki -- <command>: the self-managed certificate authority. See `help` and docs/self-managed-pki.md.
// Exit status: 0 done; 1 an error (nothing was written) or, for status, something needs action; 2 bad usage.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config/errors";
import { loadConfig } from "../../lib/config/load";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import { PkiError } from "../../lib/pki/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki/layout";
import { bundle } from "./commands/bundle";
import { crl } from "./commands/crl";
import { init } from "./commands/init";
import { issue, readCsr } from "./commands/issue";
import { retire } from "./commands/retire";
import { revoke } from "./commands/revoke";
import { rotate } from "./commands/rotate";
import { status } from "./commands/status";
import type { CommandResult, PkiContext } from "./context";

const USAGE = `usage: npm run pki -- <command> [options]
  init                                   create a root CA, an issuing CA, their first CRL and the truststore bundle
  issue <name> [--csr FILE] [--days N] [--replace]
                                         issue a client certificate (from a CSR, or with a new key pair)
  server [<name>] [--days N] [--replace] issue the proving ground's server certificate (localhost, 127.0.0.1, ::1)
  revoke <serial|name> [--reason R]      revoke a certificate and re-sign its CA's CRL
  crl                                    re-sign every issuing CA's CRL (before its next update)
  bundle                                 rewrite the truststore bundle (issuing CA(s), then root(s))
  status [--warn-days N] [--json]        check the files against pki.json and list everything with its expiry;
                                         exit 1 when something needs action
  rotate issuing|root                    create a new issuing CA (and root); the old ones stay in the bundle
  retire <ca> [--force]                  take an old CA out of the bundle
options for every command:
  --dir DIR              PKI folder (default: pki.directory from the configuration, else pki/<environment>)
  --passphrase-file FILE CA key passphrase (default: the MTLS_PKI_PASSPHRASE environment variable)
One command at a time per PKI folder: others wait up to MTLS_PKI_LOCK_WAIT_SECONDS (default 30), then refuse.
The configuration comes from MTLS_ENV or MTLS_CONFIG, as for synth; its pki.mode must be "self-managed".`;

class UsageError extends Error {}

const OPTIONS = {
  dir: { type: "string" },
  "passphrase-file": { type: "string" },
  csr: { type: "string" },
  days: { type: "string" },
  replace: { type: "boolean" },
  reason: { type: "string" },
  "warn-days": { type: "string" },
  json: { type: "boolean" },
  force: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

function wholeNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new UsageError(`--${option} must be a whole number of days, at least 1 (got ${value})`);
  return number;
}

function selfManagedSettings(): { settings: SelfManagedPkiConfig; layout: PkiLayout } {
  const config = loadConfig();
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the PKI tool manages self-managed CAs only; set pki.mode to "self-managed" or pick another environment with MTLS_ENV (e.g. MTLS_ENV=self-managed)`,
    );
  }
  return { settings: config.pki, layout: pkiLayoutFor({ environment: config.environment, pki: config.pki }) };
}

function passphrase(values: Values): string | undefined {
  const file = values["passphrase-file"];
  if (file) {
    try {
      return fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch {
      throw new PkiError(`cannot read the passphrase file ${file}`);
    }
  }
  return process.env.MTLS_PKI_PASSPHRASE || undefined;
}

function context(values: Values): PkiContext {
  const { settings, layout } = selfManagedSettings();
  const chosen = values.dir ? new PkiLayout(path.resolve(values.dir), values.dir.replace(/\/+$/, "")) : layout;
  return { layout: chosen, settings, passphrase: passphrase(values), now: () => new Date() };
}

function argument(positionals: string[], index: number, what: string): string {
  const value = positionals[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

async function run(command: string | undefined, positionals: string[], values: Values): Promise<CommandResult> {
  switch (command) {
    case "init":
      return init(context(values));
    case "issue":
    case "server": {
      const name = command === "server" ? (positionals[0] ?? "localhost") : argument(positionals, 0, "the certificate's name");
      const csrFile = values.csr;
      if (csrFile && command === "server") throw new UsageError("--csr applies to client certificates (issue)");
      return issue(context(values), {
        name,
        kind: command === "server" ? "server" : "client",
        csrPem: csrFile ? readCsr(csrFile) : undefined,
        csrFile,
        validityDays: wholeNumber(values.days, "days"),
        replace: values.replace,
      });
    }
    case "revoke":
      return revoke(context(values), { certificate: argument(positionals, 0, "the serial number or name to revoke"), reason: values.reason });
    case "crl":
      return crl(context(values));
    case "bundle":
      return bundle(context(values));
    case "status":
      return status(context(values), { warningDays: wholeNumber(values["warn-days"], "warn-days"), json: values.json });
    case "rotate":
      return rotate(context(values), argument(positionals, 0, "what to rotate (issuing or root)"));
    case "retire":
      return retire(context(values), { ca: argument(positionals, 0, "the CA to retire"), force: values.force });
    default:
      throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : "missing command");
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const result = await run(positionals[0], positionals.slice(1), values);
    console.log(result.lines.join("\n"));
    return result.exitCode ?? 0;
  } catch (error) {
    if (error instanceof PkiError || error instanceof ConfigError) {
      console.error(`pki: ${error.message}`);
      return 1;
    }
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`pki: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
