// What pki status proves before it reports: the files on disk are the state pki.json records. Each problem is
// one line naming the file, what is wrong and the command that fixes it.
import { createPrivateKey, createPublicKey } from "node:crypto";
import * as fs from "node:fs";
import { PkiError } from "../../../lib/pki-folder/errors";
import { bundledAuthorities, bundledIssuingCas, type Authority, type Manifest } from "../../../lib/pki-folder/manifest";
import { x509 } from "../../../lib/x509/peculiar-x509";
import { CRL_NUMBER_OID, decodeCrlNumber } from "../../../lib/x509/crl-number";
import { canonicalSerial } from "../../../lib/x509/serial";
import { leftoverTemporaryFiles } from "../atomic-write";
import type { PkiContext } from "../context";
import { bundleText, keyExposure, readCertificate } from "../store";

const FINISH = "run `npm run pki -- bundle` (any command that writes finishes or cleans it up first)";

export interface Integrity {
  readonly problems: string[];
  /** Checks that could not run, and why (e.g. encrypted keys without the passphrase). */
  readonly skipped: string[];
}

function interruptedCommit(context: PkiContext): string[] {
  const { layout } = context;
  const problems: string[] = [];
  if (fs.existsSync(layout.journal)) {
    problems.push(
      `${layout.display(layout.journal)}: a commit was interrupted, so files may disagree with pki.json; ${FINISH}`,
    );
  }
  const leftovers = leftoverTemporaryFiles(layout);
  if (leftovers.length > 0) {
    problems.push(
      `${leftovers.length} temporary file(s) left by a command that stopped (${leftovers.map((file) => layout.display(file)).join(", ")}); ${FINISH}`,
    );
  }
  return problems;
}

function checkKey(context: PkiContext, ca: Authority, problems: string[], skipped: string[]): void {
  const { layout } = context;
  const file = layout.caKey(ca.name);
  if (!fs.existsSync(file)) {
    problems.push(`${layout.display(file)} is missing: restore the key of CA ${ca.name} from your backup`);
    return;
  }
  const exposure = keyExposure(context, file);
  if (exposure) problems.push(exposure);
  const pem = fs.readFileSync(file, "utf8");
  if (pem.includes("ENCRYPTED PRIVATE KEY") && !context.passphrase) {
    skipped.push(
      `${layout.display(file)} is encrypted: set MTLS_PKI_PASSPHRASE (or pass --passphrase-file) for status to check it against its certificate`,
    );
    return;
  }
  let publicKey: Buffer;
  try {
    publicKey = createPublicKey(createPrivateKey({ key: pem, passphrase: context.passphrase })).export({
      type: "spki",
      format: "der",
    });
  } catch (error) {
    problems.push(
      `${layout.display(file)} cannot be opened (${(error as Error).message}): check ${context.passphraseSource ?? "MTLS_PKI_PASSPHRASE"}, or restore the key from your backup`,
    );
    return;
  }
  const certificate = readCertificate(context, layout.caCertificate(ca.name));
  if (!Buffer.from(certificate.publicKey.rawData).equals(publicKey)) {
    problems.push(
      `${layout.display(file)} is not the key of ${layout.display(layout.caCertificate(ca.name))}: restore the matching key (or certificate) from your backup`,
    );
  }
}

function crlNumberOf(crl: x509.X509Crl): number | undefined {
  const extension = crl.getExtension(CRL_NUMBER_OID);
  return extension ? decodeCrlNumber(extension.value) : undefined;
}

async function checkCrl(context: PkiContext, manifest: Manifest, ca: Authority, problems: string[]): Promise<void> {
  const { layout } = context;
  const file = layout.crlDer(ca.name);
  const fix = "run `npm run pki -- crl`";
  if (!fs.existsSync(file)) return; // statusRows lists a missing CRL with its fix.
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(fs.readFileSync(file));
  } catch (error) {
    problems.push(`${layout.display(file)} is not a DER CRL (${(error as Error).message}): ${fix}`);
    return;
  }
  const issuer = readCertificate(context, layout.caCertificate(ca.name));
  if (!(await crl.verify({ publicKey: issuer }).catch(() => false))) {
    problems.push(`${layout.display(file)} does not verify under CA ${ca.name}: ${fix}`);
  }
  const listed = new Set(crl.entries.map((entry) => canonicalSerial(entry.serialNumber)));
  const recorded = new Set(
    manifest.certificates
      .filter((certificate) => certificate.issuer === ca.name && certificate.revoked)
      .map((certificate) => canonicalSerial(certificate.serialNumber)),
  );
  const missing = [...recorded].filter((serial) => !listed.has(serial));
  const extra = [...listed].filter((serial) => !recorded.has(serial));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [
      ...(missing.length > 0 ? [`omits recorded revocation(s) ${missing.join(", ")}`] : []),
      ...(extra.length > 0 ? [`lists serial(s) pki.json does not record as revoked: ${extra.join(", ")}`] : []),
    ];
    problems.push(`${layout.display(file)} ${parts.join(" and ")}: ${fix}`);
  }
  const number = crlNumberOf(crl);
  if (number !== ca.crlNumber) {
    problems.push(
      `${layout.display(file)} is CRL number ${number ?? "(none)"}, but pki.json records ${ca.crlNumber} for ${ca.name}: ${fix}`,
    );
  }
  const pemFile = layout.crlPem(ca.name);
  const pem = fs.existsSync(pemFile) ? fs.readFileSync(pemFile, "utf8") : "";
  const pemDer = pem.includes("-----BEGIN X509 CRL-----") ? Buffer.from(x509.PemConverter.decodeFirst(pem)) : undefined;
  if (!pemDer?.equals(fs.readFileSync(file))) {
    problems.push(`${layout.display(pemFile)} is not the PEM form of ${layout.display(file)}: ${fix}`);
  }
}

function checkTruststore(context: PkiContext, manifest: Manifest, problems: string[]): void {
  const { layout } = context;
  const expected = bundleText(context, manifest);
  const actual = fs.existsSync(layout.truststore) ? fs.readFileSync(layout.truststore, "utf8") : undefined;
  if (actual !== expected) {
    const names = bundledAuthorities(manifest)
      .map((ca) => ca.name)
      .join(", ");
    problems.push(
      `${layout.display(layout.truststore)} ${actual === undefined ? "is missing" : "does not hold exactly the CAs in use"} (${names}, in that order): run \`npm run pki -- bundle\``,
    );
  }
}

/** Every check; a CA file that cannot be read at all is one problem, not a stack trace. */
export async function checkIntegrity(context: PkiContext, manifest: Manifest): Promise<Integrity> {
  const problems = interruptedCommit(context);
  const skipped: string[] = [];
  const guard = async (check: () => void | Promise<void>) => {
    try {
      await check();
    } catch (error) {
      if (!(error instanceof PkiError)) throw error;
      problems.push(error.message);
    }
  };
  for (const ca of bundledAuthorities(manifest)) await guard(() => checkKey(context, ca, problems, skipped));
  for (const ca of bundledIssuingCas(manifest)) await guard(() => checkCrl(context, manifest, ca, problems));
  await guard(() => checkTruststore(context, manifest, problems));
  return { problems, skipped };
}
