// npm run pki -- <command>: the self-managed certificate authority. See `help` and docs/self-managed-pki.md.
// Exit status (tools/cli convention): 0 done; 1 status found something that needs action; 2 bad usage or input
// (nothing was written).
import * as fs from "node:fs";
import * as path from "node:path";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki-folder/layout";
import { PROJECT_ROOT } from "../../lib/project-root";
import { localStateFile } from "../../lib/state/location";
import { UsageError } from "../../lib/user-error";
import { command, ENV_OPTION, type OptionValues, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main } from "../cli/run";
import { bundle } from "./commands/bundle";
import { crl } from "./commands/crl";
import { exportP12, P12_PASSWORD_ENV } from "./commands/export";
import { init } from "./commands/init";
import { issue, readCsr } from "./commands/issue";
import { retire } from "./commands/retire";
import { revoke } from "./commands/revoke";
import { rotate } from "./commands/rotate";
import { status } from "./commands/status";
import type { CommandResult, PkiContext } from "./context";

const SHARED_OPTIONS = {
  ...ENV_OPTION,
  dir: {
    type: "string",
    value: "DIR",
    description: "PKI folder (default: pki.directory from the configuration, else pki/<environment>)",
  },
  "passphrase-file": {
    type: "string",
    value: "FILE",
    description: "CA key passphrase (default: the MTLS_PKI_PASSPHRASE environment variable)",
  },
} as const;

// Every command receives the shared options beside its own.
type Shared = Partial<OptionValues<typeof SHARED_OPTIONS>>;

function wholeNumber(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${option} must be a whole number of days, at least 1 (got ${value})`);
  return number;
}

function selfManagedSettings(values: Shared): { settings: SelfManagedPkiConfig; layout: PkiLayout; deployedState?: string } {
  const config = loadChosenConfig(chooseEnvironment(values.env));
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the PKI tool manages self-managed CAs only; set pki.mode to "self-managed" or pick another environment with --env or MTLS_ENV (e.g. --env self-managed)`,
    );
  }
  return {
    settings: config.pki,
    layout: pkiLayoutFor({ environment: config.environment, pki: config.pki }),
    deployedState: config.backend.type === "local" ? localStateFile(PROJECT_ROOT, config.environment, "pki") : undefined,
  };
}

function passphrase(values: Shared): Pick<PkiContext, "passphrase" | "passphraseSource"> {
  const file = values["passphrase-file"];
  if (file) {
    try {
      const text = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
      return { passphrase: text, passphraseSource: `the passphrase in ${file} (--passphrase-file)` };
    } catch {
      throw new PkiError(`cannot read the passphrase file ${file}: check the path given to --passphrase-file`);
    }
  }
  return { passphrase: process.env.MTLS_PKI_PASSPHRASE || undefined, passphraseSource: "MTLS_PKI_PASSPHRASE" };
}

/** A command's values: its own options, and the shared ones beside them. */
export function pkiContext(commandValues: object): PkiContext {
  const values = commandValues as Shared;
  const { settings, layout, deployedState } = selfManagedSettings(values);
  const common = { settings, ...passphrase(values), now: () => new Date() };
  // Another folder (--dir) is not the one the environment's pki stack deployed: its state says nothing of it.
  if (values.dir) return { ...common, layout: new PkiLayout(path.resolve(values.dir), values.dir.replace(/\/+$/, "")) };
  return { ...common, layout, deployedState };
}

