// Every configuration rule rejects a bad value with a message that names the field, the value and the rule.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfig } from "../../lib/config/load";
import { configProblems, exampleDocument } from "../helpers/config";

function problemsOf(change: (document: Record<string, any>) => void): string[] {
  const document = exampleDocument();
  change(document);
  return configProblems(document);
}

const IMPORTED_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";

const cases: [string, (document: Record<string, any>) => void, RegExp][] = [
  [
    "a domain with a scheme",
    (d) => (d.domain.name = "https://api.example.com"),
    /^domain\.name: must be a lower-case DNS name.*\(got "https:\/\/api\.example\.com"\)$/,
  ],
  ["a single-label domain", (d) => (d.domain.name = "localhost"), /^domain\.name: must be a lower-case DNS name/],
  ["an upper-case domain", (d) => (d.domain.name = "API.example.com"), /^domain\.name: .*\(got "API\.example\.com"\)/],
  [
    "a hosted zone id of the wrong shape",
    (d) => (d.domain.hostedZoneId = "zone-1234"),
    /^domain\.hostedZoneId: must be a Route 53 hosted zone id.*\(got "zone-1234"\)$/,
  ],
  ["an unknown region shape", (d) => (d.region = "Europe"), /^region: must be an AWS region code.*\(got "Europe"\)$/],
  [
    "a region of the right shape that AWS does not list (a typo), with the nearest listed one",
    (d) => (d.region = "eu-wset-1"),
    /^region: is not a region in AWS's list \(the AWS SDK's partition data\): did you mean eu-west-1\? \(got "eu-wset-1"\)$/,
  ],
  [
    "a region AWS does not list and nothing near it",
    (d) => (d.backend = { type: "s3", bucket: "state-bucket", region: "xy-nowhere-7" }),
    /^backend\.region: is not a region in AWS's list \(the AWS SDK's partition data\): check the spelling \(got "xy-nowhere-7"\)$/,
  ],
  [
    "RSA below 2048 bits",
    (d) => (d.pki.keyAlgorithm = "RSA_1024"),
    /^pki\.keyAlgorithm: RSA keys below 2048 bits are rejected by API Gateway.*\(got "RSA_1024"\)$/,
  ],
  [
    "a curve API Gateway rejects",
    (d) => (d.pki.keyAlgorithm = "EC_secp521r1"),
    /^pki\.keyAlgorithm: API Gateway's truststore accepts ECDSA keys on P-256 or P-384 only.*\(got "EC_secp521r1"\)$/,
  ],
  [
    "a SHA-1 signature",
    (d) => (d.pki.signingAlgorithm = "SHA1WITHRSA"),
    /^pki\.signingAlgorithm: API Gateway requires SHA-256 or stronger.*\(got "SHA1WITHRSA"\)$/,
  ],
  [
    "a signing algorithm of the other key family",
    (d) => (d.pki.signingAlgorithm = "SHA256WITHECDSA"),
    /^pki\.signingAlgorithm: must match the RSA key algorithm RSA_2048: use one of SHA256WITHRSA.*\(got "SHA256WITHECDSA"\)$/,
  ],
  [
    "a client key algorithm API Gateway rejects",
    (d) => (d.pki.clients[0].keyAlgorithm = "RSA_1024"),
    /^pki\.clients\[0\]\.keyAlgorithm: RSA keys below 2048 bits/,
  ],
  [
    "a client key algorithm ACM only imports (RSA_4096 is issuable by the CA, not by ACM)",
    (d) => (d.pki.clients[0].keyAlgorithm = "RSA_4096"),
    /^pki\.clients\[0\]\.keyAlgorithm: ACM issues private certificates with RSA_2048, EC_prime256v1, EC_secp384r1 only \(RSA_4096 is for imported certificates, https:\/\/docs\.aws\.amazon\.com\/acm\/.*\(got "RSA_4096"\)$/,
  ],
  [
    "a client key of another family than the CAs' (the shipped partner-b before issue 17)",
    (d) => (d.pki.clients[1].keyAlgorithm = "EC_prime256v1"),
    /^pki\.clients\[1\]\.keyAlgorithm: must be of the CAs' key family, RSA \(pki\.keyAlgorithm is RSA_2048\): ACM refuses a private certificate whose key family differs from its CA's .*; use one of RSA_2048 \(got "EC_prime256v1"\)$/,
  ],
  [
    "an RSA client of EC CAs",
    (d) => Object.assign(d.pki, { keyAlgorithm: "EC_secp384r1", signingAlgorithm: "SHA384WITHECDSA" }),
    /^pki\.clients\[0\]\.keyAlgorithm: must be of the CAs' key family, EC .*; use one of EC_prime256v1, EC_secp384r1 \(got "RSA_2048"\)$/,
  ],
  [
    "an issuing CA that cannot outlive a 395-day ACM private certificate issued now",
    (d) => Object.assign(d.pki.issuingCa, { validityYears: 1 }),
    /^pki\.issuingCa\.validityYears: must be at least 2 years while ACM issues the clients' certificates: each is valid 395 days and ACM refuses one that would outlive its CA .*\(got 1\)$/,
  ],
  [
    "an account id that is not 12 digits",
    (d) => (d.accountId = "12345"),
    /^accountId: must be a 12-digit AWS account id, e\.g\. 123456789012 \(got "12345"\)$/,
  ],
  ["no account id", (d) => delete d.accountId, /^accountId: is required \(expected string\)$/],
  [
    "an issuing CA that outlives its root",
    (d) => (d.pki.issuingCa.validityYears = 10),
    /^pki\.issuingCa\.validityYears: must be shorter than the root CA's validity \(10 years\).*\(got 10\)$/,
  ],
  [
    "a non-integer validity",
    (d) => (d.pki.rootCa.validityYears = 2.5),
    /^pki\.rootCa\.validityYears: must be a whole number of years \(got 2\.5\)$/,
  ],
  [
    "a lower-case country code",
    (d) => (d.pki.rootCa.subject.country = "gb"),
    /^pki\.rootCa\.subject\.country: must be a two-letter upper-case ISO 3166 country code.*\(got "gb"\)$/,
  ],
  [
    "duplicate client names",
    (d) => (d.pki.clients[1].name = "partner-a"),
    /^pki\.clients\[1\]\.name: must be unique among the clients \(got "partner-a"\)$/,
  ],
  [
    "ACM clients with a short-lived CA",
    (d) => (d.pki.usageMode = "SHORT_LIVED_CERTIFICATE"),
    /^pki\.clients: must be empty when usageMode is SHORT_LIVED_CERTIFICATE.*\(got \["partner-a","partner-b"\]\)$/,
  ],
  [
    "a restore window ACM Private CA does not offer",
    (d) => (d.pki.permanentDeletionDays = 3),
    /^pki\.permanentDeletionDays: must be between 7 and 30 days.*\(got 3\)$/,
  ],
  [
    "a bucket name with dots",
    (d) => (d.truststore.bucketName = "my.truststore"),
    /^truststore\.bucketName: must be an S3 bucket name.*\(got "my\.truststore"\)$/,
  ],
  [
    "an S3-reserved bucket prefix",
    (d) => (d.truststore.bucketName = "xn--truststore"),
    /^truststore\.bucketName: must not contain "--" nor start with a prefix S3 reserves/,
  ],
  [
    "a derived bucket name over 63 characters",
    (d) => (d.domain.name = "a-very-long-subdomain-name.for-the-api.example.com"),
    /^truststore\.bucketName: must be set: the derived bucket name "example-a-very-long-subdomain-name-for-the-api-example-com-truststore" is longer than S3's 63 characters$/,
  ],
  [
    "an unsafe object key",
    (d) => (d.truststore.key = "trust store.pem"),
    /^truststore\.key: must be a safe S3 object key/,
  ],
  [
    "an unknown API type",
    (d) => (d.api.type = "websocket"),
    /^api\.type: must be one of http, rest \(got "websocket"\)$/,
  ],
  [
    "a retention CloudWatch does not offer",
    (d) => (d.api.logRetentionDays = 42),
    /^api\.logRetentionDays: must be a CloudWatch Logs retention period.*\(got 42\)$/,
  ],
  [
    "an unknown server certificate source",
    (d) => (d.api.serverCertificate = { source: "letsencrypt" }),
    /^api\.serverCertificate\.source: source must be one of "acm", "existing", "imported", "private"/,
  ],
  [
    "an imported certificate without an ownership verification certificate",
    (d) => (d.api.serverCertificate = { source: "imported", certificateArn: IMPORTED_ARN }),
    /^api\.serverCertificate\.ownershipVerificationCertificateArn: is required \(API Gateway needs a public ACM certificate for the same domain to verify ownership/,
  ],
  [
    "a private certificate ARN that is not an ARN",
    (d) =>
      (d.api.serverCertificate = {
        source: "private",
        certificateArn: "my-cert",
        ownershipVerificationCertificateArn: IMPORTED_ARN,
      }),
    /^api\.serverCertificate\.certificateArn: must be an ACM certificate ARN.*\(got "my-cert"\)$/,
  ],
  [
    "a REST API that does not say how the account's logging role is provided",
    (d) => (d.api.type = "rest"),
    /^api\.manageAccountLoggingRole: must be set for a REST API: API Gateway refuses a stage with access logging unless the account has a CloudWatch Logs role/,
  ],
  [
    "the account logging role on an HTTP API",
    (d) => (d.api.manageAccountLoggingRole = true),
    /^api\.manageAccountLoggingRole: applies to REST APIs only/,
  ],
  [
    "a reserved tag key",
    (d) => (d.tags["aws:owner"] = "me"),
    /^tags\.aws:owner: tag keys must be 1-128 letters.*must not start with "aws:"/,
  ],
  [
    "more tags than S3 allows on the truststore bundle once the provider's default tags are added",
    (d) => (d.tags = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`team-${i}`, "x"]))),
    /^tags: 9 tags: the provider's default_tags put every one of them, plus mtls:environment and mtls:stack, on the truststore bundle, and S3 allows 10 tags per object \(https:\/\/docs\.aws\.amazon\.com\/AmazonS3\/.*\), so at most 8; remove 1 \(got 9\)$/,
  ],
  ["a tag key of 129 characters", (d) => (d.tags["k".repeat(129)] = "v"), /^tags\.k+: tag keys must be 1-128 /],
  [
    "a tag value of 257 characters",
    (d) => (d.tags.team = "v".repeat(257)),
    /^tags\.team: tag values must be at most 256 characters/,
  ],
  [
    "an unknown key",
    (d) => (d.api.stage = "live"),
    /^api\.stage: is not a known setting; check its spelling against config\/schema\.json$/,
  ],
  [
    "a missing required field",
    (d) => delete d.domain.hostedZoneId,
    /^domain\.hostedZoneId: is required \(expected string\)$/,
  ],
  [
    "a wrong type",
    (d) => (d.pki.deletionProtection = "yes"),
    /^pki\.deletionProtection: must be of type boolean \(got "yes"\)$/,
  ],
  [
    "an environment name that is not a slug",
    (d) => (d.environment = "Prod_1"),
    /^environment: must be 1-20 characters of lower-case letters.*\(got "Prod_1"\)$/,
  ],
  [
    "an environment that does not match its file",
    (d) => (d.environment = "prod"),
    /^environment: must be "example" to match the file name \(got "prod"\)$/,
  ],
];

