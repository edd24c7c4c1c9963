// Reads a CRL (DER, or PEM "X509 CRL"), checks it was issued and signed by the issuing CA, and indexes its
// revoked serial numbers. Anything unexpected throws: a CRL the authorizer cannot fully trust is no CRL.
import { verify } from "node:crypto";
import { asn1, bytesOf, childrenOf, encodingOf, isTime, isUniversal, oidOf, parseDer, timeOf, type Asn1 } from "./der";
import { firstElementBytes } from "../../lib/x509/der";
import { distinguishedName } from "../../lib/x509/names";
import { canonicalSerial } from "../../lib/x509/serial";
import { hasStrongHash, signatureAlgorithmNamed } from "../../lib/x509/signature-algorithm";
import type { IssuingCa } from "./issuing-ca";

export interface Crl {
  readonly thisUpdate: number;
  readonly nextUpdate: number;
  /** The CRL number (RFC 5280 5.2.3), which orders a CA's CRLs; absent from CRLs that carry none. */
  readonly crlNumber?: bigint;
  /** Canonical serials of the revoked certificates: a hash set, so a look-up costs the same at any CRL size. */
  readonly revokedSerials: ReadonlySet<string>;
}

const PEM_CRL = /-----BEGIN X509 CRL-----([A-Za-z0-9+/=\s]+)-----END X509 CRL-----/;

/** Parses, verifies and indexes a CRL issued by `ca`; throws an Error saying why it cannot be used. */
export function readCrl(bytes: Uint8Array, ca: IssuingCa): Crl {
  const der = derOf(bytes);
  const [tbs, algorithm, signature] = childrenOf(parseDer(der, "The CRL"), "CertificateList", 3);
  const fields = childrenOf(tbs, "TBSCertList", 4);
  let next = isUniversal(fields[0], asn1.Type.INTEGER) ? 1 : 0;
  const tbsAlgorithm = fields[next++];
  const issuer = fields[next++];
  const thisUpdate = timeOf(fields[next++], "thisUpdate");
  if (!isTime(fields[next])) throw new Error("The CRL has no nextUpdate, so its freshness cannot be judged");
  const nextUpdate = timeOf(fields[next++], "nextUpdate");
  const revokedList = isUniversal(fields[next], asn1.Type.SEQUENCE) ? fields[next++] : undefined;
  const extensions = fields[next];

  if (encodingOf(issuer) !== ca.subjectDer) {
    throw new Error(`The CRL's issuer is not the issuing CA (${distinguishedName(ca.certificate.subject)})`);
  }
  verifySignature(firstElementBytes(der), tbsAlgorithm, algorithm, signature, ca);
  const crlExtensions = extensions ? extensionsOf(childrenOf(extensions, "crlExtensions", 1)[0]) : [];
  if (crlExtensions.some(isCritical)) {
    // e.g. a delta CRL or a partitioned one: absence from it would not prove a certificate is unrevoked.
    throw new Error(
      "The CRL carries a critical extension the authorizer does not understand (delta or partitioned CRL?)",
    );
  }
  if (nextUpdate < thisUpdate) throw new Error("The CRL's nextUpdate is before its thisUpdate");
  const crlNumber = crlNumberOf(crlExtensions);
  return {
    thisUpdate,
    nextUpdate,
    ...(crlNumber === undefined ? {} : { crlNumber }),
    revokedSerials: indexRevoked(revokedList),
  };
}

function derOf(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString("latin1");
  if (!head.includes("-----BEGIN")) return bytes;
  const match = PEM_CRL.exec(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1"));
  if (!match) throw new Error('The CRL is PEM text without an "X509 CRL" block');
  return Buffer.from(match[1].replace(/\s+/g, ""), "base64");
}

function verifySignature(
  signed: Uint8Array,
  tbsAlgorithm: Asn1,
  algorithm: Asn1,
  signature: Asn1,
  ca: IssuingCa,
): void {
  const oid = oidOf(childrenOf(algorithm, "signatureAlgorithm", 1)[0], "signatureAlgorithm");
  if (oidOf(childrenOf(tbsAlgorithm, "signature", 1)[0], "signature") !== oid) {
    throw new Error("The CRL's two signature algorithm fields disagree");
  }
  // SHA-1 and MD5 are refused, as API Gateway refuses them in the truststore.
  const known = signatureAlgorithmNamed(oid);
  if (!hasStrongHash(known))
    throw new Error(`The CRL is signed with algorithm ${oid}; only SHA-256 or stronger RSA and ECDSA are accepted`);
  const hash = known.hash!.replace("-", "").toLowerCase();
  const bits = bytesOf(signature, "signatureValue");
  if (!isUniversal(signature, asn1.Type.BITSTRING) || bits.charCodeAt(0) !== 0) {
    throw new Error("The CRL's signature is not a whole-byte BIT STRING");
  }
  let valid = false;
  try {
    valid = verify(hash, signed, ca.certificate.publicKey, Buffer.from(bits.slice(1), "latin1"));
  } catch {
    valid = false;
  }
  if (!valid) throw new Error("The CRL's signature does not verify against the issuing CA's public key");
}

function indexRevoked(list: Asn1 | undefined): Set<string> {
  const serials = new Set<string>();
  if (!list) return serials;
  for (const entry of childrenOf(list, "revokedCertificates")) {
    const [serial, , entryExtensions] = childrenOf(entry, "revokedCertificates entry", 2);
    if (!isUniversal(serial, asn1.Type.INTEGER)) throw new Error("A revoked-certificate entry has no serial number");
    if (entryExtensions && extensionsOf(entryExtensions).some(isCritical)) {
      // e.g. certificateIssuer (an indirect CRL): the entry may revoke another CA's certificate.
      throw new Error("A revoked-certificate entry carries a critical extension the authorizer does not understand");
    }
    serials.add(canonicalSerial(Buffer.from(serial.value as string, "latin1").toString("hex")));
  }
  return serials;
}

const CRL_NUMBER = "2.5.29.20";

function crlNumberOf(extensions: Asn1[]): bigint | undefined {
  const extension = extensions.find(
    (candidate) => oidOf(childrenOf(candidate, "Extension", 2)[0], "extnID") === CRL_NUMBER,
  );
  if (!extension) return undefined;
  const value = childrenOf(extension, "Extension", 2).at(-1);
  const integer = parseDer(Buffer.from(bytesOf(value, "CRL number"), "latin1"), "The CRL number");
  if (!isUniversal(integer, asn1.Type.INTEGER)) throw new Error("The CRL number is not an INTEGER");
  const bytes = Buffer.from(bytesOf(integer, "CRL number"), "latin1");
  if (bytes.length > 20 || (bytes[0] & 0x80) !== 0)
    throw new Error("The CRL number is not a non-negative INTEGER of at most 20 octets");
  return BigInt(`0x${bytes.toString("hex")}`);
}

function extensionsOf(node: Asn1): Asn1[] {
  return childrenOf(node, "Extensions");
}

function isCritical(extension: Asn1): boolean {
  const flag = childrenOf(extension, "Extension", 2)[1];
  return isUniversal(flag, asn1.Type.BOOLEAN) && bytesOf(flag, "critical") !== "\x00";
}
