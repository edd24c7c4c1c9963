// Every decision the authorizer makes, in both event shapes, with real CAs, certificates and CRLs.
import { GetObjectCommand } from "@aws-sdk/client-s3";
import "aws-sdk-client-mock-jest";
import {
  contextOf,
  harness,
  isAllowed,
  METHOD_ARN,
  notModified,
  s3,
  s3Object,
  serveCrl,
  settle,
  SHAPES,
  EVENT_SHAPES,
} from "../../helpers/authorizer-harness";
import {
  createCa,
  createCrl,
  createPki,
  DELTA_CRL_INDICATOR,
  ISSUING_DISTRIBUTION_POINT,
  issueClientCertificate,
  type TestCertificate,
} from "../../helpers/test-pki";
import {
  createAuthorizer,
  type CrlSource,
  type LogEntry,
  type RestApiAuthorizerResult,
} from "../../../functions/authorizer/authorizer";

const DAY = 86_400_000;

let root: TestCertificate;
let issuing: TestCertificate;
let otherCa: TestCertificate;
let valid: TestCertificate;
let revoked: TestCertificate;

beforeAll(async () => {
  ({ root, issuing } = await createPki());
  otherCa = await createCa("Some Other CA");
  valid = await issueClientCertificate(issuing);
  revoked = await issueClientCertificate(issuing, { commonName: "retired.clients.example.com" });
});

beforeEach(() => {
  s3.reset();
  serveCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber] }));
});

describe.each(SHAPES)("%s API event", (shape) => {
  test("a valid certificate is allowed, with its identity passed to the backend as context", async () => {
    const { call } = harness(issuing.pem);
    const result = await call(shape, valid.pem);
    expect(isAllowed(result)).toBe(true);
    expect(contextOf(result)).toEqual({
      serialNumber: valid.serialNumber.replace(/^0+/, ""),
      subjectDN: "CN=partner-a.clients.example.com,O=Example Partner,C=GB",
      issuerDN: "CN=Test Issuing CA 1,O=Example Test,C=GB",
      notBefore: valid.certificate.notBefore.toISOString(),
      notAfter: valid.certificate.notAfter.toISOString(),
      clientName: "-",
    });
  });

  test("a revoked certificate is denied", async () => {
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, revoked.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ decision: "deny", reason: "revoked", apiType: shape });
    expect(contextOf(await call(shape, revoked.pem))).toBeUndefined();
  });

  test.each([
    ["absent", undefined],
    ["null", null],
    ["an empty PEM", { clientCertPem: "" }],
  ])("a missing certificate (%s) is denied", async (_, certificate) => {
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, certificate))).toBe(false);
    expect(lastDecision()).toMatchObject({ decision: "deny", reason: "missing_certificate" });
  });

  test.each([
    ["garbage", "not a certificate"],
    ["a truncated PEM", () => valid.pem.slice(0, 200)],
    ["a PEM with a damaged body", () => valid.pem.replace(/\n[A-Za-z0-9+/]{10}/, "\n!!!!!!!!!!")],
  ])("a malformed certificate (%s) is denied", async (_, pem) => {
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, typeof pem === "function" ? pem() : pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ decision: "deny", reason: "malformed_certificate" });
  });

  test("an expired certificate is denied", async () => {
    const expired = await issueClientCertificate(issuing, {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, expired.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ decision: "deny", reason: "expired" });
  });

  test("a certificate that is not yet valid is denied", async () => {
    const early = await issueClientCertificate(issuing, {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, early.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ decision: "deny", reason: "not_yet_valid" });
  });

  test("a certificate from another CA, or straight from the root, is denied as the wrong issuer", async () => {
    const { call, lastDecision } = harness(issuing.pem);
    for (const ca of [otherCa, root]) {
      const foreign = await issueClientCertificate(ca);
      expect(isAllowed(await call(shape, foreign.pem))).toBe(false);
      expect(lastDecision()).toMatchObject({ decision: "deny", reason: "wrong_issuer" });
    }
  });

  test("a certificate naming the issuing CA but signed by another key is denied as the wrong issuer", async () => {
    const impostor = await createCa("Test Issuing CA 1", { issuer: root });
    const forged = await issueClientCertificate(impostor);
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, forged.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "wrong_issuer" });
  });

  test("a CRL signed by another CA's key is no CRL: every request is denied", async () => {
    s3.reset();
    serveCrl(createCrl(issuing, { signedBy: otherCa }));
    const { call, lastDecision, logs } = harness(issuing.pem);
    expect(isAllowed(await call(shape, valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "crl_unavailable", detail: expect.stringContaining("signature") });
    expect(logs).toContainEqual(expect.objectContaining({ level: "ERROR", event: "crl_unavailable" }));
  });

  test("a CRL issued by another CA is no CRL: every request is denied", async () => {
    s3.reset();
    serveCrl(createCrl(otherCa));
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "crl_unavailable", detail: expect.stringContaining("issuer") });
  });

  test("a CRL past nextUpdate plus the grace period is stale: denied; within the grace period: allowed", async () => {
    s3.reset();
    serveCrl(
      createCrl(issuing, { thisUpdate: new Date(Date.now() - 8 * DAY), nextUpdate: new Date(Date.now() - 600_000) }),
    );
    const strict = harness(issuing.pem);
    expect(isAllowed(await strict.call(shape, valid.pem))).toBe(false);
    expect(strict.lastDecision()).toMatchObject({
      reason: "crl_unavailable",
      detail: expect.stringContaining("nextUpdate"),
    });

    const lenient = harness(issuing.pem, { crlGraceSeconds: 3600 });
    expect(isAllowed(await lenient.call(shape, valid.pem))).toBe(true);
    lenient.advance(2900);
    expect(isAllowed(await lenient.call(shape, valid.pem))).toBe(true);
    lenient.advance(200);
    expect(isAllowed(await lenient.call(shape, valid.pem))).toBe(false);
  });

  test("an S3 failure on first load denies", async () => {
    s3.reset();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call(shape, valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({
      reason: "crl_unavailable",
      detail: expect.stringContaining("AccessDenied"),
    });
  });

  test("an S3 failure on refresh keeps the valid cached CRL: allowed, with a warning", async () => {
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call(shape, valid.pem))).toBe(true);
    s3.reset();
    s3.on(GetObjectCommand).rejects(Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable" }));
    advance(61);
    expect(isAllowed(await call(shape, valid.pem))).toBe(true);
    expect(isAllowed(await call(shape, revoked.pem))).toBe(false);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        event: "crl_refresh_failed",
        message: expect.stringContaining("ServiceUnavailable"),
      }),
    );
  });
});

