// The truststore linter: every rule, each with a bundle that breaks that rule only; `openssl verify` agrees
// with it on which certificates chain validly; the CLI's exit status says errors, warnings only, or clean.
import * as fs from "node:fs";
import * as path from "node:path";
import {
  FINDINGS_SHOWN_PER_RULE,
  lintTruststore,
  MAX_BUNDLE_BYTES,
  type LintReport,
} from "../../lib/truststore-lint/lint";
import { RULES } from "../../lib/truststore-lint/rules";
import { DAY, testFolder } from "../helpers/pki";
import {
  createCertificate,
  withBrokenSignature,
  type CertificateOptions,
  type TestCertificate,
} from "../helpers/test-pki";
import { openssl, runToolAsync, spawnAsync, toolCommand } from "../helpers/processes";

const now = Date.now();

interface Fixtures {
  root: TestCertificate;
  issuing: TestCertificate;
  client: TestCertificate;
  keyBlock: string;
  cases: { rule: string; severity: "error" | "warning"; bundle: string; about: string }[];
}

async function buildFixtures(): Promise<Fixtures> {
  const root = await createCertificate({ subject: "CN=Lint Root" });
  const issuing = await createCertificate({ subject: "CN=Lint Issuing", issuer: root });
  const client = await createCertificate({ subject: "CN=lint-client", issuer: issuing, profile: "end-entity" });
  const under = (options: CertificateOptions) => createCertificate({ issuer: root, ...options });
  const expired = await under({
    subject: "CN=Expired Issuing",
    notBefore: new Date(now - 30 * DAY),
    notAfter: new Date(now - DAY),
  });
  const notYet = await under({
    subject: "CN=Future Issuing",
    notBefore: new Date(now + DAY),
    notAfter: new Date(now + 365 * DAY),
  });
  const expiring = await under({ subject: "CN=Expiring Issuing", notAfter: new Date(now + 10 * DAY) });
  const sha1 = await under({ subject: "CN=SHA-1 Issuing", hash: "SHA-1" });
  const rsa1024 = await under({ subject: "CN=RSA-1024 Issuing", key: "RSA-1024" });
  const p521 = await under({ subject: "CN=P-521 Issuing", key: "P-521" });
  const ed25519 = await under({ subject: "CN=Ed25519 Issuing", key: "Ed25519" });
  const notCa = await under({ subject: "CN=Not A CA", profile: "end-entity" });
  const signedByNotCa = await createCertificate({ subject: "CN=Below Not A CA", issuer: notCa });
  const chain = [root];
  for (let depth = 1; depth <= 4; depth++)
    chain.push(await createCertificate({ subject: `CN=Depth ${depth}`, issuer: chain[depth - 1] }));
  // Loop B is signed by Loop A's key, and Loop A (same key) by Loop B's: neither is self-signed.
  const loopSeed = await createCertificate({ subject: "CN=Loop A" });
  const loopB = await createCertificate({ subject: "CN=Loop B", issuer: loopSeed });
  const loopA = await createCertificate({ subject: "CN=Loop A", issuer: loopB, keyOf: loopSeed });
  const keyBlock = client.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  const bundle = (...certificates: (TestCertificate | string)[]) =>
    certificates.map((certificate) => (typeof certificate === "string" ? certificate : certificate.pem)).join("");
  return {
    root,
    issuing,
    client,
    keyBlock,
    cases: [
      {
        rule: "no-private-key",
        severity: "error",
        about: "a private key after the CAs",
        bundle: bundle(issuing, root, keyBlock),
      },
      {
        rule: "certificate-blocks-only",
        severity: "error",
        about: "a public key block",
        bundle: bundle(issuing, root, client.certificate.publicKey.toString("pem") + "\n"),
      },
      {
        rule: "certificate-blocks-only",
        severity: "warning",
        about: "text between the blocks",
        bundle: bundle(issuing, "subject=Lint Root\n", root),
      },
      {
        rule: "parses-as-x509",
        severity: "error",
        about: "a certificate block of garbage",
        bundle: bundle(
          issuing,
          root,
          "-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
        ),
      },
      { rule: "validity-period", severity: "error", about: "an expired issuing CA", bundle: bundle(expired, root) },
      {
        rule: "validity-period",
        severity: "error",
        about: "an issuing CA not valid yet",
        bundle: bundle(notYet, root),
      },
      {
        rule: "expiry-warning",
        severity: "warning",
        about: "an issuing CA expiring in 10 days",
        bundle: bundle(expiring, root),
      },
      {
        rule: "signature-algorithm",
        severity: "error",
        about: "a SHA-1 signed issuing CA",
        bundle: bundle(sha1, root),
      },
      { rule: "rsa-key-size", severity: "error", about: "an RSA-1024 issuing CA", bundle: bundle(rsa1024, root) },
      { rule: "ecdsa-curve", severity: "error", about: "a P-521 issuing CA", bundle: bundle(p521, root) },
      { rule: "key-type", severity: "error", about: "an Ed25519 issuing CA", bundle: bundle(ed25519, root) },
      { rule: "issuer-present", severity: "error", about: "no root", bundle: bundle(issuing) },
      {
        rule: "issuer-present",
        severity: "error",
        about: "two CAs that sign each other, and no self-signed root",
        bundle: bundle(loopA, loopB),
      },
      {
        rule: "chain-signature",
        severity: "error",
        about: "an altered issuing CA",
        bundle: bundle(withBrokenSignature(issuing), root),
      },
      {
        rule: "chain-length",
        severity: "error",
        about: "a chain of five",
        bundle: bundle(...chain.slice(1).reverse(), root),
      },
      {
        rule: "ca-certificate",
        severity: "error",
        about: "a signer that is not a CA",
        bundle: bundle(signedByNotCa, notCa, root),
      },
      {
        rule: "ca-certificate",
        severity: "warning",
        about: "a client certificate",
        bundle: bundle(client, issuing, root),
      },
      { rule: "duplicate", severity: "warning", about: "the issuing CA twice", bundle: bundle(issuing, issuing, root) },
    ],
  };
}

