// The shared X.509 module (lib/x509) that the linter, the PKI tool, the proving ground and the authorizer import.
import { generateKeyPairSync } from "node:crypto";
import { ACCEPTED_CURVES, curveOf } from "../../lib/x509/curves";
import { AsnConvert } from "@peculiar/asn1-schema";
import { CRLNumber, id_ce_cRLNumber } from "@peculiar/asn1-x509";
import { CRL_NUMBER_OID, decodeCrlNumber, encodeCrlNumber, readCrlNumber } from "../../lib/x509/crl-number";
import { childrenOf, derHeader, derRoot, firstElementBytes, oidOf, TAG, timeOf } from "../../lib/x509/der";
import { distinguishedName } from "../../lib/x509/names";
import { hasStrongHash, signatureAlgorithmNamed } from "../../lib/x509/signature-algorithm";

describe("derHeader", () => {
  test("reads short and long lengths", () => {
    expect(derHeader(Uint8Array.from([0x30, 0x01, 0x05]), 0)).toEqual({
      tag: 0x30,
      start: 0,
      length: 1,
      contentStart: 2,
      end: 3,
    });
    const long = new Uint8Array(4 + 300);
    long.set([0x04, 0x82, 0x01, 0x2c]);
    expect(derHeader(long, 0)).toEqual({ tag: 0x04, start: 0, length: 300, contentStart: 4, end: 304 });
  });

  test.each([
    ["contents shorter than the length", [0x30, 0x05, 0x01], /truncated DER/],
    ["no length byte", [0x30], /truncated DER/],
    ["an indefinite length", [0x30, 0x80, 0x00, 0x00], /definite/],
    ["length octets cut short", [0x30, 0x82, 0x01], /truncated DER/],
    ["a multi-octet tag", [0x1f, 0x81, 0x01, 0x00], /tags above 30/],
  ])("refuses %s", (_name, bytes, message) => {
    expect(() => derHeader(Uint8Array.from(bytes), 0)).toThrow(message);
  });

  test("a child may not run past its parent, and a root may not have bytes after it", () => {
    // SEQUENCE of length 2 holding an INTEGER that claims 3 octets (the outer buffer has them).
    const der = Uint8Array.from([0x30, 0x02, 0x02, 0x03, 0x01, 0x02, 0x03]);
    expect(() => derRoot(der, "The value")).toThrow("The value is not valid DER: 3 bytes after its end");
    expect(() => childrenOf(der, derHeader(der, 0), "The SEQUENCE")).toThrow(
      "The SEQUENCE is not valid DER: truncated DER",
    );
  });

  test("firstElementBytes slices the first element of a SEQUENCE as written", () => {
    const der = Uint8Array.from([0x30, 0x06, 0x30, 0x01, 0x05, 0x02, 0x01, 0x07]);
    expect([...firstElementBytes(der)]).toEqual([0x30, 0x01, 0x05]);
  });
});

test("distinguishedName writes a name most specific first, comma-separated, as API Gateway's subjectDN", () => {
  expect(distinguishedName("C=GB\nO=Example Ltd\nCN=partner-a")).toBe("CN=partner-a,O=Example Ltd,C=GB");
});

test("signature algorithms: SHA-256 and stronger RSA and ECDSA are strong; SHA-1, PSS and unknown OIDs are not", () => {
  expect(hasStrongHash(signatureAlgorithmNamed("1.2.840.10045.4.3.2"))).toBe(true);
  expect(hasStrongHash(signatureAlgorithmNamed("1.2.840.113549.1.1.13"))).toBe(true);
  expect(hasStrongHash(signatureAlgorithmNamed("1.2.840.113549.1.1.5"))).toBe(false);
  expect(hasStrongHash(signatureAlgorithmNamed("1.2.840.113549.1.1.10"))).toBe(false);
  expect(signatureAlgorithmNamed("1.2.3.4")).toEqual({ oid: "1.2.3.4", name: "1.2.3.4", hash: null });
});

test("curves: Node's names map to NIST names; P-521 is known but not accepted", () => {
  const curve = (namedCurve: string) => curveOf(generateKeyPairSync("ec", { namedCurve }).publicKey);
  expect([curve("prime256v1"), curve("secp384r1"), curve("secp521r1")]).toEqual(["P-256", "P-384", "P-521"]);
  expect(ACCEPTED_CURVES).toEqual(["P-256", "P-384"]);
  expect(curve("secp256k1")).toBeUndefined();
});

describe("DER values", () => {
  const value = (tag: number, text: string) => Uint8Array.from([tag, text.length, ...Buffer.from(text)]);
  test.each([
    [TAG.UTC_TIME, "491231235959Z", "2049-12-31T23:59:59.000Z"],
    [TAG.UTC_TIME, "500101000000Z", "1950-01-01T00:00:00.000Z"],
    [TAG.GENERALIZED_TIME, "20500101000000Z", "2050-01-01T00:00:00.000Z"],
  ])("time %#: %s is %s (RFC 5280: two-digit years below 50 are 20xx)", (tag, text, iso) => {
    const der = value(tag, text);
    expect(new Date(timeOf(der, derHeader(der, 0), "t")).toISOString()).toBe(iso);
  });

  test.each([
    [TAG.UTC_TIME, "230230000000Z"],
    [TAG.UTC_TIME, "2301010000Z"],
    [TAG.UTC_TIME, "230101000000+0100"],
    [TAG.GENERALIZED_TIME, "20230101000000.5Z"],
    [TAG.GENERALIZED_TIME, "20230101246000Z"],
  ])("time %#: %s is refused", (tag, text) => {
    const der = value(tag, text);
    expect(() => timeOf(der, derHeader(der, 0), "thisUpdate")).toThrow(/thisUpdate is not a valid time/);
  });

  test("object identifiers read as dotted numbers, arcs above 127 included", () => {
    const der = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b]);
    expect(oidOf(der, derHeader(der, 0), "oid")).toBe("1.2.840.113549.1.1.11");
  });
});

describe("the CRL number: one OID, one encoder, one decoder", () => {
  test("the OID is the ASN.1 library's, and the encoding is the library's byte for byte", () => {
    expect(CRL_NUMBER_OID).toBe(id_ce_cRLNumber);
    for (const crlNumber of [0, 1, 127, 128, 255, 256, 1_764_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(Buffer.from(encodeCrlNumber(crlNumber))).toEqual(
        Buffer.from(AsnConvert.serialize(new CRLNumber(crlNumber))),
      );
      expect(decodeCrlNumber(encodeCrlNumber(crlNumber))).toBe(crlNumber);
    }
  });

  test("20 octets is the most RFC 5280 allows; a negative or longer number is refused", () => {
    const largest = (1n << 160n) - 1n;
    expect(readCrlNumber(new Uint8Array(encodeCrlNumber(largest)))).toBe(largest);
    expect(() => readCrlNumber(new Uint8Array(encodeCrlNumber(largest + 1n)))).toThrow(/at most 20 octets/);
    expect(() => readCrlNumber(Uint8Array.from([0x02, 0x01, 0xff]))).toThrow(/non-negative/);
    expect(() => readCrlNumber(Uint8Array.from([0x04, 0x01, 0x01]))).toThrow(/not the expected ASN.1 structure/);
  });
});