/** The PKCS#12 password: from a file or the environment, never the command line (ps and history show it). */
function p12Password(file: string | undefined): string {
  if (file) {
    let password: string;
    try {
      password = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch {
      throw new PkiError(`cannot read the password file ${file}: check the path given to --password-file`);
    }
    if (!password) throw new UsageError(`the password file ${file} is empty: a PKCS#12 file needs a password`);
    return password;
  }
  const password = process.env[P12_PASSWORD_ENV];
  if (!password) {
    throw new UsageError(`give the PKCS#12 password with --password-file FILE or ${P12_PASSWORD_ENV} (never on the command line)`);
  }
  return password;
}

function printed(result: CommandResult): number {
  console.log(result.lines.join("\n"));
  return result.exitCode ?? 0;
}

const DAYS = {
  type: "string",
  value: "N",
  description: "validity in days (default: pki.clientCertificates.validityDays)",
} as const;
const REPLACE = { type: "boolean", description: "issue again under a name already in use" } as const;

export const PKI: ToolDeclaration = {
  script: "pki",
  summary: "the self-managed certificate authority",
  sharedOptions: SHARED_OPTIONS,
  notes: [
    "The configuration comes from --env, MTLS_CONFIG or MTLS_ENV, as for synth; its pki.mode must be self-managed.",
    "exit status: 0 done, 1 status found something that needs action, 2 bad usage or input (nothing was written), 3 the file system or openssl refused (nothing half-written)",
  ],
  commands: [
    command({
      name: "init",
      summary: "create a root CA, an issuing CA, their first CRL and the truststore bundle",
      options: {},
      run: async ({ values }) => printed(await init(pkiContext(values))),
    }),
    command({
      name: "issue",
      positionals: ["<name>"],
      summary: "issue a client certificate (from a CSR, or with a new key pair)",
      options: {
        csr: { type: "string", value: "FILE", description: "issue for this CSR; the key stays with the client" },
        days: DAYS,
        replace: REPLACE,
      },
      run: async ({ values, positionals }) =>
        printed(
          await issue(pkiContext(values), {
            name: positionals[0],
            kind: "client",
            csrPem: values.csr ? readCsr(values.csr) : undefined,
            csrFile: values.csr,
            validityDays: wholeNumber(values.days, "days"),
            replace: values.replace,
          }),
        ),
    }),
    command({
      name: "server",
      positionals: ["[<name>]"],
      summary: "issue the proving ground's server certificate (localhost, 127.0.0.1, ::1)",
      options: { days: DAYS, replace: REPLACE },
      run: async ({ values, positionals }) =>
        printed(
          await issue(pkiContext(values), {
            name: positionals[0] ?? "localhost",
            kind: "server",
            validityDays: wholeNumber(values.days, "days"),
            replace: values.replace,
          }),
        ),
    }),
    command({
      name: "revoke",
      positionals: ["<serial|name>"],
      summary: "revoke a certificate and re-sign its CA's CRL",
      options: { reason: { type: "string", value: "R", description: "RFC 5280 reason (default: unspecified)" } },
      run: async ({ values, positionals }) =>
        printed(await revoke(pkiContext(values), { certificate: positionals[0], reason: values.reason })),
    }),
    command({
      name: "crl",
      summary: "re-sign every issuing CA's CRL (before its next update)",
      options: {
        "if-due": {
          type: "boolean",
          description: "only the CRLs past half their life (for a daily schedule); says what it left",
        },
      },
      run: async ({ values }) => printed(await crl(pkiContext(values), { ifDue: values["if-due"] })),
    }),
    command({
      name: "bundle",
      summary: "rewrite the truststore bundle (issuing CA(s), then root(s))",
      options: {},
      run: async ({ values }) => printed(await bundle(pkiContext(values))),
    }),
    command({
      name: "status",
      summary: "check the files against pki.json and list everything with its expiry; exit 1 when something needs action",
      options: {
        "warn-days": { type: "string", value: "N", description: "needs action within N days (default: config)" },
        json: { type: "boolean", description: "print the rows as JSON" },
        "deployed-state": {
          type: "string",
          value: "FILE",
          description:
            "the pki stack's Terraform state (terraform state pull): a folder behind the CRLs it published is a problem (default: the local backend's state file)",
        },
      },
      run: async ({ values }) => {
        const context = pkiContext(values);
        const deployedState = values["deployed-state"] ? path.resolve(values["deployed-state"]) : context.deployedState;
        return printed(
          await status(
            { ...context, deployedState },
            { warningDays: wholeNumber(values["warn-days"], "warn-days"), json: values.json },
          ),
        );
      },
    }),
    command({
      name: "rotate",
      positionals: ["<issuing|root>"],
      summary: "create a new issuing CA (and root); the old ones stay in the bundle",
      options: {},
      run: async ({ values, positionals }) => printed(await rotate(pkiContext(values), positionals[0])),
    }),
    command({
      name: "export",
      positionals: ["<client>"],
      summary: "write the client's certificate, issuing CA and key as one PKCS#12 file (owner-only)",
      options: {
        p12: { type: "boolean", description: "PKCS#12 (.p12), the one format export writes; required" },
        "password-file": {
          type: "string",
          value: "FILE",
          description: `the .p12 password (default: the ${P12_PASSWORD_ENV} environment variable)`,
        },
        out: { type: "string", value: "FILE", description: "where to write (default: private/clients/<client>.p12)" },
        legacy: {
          type: "boolean",
          description: "3DES and a SHA-1 MAC for clients that cannot read AES-256 (old Java 8/11, old Windows); default AES-256",
        },
      },
      run: async ({ values, positionals }) => {
        if (!values.p12) throw new UsageError("say the format: --p12 (PKCS#12)");
        const password = p12Password(values["password-file"]);
        const protection = values.legacy ? "legacy" : "modern";
        return printed(
          await exportP12(pkiContext(values), { name: positionals[0], password, out: values.out, protection }),
        );
      },
    }),
    command({
      name: "retire",
      positionals: ["<ca>"],
      summary: "take an old CA out of the bundle",
      options: { force: { type: "boolean", description: "retire even though certificates it issued are valid" } },
      run: async ({ values, positionals }) =>
        printed(await retire(pkiContext(values), { ca: positionals[0], force: values.force })),
    }),
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [PKI];

if (require.main === module) main(PKI);
