// The CRL number extension (RFC 5280 5.2.3), which orders a CA's CRLs: its one OID spelling, its one encoder and
// its one decoder, shared by the PKI tool (which writes and checks it) and the authorizer (which orders CRLs by
// it). Plain DER, so the Lambda bundle carries no schema-driven ASN.1 library.
import { derRoot, expectTag, contentOf, TAG } from "./der";

/** id-ce-cRLNumber. */
export const CRL_NUMBER_OID = "2.5.29.20";

/** RFC 5280: "CRL issuers MUST NOT use CRLNumber values longer than 20 octets". */
const MAX_OCTETS = 20;

/** The extension value (a DER INTEGER) for a CRL number. */
export function encodeCrlNumber(crlNumber: number | bigint): ArrayBuffer {
  const value = BigInt(crlNumber);
  if (value < 0n) throw new Error(`a CRL number is never negative (got ${value})`);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const der = Buffer.from(`02${(hex.length / 2).toString(16).padStart(2, "0")}${hex}`, "hex");
  return der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength);
}

/** The CRL number an extension value holds; throws when it is not a non-negative INTEGER of at most 20 octets. */
export function readCrlNumber(value: Uint8Array): bigint {
  const integer = expectTag(derRoot(value, "The CRL number"), TAG.INTEGER, "The CRL number");
  const octets = contentOf(value, integer);
  if (octets.length === 0 || octets.length > MAX_OCTETS + 1 || octets[0] & 0x80) {
    throw new Error("The CRL number is not a non-negative INTEGER of at most 20 octets");
  }
  const number = BigInt(`0x${Buffer.from(octets).toString("hex")}`);
  if (number >= 1n << BigInt(MAX_OCTETS * 8)) {
    throw new Error("The CRL number is not a non-negative INTEGER of at most 20 octets");
  }
  return number;
}

/**
 * The CRL number an extension value holds, for callers that keep it as a number (the PKI tool's records: CRL
 * numbers are epoch seconds, lib/pki-folder/crl-schedule.ts), exact up to 2^53.
 */
export function decodeCrlNumber(value: ArrayBuffer): number {
  return Number(readCrlNumber(new Uint8Array(value)));
}
