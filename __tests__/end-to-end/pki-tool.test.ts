// The PKI tool (npm run pki): certificates checked with openssl, errors that leave every file untouched.
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../lib/pki-folder/errors";
import { readManifest } from "../../lib/pki-folder/manifest";
import type { PkiContext } from "../../tools/pki/context";
import { bundle } from "../../tools/pki/commands/bundle";
import { crl } from "../../tools/pki/commands/crl";
import { init } from "../../tools/pki/commands/init";
import { issue } from "../../tools/pki/commands/issue";
import { retire } from "../../tools/pki/commands/retire";
import { revoke } from "../../tools/pki/commands/revoke";
import { rotate } from "../../tools/pki/commands/rotate";
import { status } from "../../tools/pki/commands/status";
import { createTestPki, DAY, selfManagedSettings, snapshotFolder, testFolder, testContext } from "../helpers/pki";
import { openssl } from "../helpers/processes";

function certificateText(file: string): string {
  const run = openssl(["x509", "-in", file, "-noout", "-text"]);
  expect(run.status).toBe(0);
  return run.stdout;
}

function verify(caFile: string, certificate: string, extra: string[] = []): string {
  const run = openssl(["verify", ...extra, "-CAfile", caFile, certificate]);
  return `${run.stdout}${run.stderr}`.trim();
}

