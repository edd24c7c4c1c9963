// pki revoke: records a revocation and re-signs the issuing CA's CRL, so the authorizer refuses the
// certificate once the pki stack publishes the new CRL.
import { PkiError } from "../../../lib/pki-folder/errors";
import { authorityNamed, REVOCATION_REASONS, type IssuedCertificate, type RevocationReason } from "../../../lib/pki-folder/manifest";
import { canonicalSerial, normalizeSerial } from "../../../lib/x509/serial";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { Changes, loadManifest, loadSigner } from "../store";
import { stageCrl } from "./crl";

export interface RevokeOptions {
  /** A serial number (hex, with or without colons) or the name the certificate was issued under. */
  readonly certificate: string;
  /** @default unspecified */
  readonly reason?: string;
}

function findCertificate(certificates: IssuedCertificate[], wanted: string): IssuedCertificate | undefined {
  // Digits alone read both as hex and as decimal; the hex reading, the one documented, is tried first.
  const readings = [...normalizeSerial(wanted)].reverse();
  for (const serial of readings) {
    const bySerial = certificates.find((certificate) => canonicalSerial(certificate.serialNumber) === serial);
    if (bySerial) return bySerial;
  }
  const byName = certificates.filter((certificate) => certificate.name === wanted && !certificate.revoked);
  return byName[byName.length - 1];
}

function checkReason(reason: string): RevocationReason {
  if (!(REVOCATION_REASONS as readonly string[]).includes(reason)) {
    throw new PkiError(`--reason ${JSON.stringify(reason)}: must be one of ${REVOCATION_REASONS.join(", ")}`);
  }
  return reason as RevocationReason;
}

export function revoke(context: PkiContext, options: RevokeOptions): Promise<CommandResult> {
  return exclusively(context, "revoke", () => revokeLocked(context, options));
}

async function revokeLocked(context: PkiContext, options: RevokeOptions): Promise<CommandResult> {
  const reason = checkReason(options.reason ?? "unspecified");
  const manifest = loadManifest(context);
  const certificate = findCertificate(manifest.certificates, options.certificate);
  if (!certificate) {
    throw new PkiError(
      `no certificate with serial or name ${JSON.stringify(options.certificate)} in ${context.layout.display(context.layout.manifest)}: \`npm run pki -- status\` lists them`,
    );
  }
  if (certificate.revoked) {
    throw new PkiError(`${certificate.name} (serial ${certificate.serialNumber}) was already revoked on ${certificate.revoked.date}`);
  }
  const issuer = authorityNamed(manifest, certificate.issuer);
  if (issuer.retired) {
    throw new PkiError(`${certificate.name} was issued by ${issuer.name}, which is retired: it is out of the truststore, so no client can use it`);
  }
  certificate.revoked = { date: context.now().toISOString(), reason };
  const changes = new Changes(context);
  const nextUpdate = await stageCrl(context, changes, manifest, issuer, loadSigner(context, issuer));
  changes.commit(manifest);
  return {
    lines: [
      `Revoked ${certificate.name} "${certificate.subject}" serial ${certificate.serialNumber} (${reason})`,
      `CRL ${issuer.crlNumber} of ${issuer.name} re-signed (next update ${nextUpdate.toISOString()}): deploy the pki stack to publish it.`,
    ],
  };
}
