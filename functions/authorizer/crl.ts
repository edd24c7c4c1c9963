// Reads a CRL (DER, or PEM "X509 CRL"), checks it was issued and signed by the issuing CA, and indexes its
// revoked serial numbers. Anything unexpected throws: a CRL the authorizer cannot fully trust is no CRL.
// Read in one pass over the caller's bytes (lib/x509/der.ts) with no object kept per entry, so a 1,000,000-entry
// CRL, ACM Private CA's ceiling for a complete CRL, loads well within a 512 MB function (docs/authorizer.md).
import { verify } from "node:crypto";
import { CRL_NUMBER_OID, readCrlNumber } from "../../lib/x509/crl-number";
import {
  booleanOf,
  childrenOf,
  contentOf,
  derRoot,
  encodingOf,
  expectTag,
  isTime,
  oidOf,
  readHeaderInto,
  TAG,
  timeOf,
  type DerHeader,
  type Mutable,
} from "../../lib/x509/der";
import { distinguishedName } from "../../lib/x509/names";
import { hasStrongHash, signatureAlgorithmNamed } from "../../lib/x509/signature-algorithm";
import type { IssuingCa } from "./issuing-ca";
import { RevokedSerialsBuilder, type RevokedSerials } from "./revoked-serials";

export interface Crl {
  readonly thisUpdate: number;
  readonly nextUpdate: number;
  /** The CRL number (RFC 5280 5.2.3), which orders a CA's CRLs; absent from CRLs that carry none. */
  readonly crlNumber?: bigint;
  /** The revoked certificates' serials: a hash table, so a look-up costs the same at any CRL size. */
  readonly revokedSerials: RevokedSerials;
}

const PEM_BEGIN = "-----BEGIN X509 CRL-----";
const PEM_END = "-----END X509 CRL-----";
const BASE64_OR_SPACE = new Uint8Array(256);
for (const character of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n") {
  BASE64_OR_SPACE[character.charCodeAt(0)] = 1;
}

/** RFC 5280 5.2.4: a delta CRL lists only the changes since a base CRL. */
const DELTA_CRL_INDICATOR = "2.5.29.27";
/** RFC 5280 5.2.5: a CRL that covers only part of a CA's certificates (ACM Private CA's partitioned CRLs). */
const ISSUING_DISTRIBUTION_POINT = "2.5.29.28";

/**
 * The largest CRL the authorizer reads: 64 MiB of DER, about 1,800,000 entries of a 16-octet serial and a reason
 * code, which load within the function's 512 MB with the CRL they replace still held (bench:authorizer measures
 * 1,000,000, ACM Private CA's most for a complete CRL). Past it, a CRL is refused in one line, never an
 * out-of-memory crash that would take every decision of the instance with it.
 */
export const MAX_CRL_BYTES = 64 * 1024 * 1024;

/** Refuses, in one line, a CRL of more than `maxBytes` (PEM text may take twice that: base64 and line breaks). */
export function checkCrlSize(bytes: number, pem: boolean, maxBytes = MAX_CRL_BYTES): void {
  if (bytes > (pem ? 2 * maxBytes : maxBytes)) {
    throw new Error(
      `The CRL is ${size(bytes)}${pem ? " of PEM" : ""}, over the authorizer's ceiling of ${size(maxBytes)} of DER (about ${(Math.round(maxBytes / 37 / 1e5) * 1e5).toLocaleString("en")} entries): issue from more than one CA, each with its own complete CRL`,
    );
  }
}

