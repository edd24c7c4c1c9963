// pki crl: signs a fresh CRL (DER and PEM) for every issuing CA in the bundle, listing its revocations. With
// --if-due, only the CRLs past half their life (lib/pki-folder/crl-schedule.ts): what a scheduled job runs.
import * as fs from "node:fs";
import { crlDueAt, nextCrlNumber, type CrlDates } from "../../../lib/pki-folder/crl-schedule";
import { bundledIssuingCas, type Authority, type Manifest } from "../../../lib/pki-folder/manifest";
import { x509 } from "../../../lib/x509/peculiar-x509";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { signCrl, type Signer } from "../crypto/sign";
import { Changes, loadManifest, loadSigner } from "../store";
import { pkiCommand, pkiContext, printed } from "../command-line";

const DAY = 24 * 60 * 60 * 1000;

export interface CrlOptions {
  /** Re-sign only the CRLs that are due (or missing or unreadable). @default false */
  readonly ifDue?: boolean;
}

/** Signs the CA's next CRL, stages its files and raises its CRL number in the record (never backwards). */
export async function stageCrl(
  context: PkiContext,
  changes: Changes,
  manifest: Manifest,
  ca: Authority,
  signer: Signer,
): Promise<Date> {
  const now = context.now();
  const nextUpdate = new Date(now.getTime() + context.settings.crl.nextUpdateDays * DAY);
  const revoked = manifest.certificates
    .filter((certificate) => certificate.issuer === ca.name && certificate.revoked)
    .map((certificate) => ({
      serialNumber: certificate.serialNumber,
      revocationDate: new Date(certificate.revoked!.date),
      reason: x509.X509CrlReason[certificate.revoked!.reason],
    }));
  ca.crlNumber = nextCrlNumber(ca.crlNumber, now);
  const crl = await signCrl(signer, revoked, now, nextUpdate, ca.crlNumber);
  // RFC 7468 labels a CRL "X509 CRL" (OpenSSL reads no other); the library writes "CRL".
  const pem = `${x509.PemConverter.encode(crl.rawData, "X509 CRL").trim()}\n`;
  changes.add(context.layout.crlDer(ca.name), new Uint8Array(crl.rawData)).add(context.layout.crlPem(ca.name), pem);
  return nextUpdate;
}

/** The dates of the CA's CRL on disk; none when it is missing or unreadable (then it is due). */
export function crlDatesOnDisk(context: PkiContext, ca: string): CrlDates | undefined {
  try {
    const crl = new x509.X509Crl(fs.readFileSync(context.layout.crlDer(ca)));
    return crl.nextUpdate ? { thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate } : undefined;
  } catch {
    return undefined;
  }
}

export function crl(context: PkiContext, options: CrlOptions = {}): Promise<CommandResult> {
  return exclusively(context, "crl", () => resignCrls(context, options));
}

async function resignCrls(context: PkiContext, options: CrlOptions): Promise<CommandResult> {
  const manifest = loadManifest(context);
  const changes = new Changes(context);
  const lines: string[] = [];
  let signed = 0;
  for (const ca of bundledIssuingCas(manifest)) {
    const dates = options.ifDue ? crlDatesOnDisk(context, ca.name) : undefined;
    if (dates && context.now() < crlDueAt(dates)) {
      lines.push(
        `CRL ${ca.crlNumber} of ${ca.name}: not due (next update ${dates.nextUpdate.toISOString()}; re-signed from ${crlDueAt(dates).toISOString()}), left as it is`,
      );
      continue;
    }
    const nextUpdate = await stageCrl(context, changes, manifest, ca, loadSigner(context, ca));
    signed += 1;
    const count = manifest.certificates.filter(
      (certificate) => certificate.issuer === ca.name && certificate.revoked,
    ).length;
    lines.push(
      `CRL ${ca.crlNumber} of ${ca.name}: ${count} revoked certificate(s), next update ${nextUpdate.toISOString()} -> ${context.layout.display(context.layout.crlDer(ca.name))}`,
    );
  }
  if (signed === 0) {
    lines.push("Nothing re-signed: no CRL is due.");
    return { lines };
  }
  changes.commit(manifest);
  lines.push(
    options.ifDue
      ? `Re-signed ${signed} CRL(s): deploy the pki stack to publish them.`
      : "Re-sign before the next update (`npm run pki -- crl`, or `crl --if-due` on a schedule) and deploy the pki stack to publish it.",
  );
  return { lines };
}

export const CRL_COMMAND = pkiCommand({
  name: "crl",
  summary: "re-sign every issuing CA's CRL (before its next update)",
  options: {
    "if-due": {
      type: "boolean",
      description: "only the CRLs past half their life (for a daily schedule); says what it left",
    },
  },
  run: async ({ values }) => printed(await crl(pkiContext(values), { ifDue: values["if-due"] })),
});