describe("serial numbers", () => {
  // Written as API Gateway, OpenSSL and other tools write them; all name the same certificate.
  const formats: [string, (hex: string) => string][] = [
    ["lower-case hex", (hex) => hex.toLowerCase()],
    ["upper-case hex", (hex) => hex.toUpperCase()],
    ["colon-separated hex", (hex) => hex.match(/../g)!.join(":")],
    ["colon-separated upper-case hex", (hex) => hex.toUpperCase().match(/../g)!.join(":")],
    ["0x-prefixed hex", (hex) => `0x${hex}`],
    ["hex with leading zeros", (hex) => `0000${hex}`],
    ["decimal", (hex) => BigInt(`0x${hex}`).toString(10)],
    ["decimal with leading zeros", (hex) => `00${BigInt(`0x${hex}`).toString(10)}`],
  ];

  describe.each(SHAPES)("%s API event", (shape) => {
    test.each(formats)("a revoked serial written as %s is still denied as revoked", async (_, write) => {
      const { call, lastDecision } = harness(issuing.pem);
      const result = await call(shape, { clientCertPem: revoked.pem, serialNumber: write(revoked.serialNumber) });
      expect(isAllowed(result)).toBe(false);
      expect(lastDecision()).toMatchObject({ reason: "revoked" });
    });

    test.each(formats)("a valid serial written as %s is allowed", async (_, write) => {
      const { call } = harness(issuing.pem);
      expect(isAllowed(await call(shape, { clientCertPem: valid.pem, serialNumber: write(valid.serialNumber) }))).toBe(
        true,
      );
    });

    test("a serial number field that names another certificate is denied", async () => {
      const { call, lastDecision } = harness(issuing.pem);
      expect(isAllowed(await call(shape, { clientCertPem: valid.pem, serialNumber: revoked.serialNumber }))).toBe(
        false,
      );
      expect(lastDecision()).toMatchObject({ reason: "serial_mismatch" });
    });
  });

  test.each([
    ["a high bit (DER adds a 00 byte in the CRL)", "ff00000000000000000000000000000a"],
    ["a leading zero byte", "000f0000000000000000000000000001"],
    ["a leading zero nibble", "0f000000000000000000000000000002"],
  ])("a revoked serial with %s matches the certificate", async (_, serialNumber) => {
    const certificate = await issueClientCertificate(issuing, { serialNumber });
    s3.reset();
    serveCrl(createCrl(issuing, { revokedSerials: [serialNumber] }));
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call("http", certificate.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "revoked" });
  });

  test("a negative serial (-255, DER ff01, as Node prints it -ff) is revoked by its own entry and by no other", async () => {
    const negative = await issueClientCertificate(issuing, { serialNumber: "-ff" });
    expect(Buffer.from(negative.certificate.rawData).includes(Buffer.from([0x02, 0x02, 0xff, 0x01]))).toBe(true);
    // No serialNumber field in the event: the comparison with the CRL alone decides.
    const decide = async (revokedSerials: string[]) => {
      s3.reset();
      serveCrl(createCrl(issuing, { revokedSerials }));
      const { call, lastDecision } = harness(issuing.pem);
      const result = await call("http", { clientCertPem: negative.pem });
      return { allowed: isAllowed(result), decision: lastDecision(), context: contextOf(result) };
    };
    const revokedItself = await decide(["-ff"]);
    expect(revokedItself.allowed).toBe(false);
    expect(revokedItself.decision).toMatchObject({ reason: "revoked", serial: "-ff" });
    // 0xff01 is another certificate: its DER is 00 ff 01.
    const another = await decide(["ff01", "ff"]);
    expect(another.allowed).toBe(true);
    expect(another.context).toMatchObject({ serialNumber: "-ff" });
  });
});