describe("configuration rules", () => {
  test.each(cases)("rejects %s", (_name, change, expected) => {
    const problems = problemsOf(change);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  test("accepts every region AWS lists, in every partition, newer ones included", () => {
    const regions = ["eu-west-1", "mx-central-1", "us-gov-west-1", "cn-north-1", "ap-southeast-7"];
    for (const region of regions) {
      const document = exampleDocument();
      document.region = region;
      expect(parseConfig(document, "config/example.json").region).toBe(region);
    }
  });

  test("accepts the shipped example and fills in the secure defaults", () => {
    expect(problemsOf(() => {})).toEqual([]);
    const config = parseConfig(exampleDocument(), "config/example.json");
    expect(config.api.type).toBe("http");
    expect(config.pki.mode === "acm-pca" && config.pki.deletionProtection).toBe(true);
    expect(config.api.serverCertificate).toEqual({ source: "acm" });
  });

  test("a section left out, or given as {}, takes each of its fields' defaults", () => {
    for (const leave of [
      (section: Record<string, any>, key: string) => delete section[key],
      (section: Record<string, any>, key: string) => (section[key] = {}),
    ]) {
      const document = exampleDocument();
      leave(document, "truststore");
      leave(document.api, "authorizer");
      leave(document.pki, "crl");
      const config = parseConfig(document, "config/example.json");
      expect(config.truststore).toEqual({
        key: "truststore.pem",
        noncurrentVersionsToKeep: 10,
        noncurrentVersionExpirationDays: 90,
      });
      expect(config.api.authorizer).toEqual({
        resultCacheTtlSeconds: 300,
        crlRefreshSeconds: 300,
        crlGraceSeconds: 0,
        crlClockSkewSeconds: 300,
      });
      expect(config.pki.mode === "acm-pca" && config.pki.crl).toEqual({ expirationDays: 7 });
    }
  });

  test("a self-managed PKI section left out takes its fields' defaults", () => {
    const document = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "config", "self-managed.json"), "utf8"),
    );
    delete document.pki.clientCertificates;
    delete document.pki.crl;
    const config = parseConfig(document, "config/self-managed.json");
    expect(config.pki.mode === "self-managed" && [config.pki.clientCertificates, config.pki.crl]).toEqual([
      { validityDays: 365, keyAlgorithm: "RSA_2048" },
      { nextUpdateDays: 7 },
    ]);
  });

  test("reports every bad field of a document at once", () => {
    const problems = problemsOf((d) => {
      d.domain.name = "nope";
      d.domain.hostedZoneId = "nope";
      d.region = "nope";
    });
    expect(problems).toHaveLength(3);
  });

  test("the error message names the document and says nothing was synthesized", () => {
    const document = exampleDocument();
    document.region = "Europe";
    expect(() => parseConfig(document, "config/example.json")).toThrow(
      /^Invalid configuration in config\/example\.json:\n {2}- region: .*\nNothing was synthesized\.$/,
    );
  });
});
