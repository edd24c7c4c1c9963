// pki export <client> --p12: the client's certificate, its key and its issuing CA as one PKCS#12 file, for clients
// that take no PEM (Windows and macOS key stores, Java, many IoT SDKs). The password comes from a file or the
// environment, never the command line (ps and shell history would show it). The file is owner-only (0600).
import { createPrivateKey, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type Forge from "node-forge";
import { PkiError } from "../../../lib/pki/errors";
import type { CommandResult, PkiContext } from "../context";
import { loadManifest } from "../store";

export const P12_PASSWORD_ENV = "MTLS_P12_PASSWORD";

export interface ExportOptions {
  readonly name: string;
  readonly password: string;
  /** @default private/clients/<name>.p12 in the PKI folder */
  readonly out?: string;
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

function rsaCertificate(forge: typeof Forge, pem: string): Forge.pki.Certificate | undefined {
  try {
    return forge.pki.certificateFromPem(pem);
  } catch {
    return undefined;
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
  const keyFile = context.layout.key("client", options.name);
  const keyPem = readPem(keyFile, "client key");
  if (createPrivateKey(keyPem).asymmetricKeyType !== "rsa") {
    throw new PkiError(
      `${options.name} has an EC key, and the PKCS#12 writer here (node-forge) takes RSA keys only: issue the client with pki.clientCertificates.keyAlgorithm RSA_2048, or build the file with openssl pkcs12 -export`,
    );
  }
  // Loaded here, not with the tool: every other pki command starts without it (about 80 ms of loading).
  const { default: forge } = await import("node-forge");
  const certificate = forge.pki.certificateFromPem(readPem(context.layout.certificate("client", options.name), "certificate"));
  // node-forge reads RSA certificates only: an EC issuing CA stays out (the truststore holds it; clients send their
  // own certificate, and API Gateway builds the chain from the truststore).
  const chain = rsaCertificate(forge, readPem(context.layout.caCertificate(record.issuer), "issuing CA"));
  const bag = chain ? [certificate, chain] : [certificate];
  const asn1 = forge.pkcs12.toPkcs12Asn1(forge.pki.privateKeyFromPem(keyPem), bag, options.password, {
    algorithm: "aes256",
    friendlyName: options.name,
  });
  const out = options.out ?? p12File(context, options.name);
  writeOwnerOnly(out, Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"));
  return {
    lines: [
      `Exported ${options.name} (serial ${record.serialNumber}) with its key${chain ? ` and ${record.issuer}` : ` (${record.issuer} left out: an EC CA; the truststore holds it)`} -> ${out} (owner-only; hand it over with the password on separate channels)`,
    ],
  };
}
