// Signs certificates and CRLs. Callers decide what to sign; this module only builds well-formed X.509.
import { randomBytes, type KeyObject } from "node:crypto";
import { signatureParams, type HashName } from "./algorithms";
import { signingKey, spki } from "./keys";
import { profileExtensions, type CertificateProfile } from "./profiles";
import { x509 } from "../../../lib/x509/peculiar-x509";
import { CRL_NUMBER_OID, encodeCrlNumber } from "../../../lib/x509/crl-number";

/** The CA that signs: its certificate, its private key, and the hash it signs with. */
export interface Signer {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
  readonly hash: HashName;
}

export interface CertificateRequest {
  readonly profile: CertificateProfile;
  readonly subject: string | x509.JsonName | x509.Name;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Subject alternative names (the proving ground's server certificate). */
  readonly alternativeNames?: x509.JsonGeneralName[];
}

/** 16 random bytes, high bit clear so the INTEGER stays positive and 16 bytes long (RFC 5280 allows 20). */
export function randomSerialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x10;
  return bytes.toString("hex");
}

/** A certificate signed by the signer; a self-signed one when the signer is omitted (the root). */
export async function signCertificate(
  request: CertificateRequest,
  signer: Signer | { selfSigned: KeyObject; hash: HashName },
): Promise<x509.X509Certificate> {
  const publicKey = spki(request.publicKey);
  const issuerKey = "selfSigned" in signer ? signer.selfSigned : signer.privateKey;
  const issuerPublicKey = "selfSigned" in signer ? publicKey : signer.certificate.publicKey.rawData;
  const extensions = [
    ...profileExtensions(request.profile, request.publicKey),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    ...("selfSigned" in signer ? [] : [await x509.AuthorityKeyIdentifierExtension.create(issuerPublicKey)]),
    ...(request.alternativeNames ? [new x509.SubjectAlternativeNameExtension(request.alternativeNames)] : []),
  ];
  const subject = request.subject;
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerialNumber(),
    subject,
    issuer: "selfSigned" in signer ? subject : signer.certificate.subjectName,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    publicKey,
    signingKey: await signingKey(issuerKey, signer.hash),
    signingAlgorithm: signatureParams(issuerKey, signer.hash),
    extensions,
  });
}

export interface RevokedEntry {
  readonly serialNumber: string;
  readonly revocationDate: Date;
  readonly reason: x509.X509CrlReason;
}

export async function signCrl(
  signer: Signer,
  entries: readonly RevokedEntry[],
  thisUpdate: Date,
  nextUpdate: Date,
  crlNumber: number,
): Promise<x509.X509Crl> {
  return x509.X509CrlGenerator.create({
    issuer: signer.certificate.subjectName,
    thisUpdate,
    nextUpdate,
    entries: entries.map((entry) => ({ ...entry })),
    signingKey: await signingKey(signer.privateKey, signer.hash),
    signingAlgorithm: signatureParams(signer.privateKey, signer.hash),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(signer.certificate.publicKey.rawData),
      new x509.Extension(CRL_NUMBER_OID, false, encodeCrlNumber(crlNumber)),
    ],
  });
}
