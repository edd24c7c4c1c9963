// pki issue: a client certificate (client-auth EKU) from the active issuing CA, either for a CSR, so that
// the client's key never leaves the client, or with a new key pair. pki server: the proving ground's TLS
// server certificate (server-auth EKU, localhost names) in the same way.
import { createPublicKey, type KeyObject } from "node:crypto";
import * as fs from "node:fs";
import { PKI_NAME } from "../../../functions/authorizer/access";
import { PkiError } from "../../../lib/pki-folder/errors";
import type { IssuedCertificate } from "../../../lib/pki-folder/manifest";
import { x509 } from "../../../lib/x509/peculiar-x509";
import { keyProblem } from "../../../lib/x509/key-strength";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { keySpec } from "../crypto/algorithms";
import { generateKeys } from "../crypto/keys";
import { signCertificate } from "../crypto/sign";
import { activeIssuingCa, Changes, loadManifest, loadSigner, pemText } from "../store";
import { BACKDATE } from "./authorities";
import { pkiCommand, pkiContext, printed } from "../command-line";

const DAY = 24 * 60 * 60 * 1000;

export interface IssueOptions {
  readonly name: string;
  readonly kind?: "client" | "server";
  /** PEM of a certificate signing request; without it, a key pair is generated. */
  readonly csrPem?: string;
  /** Where the CSR came from, for messages. */
  readonly csrFile?: string;
  /** @default settings.clientCertificates.validityDays */
  readonly validityDays?: number;
  /** Explicit validity (tests issue expired certificates with it). */
  readonly validity?: { readonly notBefore: Date; readonly notAfter: Date };
  /** Issue again under a name that already has a valid certificate. @default false */
  readonly replace?: boolean;
}

export const PROVING_GROUND_NAMES: x509.JsonGeneralName[] = [
  { type: "dns", value: "localhost" },
  { type: "ip", value: "127.0.0.1" },
  { type: "ip", value: "::1" },
];

async function publicKeyFromCsr(pem: string, source: string): Promise<KeyObject> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch (error) {
    throw new PkiError(
      `${source} is not a PEM certificate signing request (${(error as Error).message}): create one with \`openssl req -new\``,
    );
  }
  if (!(await csr.verify().catch(() => false))) {
    throw new PkiError(
      `${source}: the CSR's signature does not verify, so it was altered or not signed by its own key; ask the client for a new CSR`,
    );
  }
  const publicKey = createPublicKey({ key: Buffer.from(csr.publicKey.rawData), format: "der", type: "spki" });
  const problem = keyProblem(publicKey);
  if (problem) throw new PkiError(`${source}: the CSR has ${problem.message}; ask the client for a new key and CSR`);
  return publicKey;
}

function checkName(options: IssueOptions, existing: IssuedCertificate[], now: Date): void {
  if (!PKI_NAME.test(options.name)) {
    throw new PkiError(
      `certificate name ${JSON.stringify(options.name)}: must be 1-64 lower-case letters, digits, dots, hyphens or underscores`,
    );
  }
  const live = existing.find(
    (certificate) => certificate.name === options.name && !certificate.revoked && new Date(certificate.notAfter) > now,
  );
  if (live && !options.replace) {
    throw new PkiError(
      `${options.name} already has a valid certificate (serial ${live.serialNumber}, expires ${live.notAfter}): pass --replace to issue a new one, or revoke the old one first`,
    );
  }
}

export function issue(context: PkiContext, options: IssueOptions): Promise<CommandResult> {
  return exclusively(context, options.kind === "server" ? "server" : "issue", () => issueLocked(context, options));
}

