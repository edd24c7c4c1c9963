// Reads the PKI's state (record, CA certificates, CA keys) and stages the files a command writes.
import * as fs from "node:fs";
import type { KeyObject } from "node:crypto";
import { PkiError } from "../../lib/pki-folder/errors";
import {
  authorityNamed,
  bundledAuthorities,
  manifestText,
  readManifest,
  type Authority,
  type Manifest,
} from "../../lib/pki-folder/manifest";
import { x509 } from "../../lib/x509/peculiar-x509";
import { commitFiles, type FileWrite } from "./atomic-write";
import type { PkiContext } from "./context";
import { signingHash } from "./crypto/algorithms";
import { parsePrivateKey, privateKeyPem } from "./crypto/keys";
import type { Signer } from "./crypto/sign";

export function pemText(certificate: x509.X509Certificate): string {
  return `${certificate.toString("pem").trim()}\n`;
}

export function readCertificate(context: PkiContext, file: string): x509.X509Certificate {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(
      `${context.layout.display(file)} is missing: restore it from a backup, or start over with a new PKI folder`,
    );
  }
  try {
    return new x509.X509Certificate(text);
  } catch (error) {
    throw new PkiError(
      `${context.layout.display(file)} is not a PEM certificate (${(error as Error).message}): restore it from a backup`,
    );
  }
}

export function loadManifest(context: PkiContext): Manifest {
  return readManifest(context.layout);
}

/** A key file others can read is a key others may have copied: the line that says so and what to do. */
export function keyExposure(context: PkiContext, file: string): string | undefined {
  const mode = fs.statSync(file, { throwIfNoEntry: false })?.mode ?? 0;
  if ((mode & 0o077) === 0) return undefined;
  const shown = context.layout.display(file);
  return `${shown} is readable by group or others (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${shown}\`, and treat the key as exposed if others could log in here`;
}

/** A CA ready to sign: its certificate and its decrypted key. */
export function loadSigner(context: PkiContext, ca: Authority): Signer {
  const file = context.layout.caKey(ca.name);
  let pem: string;
  try {
    pem = fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(
      `the private key of CA ${ca.name} (${context.layout.display(file)}) is missing: restore it from your backup`,
    );
  }
  const exposure = keyExposure(context, file);
  if (exposure) console.error(`pki: warning: ${exposure}`);
  return {
    certificate: readCertificate(context, context.layout.caCertificate(ca.name)),
    privateKey: parsePrivateKey(pem, context.layout.display(file), context.passphrase, context.passphraseSource),
    hash: signingHash(ca.signingAlgorithm),
  };
}

export function activeIssuingCa(manifest: Manifest): Authority {
  return authorityNamed(manifest, manifest.activeIssuingCa);
}

/**
 * The truststore bundle: issuing CA(s), then root(s), each PEM trimmed and ending in one newline.
 * `created` holds the certificates of CAs this command creates, which are not on disk yet.
 */
export function bundleText(context: PkiContext, manifest: Manifest, created: Record<string, string> = {}): string {
  return bundledAuthorities(manifest)
    .map((ca) => created[ca.name] ?? pemText(readCertificate(context, context.layout.caCertificate(ca.name))))
    .join("");
}

/** Collects a command's files, then writes them all at once with the record last. */
export class Changes {
  private readonly writes: FileWrite[] = [];

  constructor(private readonly context: PkiContext) {}

  add(file: string, content: string | Uint8Array): this {
    this.writes.push({ file, content });
    return this;
  }

  addKey(file: string, key: KeyObject, encrypt: boolean): this {
    this.writes.push({
      file,
      content: privateKeyPem(key, encrypt ? this.context.passphrase : undefined),
      secret: true,
    });
    return this;
  }

  commit(manifest: Manifest): void {
    commitFiles(this.context.layout, [
      ...this.writes,
      { file: this.context.layout.manifest, content: manifestText(manifest) },
    ]);
  }
}