describe("only a complete CRL proves a certificate unrevoked", () => {
  const UNKNOWN = { oid: "1.3.6.1.4.1.99999.1", value: Uint8Array.from([5, 0]) };
  test.each([
    ["a delta CRL marked critical", [DELTA_CRL_INDICATOR(true)], "delta CRL"],
    ["a delta CRL not marked critical", [DELTA_CRL_INDICATOR(false)], "delta CRL"],
    ["a partition marked critical (as ACM Private CA marks it)", [ISSUING_DISTRIBUTION_POINT(true)], "partitioned"],
    ["a partition not marked critical", [ISSUING_DISTRIBUTION_POINT(false)], "partitioned"],
    ["a CRL with a critical extension nobody knows", [{ ...UNKNOWN, critical: true }], "1.3.6.1.4.1.99999.1"],
  ])("%s is refused, with one line saying why", async (_, extensions, why) => {
    s3.reset();
    serveCrl(createCrl(issuing, { extensions, revokedSerials: [revoked.serialNumber] }));
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "crl_unavailable", detail: expect.stringContaining(why) });
    expect(lastDecision().detail).not.toMatch(/\n/);
  });

  test("an unknown extension not marked critical is ignored, as RFC 5280 allows", async () => {
    s3.reset();
    serveCrl(createCrl(issuing, { extensions: [{ ...UNKNOWN, critical: false }] }));
    expect(isAllowed(await harness(issuing.pem).call("http", valid.pem))).toBe(true);
  });

  test("entries with a reason code not marked critical (as ACM Private CA writes them) are read", async () => {
    s3.reset();
    const keyCompromise = { oid: "2.5.29.21", critical: false, value: Uint8Array.from([0x0a, 0x01, 0x01]) };
    serveCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber], entryExtensions: [keyCompromise] }));
    const { call } = harness(issuing.pem);
    expect([isAllowed(await call("http", valid.pem)), isAllowed(await call("http", revoked.pem))]).toEqual([
      true,
      false,
    ]);
  });

  test("an entry with a critical extension (certificateIssuer: an indirect CRL) makes the whole CRL unusable", async () => {
    s3.reset();
    // certificateIssuer naming no one in particular: the entry would revoke another CA's certificate.
    const certificateIssuer = { oid: "2.5.29.29", critical: true, value: Uint8Array.from([0x30, 0x00]) };
    serveCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber], entryExtensions: [certificateIssuer] }));
    const { call, lastDecision } = harness(issuing.pem);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "crl_unavailable", detail: expect.stringContaining("entry") });
  });
});

