// pki.mode "self-managed": defaults, and one bad value per rule, each named with its field and the fix.
import { ConfigError } from "../../lib/config/errors";
import { parseConfig } from "../../lib/config/load";
import { exampleDocument } from "../helpers/config";
import { selfManagedDocument } from "../helpers/pki";

function problemsOf(change: (pki: Record<string, any>) => void, base = selfManagedDocument()): string[] {
  change(base.pki);
  try {
    parseConfig(base, "test document");
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("self-managed pki configuration", () => {
  test("the shipped self-managed example is valid", () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  test("a minimal section gets secure defaults", () => {
    const document = selfManagedDocument();
    document.pki = {
      mode: "self-managed",
      rootCa: { subject: { commonName: "Root" } },
      issuingCa: { subject: { commonName: "Issuing" } },
    };
    const pki = parseConfig(document, "test document").pki;
    expect(pki).toEqual({
      mode: "self-managed",
      keyAlgorithm: "EC_prime256v1",
      signingAlgorithm: "SHA256WITHECDSA",
      rootCa: { subject: { commonName: "Root" }, validityYears: 10 },
      issuingCa: { subject: { commonName: "Issuing" }, validityYears: 5 },
      clientCertificates: { validityDays: 365, keyAlgorithm: "RSA_2048" },
      crl: { nextUpdateDays: 7 },
      expiryWarningDays: 30,
    });
  });

  test.each([
    [
      "an unknown mode",
      (pki: any) => (pki.mode = "vault"),
      'pki.mode: mode must be "acm-pca" (ACM Private CA) or "self-managed"',
    ],
    [
      "a signing algorithm of the other key family",
      (pki: any) => (pki.signingAlgorithm = "SHA256WITHRSA"),
      "pki.signingAlgorithm: must match the EC key algorithm EC_prime256v1",
    ],
    [
      "an RSA key below 2048 bits",
      (pki: any) => (pki.keyAlgorithm = "RSA_1024"),
      "pki.keyAlgorithm: RSA keys below 2048 bits",
    ],
    [
      "a SHA-1 signature",
      (pki: any) => (pki.signingAlgorithm = "SHA1WITHECDSA"),
      "pki.signingAlgorithm: API Gateway requires SHA-256",
    ],
    [
      "an issuing CA that outlives its root",
      (pki: any) => (pki.issuingCa.validityYears = 10),
      "pki.issuingCa.validityYears: must be shorter than the root CA's validity (10 years)",
    ],
    [
      "client certificates that outlive the issuing CA",
      (pki: any) => (pki.clientCertificates.validityDays = 5 * 365),
      "pki.clientCertificates.validityDays: must be shorter than the issuing CA's validity (1825 days)",
    ],
    [
      "a directory leaving the project",
      (pki: any) => (pki.directory = "../elsewhere"),
      'pki.directory: must not contain ".."',
    ],
    [
      "a CRL valid too long",
      (pki: any) => (pki.crl.nextUpdateDays = 400),
      "pki.crl.nextUpdateDays: must be at most 365 days",
    ],
    ["no expiry warning", (pki: any) => (pki.expiryWarningDays = 0), "pki.expiryWarningDays: must be at least 1 days"],
    ["an acm-pca setting", (pki: any) => (pki.clients = []), "pki.clients: is not a known setting"],
  ])("rejects %s", (_name, change, message) => {
    const problems = problemsOf(change);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  test("acm-pca mode keeps its own rules (a self-managed setting is unknown there)", () => {
    const problems = problemsOf((pki) => (pki.expiryWarningDays = 30), exampleDocument());
    expect(problems).toEqual([expect.stringContaining("pki.expiryWarningDays: is not a known setting")]);
  });
});
