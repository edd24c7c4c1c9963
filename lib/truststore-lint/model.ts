// What the rules read: every PEM block, every certificate parsed once, and the chain each one builds to.
import { X509Certificate } from "node:crypto";
import { distinguishedName } from "../x509/names";
import { serialHex } from "../x509/serial";
import { signatureAlgorithmOf, type SignatureAlgorithm } from "../x509/signature-algorithm";
import type { PemBlock, PemFile } from "./pem";

export type Severity = "error" | "warning";

export interface BundleCertificate {
  readonly block: PemBlock;
  readonly x509: X509Certificate;
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly selfIssued: boolean;
}

/** The certificate (or PEM block) a finding is about. */
export interface FindingSubject {
  /** 1-based position of the PEM block in the file. */
  readonly index: number;
  readonly line: number;
  readonly subject?: string;
  readonly serialNumber?: string;
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly certificate: FindingSubject;
  readonly message: string;
  readonly fix: string;
}

export interface LintOptions {
  /** The time validity is checked at. @default now */
  readonly now?: Date;
  /** Warn when a certificate expires within this many days. @default 30 */
  readonly expiryWarningDays?: number;
}

export interface LintContext {
  readonly pem: PemFile;
  readonly certificates: BundleCertificate[];
  /** Blocks that claim to be certificates but do not parse, with the parser's message. */
  readonly unparsable: { block: PemBlock; reason: string }[];
  readonly now: Date;
  readonly expiryWarningDays: number;
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  check(context: LintContext): Finding[];
}

export function parseCertificate(block: PemBlock): BundleCertificate {
  const x509 = new X509Certificate(block.text);
  return {
    block,
    x509,
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    serialNumber: serialHex(x509),
    signatureAlgorithm: signatureAlgorithmOf(x509.raw),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    selfIssued: x509.subject === x509.issuer,
  };
}

export function about(certificate: BundleCertificate): FindingSubject {
  return {
    index: certificate.block.index,
    line: certificate.block.line,
    subject: certificate.subject,
    serialNumber: certificate.serialNumber,
  };
}

export function aboutBlock(block: PemBlock): FindingSubject {
  return { index: block.index, line: block.line };
}