describe("CRL refresh", () => {
  test("the CRL is fetched once per refresh interval, and a newly revoked certificate is denied after it", async () => {
    const { call, advance } = harness(issuing.pem, { crlRefreshSeconds: 300 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    serveCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber, valid.serialNumber] }), '"v2"');
    advance(299);
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    advance(1);
    // The request that starts the refresh decides with the still-valid cached CRL; the ones after it, with the new.
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 2);
  });

  test("an unchanged ETag means a conditional GET answered 304 and nothing is downloaded or parsed again", async () => {
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    await call("http", valid.pem);
    // Had the source ignored the ETag, this CRL (revoking the valid certificate) would be loaded.
    s3.on(GetObjectCommand).resolves(s3Object(createCrl(issuing, { revokedSerials: [valid.serialNumber] }), '"v2"'));
    s3.on(GetObjectCommand, { IfNoneMatch: '"v1"' }).rejects(
      Object.assign(new Error("Not Modified"), { name: "NotModified", $metadata: { httpStatusCode: 304 } }),
    );
    advance(61);
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    expect(s3).toHaveReceivedNthCommandWith(2, GetObjectCommand, { IfNoneMatch: '"v1"' });
    expect(logs.filter((entry) => entry.event === "crl_loaded")).toHaveLength(1);
  });

  test("a source that sends the same ETag again is not re-parsed", async () => {
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    await call("http", valid.pem);
    s3.reset();
    serveCrl(new Uint8Array([1, 2, 3]), '"v1"'); // unparsable: parsing it would log a failure
    advance(61);
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    expect(logs.filter((entry) => entry.event !== "decision").map((entry) => entry.event)).toEqual(["crl_loaded"]);
  });

  test("after a failed first load the CRL is retried within seconds, not a whole refresh interval", async () => {
    s3.reset();
    s3.on(GetObjectCommand)
      .rejectsOnce(new Error("timeout"))
      .resolves(s3Object(createCrl(issuing), '"v1"'));
    const { call, advance } = harness(issuing.pem, { crlRefreshSeconds: 300 });
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    advance(1);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    advance(5);
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
  });

  test("a CRL older than the cached one is refused (no rollback to a list without recent revocations)", async () => {
    serveCrl(createCrl(issuing, { revokedSerials: [valid.serialNumber] }), '"v2"');
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    serveCrl(createCrl(issuing, { thisUpdate: new Date(Date.now() - 2 * DAY) }), '"v1"');
    advance(61);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(logs).toContainEqual(expect.objectContaining({ level: "WARN", message: expect.stringContaining("older") }));
  });

  test("CRLs are ordered by CRL number: a higher number replaces the cache whatever its date, a lower one never does", async () => {
    const now = Date.now();
    serveCrl(createCrl(issuing, { crlNumber: 7, thisUpdate: new Date(now - 3_600_000) }), '"v7"');
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    // Re-signed after the CA's clock was corrected: an earlier date, but the next number.
    serveCrl(
      createCrl(issuing, { crlNumber: 8, thisUpdate: new Date(now - 7_200_000), revokedSerials: [valid.serialNumber] }),
      '"v8"',
    );
    advance(61);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    // A replayed CRL number 6 with a later date is a rollback all the same.
    serveCrl(createCrl(issuing, { crlNumber: 6, thisUpdate: new Date(now - 60_000) }), '"v6"');
    advance(61);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "WARN",
        message: expect.stringContaining("older than the cached one (CRL number 6"),
      }),
    );
  });

  test("a refused CRL is then asked for conditionally: while it stays in place, a retry costs a 304, not a download and a parse", async () => {
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    serveCrl(createCrl(issuing, { signedBy: otherCa }), '"forged"');
    advance(61);
    await call("http", valid.pem);
    await settle();
    s3.on(GetObjectCommand, { IfNoneMatch: '"forged"' }).rejects(notModified());
    advance(5);
    await call("http", valid.pem);
    await settle();
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 3);
    expect(s3).toHaveReceivedNthCommandWith(3, GetObjectCommand, { IfNoneMatch: '"forged"' });
    const failures = logs.filter((entry) => entry.event === "crl_refresh_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ message: expect.stringContaining("signature does not verify") });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    // The next good CRL replaces it at the retry after it is published.
    s3.reset();
    serveCrl(createCrl(issuing, { revokedSerials: [valid.serialNumber] }), '"v2"');
    advance(5);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
  });

  test("a warm authorizer never takes a lower CRL number (a PKI folder restored from a backup): it keeps the CRL it holds while that is valid, then denies every request until a higher number comes", async () => {
    const now = Date.now();
    const other = await issueClientCertificate(issuing, { commonName: "partner-b.clients.example.com" });
    serveCrl(createCrl(issuing, { crlNumber: 1_764_000_005, nextUpdate: new Date(now + 3_600_000) }), '"held"');
    const { call, advance, lastDecision, logs } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    // The restored folder signs a lower number, revoking the client after the backup was taken.
    serveCrl(createCrl(issuing, { crlNumber: 1_764_000_003, revokedSerials: [valid.serialNumber] }), '"restored"');
    advance(61);
    await call("http", valid.pem);
    await settle();
    expect(logs).toContainEqual(
      expect.objectContaining({ level: "WARN", message: expect.stringContaining("(CRL number 1764000003") }),
    );
    // Past the held CRL's nextUpdate the lower number is still refused: fail closed, for every client.
    advance(3600);
    for (const client of [valid, other]) {
      expect(isAllowed(await call("http", client.pem))).toBe(false);
      expect(lastDecision()).toMatchObject({ reason: "crl_unavailable" });
    }
    // A number above every one published (what the PKI tool signs after a restore) is taken at the next retry.
    serveCrl(createCrl(issuing, { crlNumber: 1_764_000_006, revokedSerials: [valid.serialNumber] }), '"next"');
    advance(6);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({ reason: "revoked" });
    expect(isAllowed(await call("http", other.pem))).toBe(true);
  });

  test("a CRL dated in the future is refused and logged; the current CRL after it, which revokes the client, denies it", async () => {
    s3.reset();
    const now = Date.now();
    serveCrl(
      createCrl(issuing, { crlNumber: 9, thisUpdate: new Date(now + DAY), nextUpdate: new Date(now + 8 * DAY) }),
      '"future"',
    );
    const { call, advance, logs, lastDecision } = harness(issuing.pem, {
      crlRefreshSeconds: 60,
      crlClockSkewSeconds: 300,
    });
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({
      reason: "crl_unavailable",
      detail: expect.stringContaining("not yet valid"),
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: "ERROR",
        event: "crl_unavailable",
        message: expect.stringMatching(
          /thisUpdate .* is ahead of the clock by more than the allowed clock skew of 300 s/,
        ),
      }),
    );
    serveCrl(createCrl(issuing, { crlNumber: 3, revokedSerials: [valid.serialNumber] }), '"current"');
    advance(6);
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision().reason).toBe("revoked");
  });

  test("with a valid CRL cached, a future-dated CRL does not displace it, nor block the next good one", async () => {
    serveCrl(createCrl(issuing, { crlNumber: 1 }), '"v1"');
    const { call, advance, lastDecision } = harness(issuing.pem, { crlRefreshSeconds: 60 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    serveCrl(createCrl(issuing, { crlNumber: 2, thisUpdate: new Date(Date.now() + DAY) }), '"future"');
    advance(61);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    serveCrl(createCrl(issuing, { crlNumber: 2, revokedSerials: [valid.serialNumber] }), '"v2"');
    // A refused CRL is retried within seconds, not a whole refresh interval.
    advance(6);
    await call("http", valid.pem);
    await settle();
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision().reason).toBe("revoked");
  });

  test("concurrent requests share one fetch", async () => {
    const { call } = harness(issuing.pem);
    const results = await Promise.all(Array.from({ length: 5 }, () => call("http", valid.pem)));
    expect(results.every(isAllowed)).toBe(true);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
  });

  test("a PEM-encoded CRL is read too (what openssl ca -gencrl writes)", async () => {
    s3.reset();
    serveCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber], encoding: "pem" }));
    const { call } = harness(issuing.pem);
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    expect(isAllowed(await call("http", revoked.pem))).toBe(false);
  });

  test("RSA CAs and their SHA256withRSA CRLs work as ECDSA ones do", async () => {
    const rsa = await createPki("RSA-2048");
    const client = await issueClientCertificate(rsa.issuing);
    const gone = await issueClientCertificate(rsa.issuing);
    s3.reset();
    serveCrl(createCrl(rsa.issuing, { revokedSerials: [gone.serialNumber] }));
    const { call } = harness(rsa.issuing.pem);
    expect(isAllowed(await call("rest", client.pem))).toBe(true);
    expect(isAllowed(await call("rest", gone.pem))).toBe(false);
  });
});