async function issueLocked(context: PkiContext, options: IssueOptions): Promise<CommandResult> {
  const kind = options.kind ?? "client";
  const manifest = loadManifest(context);
  const now = context.now();
  checkName(
    options,
    manifest.certificates.filter((certificate) => certificate.kind === kind),
    now,
  );
  const issuingCa = activeIssuingCa(manifest);
  const signer = loadSigner(context, issuingCa);
  const fromCsr = options.csrPem ? await publicKeyFromCsr(options.csrPem, options.csrFile ?? "the CSR") : undefined;
  const keys = fromCsr ? undefined : await generateKeys(keySpec(context.settings.clientCertificates.keyAlgorithm));
  const days = options.validityDays ?? context.settings.clientCertificates.validityDays;
  const validity = options.validity ?? {
    notBefore: new Date(now.getTime() - BACKDATE),
    notAfter: new Date(now.getTime() + days * DAY),
  };
  if (validity.notAfter > signer.certificate.notAfter) {
    throw new PkiError(
      `the certificate would outlive its issuing CA ${issuingCa.name} (expires ${signer.certificate.notAfter.toISOString()}): rotate the issuing CA (\`npm run pki -- rotate issuing\`) or ask for fewer days`,
    );
  }
  const certificate = await signCertificate(
    {
      profile: kind,
      // The name, never the CSR's subject: the authorizer knows a client by it (CN=<name>), so a team's CSR
      // cannot claim another team's name.
      subject: [{ CN: [options.name] }],
      publicKey: fromCsr ?? keys!.publicKey,
      ...validity,
      alternativeNames: kind === "server" ? PROVING_GROUND_NAMES : undefined,
    },
    signer,
  );
  const record: IssuedCertificate = {
    name: options.name,
    kind,
    serialNumber: certificate.serialNumber.toLowerCase(),
    subject: certificate.subject,
    issuer: issuingCa.name,
    notAfter: certificate.notAfter.toISOString(),
  };
  manifest.certificates.push(record);
  const certificateFile = context.layout.certificate(kind, options.name);
  // The server sends its chain; a client's certificate is enough, the truststore holds the CAs.
  const chain = kind === "server" ? pemText(signer.certificate) : "";
  const changes = new Changes(context).add(certificateFile, pemText(certificate) + chain);
  if (keys) changes.addKey(context.layout.key(kind, options.name), keys.privateKey, false);
  changes.commit(manifest);
  return {
    lines: [
      `Issued ${kind} certificate "${record.subject}" serial ${record.serialNumber}, expires ${record.notAfter}, signed by ${issuingCa.name}`,
      `  certificate ${context.layout.display(certificateFile)}`,
      keys
        ? `  key         ${context.layout.display(context.layout.key(kind, options.name))} (owner-only${kind === "client" ? "; hand it to the client over a secure channel" : ""})`
        : "  key         stays with the client (issued from its CSR)",
    ],
  };
}

export function readCsr(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(`cannot read the CSR ${file}: check the path given to --csr`);
  }
}

const DAYS = {
  type: "integer",
  min: 1,
  unit: "days",
  description: "validity in days (default: pki.clientCertificates.validityDays)",
} as const;
const REPLACE = { type: "boolean", description: "issue again under a name already in use" } as const;

export const ISSUE_COMMAND = pkiCommand({
  name: "issue",
  positionals: ["<name>"],
  summary: "issue a client certificate (from a CSR, or with a new key pair)",
  options: {
    csr: { type: "path", kind: "file", description: "issue for this CSR; the key stays with the client" },
    days: DAYS,
    replace: REPLACE,
  },
  run: async ({ values, positionals }) =>
    printed(
      await issue(pkiContext(values), {
        name: positionals[0],
        kind: "client",
        csrPem: values.csr ? readCsr(values.csr) : undefined,
        csrFile: values.csr,
        validityDays: values.days,
        replace: values.replace,
      }),
    ),
});

export const SERVER_COMMAND = pkiCommand({
  name: "server",
  positionals: ["[<name>]"],
  summary: "issue the proving ground's server certificate (localhost, 127.0.0.1, ::1)",
  options: { days: DAYS, replace: REPLACE },
  run: async ({ values, positionals }) =>
    printed(
      await issue(pkiContext(values), {
        name: positionals[0] ?? "localhost",
        kind: "server",
        validityDays: values.days,
        replace: values.replace,
      }),
    ),
});
