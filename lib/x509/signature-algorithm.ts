// The signature algorithm of a certificate, read from its DER. Node's X509Certificate does not expose it,
// and a full ASN.1 parse of every certificate (@peculiar/x509) is several times slower than the rest of
// the truststore linter put together; walking three DER headers is enough.

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

export const STRONG_HASHES = ["SHA-256", "SHA-384", "SHA-512"];

export interface SignatureAlgorithm {
  readonly oid: string;
  readonly name: string;
  /** The hash the signature uses; null when the algorithm is unknown or hashes in a way we do not accept. */
  readonly hash: string | null;
}

export function signatureAlgorithmOf(der: Uint8Array): SignatureAlgorithm {
  // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, params }, ... }
  const certificate = readHeader(der, 0);
  const tbs = readHeader(der, certificate.contentStart);
  const algorithm = readHeader(der, tbs.contentStart + tbs.length);
  const oid = readHeader(der, algorithm.contentStart);
  if (oid.tag !== 0x06) throw new Error("signatureAlgorithm does not start with an OBJECT IDENTIFIER");
  const text = decodeOid(der.subarray(oid.contentStart, oid.contentStart + oid.length));
  const known = SIGNATURE_ALGORITHMS[text];
  return { oid: text, name: known?.name ?? text, hash: known?.hash ?? null };
}

function readHeader(der: Uint8Array, offset: number): { tag: number; length: number; contentStart: number } {
  const tag = der[offset];
  let length = der[offset + 1];
  let contentStart = offset + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4) throw new Error("unsupported DER length");
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[contentStart + i];
    contentStart += bytes;
  }
  if (tag === undefined || contentStart + length > der.length) throw new Error("truncated DER");
  return { tag, length, contentStart };
}

function decodeOid(bytes: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join(".");
}
