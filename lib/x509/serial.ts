// Certificate serial numbers arrive written in several ways: API Gateway's colon-separated hex, plain hex from
// OpenSSL and Node, decimal from other tools, in any case and with or without leading zeros. Every comparison
// goes through the one canonical form below: the authorizer, the PKI tool and the proving ground all import it.
import type { X509Certificate } from "node:crypto";

/** Lower-case hex, no separators, no leading zeros ("0" for zero): the form the revocation index holds. */
export function canonicalSerial(hex: string): string {
  const digits = hex.toLowerCase().replace(/^0+/, "");
  return digits === "" ? "0" : digits;
}

const PREFIXED_HEX = /^0x([0-9a-f]+)$/i;
const COLON_HEX = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2})+$/i;
const DECIMAL = /^[0-9]+$/;
const HEX = /^[0-9a-f]+$/i;

/**
 * The canonical serials a written serial number can stand for. Colon-separated, 0x-prefixed or letter-bearing
 * text has one reading; text of decimal digits alone reads both as decimal and as hex, so it has two. Text that
 * is no serial number at all has none.
 */
export function normalizeSerial(text: string): readonly string[] {
  const value = text.trim();
  const prefixed = PREFIXED_HEX.exec(value);
  if (prefixed) return [canonicalSerial(prefixed[1])];
  if (COLON_HEX.test(value)) return [canonicalSerial(value.replace(/:/g, ""))];
  if (DECIMAL.test(value)) {
    const readings = [canonicalSerial(BigInt(value).toString(16)), canonicalSerial(value)];
    return readings[0] === readings[1] ? [readings[0]] : readings;
  }
  if (HEX.test(value)) return [canonicalSerial(value)];
  return [];
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
