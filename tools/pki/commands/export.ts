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
    throw new PkiError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code}): check the path given to --out`);
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
    throw new PkiError(`no valid client certificate named ${JSON.stringify(options.name)}: \`npm run pki -- status\` lists them`);
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
