// The shared X.509 module (lib/x509) that the linter, the PKI tool, the proving ground and the authorizer import.
import { generateKeyPairSync } from "node:crypto";
import { ACCEPTED_CURVES, curveOf } from "../lib/x509/curves";
import { derHeader, firstElementBytes } from "../lib/x509/der";
import { distinguishedName } from "../lib/x509/names";
import { hasStrongHash, signatureAlgorithmNamed } from "../lib/x509/signature-algorithm";

describe("derHeader", () => {
  test("reads short and long lengths", () => {
    expect(derHeader(Uint8Array.from([0x30, 0x01, 0x05]), 0)).toEqual({ tag: 0x30, length: 1, contentStart: 2 });
    const long = new Uint8Array(4 + 300);
    long.set([0x04, 0x82, 0x01, 0x2c]);
    expect(derHeader(long, 0)).toEqual({ tag: 0x04, length: 300, contentStart: 4 });
  });

  test.each([
    ["contents shorter than the length", [0x30, 0x05, 0x01], /truncated DER/],
    ["no length byte", [0x30], /truncated DER/],
    ["an indefinite length", [0x30, 0x80, 0x00, 0x00], /definite/],
  ])("refuses %s", (_name, bytes, message) => {
    expect(() => derHeader(Uint8Array.from(bytes), 0)).toThrow(message);
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
