// Certificates with exactly the flaw a test needs, built directly with @peculiar/x509 (the PKI tool refuses
// to make most of them).
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { x509 } from "../../lib/x509/peculiar-x509";
import type { HashName } from "../../tools/pki/crypto/algorithms";
import { signatureParams } from "../../tools/pki/crypto/algorithms";
import { signingKey, spki } from "../../tools/pki/crypto/keys";

const DAY = 24 * 60 * 60 * 1000;

export type FixtureKey = "P-256" | "P-384" | "P-521" | "RSA-1024" | "RSA-2048" | "Ed25519";

export interface FixtureCertificate {
  readonly pem: string;
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
}

export interface FixtureOptions {
  readonly name: string;
  /** The signer; self-signed when omitted. */
  readonly issuer?: FixtureCertificate;
  /** @default P-256 */
  readonly key?: FixtureKey;
  /** The hash the issuer signs with. @default SHA-256 */
  readonly hash?: HashName;
  /** basicConstraints CA:TRUE (without a path length). @default true */
  readonly ca?: boolean;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  /** Reuse this certificate's key pair (to make two CAs that sign each other). @default a new key pair */
  readonly keyOf?: FixtureCertificate;
}

function keyPair(key: FixtureKey): { privateKey: KeyObject; publicKey: KeyObject } {
  switch (key) {
    case "P-256":
    case "P-384":
    case "P-521":
      return generateKeyPairSync("ec", { namedCurve: key });
    case "RSA-1024":
    case "RSA-2048":
      return generateKeyPairSync("rsa", { modulusLength: Number(key.slice(4)) });
    case "Ed25519":
      return generateKeyPairSync("ed25519");
  }
}

export async function fixtureCertificate(options: FixtureOptions): Promise<FixtureCertificate> {
  const keys = options.keyOf
    ? { privateKey: options.keyOf.privateKey, publicKey: createPublicKey(options.keyOf.privateKey) }
    : keyPair(options.key ?? "P-256");
  const issuerKey = options.issuer?.privateKey ?? keys.privateKey;
  const hash = options.hash ?? "SHA-256";
  const publicKey = spki(keys.publicKey);
  const ca = options.ca ?? true;
  const certificate = await x509.X509CertificateGenerator.create({
    subject: `CN=${options.name}`,
    issuer: options.issuer ? options.issuer.certificate.subjectName : `CN=${options.name}`,
    notBefore: options.notBefore ?? new Date(Date.now() - DAY),
    notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY),
    publicKey,
    signingKey: await signingKey(issuerKey, hash),
    signingAlgorithm: signatureParams(issuerKey, hash),
    extensions: [
      new x509.BasicConstraintsExtension(ca, undefined, true),
      new x509.KeyUsagesExtension(
        ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ],
  });
  return { pem: `${certificate.toString("pem")}\n`, certificate, privateKey: keys.privateKey };
}

/** The same certificate with one byte of its signature changed: it still parses, but no key verifies it. */
export function withBrokenSignature(fixture: FixtureCertificate): string {
  const der = Buffer.from(fixture.certificate.rawData);
  der[der.length - 3] ^= 0x01;
  return `${x509.PemConverter.encode(der, "CERTIFICATE")}\n`;
}