function rulesFound(report: LintReport): string[] {
  return [...new Set(report.findings.map((finding) => `${finding.rule}:${finding.severity}`))];
}

describe("truststore linter", () => {
  let fixtures: Fixtures;
  beforeAll(async () => {
    fixtures = await buildFixtures();
  });

  test("a bundle of the issuing CA then the root is clean", () => {
    const report = lintTruststore(fixtures.issuing.pem + fixtures.root.pem);
    expect(report.findings).toEqual([]);
    expect(
      report.certificates.map((certificate) => [certificate.subject, certificate.chain, certificate.chainValid]),
    ).toEqual([
      ["CN=Lint Issuing", [1, 2], true],
      ["CN=Lint Root", [2], true],
    ]);
  });

  test("every rule has a case that breaks it", () => {
    expect(new Set(fixtures.cases.map((testCase) => testCase.rule))).toEqual(new Set(RULES.map((rule) => rule.id)));
  });

  test("each case breaks its rule and no other", () => {
    expect(fixtures.cases.length).toBeGreaterThan(0);
    for (const testCase of fixtures.cases) {
      const report = lintTruststore(testCase.bundle);
      expect({ case: testCase.about, found: rulesFound(report) }).toEqual({
        case: testCase.about,
        found: [`${testCase.rule}:${testCase.severity}`],
      });
    }
  });

  test("each finding names the certificate (subject, serial), the rule and the fix", () => {
    const report = lintTruststore(fixtures.cases.find((testCase) => testCase.rule === "rsa-key-size")!.bundle);
    expect(report.findings).toEqual([
      {
        rule: "rsa-key-size",
        severity: "error",
        certificate: {
          index: 1,
          line: 1,
          subject: "CN=RSA-1024 Issuing",
          serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
        },
        message: "an RSA-1024 key: API Gateway requires RSA-2048 or stronger",
        fix: expect.stringContaining("re-key the CA with RSA-2048 or stronger"),
      },
    ]);
  });

  test("openssl verify agrees with the linter on which certificates chain validly", () => {
    const folder = testFolder("lint-verify");
    let compared = 0;
    let invalid = 0;
    expect(fixtures.cases.length).toBeGreaterThan(1);
    for (const [caseIndex, testCase] of fixtures.cases.entries()) {
      const bundleFile = path.join(folder, `bundle-${caseIndex}.pem`);
      fs.writeFileSync(bundleFile, testCase.bundle);
      const report = lintTruststore(testCase.bundle);
      expect(report.certificates.length).toBeGreaterThan(0);
      for (const certificate of report.certificates) {
        const block = testCase.bundle
          .split(/(?<=-----END CERTIFICATE-----\n)/)
          .filter((part) => part.includes("BEGIN CERTIFICATE"))[certificate.index - 1];
        const file = path.join(folder, `certificate-${caseIndex}-${certificate.index}.pem`);
        fs.writeFileSync(file, block.slice(block.indexOf("-----BEGIN CERTIFICATE-----")));
        // API Gateway's chain limit of 4 = the end entity, the root and at most 2 intermediates.
        const verdict = openssl([
          "verify",
          "-no-CApath",
          "-no-CAstore",
          "-verify_depth",
          "2",
          "-CAfile",
          bundleFile,
          file,
        ]);
        if (testCase.rule === "parses-as-x509") {
          // openssl will not load a CA file with a broken certificate at all; the linter calls that an error.
          expect([verdict.status === 0, report.errors > 0]).toEqual([false, true]);
          continue;
        }
        expect({ case: testCase.about, certificate: certificate.subject, valid: verdict.status === 0 }).toEqual({
          case: testCase.about,
          certificate: certificate.subject,
          valid: certificate.chainValid,
        });
        compared++;
        if (!certificate.chainValid) invalid++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    // Expired, not yet valid, no root, the two CAs of the loop, altered signature, fifth in a chain, signed by a non-CA.
    expect(invalid).toBe(8);
  });
});

describe("hostile input", () => {
  test("megabytes of unterminated BEGIN lines: each is an error, the first 20 are shown and the rest counted", async () => {
    const root = await createCertificate({ subject: "CN=Hostile Root" });
    const issuing = await createCertificate({ subject: "CN=Hostile Issuing", issuer: root });
    const line = "-----BEGIN CERTIFICATE-----\n";
    const count = Math.ceil((3 * 1024 * 1024) / line.length);
    const report = lintTruststore(issuing.pem + root.pem + line.repeat(count));
    expect(report.certificates.map((certificate) => certificate.chainValid)).toEqual([true, true]);
    expect(report.errors).toBe(count);
    expect(report.findings).toHaveLength(FINDINGS_SHOWN_PER_RULE + 1);
    expect(report.findings[0].message).toMatch(/^a BEGIN line without its END line \(a truncated block\)/);
    expect(report.findings.at(-1)!.message).toBe(
      `and ${count - FINDINGS_SHOWN_PER_RULE} more error(s) of this rule, from here on (the first ${FINDINGS_SHOWN_PER_RULE} are shown)`,
    );
  });
});

describe("npm run truststore:lint", () => {
  const folder = testFolder("lint-cli");
  const write = (name: string, content: string) => {
    const file = path.join(folder, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const LINT = "tools/truststore-lint/cli.ts";

  test("exits 0 when clean or warnings only, 1 on errors (and on warnings with --strict), 2 when it cannot read the file; --json reports the same", async () => {
    const root = await createCertificate({ subject: "CN=CLI Root" });
    const issuing = await createCertificate({ subject: "CN=CLI Issuing", issuer: root });
    const clean = write("clean.pem", issuing.pem + root.pem);
    const warning = write("warning.pem", issuing.pem + issuing.pem + root.pem);
    const error = write("error.pem", issuing.pem);
    const loopSeed = await createCertificate({ subject: "CN=CLI Loop A" });
    const loopB = await createCertificate({ subject: "CN=CLI Loop B", issuer: loopSeed });
    const loopA = await createCertificate({ subject: "CN=CLI Loop A", issuer: loopB, keyOf: loopSeed });
    const loop = write("loop.pem", loopA.pem + loopB.pem);
    const [cleanRun, warningRun, strictRun, errorRun, jsonRun, missingRun, loopRun] = await Promise.all([
      runToolAsync(LINT, [clean]),
      runToolAsync(LINT, [warning]),
      runToolAsync(LINT, [warning, "--strict"]),
      runToolAsync(LINT, [error]),
      runToolAsync(LINT, [error, "--json"]),
      runToolAsync(LINT, [path.join(folder, "missing.pem")]),
      runToolAsync(LINT, [loop, "--json"]),
    ]);
    expect([cleanRun.status, warningRun.status, strictRun.status, errorRun.status, jsonRun.status]).toEqual([
      0, 0, 1, 1, 1,
    ]);
    // Two CAs that sign each other: the exit status, the JSON verdict and openssl verify all say invalid.
    const loopReport = JSON.parse(loopRun.stdout);
    expect([loopRun.status, loopReport.status, loopReport.certificates.map((c: any) => c.chainValid)]).toEqual([
      1,
      "errors",
      [false, false],
    ]);
    expect(openssl(["verify", "-no-CApath", "-no-CAstore", "-CAfile", loop, loop]).status).not.toBe(0);
    expect(missingRun.status).toBe(2);
    expect(cleanRun.stdout).toContain("2 certificate(s), no problems");
    expect(warningRun.stdout).toMatch(
      /warning \[duplicate\] certificate 2 \(line \d+\) "CN=CLI Issuing" serial [0-9a-f]+: the same certificate as block 1\n {4}fix: /,
    );
    expect(errorRun.stdout).toContain('error [issuer-present] certificate 1 (line 1) "CN=CLI Issuing"');
    const json = JSON.parse(jsonRun.stdout);
    expect(json).toMatchObject({
      status: "errors",
      errors: 1,
      warnings: 0,
      findings: [{ rule: "issuer-present", certificate: { subject: "CN=CLI Issuing" } }],
    });
    expect(missingRun.stderr).toContain("cannot read");
  });

  test("memory stays bounded: the largest bundle it reads peaks under 200 MB, a larger one is refused unread", async () => {
    const line = "-----BEGIN CERTIFICATE-----\n";
    const largest = write("largest.pem", line.repeat(Math.floor(MAX_BUNDLE_BYTES / line.length)));
    const huge = path.join(folder, "huge.pem");
    fs.writeFileSync(huge, "");
    fs.truncateSync(huge, 50 * 1024 * 1024);
    const [command, args] = toolCommand(LINT, [largest]);
    const preload = path.join(__dirname, "..", "fixtures", "report-max-rss.cjs");
    const [linted, refused] = await Promise.all([
      spawnAsync(command, ["-r", preload, ...args]),
      spawnAsync(command, ["-r", preload, ...toolCommand(LINT, [huge])[1]]),
    ]);
    const peakMb = (run: { stderr: string }) => Number(/max-rss-kb (\d+)/.exec(run.stderr)![1]) / 1024;
    expect(linted.status).toBe(1);
    expect(linted.stdout).toMatch(/0 certificate\(s\), \d+ error\(s\)/);
    expect(peakMb(linted)).toBeLessThan(200);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^truststore:lint: .*huge\.pem is 50\.0 MiB, over the 4\.0 MiB the truststore linter reads .*: it is not a truststore bundle; check the path/,
    );
    expect(peakMb(refused)).toBeLessThan(100);
    for (const file of [largest, huge]) fs.rmSync(file);
  });
});
