// pki export <client> --p12: the client's certificate, its issuing CA and its key as one PKCS#12 file, for
// clients that take no PEM (Java key stores, Windows and macOS key stores, Postman, many IoT SDKs). The
// certificates go in as issued, byte for byte (a re-encoded certificate no longer matches its signature). The
// password comes from a file or the environment, never the command line (ps and shell history would show it).
// The file is owner-only (0600). See docs/client-handover.md.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../../lib/pki-folder/errors";
import type { CommandResult, PkiContext } from "../context";
import { buildPkcs12, PKCS12_PROTECTION, type Pkcs12Protection } from "../crypto/pkcs12";
import { loadManifest } from "../store";
import { UsageError } from "../../../lib/user-error";
import { pkiCommand, pkiContext, printed } from "../command-line";

export const P12_PASSWORD_ENV = "MTLS_P12_PASSWORD";

export interface ExportOptions {
  readonly name: string;
  readonly password: string;
  /** @default private/clients/<name>.p12 in the PKI folder */
  readonly out?: string;
  /** @default "modern" (PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, an HMAC-SHA256 MAC) */
  readonly protection?: Pkcs12Protection;
}

function readPem(file: string, what: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(`the ${what} ${file} cannot be read: was the certificate issued with a new key pair here?`);
  }
}

/** Owner-only from its first byte, and whole or absent: a temporary name beside it, then a rename. */
function writeOwnerOnly(file: string, content: Buffer): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    fs.writeFileSync(temporary, content, { mode: 0o600, flag: "wx" });
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new PkiError(
      `cannot write ${file} (${(error as NodeJS.ErrnoException).code}): check the path given to --out`,
    );
  }
}

export function p12File(context: PkiContext, name: string): string {
  return context.layout.key("client", name).replace(/\.key\.pem$/, ".p12");
}

export async function exportP12(context: PkiContext, options: ExportOptions): Promise<CommandResult> {
  const manifest = loadManifest(context);
  const record = manifest.certificates
    .filter((certificate) => certificate.kind === "client" && certificate.name === options.name && !certificate.revoked)
    .at(-1);
  if (!record) {
    throw new PkiError(
      `no valid client certificate named ${JSON.stringify(options.name)}: \`npm run pki -- status\` lists them`,
    );
  }
  const protection = options.protection ?? "modern";
  // The issuing CA rides along, so that a Java or Windows key store holds the whole chain the client sends; the
  // root stays out (the server's truststore holds it, and a client has no reason to send it).
  const p12 = buildPkcs12({
    keyPem: readPem(context.layout.key("client", options.name), "client key"),
    certificatesPem:
      readPem(context.layout.certificate("client", options.name), "certificate") +
      readPem(context.layout.caCertificate(record.issuer), "issuing CA certificate"),
    password: options.password,
    friendlyName: options.name,
    protection,
  });
  const out = options.out ?? p12File(context, options.name);
  writeOwnerOnly(out, p12);
  return {
    lines: [
      `Exported ${options.name} (serial ${record.serialNumber}) with its key and ${record.issuer} (${PKCS12_PROTECTION[protection].label}) -> ${out} (owner-only; hand it over with the password on separate channels)`,
    ],
  };
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
    throw new UsageError(
      `give the PKCS#12 password with --password-file FILE or ${P12_PASSWORD_ENV} (never on the command line)`,
    );
  }
  return password;
}

export const EXPORT_COMMAND = pkiCommand({
  name: "export",
  positionals: ["<client>"],
  summary: "write the client's certificate, issuing CA and key as one PKCS#12 file (owner-only)",
  options: {
    p12: { type: "boolean", description: "PKCS#12 (.p12), the one format export writes; required" },
    "password-file": {
      type: "path",
      kind: "file",
      description: `the .p12 password (default: the ${P12_PASSWORD_ENV} environment variable)`,
    },
    out: {
      type: "path",
      kind: "file",
      check: "parent-exists",
      description: "where to write (default: private/clients/<client>.p12)",
    },
    legacy: {
      type: "boolean",
      description:
        "3DES and a SHA-1 MAC for clients that cannot read AES-256 (old Java 8/11, old Windows); default AES-256",
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
});
