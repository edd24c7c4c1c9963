import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfig } from "../../lib/config/load";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import type { Config } from "../../lib/config/schema";
import { PkiLayout } from "../../lib/pki-folder/layout";
import { PROJECT_ROOT } from "../../lib/project-root";
import type { PkiContext } from "../../tools/pki/context";
import type { HashName, KeySpec } from "../../tools/pki/crypto/algorithms";
import { generateKeys, privateKeyPem } from "../../tools/pki/crypto/keys";
import { signCertificate } from "../../tools/pki/crypto/sign";
import { init } from "../../tools/pki/commands/init";
import { activeIssuingCa, loadManifest, loadSigner, pemText } from "../../tools/pki/store";
import { temporaryFolder } from "../../lib/temporary-folder";

export const DAY = 24 * 60 * 60 * 1000;

/** The shipped self-managed example document, as a fresh mutable object. */
export function selfManagedDocument(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "config", "self-managed.json"), "utf8"));
}

/** The self-managed example configuration, with its PKI in the given folder and a change applied. */
export function selfManagedConfig(
  directory: string,
  change: (document: Record<string, any>) => void = () => {},
): Config {
  const document = selfManagedDocument();
  document.pki.directory = directory;
  change(document);
  return parseConfig(document, "test document");
}

export function selfManagedSettings(change: (pki: Record<string, any>) => void = () => {}): SelfManagedPkiConfig {
  const document = selfManagedDocument();
  change(document.pki);
  const config = parseConfig(document, "test document");
  if (config.pki.mode !== "self-managed") throw new Error("config/self-managed.json must be in self-managed mode");
  return config.pki;
}

/** A scratch folder of the test, removed with its worker (and with the run's temporary folder). */
export function testFolder(prefix: string): string {
  return temporaryFolder(`mtls-${prefix}-`);
}

/**
 * The shipped settings, but `pki issue` makes EC P-256 client keys instead of RSA-2048: an RSA-2048 key pair costs
 * about 0.13 CPU s, and some seventy clients issued in a run are there for the handshake or the bookkeeping, not
 * the key type. A test about the configured algorithm passes the shipped settings (`selfManagedSettings()`), as
 * pki-tool's issue tests and the PKCS#12 hand-over's RSA clients do.
 */
export function testPkiSettings(): SelfManagedPkiConfig {
  return selfManagedSettings(ecClientKeys);
}

function ecClientKeys(pki: Record<string, any>): void {
  pki.clientCertificates.keyAlgorithm = "EC_prime256v1";
}

/** The self-managed configuration with testPkiSettings(), as a file for the PKI tool run as a process (MTLS_CONFIG). */
export function testPkiConfigFile(): string {
  const document = selfManagedDocument();
  ecClientKeys(document.pki);
  const file = path.join(testFolder("config"), "self-managed.json");
  fs.writeFileSync(file, JSON.stringify(document, null, 2));
  return file;
}

export function testContext(directory: string, overrides: Partial<PkiContext> = {}): PkiContext {
  return { layout: new PkiLayout(directory), settings: testPkiSettings(), now: () => new Date(), ...overrides };
}

/** A fresh PKI made by `pki init` in a temporary folder. */
export async function createTestPki(overrides: Partial<PkiContext> = {}): Promise<PkiContext> {
  const context = testContext(path.join(testFolder("pki"), "pki"), overrides);
  await init(context);
  return context;
}

export interface CustomCertificate {
  readonly certificate: string;
  readonly key: string;
}

/**
 * A client certificate signed by the PKI's active issuing CA with what the PKI tool's commands refuse to
 * issue (a weak key, a SHA-1 signature, dates in the past), to prove that the proving ground refuses them.
 */
export async function signCustomClient(
  context: PkiContext,
  name: string,
  custom: { key?: KeySpec; hash?: HashName; notBefore?: Date; notAfter?: Date },
): Promise<CustomCertificate> {
  const signer = loadSigner(context, activeIssuingCa(loadManifest(context)));
  const keys = await generateKeys(custom.key ?? { type: "ec", namedCurve: "P-256" });
  const now = Date.now();
  const certificate = await signCertificate(
    {
      profile: "client",
      subject: [{ CN: [name] }],
      publicKey: keys.publicKey,
      notBefore: custom.notBefore ?? new Date(now - DAY),
      notAfter: custom.notAfter ?? new Date(now + 30 * DAY),
    },
    { ...signer, hash: custom.hash ?? signer.hash },
  );
  const folder = path.join(context.layout.root, "custom");
  fs.mkdirSync(folder, { recursive: true });
  const files = { certificate: path.join(folder, `${name}.pem`), key: path.join(folder, `${name}.key.pem`) };
  fs.writeFileSync(files.certificate, pemText(certificate));
  fs.writeFileSync(files.key, privateKeyPem(keys.privateKey), { mode: 0o600 });
  return files;
}

/** Every file under a folder with its bytes, to prove that a failed command changed nothing. */
export function snapshotFolder(folder: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath ?? (entry as any).path, entry.name);
    result[path.relative(folder, file)] = fs.readFileSync(file).toString("base64");
  }
  return result;
}
