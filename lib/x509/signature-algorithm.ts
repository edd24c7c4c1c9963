// The signature algorithms the project knows, and the one a certificate is signed with, read from its DER.
// Node's X509Certificate does not expose it, and a full ASN.1 parse of every certificate (@peculiar/x509) is
// several times slower than the rest of the truststore linter put together; walking three DER headers is enough.
import { decodeOid, derHeader, nextHeader } from "./der";

/** Known signature algorithms: the hash they use, or null when they use none we accept. */
const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string | null }> = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", hash: "MD5" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "SHA-1" },
  "1.2.840.113549.1.1.14": { name: "sha224WithRSAEncryption", hash: "SHA-224" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "SHA-256" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "SHA-384" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "SHA-512" },
  "1.2.840.113549.1.1.10": { name: "RSASSA-PSS", hash: null },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "SHA-1" },
  "1.2.840.10045.4.3.1": { name: "ecdsa-with-SHA224", hash: "SHA-224" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "SHA-256" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "SHA-384" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "SHA-512" },
  "1.2.840.10040.4.3": { name: "dsa-with-SHA1", hash: "SHA-1" },
  "1.3.101.112": { name: "Ed25519", hash: null },
  "1.3.101.113": { name: "Ed448", hash: null },
};

const STRONG_HASHES = ["SHA-256", "SHA-384", "SHA-512"];

export interface SignatureAlgorithm {
  readonly oid: string;
  readonly name: string;
  /** The hash the signature uses; null when the algorithm is unknown or hashes in a way we do not accept. */
  readonly hash: string | null;
}

/** What the project knows of a signature algorithm OID; an unknown one keeps its OID as its name and no hash. */
export function signatureAlgorithmNamed(oid: string): SignatureAlgorithm {
  const known = SIGNATURE_ALGORITHMS[oid];
  return { oid, name: known?.name ?? oid, hash: known?.hash ?? null };
}

/** Whether the algorithm hashes with SHA-256 or stronger, as API Gateway requires of a truststore. */
export function hasStrongHash(algorithm: SignatureAlgorithm): boolean {
  return algorithm.hash !== null && STRONG_HASHES.includes(algorithm.hash);
}

/** The signature algorithm of a DER certificate (or CRL: both are SEQUENCE { tbs, signatureAlgorithm, ... }). */
export function signatureAlgorithmOf(der: Uint8Array): SignatureAlgorithm {
  const certificate = derHeader(der, 0);
  const tbs = derHeader(der, certificate.contentStart);
  const algorithm = nextHeader(der, tbs);
  const oid = derHeader(der, algorithm.contentStart);
  if (oid.tag !== 0x06) throw new Error("signatureAlgorithm does not start with an OBJECT IDENTIFIER");
  return signatureAlgorithmNamed(decodeOid(der.subarray(oid.contentStart, oid.contentStart + oid.length)));
}
