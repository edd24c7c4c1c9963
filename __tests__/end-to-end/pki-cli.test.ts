// The PKI tool as users run it (npm run pki -- <command>): configuration from MTLS_CONFIG, exit statuses,
// one-line errors without stack traces.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { selfManagedDocument, testFolder } from "../helpers/pki";
import { openssl, RUN_BUNDLED, runTool } from "../helpers/processes";

const PKI = "tools/pki/cli.ts";

describe("npm run pki", () => {
  const folder = testFolder("pki-cli");
  const directory = path.join(folder, "pki");
  const configFile = path.join(folder, "config.json");
  const env = { MTLS_CONFIG: configFile, MTLS_PKI_PASSPHRASE: "" };

  beforeAll(() => {
    const document = selfManagedDocument();
    document.pki.directory = directory;
    fs.writeFileSync(configFile, JSON.stringify(document));
  });

  test("is the package's pki script", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.pki).toBe(`node ${RUN_BUNDLED} ${PKI}`);
  });

  test("init creates the PKI in the configured folder, with keys encrypted by MTLS_PKI_PASSPHRASE", () => {
    const run = runTool(PKI, ["init"], { ...env, MTLS_PKI_PASSPHRASE: "s3cret" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Created the PKI in ${directory}`);
    expect(run.stdout).toContain("CA keys are encrypted");
    expect(fs.readFileSync(path.join(directory, "private", "ca", "issuing-1.key.pem"), "utf8")).toContain(
      "ENCRYPTED PRIVATE KEY",
    );
  });

  test("a command needing the CA key reads the passphrase from --passphrase-file, and says so when it is wrong", () => {
    const passphrase = path.join(folder, "passphrase");
    fs.writeFileSync(passphrase, "wrong\n");
    const wrong = runTool(PKI, ["issue", "partner-a", "--passphrase-file", passphrase], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim()).toMatch(
      /^pki issue: wrong passphrase for .*issuing-1\.key\.pem: check the passphrase in .*passphrase \(--passphrase-file\) \(nothing was written\)$/,
    );
    fs.writeFileSync(passphrase, "s3cret\n");
    const right = runTool(PKI, ["issue", "partner-a", "--passphrase-file", passphrase], env);
    expect(right.status).toBe(0);
    expect(right.stdout).toContain('Issued client certificate "CN=partner-a"');
  });

  test("export --p12 writes an owner-only PKCS#12 file that openssl opens with the password from the environment", () => {
    const out = path.join(folder, "partner-a.p12");
    const run = runTool(PKI, ["export", "partner-a", "--p12", "--out", out], {
      ...env,
      MTLS_P12_PASSWORD: "p12 secret",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const opened = openssl(["pkcs12", "-in", out, "-passin", "env:P12", "-nodes"], {
      env: { ...process.env, P12: "p12 secret" },
    });
    expect(opened.status).toBe(0);
    expect(opened.stdout).toMatch(/subject=CN\s?=\s?partner-a/);
    expect(run.stdout).toMatch(/Exported partner-a .* with its key and issuing-1 \(AES-256, SHA-256 MAC\)/);
    expect(opened.stdout).toContain("-----BEGIN PRIVATE KEY-----");
    const wrong = openssl(["pkcs12", "-in", out, "-passin", "pass:wrong", "-nokeys"]);
    expect(wrong.status).not.toBe(0);
  });

  test("export takes the password from a file or the environment, never the command line", () => {
    const noPassword = runTool(PKI, ["export", "partner-a", "--p12"], { ...env, MTLS_P12_PASSWORD: "" });
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toMatch(
      /^pki export: give the PKCS#12 password with --password-file FILE or MTLS_P12_PASSWORD \(never on the command line\);/,
    );
    const onArgv = runTool(PKI, ["export", "partner-a", "--p12", "--password", "visible"], env);
    expect(onArgv.status).toBe(2);
    expect(onArgv.stderr).toMatch(/^pki export: unknown option --password;/);
    const emptyFile = path.join(folder, "empty-password");
    fs.writeFileSync(emptyFile, "\n");
    const empty = runTool(PKI, ["export", "partner-a", "--p12", "--password-file", emptyFile], env);
    expect({ status: empty.status, stderr: empty.stderr.trim() }).toEqual({
      status: 2,
      stderr: expect.stringMatching(
        /^pki export: the password file .*empty-password is empty: a PKCS#12 file needs a password/,
      ),
    });
    const passwordFile = path.join(folder, "p12-password");
    fs.writeFileSync(passwordFile, "from a file\n");
    const fromFile = runTool(PKI, ["export", "partner-a", "--p12", "--password-file", passwordFile], env);
    expect(fromFile.status).toBe(0);
    const written = path.join(directory, "private", "clients", "partner-a.p12");
    expect(openssl(["pkcs12", "-in", written, "-passin", "pass:from a file", "-nokeys"]).status).toBe(0);
  });

  test("export --legacy writes 3DES with a SHA-1 MAC; without openssl it exits 3 in one line, writing nothing", () => {
    const out = path.join(folder, "partner-a-legacy.p12");
    const legacy = runTool(PKI, ["export", "partner-a", "--p12", "--legacy", "--out", out], {
      ...env,
      MTLS_P12_PASSWORD: "p12 secret",
    });
    expect(legacy.status).toBe(0);
    expect(legacy.stdout).toContain("(legacy 3DES, SHA-1 MAC)");
    const info = openssl(["pkcs12", "-in", out, "-passin", "pass:p12 secret", "-info", "-noout"]);
    expect(info.stderr).toMatch(/^MAC: sha1,/m);
    const missing = path.join(folder, "no-openssl.p12");
    const noOpenssl = runTool(PKI, ["export", "partner-a", "--p12", "--out", missing], {
      ...env,
      MTLS_P12_PASSWORD: "p12 secret",
      PATH: path.join(folder, "empty-path"),
    });
    expect(noOpenssl.status).toBe(3);
    expect(noOpenssl.stderr.trim()).toMatch(/^pki export: cannot run openssl \(ENOENT\): .*install it .*$/);
    expect(fs.existsSync(missing)).toBe(false);
  });

  test("status exits 0, and 1 past the threshold", () => {
    expect(runTool(PKI, ["status"], env).status).toBe(0);
    const past = runTool(PKI, ["status", "--warn-days", "400"], env);
    expect(past.status).toBe(1);
    expect(past.stdout).toContain("expiring within 400 days");
  });

  test("a usage error exits 2 with the command's usage, in one line", () => {
    const run = runTool(PKI, ["issue"], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "pki issue: missing <name>; usage: npm run pki -- issue <name> [--csr FILE] [--days N] [--replace] (npm run pki -- --help explains each option)\n",
    );
  });

  test("refuses an acm-pca configuration with the fix", () => {
    const run = runTool(PKI, ["status"], { MTLS_CONFIG: "", MTLS_ENV: "example" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'pki status: pki.mode is "acm-pca" in environment example: the PKI tool manages self-managed CAs only',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