describe("responses and log lines", () => {
  test("the REST policy covers the whole stage, because API Gateway caches it for every method", async () => {
    const { call } = harness(issuing.pem);
    const result = (await call("rest", valid.pem)) as RestApiAuthorizerResult;
    expect(result.policyDocument.Statement[0]).toEqual({
      Action: "execute-api:Invoke",
      Effect: "Allow",
      Resource: "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/live/*",
    });
    expect(result.principalId).toBe("CN=partner-a.clients.example.com,O=Example Partner,C=GB");
    const denied = (await call("rest", revoked.pem)) as RestApiAuthorizerResult;
    expect(denied.policyDocument.Statement[0]).toMatchObject({
      Effect: "Deny",
      Resource: `${METHOD_ARN.split("/").slice(0, 2).join("/")}/*`,
    });
  });

  test("each decision is one JSON line with decision, reason, serial and subject, and never the PEM", async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const authorizer = createAuthorizer({
        issuers: [
          {
            name: "issuing-1",
            pem: issuing.pem,
            crlSource: memoryCrl(createCrl(issuing, { revokedSerials: [revoked.serialNumber] })),
          },
        ],
      });
      await authorizer.authorize(EVENT_SHAPES.http({ clientCertPem: valid.pem }));
      await authorizer.authorize(EVENT_SHAPES.rest({ clientCertPem: revoked.pem }));
    } finally {
      write.mockRestore();
    }
    const decisions = lines.map((line) => JSON.parse(line)).filter((entry) => entry.event === "decision");
    expect(lines.every((line) => line.endsWith("\n") && line.indexOf("\n") === line.length - 1)).toBe(true);
    expect(decisions).toEqual([
      expect.objectContaining({
        decision: "allow",
        reason: "valid",
        serial: expect.any(String),
        subject: expect.stringContaining("CN="),
      }),
      expect.objectContaining({
        decision: "deny",
        reason: "revoked",
        serial: expect.any(String),
        subject: expect.stringContaining("CN="),
      }),
    ]);
    expect(lines.join("")).not.toMatch(/BEGIN CERTIFICATE|MII/);
  });

  test("an event of neither shape fails the invocation, which API Gateway answers with a deny", async () => {
    const authorizer = createAuthorizer({ issuers: [unusedIssuer(issuing.pem)] });
    await expect(authorizer.authorize({ version: "1.0", requestContext: {} } as never)).rejects.toThrow(
      /Unrecognized authorizer event/,
    );
  });

  test("an unusable CA certificate or setting fails at creation, naming the problem and the CA", () => {
    const create =
      (pem: string, options = {}) =>
      () =>
        createAuthorizer({ issuers: [unusedIssuer(pem)], ...options });
    expect(create("nonsense")).toThrow(/issuing CA certificate issuing-1 is not a readable PEM/);
    expect(create(valid.pem)).toThrow(/issuing-1 \(.*CN=partner-a.*\) is not a CA certificate/);
    expect(create(issuing.pem, { crlRefreshSeconds: 0 })).toThrow(/crlRefreshSeconds/);
    expect(create(issuing.pem, { crlGraceSeconds: -1 })).toThrow(/crlGraceSeconds/);
    expect(() => createAuthorizer({ issuers: [] })).toThrow(/at least one issuing CA/);
    expect(() => createAuthorizer({ issuers: [unusedIssuer(issuing.pem), unusedIssuer(issuing.pem)] })).toThrow(
      /names must be unique \(repeated: issuing-1\)/,
    );
  });
});