function modeOf(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

/** The text of an issuing CA's DER CRL, after openssl verified its signature against the bundle. */
function verifiedCrlText(context: PkiContext, ca = "issuing-1"): string {
  const args = [
    "crl",
    "-inform",
    "DER",
    "-in",
    context.layout.crlDer(ca),
    "-noout",
    "-text",
    "-CAfile",
    context.layout.truststore,
  ];
  const run = openssl(args);
  expect(run.stderr).toContain("verify OK");
  return run.stdout;
}

/** The CRL number as openssl prints it (decimal, or 0x-prefixed hex for large values). */
function crlNumberIn(text: string): number {
  return Number(/X509v3 CRL Number:\s+(\S+)/.exec(text)![1]);
}

/** A key and a CSR made by openssl, as a client makes them. */
function opensslCsr(newKey: string[], subject: string, extra: string[] = []): { key: string; csr: string } {
  const folder = testFolder("csr");
  const files = { key: path.join(folder, "client.key"), csr: path.join(folder, "client.csr") };
  const made = openssl([
    "req",
    "-new",
    ...newKey,
    "-nodes",
    "-keyout",
    files.key,
    "-out",
    files.csr,
    "-subj",
    subject,
    ...extra,
  ]);
  expect(made.status).toBe(0);
  return files;
}

/** The CA certificates' PEM, concatenated in the given order: what the bundle must be. */
function caPems(context: PkiContext, names: string[]): string {
  return names.map((ca) => fs.readFileSync(context.layout.caCertificate(ca), "utf8")).join("");
}

/** Runs a command that must fail with a PkiError, and proves that the PKI folder did not change. */
async function expectRefusal(
  context: PkiContext,
  command: () => Promise<unknown>,
  message: string | RegExp,
): Promise<void> {
  const before = snapshotFolder(context.layout.root);
  const failure = await command().then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(PkiError);
  expect((failure as Error).message).toMatch(message);
  expect(snapshotFolder(context.layout.root)).toEqual(before);
}

describe("pki init", () => {
  let context: PkiContext;
  beforeAll(async () => {
    context = await createTestPki();
  });

  test("writes a self-signed root CA limited to one CA below it", () => {
    const text = certificateText(context.layout.caCertificate("root-1"));
    expect(text).toContain("Subject: C = GB, O = Example Ltd, CN = Example Root CA");
    expect(text).toContain("Issuer: C = GB, O = Example Ltd, CN = Example Root CA");
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:1/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain("Signature Algorithm: ecdsa-with-SHA256");
    expect(text).toContain("NIST CURVE: P-256");
  });

  test("writes an issuing CA signed by the root, which may sign no CA (path length 0)", () => {
    const issuing = context.layout.caCertificate("issuing-1");
    const text = certificateText(issuing);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:TRUE, pathlen:0/);
    expect(text).toMatch(/X509v3 Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(text).toContain("Subject: C = GB, O = Example Ltd, CN = Example Issuing CA 1");
    expect(verify(context.layout.caCertificate("root-1"), issuing)).toBe(`${issuing}: OK`);
  });

  test("writes the private keys owner-only, in an owner-only folder, unencrypted without a passphrase", () => {
    for (const ca of ["root-1", "issuing-1"]) {
      const key = context.layout.caKey(ca);
      expect(modeOf(key)).toBe(0o600);
      expect(fs.readFileSync(key, "utf8")).toContain("-----BEGIN PRIVATE KEY-----");
      const matches = openssl(["x509", "-in", context.layout.caCertificate(ca), "-noout", "-pubkey"]).stdout;
      expect(openssl(["pkey", "-in", key, "-pubout"]).stdout).toBe(matches);
    }
    expect(modeOf(context.layout.privateFolder)).toBe(0o700);
    expect(modeOf(path.dirname(context.layout.caKey("root-1")))).toBe(0o700);
  });

  test("writes the truststore bundle, issuing CA then root, and an empty signed CRL", () => {
    expect(fs.readFileSync(context.layout.truststore, "utf8")).toBe(caPems(context, ["issuing-1", "root-1"]));
    const text = verifiedCrlText(context);
    expect(text).toContain("No Revoked Certificates.");
    expect(text).toMatch(/X509v3 CRL Number:\s+1/);
  });

  test("honours the configured algorithms (RSA-2048 with SHA-384)", async () => {
    const rsa = await createTestPki({
      settings: selfManagedSettings((pki) =>
        Object.assign(pki, { keyAlgorithm: "RSA_2048", signingAlgorithm: "SHA384WITHRSA" }),
      ),
    });
    const text = certificateText(rsa.layout.caCertificate("issuing-1"));
    expect(text).toContain("Signature Algorithm: sha384WithRSAEncryption");
    expect(text).toContain("Public-Key: (2048 bit)");
  });

  test("refuses to overwrite an existing PKI", async () => {
    await expectRefusal(context, () => init(context), /pki\.json already exists: this folder holds a PKI/);
  });
});

describe("pki issue", () => {
  let context: PkiContext;
  beforeAll(async () => {
    context = await createTestPki();
  });

  test("issues a client certificate with a new key pair, for client authentication only", async () => {
    await issue(context, { name: "partner-a" });
    const certificate = context.layout.certificate("client", "partner-a");
    const text = certificateText(certificate);
    expect(text).toContain("Subject: CN = partner-a");
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Client Authentication\n/);
    expect(text).toMatch(/X509v3 Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toContain("Public-Key: (2048 bit)");
    expect(verify(context.layout.truststore, certificate, ["-purpose", "sslclient"])).toBe(`${certificate}: OK`);
    expect(verify(context.layout.truststore, certificate, ["-purpose", "sslserver"])).toContain(
      "unsuitable certificate purpose",
    );
    expect(modeOf(context.layout.key("client", "partner-a"))).toBe(0o600);
    const days = (Date.parse(readManifest(context.layout).certificates[0].notAfter) - Date.now()) / DAY;
    expect(Math.round(days)).toBe(365);
  });

  test("issues from a CSR: the client keeps its key, the certificate carries the CSR's key and the name as subject", async () => {
    // A CSR may claim any subject, another team's name too: the certificate says the name it was issued under,
    // which is how the authorizer knows the client (CN=<name>).
    const { key, csr } = opensslCsr(
      ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"],
      "/O=Partner B/CN=partner-a",
    );
    await issue(context, { name: "partner-b", csrPem: fs.readFileSync(csr, "utf8") });
    const certificate = context.layout.certificate("client", "partner-b");
    expect(certificateText(certificate)).toMatch(/Subject: CN = partner-b\n/);
    expect(readManifest(context.layout).certificates.at(-1)).toMatchObject({
      name: "partner-b",
      subject: "CN=partner-b",
    });
    const certificateKey = openssl(["x509", "-in", certificate, "-noout", "-pubkey"]).stdout;
    expect(openssl(["pkey", "-in", key, "-pubout"]).stdout).toBe(certificateKey);
    expect(fs.existsSync(context.layout.key("client", "partner-b"))).toBe(false);
  });

  test("refuses a CSR whose signature does not verify", async () => {
    const { csr } = opensslCsr(["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"], "/CN=tampered", [
      "-outform",
      "DER",
    ]);
    const der = fs.readFileSync(csr);
    der[der.length - 5] ^= 0xff;
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString("base64")}\n-----END CERTIFICATE REQUEST-----\n`;
    await expectRefusal(
      context,
      () => issue(context, { name: "tampered", csrPem: pem, csrFile: "tampered.csr" }),
      /tampered\.csr: the CSR's signature does not verify/,
    );
  });

  test("refuses a CSR with a key API Gateway rejects", async () => {
    const { csr } = opensslCsr(["-newkey", "rsa:1024"], "/CN=weak");
    await expectRefusal(
      context,
      () => issue(context, { name: "weak", csrPem: fs.readFileSync(csr, "utf8"), csrFile: "weak.csr" }),
      /weak\.csr: the CSR has an RSA-1024 key/,
    );
  });

  test("refuses what is not a CSR", async () => {
    await expectRefusal(
      context,
      () => issue(context, { name: "junk", csrPem: "hello", csrFile: "junk.csr" }),
      /junk\.csr is not a PEM certificate signing request/,
    );
  });

  test("refuses a second certificate under a name that has a valid one, unless asked to replace it", async () => {
    await issue(context, { name: "partner-c" });
    await expectRefusal(
      context,
      () => issue(context, { name: "partner-c" }),
      /partner-c already has a valid certificate .* pass --replace/,
    );
    await issue(context, { name: "partner-c", replace: true });
    expect(
      readManifest(context.layout).certificates.filter((certificate) => certificate.name === "partner-c"),
    ).toHaveLength(2);
  });

  test("refuses a certificate that would outlive its issuing CA", async () => {
    await expectRefusal(
      context,
      () => issue(context, { name: "forever", validityDays: 3650 }),
      /would outlive its issuing CA issuing-1/,
    );
  });

  test("issues the proving ground's server certificate for localhost, with its chain", async () => {
    await issue(context, { name: "localhost", kind: "server" });
    const file = context.layout.certificate("server", "localhost");
    const text = certificateText(file);
    expect(text).toMatch(/X509v3 Extended Key Usage:\s+TLS Web Server Authentication\n/);
    expect(text).toMatch(/DNS:localhost, IP Address:127\.0\.0\.1, IP Address:0:0:0:0:0:0:0:1/);
    expect(fs.readFileSync(file, "utf8")).toContain(fs.readFileSync(context.layout.caCertificate("issuing-1"), "utf8"));
  });

  test("refuses to issue when the issuing CA's key is missing", async () => {
    const broken = await createTestPki();
    fs.rmSync(broken.layout.caKey("issuing-1"));
    await expectRefusal(
      broken,
      () => issue(broken, { name: "x" }),
      /the private key of CA issuing-1 \(.*issuing-1\.key\.pem\) is missing/,
    );
  });

  test("refuses to work on a folder without a PKI, naming the command that creates one", async () => {
    const empty = testContext(testFolder("empty"));
    await expect(issue(empty, { name: "x" })).rejects.toThrow(
      /pki\.json does not exist: create the CA with `npm run pki -- init`/,
    );
    expect(fs.readdirSync(empty.layout.root)).toEqual([]);
  });

  test("writes nothing when a file cannot be staged", async () => {
    const blocked = await createTestPki();
    fs.writeFileSync(path.join(blocked.layout.root, "clients"), "a file where the clients folder goes");
    const before = snapshotFolder(blocked.layout.root);
    await expect(issue(blocked, { name: "x" })).rejects.toThrow(/ENOTDIR|EEXIST/);
    expect(snapshotFolder(blocked.layout.root)).toEqual(before);
  });
});

describe("encrypted CA keys", () => {
  let context: PkiContext;
  beforeAll(async () => {
    context = await createTestPki({ passphrase: "correct horse" });
  });

  test("are encrypted PKCS#8 that openssl opens with the passphrase only", () => {
    const key = context.layout.caKey("issuing-1");
    expect(fs.readFileSync(key, "utf8")).toContain("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    expect(openssl(["pkey", "-in", key, "-passin", "pass:correct horse", "-noout"]).status).toBe(0);
    expect(openssl(["pkey", "-in", key, "-passin", "pass:wrong", "-noout"]).status).not.toBe(0);
  });

  test("sign with the right passphrase", async () => {
    await issue(context, { name: "ok" });
    expect(verify(context.layout.truststore, context.layout.certificate("client", "ok"))).toMatch(/: OK$/);
  });

  test("rotate root proves the passphrase on the CA keys in use before it creates anything", async () => {
    const typo = { ...context, passphrase: "correct hose" };
    await expectRefusal(typo, () => rotate(typo, "root"), /wrong passphrase for .*ca\/(root|issuing)-1\.key\.pem/);
  });

  test("refuse a wrong passphrase, and a missing one, leaving every file untouched", async () => {
    const wrong = { ...context, passphrase: "battery staple" };
    await expectRefusal(wrong, () => issue(wrong, { name: "x" }), /wrong passphrase for .*issuing-1\.key\.pem/);
    const missing = { ...context, passphrase: undefined };
    await expectRefusal(missing, () => crl(missing), /issuing-1\.key\.pem is encrypted: set MTLS_PKI_PASSPHRASE/);
  });
});

describe("pki revoke and crl", () => {
  let context: PkiContext;
  beforeAll(async () => {
    context = await createTestPki();
    await issue(context, { name: "partner-a" });
    await issue(context, { name: "partner-b" });
  });

  test("revoke by colon-separated serial re-signs the CRL with the entry, its reason and a later number", async () => {
    const before = new Date();
    const firstNumber = crlNumberIn(verifiedCrlText(context));
    const serial = readManifest(context.layout).certificates[0].serialNumber;
    const colons = serial.toUpperCase().match(/../g)!.join(":");
    await revoke(context, { certificate: colons, reason: "keyCompromise" });
    const text = verifiedCrlText(context);
    expect(text).toContain(`Serial Number: ${serial.toUpperCase()}`);
    expect(text).toContain("Key Compromise");
    // Never backwards, across restores too: at least the signing time in epoch seconds, above the last one.
    expect(crlNumberIn(text)).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000));
    expect(crlNumberIn(text)).toBeGreaterThan(firstNumber);
    const pem = openssl(["crl", "-in", context.layout.crlPem("issuing-1"), "-noout", "-text"]);
    expect(pem.stdout).toBe(text);
  });

  test("the CRL's next update is crl.nextUpdateDays after signing", () => {
    const dates = ["-noout", "-lastupdate", "-nextupdate"];
    const text = openssl(["crl", "-inform", "DER", "-in", context.layout.crlDer("issuing-1"), ...dates]).stdout;
    const [last, next] = [/lastUpdate=(.*)/, /nextUpdate=(.*)/].map((pattern) => Date.parse(text.match(pattern)![1]));
    expect((next - last) / DAY).toBeCloseTo(7, 3);
  });

  test("revoke by name; a second revocation and an unknown serial are refused", async () => {
    await revoke(context, { certificate: "partner-b" });
    await expectRefusal(
      context,
      () => revoke(context, { certificate: "partner-b" }),
      /no certificate with serial or name "partner-b"/,
    );
    const serial = readManifest(context.layout).certificates[1].serialNumber;
    await expectRefusal(context, () => revoke(context, { certificate: serial }), /was already revoked/);
    await expectRefusal(
      context,
      () => revoke(context, { certificate: "0a:0b:0c" }),
      /no certificate with serial or name "0a:0b:0c" .* `npm run pki -- status` lists them/,
    );
  });

  test("crl re-signs with the same entries and the next number", async () => {
    const previous = crlNumberIn(verifiedCrlText(context));
    await crl(context);
    const text = verifiedCrlText(context);
    expect(text.match(/Serial Number:/g)).toHaveLength(2);
    expect(crlNumberIn(text)).toBeGreaterThan(previous);
    expect(crlNumberIn(text)).toBe(
      readManifest(context.layout).authorities.find((ca) => ca.name === "issuing-1")!.crlNumber,
    );
  });

  test("revoke by decimal serial, as some tools print it, finds the same certificate", async () => {
    await issue(context, { name: "partner-c" });
    const serial = readManifest(context.layout).certificates.find((entry) => entry.name === "partner-c")!.serialNumber;
    await revoke(context, { certificate: BigInt(`0x${serial}`).toString(10) });
    const revoked = readManifest(context.layout).certificates.find((entry) => entry.name === "partner-c")!;
    expect(revoked.revoked?.reason).toBe("unspecified");
    expect(verifiedCrlText(context)).toContain(`Serial Number: ${serial.toUpperCase()}`);
  });
});

describe("pki bundle and status", () => {
  let context: PkiContext;
  beforeAll(async () => {
    context = await createTestPki();
    await issue(context, { name: "partner-a" });
  });

  test("bundle rewrites the same bytes every time", async () => {
    const first = fs.readFileSync(context.layout.truststore);
    fs.rmSync(context.layout.truststore);
    await bundle(context);
    expect(fs.readFileSync(context.layout.truststore).equals(first)).toBe(true);
    await bundle(context);
    expect(fs.readFileSync(context.layout.truststore).equals(first)).toBe(true);
  });

  test("status lists every certificate with its expiry and exits 0 when nothing is near it", async () => {
    const result = await status(context);
    expect(result.exitCode).toBe(0);
    const table = result.lines.join("\n");
    for (const row of [
      "root CA     root-1",
      "issuing CA  issuing-1",
      "CRL         issuing-1",
      "client      partner-a  CN=partner-a",
    ])
      expect(table).toContain(row);
    expect(table).toMatch(/partner-a .* 36[45] +ok/);
  });

  test("status exits 1 once a certificate is within the threshold", async () => {
    const result = await status(context, { warningDays: 400, json: true });
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.lines[0]);
    expect(report.rows.find((row: any) => row.name === "partner-a").state).toBe("expiring");
  });

  test("status exits 1 for an expired certificate and a lapsed CRL; a revoked certificate does not count", async () => {
    const later = { ...context, now: () => new Date(Date.now() + 366 * DAY) };
    const result = await status(later, { json: true });
    const rows = JSON.parse(result.lines[0]).rows;
    expect(result.exitCode).toBe(1);
    expect(rows.find((row: any) => row.name === "partner-a").state).toBe("expired");
    expect(rows.find((row: any) => row.kind === "CRL").state).toBe("expired");

    const fresh = await createTestPki();
    await issue(fresh, { name: "gone" });
    await revoke(fresh, { certificate: "gone" });
    const soon = await status(fresh, { warningDays: 400, json: true });
    expect(JSON.parse(soon.lines[0]).rows.find((row: any) => row.name === "gone").state).toBe("revoked");
  });
});

describe("pki status checks the files against pki.json", () => {
  async function problemsOf(context: PkiContext): Promise<string[]> {
    const result = await status(context, { json: true });
    const problems = JSON.parse(result.lines[0]).problems;
    expect(result.exitCode).toBe(problems.length > 0 ? 1 : 0);
    return problems;
  }

  test("a consistent PKI has no problem", async () => {
    const context = await createTestPki();
    await issue(context, { name: "partner-a" });
    await revoke(context, { certificate: "partner-a" });
    expect(await problemsOf(context)).toEqual([]);
  });

  test("a CRL that lost a recorded revocation (an older CRL put back) is reported with the fix", async () => {
    const context = await createTestPki();
    await issue(context, { name: "partner-a" });
    const before = fs.readFileSync(context.layout.crlDer("issuing-1"));
    const older = readManifest(context.layout).authorities[1].crlNumber;
    await revoke(context, { certificate: "partner-a" });
    const newer = readManifest(context.layout).authorities[1].crlNumber;
    fs.writeFileSync(context.layout.crlDer("issuing-1"), before);
    const problems = (await problemsOf(context)).join("\n");
    expect(problems).toMatch(/crl\/issuing-1\.crl omits recorded revocation\(s\) [0-9a-f]+: run `npm run pki -- crl`/);
    expect(problems).toContain(`crl/issuing-1.crl is CRL number ${older}, but pki.json records ${newer}`);
    expect(problems).toMatch(/crl\/issuing-1\.crl\.pem is not the PEM form of/);
  });

  test("a CRL signed by another key, a CA key that is not its certificate's, a readable key, a stale bundle", async () => {
    const context = await createTestPki();
    const other = await createTestPki();
    fs.copyFileSync(other.layout.crlDer("issuing-1"), context.layout.crlDer("issuing-1"));
    fs.copyFileSync(other.layout.caKey("root-1"), context.layout.caKey("root-1"));
    fs.chmodSync(context.layout.caKey("issuing-1"), 0o644);
    fs.writeFileSync(context.layout.truststore, fs.readFileSync(context.layout.caCertificate("root-1")));
    const problems = (await problemsOf(context)).join("\n");
    expect(problems).toMatch(/crl\/issuing-1\.crl does not verify under CA issuing-1: run `npm run pki -- crl`/);
    expect(problems).toMatch(/private\/ca\/root-1\.key\.pem is not the key of .*ca\/root-1\.pem: restore/);
    expect(problems).toMatch(
      /private\/ca\/issuing-1\.key\.pem is readable by group or others \(mode 644\): run `chmod 600/,
    );
    expect(problems).toMatch(
      /truststore\.pem does not hold exactly the CAs in use \(issuing-1, root-1, in that order\): run `npm run pki -- bundle`/,
    );
  });

  test("encrypted keys are checked with the passphrase, and said to be unchecked without it", async () => {
    const context = await createTestPki({ passphrase: "s3cret" });
    expect(await problemsOf(context)).toEqual([]);
    const result = await status({ ...context, passphrase: undefined });
    expect(result.exitCode).toBe(0);
    expect(result.lines.join("\n")).toMatch(/not checked: .*root-1\.key\.pem is encrypted: set MTLS_PKI_PASSPHRASE/);
  });

  test("a CA certificate that does not parse is one line naming the file", async () => {
    const context = await createTestPki();
    fs.writeFileSync(
      context.layout.caCertificate("issuing-1"),
      "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n",
    );
    await expectRefusal(
      context,
      () => issue(context, { name: "x" }),
      /^.*ca\/issuing-1\.pem is not a PEM certificate \(.*\): restore it from a backup$/,
    );
  });

  test("a CA key readable by others draws a warning from the commands that open it", async () => {
    const context = await createTestPki();
    fs.chmodSync(context.layout.caKey("issuing-1"), 0o640);
    const warnings = jest.spyOn(console, "error").mockImplementation(() => {});
    try {
      await crl(context);
      expect(warnings).toHaveBeenCalledWith(
        expect.stringMatching(/^pki: warning: .*issuing-1\.key\.pem is readable by group or others \(mode 640\)/),
      );
    } finally {
      warnings.mockRestore();
    }
  });
});

