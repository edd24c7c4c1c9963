// The reference (not an import) lets both the functions and the root TypeScript projects see the module's types.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./node-forge-asn1.d.ts" />
// The few DER operations the authorizer needs on top of node-forge's ASN.1 reader (the one part of node-forge it
// loads: it parses a 100,000-entry CRL in a fraction of the time schema-driven parsers take).
import asn1 from "node-forge/lib/asn1";

export type Asn1 = asn1.Asn1;
export { asn1 };

/** Parses strict DER; `what` names the structure in the error. */
export function parseDer(der: Uint8Array, what: string): Asn1 {
  try {
    return asn1.fromDer(Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("latin1"), {
      strict: true,
      parseAllBytes: true,
      decodeBitStrings: false,
    });
  } catch (error) {
    throw new Error(`${what} is not valid DER: ${(error as Error).message}`);
  }
}

/** The children of a constructed value, with at least `minimum` of them. */
export function childrenOf(node: Asn1 | undefined, what: string, minimum = 0): Asn1[] {
  if (!node || !Array.isArray(node.value) || node.value.length < minimum) {
    throw new Error(`${what} is not the expected ASN.1 structure`);
  }
  return node.value;
}

export function bytesOf(node: Asn1 | undefined, what: string): string {
  if (!node || typeof node.value !== "string") throw new Error(`${what} is not a primitive ASN.1 value`);
  return node.value;
}

export function isUniversal(node: Asn1 | undefined, type: number): boolean {
  return node !== undefined && node.tagClass === asn1.Class.UNIVERSAL && node.type === type;
}

export function isTime(node: Asn1 | undefined): boolean {
  return isUniversal(node, asn1.Type.UTCTIME) || isUniversal(node, asn1.Type.GENERALIZEDTIME);
}

export function timeOf(node: Asn1 | undefined, what: string): number {
  if (!isTime(node)) throw new Error(`${what} is not a UTCTime or GeneralizedTime`);
  const text = bytesOf(node, what);
  const date = node!.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(text) : asn1.generalizedTimeToDate(text);
  const time = date.getTime();
  if (Number.isNaN(time)) throw new Error(`${what} is not a valid time`);
  return time;
}

export function oidOf(node: Asn1 | undefined, what: string): string {
  if (!isUniversal(node, asn1.Type.OID)) throw new Error(`${what} is not an object identifier`);
  return asn1.derToOid(bytesOf(node, what));
}

/** The encoded bytes of a parsed value, as a binary string (for byte-exact comparisons of names). */
export function encodingOf(node: Asn1): string {
  return asn1.toDer(node).getBytes();
}
