// The CRL reader and its index at the edges: the size ceiling (tested with a small one: a 1,000,000-entry CRL is
// bench:authorizer's), damaged DER, and the hash table that replaces a Set of strings.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { CRL_BUCKET, CRL_KEY, harness, isAllowed, s3 } from "../../helpers/authorizer-harness";
import { createCrl, createPki, issueClientCertificate, type TestCertificate } from "../../helpers/test-pki";
import { readCrl } from "../../../functions/authorizer/crl";
import { readIssuingCa, type IssuingCa } from "../../../functions/authorizer/issuing-ca";
import { RevokedSerialsBuilder } from "../../../functions/authorizer/revoked-serials";
import { randomSerialNumber } from "../../../tools/pki/crypto/sign";

let issuing: TestCertificate;
let ca: IssuingCa;

beforeAll(async () => {
  ({ issuing } = await createPki());
  ca = readIssuingCa("issuing-1", issuing.pem);
});

describe("the ceiling", () => {
  const serials = Array.from({ length: 100 }, () => randomSerialNumber());

  test("a CRL over the ceiling is refused in one line that says what to do; one under it is read", () => {
    const der = createCrl(issuing, { revokedSerials: serials });
    expect(readCrl(der, ca, der.byteLength).revokedSerials.size).toBe(100);
    expect(() => readCrl(der, ca, der.byteLength - 1)).toThrow(
      /^The CRL is \d+ bytes, over the authorizer's ceiling of \d+ bytes of DER .*: issue from more than one CA/,
    );
  });

  test("PEM text is measured once decoded, so its base64 does not count against the ceiling", () => {
    const pem = createCrl(issuing, { revokedSerials: serials, encoding: "pem" });
    const der = Buffer.from(
      Buffer.from(pem)
        .toString()
        .replace(/-----[A-Z0-9 ]+-----/g, ""),
      "base64",
    );
    expect(pem.byteLength).toBeGreaterThan(der.byteLength + 1000);
    expect(readCrl(pem, ca, der.byteLength).revokedSerials.size).toBe(100);
  });

  test("S3 objects over the ceiling are refused from their Content-Length, before the body is read", async () => {
    s3.reset();
    let bodyRead = false;
    s3.on(GetObjectCommand, { Bucket: CRL_BUCKET, Key: CRL_KEY }).resolves({
      ETag: '"huge"',
      ContentLength: 600 * 1024 * 1024,
      Body: { transformToByteArray: async () => ((bodyRead = true), new Uint8Array()) } as never,
    });
    const valid = await issueClientCertificate(issuing);
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({
      reason: "crl_unavailable",
      detail: expect.stringMatching(/The CRL is 600\.0 MiB of PEM, over the authorizer's ceiling/),
    });
    expect(bodyRead).toBe(false);
  });
});

describe("damaged DER is refused in one line", () => {
  const der = () => createCrl(issuing, { revokedSerials: [randomSerialNumber(), randomSerialNumber()] });
  test.each([
    ["cut short", (bytes: Uint8Array) => bytes.subarray(0, bytes.length - 40), /The CRL is not valid DER/],
    ["with bytes after its end", (bytes: Uint8Array) => Buffer.concat([bytes, Buffer.from([0])]), /after its end/],
    ["with a revoked entry's length damaged", damageFirstEntry, /revoked-certificate entry|signature/],
  ])("a CRL %s", (_, damage, message) => {
    expect(() => readCrl(damage(der()), ca)).toThrow(message);
  });
});

/** Sets the length of the first revoked entry (SEQUENCE, INTEGER 16 octets, UTCTime) one byte too long. */
function damageFirstEntry(bytes: Uint8Array): Uint8Array {
  const copy = Buffer.from(bytes);
  const entry = copy.indexOf(Buffer.from([0x30, 0x21, 0x02, 0x10]));
  expect(entry).toBeGreaterThan(0);
  copy[entry + 1] = 0x22;
  return copy;
}

describe("the revoked-serial index", () => {
  test("finds every serial it was given, and no other, past any initial guess of its size", () => {
    const serials = Array.from({ length: 5000 }, () => randomSerialNumber());
    const builder = new RevokedSerialsBuilder(1, 1);
    for (const serial of serials) builder.add(Buffer.from(serial, "hex"));
    builder.add(Buffer.from(serials[0], "hex"));
    const index = builder.build();
    expect(index.size).toBe(5000);
    expect(serials.filter((serial) => index.has(serial.replace(/^0+/, "")))).toHaveLength(5000);
    expect(index.has(randomSerialNumber().replace(/^0+/, ""))).toBe(false);
  });

  test("a serial and its negative, and a padded entry, are told apart by value", () => {
    const builder = new RevokedSerialsBuilder();
    builder.add(Uint8Array.from([0xff, 0x01])); // -255
    builder.add(Uint8Array.from([0x00, 0x00, 0x7f])); // 127, with a redundant leading octet
    const index = builder.build();
    expect([index.has("-ff"), index.has("ff01"), index.has("7f"), index.has("-7f"), index.has("not hex")]).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
  });
});