describe("during an issuing CA rotation (old and new CA both accepted)", () => {
  let newIssuing: TestCertificate;
  let newClient: TestCertificate;
  let newRevoked: TestCertificate;

  beforeAll(async () => {
    newIssuing = await createCa("Test Issuing CA 2", { issuer: root });
    newClient = await issueClientCertificate(newIssuing, { commonName: "partner-a-2.clients.example.com" });
    newRevoked = await issueClientCertificate(newIssuing, { commonName: "retired-2.clients.example.com" });
  });

  function rotating(oldCrl: Uint8Array, newCrl: Uint8Array) {
    const logs: LogEntry[] = [];
    const authorizer = createAuthorizer({
      issuers: [
        { name: "issuing-1", pem: issuing.pem, crlSource: memoryCrl(oldCrl) },
        { name: "issuing-2", pem: newIssuing.pem, crlSource: memoryCrl(newCrl) },
      ],
      log: (entry) => logs.push(entry),
    });
    const allowed = async (certificate: TestCertificate) =>
      isAllowed(await authorizer.authorize(EVENT_SHAPES.http({ clientCertPem: certificate.pem }) as never));
    return { allowed, logs };
  }

  test("clients of either CA are allowed, and each is checked against its own CA's CRL", async () => {
    const { allowed } = rotating(
      createCrl(issuing, { revokedSerials: [revoked.serialNumber] }),
      createCrl(newIssuing, { revokedSerials: [newRevoked.serialNumber] }),
    );
    expect(await allowed(valid)).toBe(true);
    expect(await allowed(newClient)).toBe(true);
    expect(await allowed(revoked)).toBe(false);
    expect(await allowed(newRevoked)).toBe(false);
  });

  test("a serial revoked by one CA does not deny the other CA's certificate with the same serial", async () => {
    const twin = await issueClientCertificate(newIssuing, { serialNumber: revoked.serialNumber });
    const { allowed } = rotating(createCrl(issuing, { revokedSerials: [revoked.serialNumber] }), createCrl(newIssuing));
    expect(await allowed(revoked)).toBe(false);
    expect(await allowed(twin)).toBe(true);
  });

  test("one CA's CRL signed by the other CA denies that CA's clients only, naming the CA in the log", async () => {
    const { allowed, logs } = rotating(createCrl(newIssuing), createCrl(newIssuing));
    expect(await allowed(valid)).toBe(false);
    expect(await allowed(newClient)).toBe(true);
    expect(logs).toContainEqual(expect.objectContaining({ event: "crl_unavailable", ca: "issuing-1" }));
    expect(logs).toContainEqual(expect.objectContaining({ event: "decision", reason: "crl_unavailable" }));
  });

  test("a certificate from a CA that is not listed is still the wrong issuer", async () => {
    const stranger = await issueClientCertificate(otherCa);
    const { allowed, logs } = rotating(createCrl(issuing), createCrl(newIssuing));
    expect(await allowed(stranger)).toBe(false);
    expect(logs.at(-1)).toMatchObject({ event: "decision", reason: "wrong_issuer" });
  });
});

