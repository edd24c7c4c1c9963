// The CRL number extension (RFC 5280 5.2.3), which orders a CA's CRLs, in the ASN.1 library's own type. The
// authorizer reads it with node-forge instead, to keep the schema-driven parser out of the Lambda bundle.
import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber, id_ce_cRLNumber } from "@peculiar/asn1-x509";

export const CRL_NUMBER_OID = id_ce_cRLNumber;

/** The extension value (a DER INTEGER) for a CRL number. */
export function encodeCrlNumber(crlNumber: number): ArrayBuffer {
  return AsnConvert.serialize(new CRLNumber(crlNumber));
}

/**
 * The CRL number an extension value holds. The library gives a number up to 32 bits and a decimal string above
 * (CRL numbers are epoch seconds, lib/pki/crl-schedule.ts): both become a number, exact up to 2^53.
 */
export function decodeCrlNumber(value: ArrayBuffer): number {
  return Number(AsnConvert.parse(value, CRLNumber).value);
}