function size(bytes: number): string {
  return bytes < 1048576 ? `${bytes} bytes` : `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** Parses, verifies and indexes a CRL issued by `ca`; throws an Error saying why it cannot be used. */
export function readCrl(bytes: Uint8Array, ca: IssuingCa, maxBytes = MAX_CRL_BYTES): Crl {
  checkCrlSize(bytes.byteLength, true, maxBytes);
  const der = derOf(bytes);
  checkCrlSize(der.byteLength, false, maxBytes);
  const [tbs, algorithm, signature] = exactly(
    der,
    expectTag(derRoot(der, "The CRL"), TAG.SEQUENCE, "The CRL"),
    "The CRL",
    3,
  );
  const fields = childrenOf(der, expectTag(tbs, TAG.SEQUENCE, "The CRL's TBSCertList"), "The CRL's TBSCertList");
  let next = fields[0]?.tag === TAG.INTEGER ? 1 : 0;
  const tbsAlgorithm = fields[next++];
  const issuer = expectTag(fields[next++], TAG.SEQUENCE, "The CRL's issuer");
  const thisUpdate = timeOf(der, fields[next++], "The CRL's thisUpdate");
  if (!isTime(fields[next])) throw new Error("The CRL has no nextUpdate, so its freshness cannot be judged");
  const nextUpdate = timeOf(der, fields[next++], "The CRL's nextUpdate");
  const revokedList = fields[next]?.tag === TAG.SEQUENCE ? fields[next++] : undefined;
  const extensions = fields[next]?.tag === TAG.CONTEXT_0 ? fields[next++] : undefined;
  if (next !== fields.length) throw new Error("The CRL's TBSCertList has fields RFC 5280 does not define");

  if (Buffer.compare(encodingOf(der, issuer), ca.subjectDer) !== 0) {
    throw new Error(`The CRL's issuer is not the issuing CA (${distinguishedName(ca.certificate.subject)})`);
  }
  verifySignature(der, tbs, tbsAlgorithm, algorithm, signature, ca);
  const crlExtensions = extensions ? readExtensions(der, exactly(der, extensions, "The CRL's extensions", 1)[0]) : [];
  refuseIncompleteCrl(crlExtensions);
  if (nextUpdate < thisUpdate) throw new Error("The CRL's nextUpdate is before its thisUpdate");
  const crlNumber = crlExtensions.find((extension) => extension.oid === CRL_NUMBER_OID);
  return {
    thisUpdate,
    nextUpdate,
    ...(crlNumber ? { crlNumber: readCrlNumber(contentOf(der, crlNumber.value)) } : {}),
    revokedSerials: indexRevoked(der, revokedList),
  };
}

function derOf(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!text.subarray(0, 64).includes("-----BEGIN")) return bytes;
  const begin = text.indexOf(PEM_BEGIN);
  const end = text.indexOf(PEM_END, begin);
  if (begin < 0 || end < 0) throw new Error('The CRL is PEM text without an "X509 CRL" block');
  const body = text.subarray(begin + PEM_BEGIN.length, end);
  // Checked with a byte loop, not a regular expression over tens of megabytes; the decoder skips the line breaks.
  if (!body.every((byte) => BASE64_OR_SPACE[byte] === 1)) throw new Error("The CRL's PEM block is not base64 text");
  return Buffer.from(body.toString("latin1"), "base64");
}

/** The children of a constructed value, which must number exactly `count`. */
function exactly(der: Uint8Array, parent: DerHeader, what: string, count: number): DerHeader[] {
  const children = childrenOf(der, parent, what);
  if (children.length !== count) throw new Error(`${what} is not the expected ASN.1 structure`);
  return children;
}

/**
 * Only a complete CRL proves a certificate is not revoked, whatever the critical flag of the extension that says
 * it is something else (RFC 5280 5.2.4, 5.2.5; a CA may mark them non-critical, the authorizer is not fooled).
 */
function refuseIncompleteCrl(extensions: readonly Extension[]): void {
  for (const extension of extensions) {
    if (extension.oid === DELTA_CRL_INDICATOR) {
      throw new Error(
        "The CRL is a delta CRL (deltaCRLIndicator): it lists only recent revocations; publish the CA's complete CRL",
      );
    }
    if (extension.oid === ISSUING_DISTRIBUTION_POINT) {
      throw new Error(
        "The CRL is partitioned or scoped (issuingDistributionPoint), and the authorizer reads only a CA's complete CRL: set the CA's CRL type to COMPLETE (ACM Private CA CrlConfiguration CrlType)",
      );
    }
    if (extension.critical) {
      throw new Error(`The CRL carries a critical extension the authorizer does not understand (${extension.oid})`);
    }
  }
}

function verifySignature(
  der: Uint8Array,
  tbs: DerHeader,
  tbsAlgorithm: DerHeader | undefined,
  algorithm: DerHeader,
  signature: DerHeader,
  ca: IssuingCa,
): void {
  const algorithmOid = (header: DerHeader | undefined, what: string) =>
    oidOf(der, childrenOf(der, expectTag(header, TAG.SEQUENCE, what), what)[0], what);
  const oid = algorithmOid(algorithm, "The CRL's signatureAlgorithm");
  if (algorithmOid(tbsAlgorithm, "The CRL's signature field") !== oid) {
    throw new Error("The CRL's two signature algorithm fields disagree");
  }
  // SHA-1 and MD5 are refused, as API Gateway refuses them in the truststore.
  const known = signatureAlgorithmNamed(oid);
  if (!hasStrongHash(known))
    throw new Error(`The CRL is signed with algorithm ${oid}; only SHA-256 or stronger RSA and ECDSA are accepted`);
  const hash = known.hash!.replace("-", "").toLowerCase();
  const bits = contentOf(der, signature);
  if (signature.tag !== TAG.BIT_STRING || bits[0] !== 0) {
    throw new Error("The CRL's signature is not a whole-byte BIT STRING");
  }
  let valid = false;
  try {
    valid = verify(hash, encodingOf(der, tbs), ca.certificate.publicKey, bits.subarray(1));
  } catch {
    valid = false;
  }
  if (!valid) throw new Error("The CRL's signature does not verify against the issuing CA's public key");
}

