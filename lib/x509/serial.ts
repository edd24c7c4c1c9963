// Certificate serial numbers arrive written in several ways: API Gateway's colon-separated hex, plain hex from
// OpenSSL and Node, decimal from other tools, in any case and with or without leading zeros. Every comparison
// goes through the one canonical form below: the authorizer, the PKI tool and the proving ground all import it.
// RFC 5280 asks for positive serials, but some CAs issued negative ones: the canonical form is the INTEGER's value,
// so a negative serial is "-" and its magnitude (as Node prints it), never its two's-complement octets.
import type { X509Certificate } from "node:crypto";
import { childrenOf, contentOf, derRoot, expectTag, TAG } from "./der";

/**
 * Lower-case hex, no separators, no leading zeros ("0" for zero), "-" before a negative serial's magnitude: the
 * form the revocation index holds.
 */
export function canonicalSerial(hex: string): string {
  const [, sign, digits] = /^(-?)0*(.*)$/s.exec(hex.toLowerCase())!;
  return digits === "" ? "0" : `${sign}${digits}`;
}

/** The canonical serial of a DER INTEGER's contents (two's complement, most significant octet first). */
export function serialOfInteger(content: Uint8Array): string {
  if (content.length === 0) throw new Error("a serial number INTEGER has no contents");
  const hex = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString("hex");
  if (!(content[0] & 0x80)) return canonicalSerial(hex);
  return `-${((1n << BigInt(content.length * 8)) - BigInt(`0x${hex}`)).toString(16)}`;
}

/** The canonical serial of a DER certificate, read from its bytes as the CRL index reads its entries. */
export function serialOfCertificate(der: Uint8Array): string {
  const [tbs] = childrenOf(der, derRoot(der, "The certificate"), "Certificate");
  const fields = childrenOf(der, expectTag(tbs, TAG.SEQUENCE, "TBSCertificate"), "TBSCertificate");
  const serial = fields[fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0];
  return serialOfInteger(contentOf(der, expectTag(serial, TAG.INTEGER, "The certificate's serialNumber")));
}

/**
 * The shortest two's-complement octets of an INTEGER's contents: DER already writes them so, but a CA that pads
 * with redundant leading octets must not hide a revocation.
 */
export function minimalInteger(content: Uint8Array): Uint8Array {
  return content.subarray(minimalIntegerStart(content, 0, content.length));
}

/** Where the shortest form of the INTEGER contents octets[start, end) starts. */
export function minimalIntegerStart(octets: Uint8Array, start: number, end: number): number {
  while (
    start + 1 < end &&
    ((octets[start] === 0x00 && !(octets[start + 1] & 0x80)) || (octets[start] === 0xff && octets[start + 1] & 0x80))
  ) {
    start++;
  }
  return start;
}

/** The shortest two's-complement octets of a canonical serial: what `serialOfInteger` read them from. */
export function integerOfSerial(canonical: string): Uint8Array | undefined {
  const parts = /^(-?)([0-9a-f]+)$/.exec(canonical);
  if (!parts) return undefined;
  const magnitude = BigInt(`0x${parts[2]}`);
  const negative = parts[1] === "-" && magnitude !== 0n;
  // n octets hold -2^(8n-1) to 2^(8n-1) - 1.
  let octets = 1;
  const half = () => 1n << BigInt(octets * 8 - 1);
  while (negative ? magnitude > half() : magnitude >= half()) octets++;
  const value = negative ? (1n << BigInt(octets * 8)) - magnitude : magnitude;
  return Buffer.from(value.toString(16).padStart(octets * 2, "0"), "hex");
}

const PREFIXED_HEX = /^(-?)0x([0-9a-f]+)$/i;
const COLON_HEX = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2})+$/i;
const DECIMAL = /^-?[0-9]+$/;
const HEX = /^-?[0-9a-f]+$/i;

/**
 * The canonical serials a written serial number can stand for. Colon-separated, 0x-prefixed or letter-bearing
 * text has one reading; text of decimal digits alone reads both as decimal and as hex, so it has two. A leading
 * "-" makes a negative serial (as Node prints one). Text that is no serial number at all has none.
 */
export function normalizeSerial(text: string): readonly string[] {
  const value = text.trim();
  const prefixed = PREFIXED_HEX.exec(value);
  if (prefixed) return [canonicalSerial(`${prefixed[1]}${prefixed[2]}`)];
  if (COLON_HEX.test(value)) return [canonicalSerial(value.replace(/:/g, ""))];
  if (DECIMAL.test(value)) {
    const decimal = BigInt(value);
    const hex = decimal < 0n ? `-${(-decimal).toString(16)}` : decimal.toString(16);
    return distinct([canonicalSerial(hex), canonicalSerial(value)]);
  }
  if (HEX.test(value)) return [canonicalSerial(value)];
  return [];
}

function distinct(readings: string[]): string[] {
  return [...new Set(readings)];
}

/** Whether a written serial number can stand for the given canonical serial. */
export function serialMatches(text: string, canonical: string): boolean {
  return normalizeSerial(text).includes(canonical);
}

/** Lower-case hex without separators, leading zeros kept: how the PKI tool and the linter name a serial number. */
export function serialHex(certificate: X509Certificate): string {
  return certificate.serialNumber.toLowerCase();
}

/** Colon-separated lower-case hex pairs, as API Gateway passes clientCert.serialNumber. */
export function colonSerial(hex: string): string {
  const even = hex.length % 2 ? `0${hex}` : hex;
  return even.toLowerCase().match(/../g)!.join(":");
}