describe("pki rotate and retire", () => {
  let context: PkiContext;
  let rotation: string[];
  beforeAll(async () => {
    context = await createTestPki();
    await issue(context, { name: "old-client" });
    rotation = (await rotate(context, "issuing")).lines;
    await issue(context, { name: "new-client" });
  });

  test("rotate issuing says the new CA reuses the old one's subject, and where to change it", () => {
    expect(rotation).toContainEqual(
      expect.stringMatching(
        /^issuing-2 has the same subject as issuing-1 \(".*", from pki\.issuingCa\.subject\): .*change pki\.issuingCa\.subject before rotating\.$/,
      ),
    );
  });

  test("a new issuing CA signs from now on; the bundle holds both issuing CAs, then the root", () => {
    const manifest = readManifest(context.layout);
    expect(manifest.activeIssuingCa).toBe("issuing-2");
    expect(manifest.certificates.map((certificate) => [certificate.name, certificate.issuer])).toEqual([
      ["old-client", "issuing-1"],
      ["new-client", "issuing-2"],
    ]);
    expect(fs.readFileSync(context.layout.truststore, "utf8")).toBe(
      caPems(context, ["issuing-1", "issuing-2", "root-1"]),
    );
  });

  test("old and new clients both verify against the rotation bundle, and each issuing CA has a CRL", () => {
    for (const name of ["old-client", "new-client"]) {
      const file = context.layout.certificate("client", name);
      expect(verify(context.layout.truststore, file)).toBe(`${file}: OK`);
    }
    for (const ca of ["issuing-1", "issuing-2"]) expect(fs.existsSync(context.layout.crlDer(ca))).toBe(true);
  });

  test("retire refuses the active CA and a CA with valid certificates, then takes the old CA out of the bundle", async () => {
    await expectRefusal(context, () => retire(context, { ca: "issuing-2" }), /issuing-2 signs new certificates/);
    await expectRefusal(
      context,
      () => retire(context, { ca: "root-1" }),
      /root-1 signs new certificates \(directly or through issuing-2\)/,
    );
    await expectRefusal(
      context,
      () => retire(context, { ca: "issuing-1" }),
      /issuing-1 issued 1 certificate\(s\) still valid \(old-client\)/,
    );
    await revoke(context, { certificate: "old-client", reason: "superseded" });
    await retire(context, { ca: "issuing-1" });
    expect(fs.readFileSync(context.layout.truststore, "utf8")).toBe(caPems(context, ["issuing-2", "root-1"]));
  });

  test("rotate root adds a root and an issuing CA under it; the old chain stays until retired", async () => {
    await rotate(context, "root");
    const manifest = readManifest(context.layout);
    expect(manifest.activeIssuingCa).toBe("issuing-3");
    expect(manifest.authorities.find((ca) => ca.name === "issuing-3")!.issuer).toBe("root-2");
    expect(fs.readFileSync(context.layout.truststore, "utf8")).toBe(
      caPems(context, ["issuing-2", "issuing-3", "root-1", "root-2"]),
    );
    await expectRefusal(
      context,
      () => retire(context, { ca: "root-1" }),
      /root-1 still signs issuing-2: retire those first/,
    );
  });

  test("rotate refuses an unknown scope", async () => {
    await expectRefusal(context, () => rotate(context, "everything"), /rotate "everything": say what to rotate/);
  });
});