/** The revoked serials, read entry by entry with nothing kept per entry but the serial's octets. */
function indexRevoked(der: Uint8Array, list: DerHeader | undefined): RevokedSerials {
  // A 16-octet serial and a UTCTime in their SEQUENCE take 35 bytes, more with a reason code: a guess, not a limit.
  const serials = new RevokedSerialsBuilder(list ? Math.ceil(list.length / 32) : 0);
  if (!list) return serials.build();
  const entry = emptyHeader();
  const serial = emptyHeader();
  const date = emptyHeader();
  const scratch = [emptyHeader(), emptyHeader(), emptyHeader(), emptyHeader(), emptyHeader()] as const;
  try {
    for (let offset = list.contentStart; offset < list.end; offset = entry.end) {
      readHeaderInto(der, offset, list.end, entry);
      readHeaderInto(der, entry.contentStart, entry.end, serial);
      readHeaderInto(der, serial.end, entry.end, date);
      if (entry.tag !== TAG.SEQUENCE || serial.tag !== TAG.INTEGER || serial.length === 0 || !isTime(date)) {
        throw new Error("A revoked-certificate entry is not a serial number and a revocation date");
      }
      // e.g. certificateIssuer (an indirect CRL): the entry may revoke another CA's certificate.
      if (date.end !== entry.end && hasCriticalExtension(der, date.end, entry.end, scratch)) {
        throw new Error("A revoked-certificate entry carries a critical extension the authorizer does not understand");
      }
      serials.add(der, serial.contentStart, serial.end);
    }
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(
      message.startsWith("A revoked") ? message : `A revoked-certificate entry is not valid DER: ${message}`,
    );
  }
  return serials.build();
}

function emptyHeader(): Mutable<DerHeader> {
  return { tag: 0, start: 0, contentStart: 0, length: 0, end: 0 };
}

/**
 * Whether the entry extensions at der[offset, end) (exactly one Extensions SEQUENCE) include a critical one; read
 * into `scratch` headers, as a CRL of 1,000,000 entries, each with a reason code, must not allocate per entry.
 */
function hasCriticalExtension(
  der: Uint8Array,
  offset: number,
  end: number,
  [list, extension, id, flag, value]: readonly Mutable<DerHeader>[],
): boolean {
  readHeaderInto(der, offset, end, list);
  if (list.tag !== TAG.SEQUENCE || list.end !== end) throw new Error("A revoked-certificate entry has extra fields");
  let critical = false;
  for (let at = list.contentStart; at < list.end; at = extension.end) {
    readHeaderInto(der, at, list.end, extension);
    readHeaderInto(der, extension.contentStart, extension.end, id);
    readHeaderInto(der, id.end, extension.end, flag);
    const flagged = flag.tag === TAG.BOOLEAN;
    if (flagged) readHeaderInto(der, flag.end, extension.end, value);
    const extnValue = flagged ? value : flag;
    if (extension.tag !== TAG.SEQUENCE || id.tag !== TAG.OID || extnValue.tag !== TAG.OCTET_STRING) {
      throw new Error("A revoked-certificate entry's extension is not the expected ASN.1 structure");
    }
    if (extnValue.end !== extension.end) throw new Error("A revoked-certificate entry's extension has extra fields");
    if (flagged && booleanOf(der, flag, "An entry extension's critical flag")) critical = true;
  }
  return critical;
}

interface Extension {
  readonly oid: string;
  readonly critical: boolean;
  readonly value: DerHeader;
}

/** Extensions ::= SEQUENCE OF SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
function readExtensions(der: Uint8Array, extensions: DerHeader): Extension[] {
  return childrenOf(der, expectTag(extensions, TAG.SEQUENCE, "Extensions"), "Extensions").map((extension) => {
    const fields = childrenOf(der, expectTag(extension, TAG.SEQUENCE, "An extension"), "An extension");
    const critical = fields.length === 3 && booleanOf(der, fields[1], "An extension's critical flag");
    const value = expectTag(fields[fields.length - 1], TAG.OCTET_STRING, "An extension's value");
    if (fields.length !== (fields[1]?.tag === TAG.BOOLEAN ? 3 : 2)) {
      throw new Error("An extension is not the expected ASN.1 structure");
    }
    return { oid: oidOf(der, fields[0], "An extension's extnID"), critical, value };
  });
}
