// pki crl: signs a fresh CRL (DER and PEM) for every issuing CA in the bundle, listing its revocations.
import { bundledIssuingCas, type Authority, type Manifest } from "../../../lib/pki/manifest";
import { x509 } from "../../../lib/pki/x509";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { signCrl, type Signer } from "../crypto/sign";
import { Changes, loadManifest, loadSigner } from "../store";

const DAY = 24 * 60 * 60 * 1000;

/** Signs the CA's next CRL, stages its files and bumps its CRL number in the record. */
export async function stageCrl(context: PkiContext, changes: Changes, manifest: Manifest, ca: Authority, signer: Signer): Promise<Date> {
  const now = context.now();
  const nextUpdate = new Date(now.getTime() + context.settings.crl.nextUpdateDays * DAY);
  const revoked = manifest.certificates
    .filter((certificate) => certificate.issuer === ca.name && certificate.revoked)
    .map((certificate) => ({
      serialNumber: certificate.serialNumber,
      revocationDate: new Date(certificate.revoked!.date),
      reason: x509.X509CrlReason[certificate.revoked!.reason],
    }));
  ca.crlNumber += 1;
  const crl = await signCrl(signer, revoked, now, nextUpdate, ca.crlNumber);
  // RFC 7468 labels a CRL "X509 CRL" (OpenSSL reads no other); the library writes "CRL".
  const pem = `${x509.PemConverter.encode(crl.rawData, "X509 CRL").trim()}\n`;
  changes.add(context.layout.crlDer(ca.name), new Uint8Array(crl.rawData)).add(context.layout.crlPem(ca.name), pem);
  return nextUpdate;
}

export function crl(context: PkiContext): Promise<CommandResult> {
  return exclusively(context, "crl", () => resignCrls(context));
}

async function resignCrls(context: PkiContext): Promise<CommandResult> {
  const manifest = loadManifest(context);
  const changes = new Changes(context);
  const lines: string[] = [];
  for (const ca of bundledIssuingCas(manifest)) {
    const nextUpdate = await stageCrl(context, changes, manifest, ca, loadSigner(context, ca));
    const count = manifest.certificates.filter((certificate) => certificate.issuer === ca.name && certificate.revoked).length;
    lines.push(
      `CRL ${ca.crlNumber} of ${ca.name}: ${count} revoked certificate(s), next update ${nextUpdate.toISOString()} -> ${context.layout.display(context.layout.crlDer(ca.name))}`,
    );
  }
  changes.commit(manifest);
  lines.push("Re-sign before the next update (`npm run pki -- crl`) and deploy the pki stack to publish it.");
  return { lines };
}