function memoryCrl(body: Uint8Array): CrlSource {
  return { description: "memory", fetch: async () => ({ status: "fetched", body }) };
}

function unusedIssuer(pem: string) {
  return { name: "issuing-1", pem, crlSource: { description: "unused", fetch: jest.fn() } };
}

describe("an S3 that hangs", () => {
  const hangs = () => s3.on(GetObjectCommand).callsFake(() => new Promise(() => {}));

  test("decisions come from the still-valid cached CRL while the refresh hangs, and it gives up at the bound", async () => {
    const { call, advance, logs } = harness(issuing.pem, { crlRefreshSeconds: 60, crlFetchTimeoutMs: 50 });
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    s3.reset();
    hangs();
    advance(61);
    // Each of these resolves although S3 never answers: no request waits for the refresh.
    expect(isAllowed(await call("http", valid.pem))).toBe(true);
    expect(isAllowed(await call("rest", revoked.pem))).toBe(false);
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const failures = logs.filter((entry) => entry.event === "crl_refresh_failed");
    expect(failures).toEqual([
      expect.objectContaining({ level: "WARN", message: expect.stringContaining("within 50 ms") }),
    ]);
  });

  test("with no valid CRL cached, the request is denied once the fetch bound passes, and the outage is logged once", async () => {
    s3.reset();
    hangs();
    const { call, advance, logs, lastDecision } = harness(issuing.pem, { crlFetchTimeoutMs: 50 });
    expect(isAllowed(await call("http", valid.pem))).toBe(false);
    expect(lastDecision()).toMatchObject({
      reason: "crl_unavailable",
      detail: expect.stringContaining("no answer from s3://"),
    });
    for (let retry = 0; retry < 3; retry++) {
      advance(6);
      expect(isAllowed(await call("http", valid.pem))).toBe(false);
    }
    expect(s3).toHaveReceivedCommandTimes(GetObjectCommand, 4);
    expect(logs.filter((entry) => entry.event === "crl_unavailable")).toHaveLength(1);
  });
});
