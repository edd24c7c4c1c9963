// pki revoke: records a revocation and re-signs the issuing CA's CRL, so the authorizer refuses the
// certificate once the pki stack publishes the new CRL.
import { PkiError } from "../../../lib/pki-folder/errors";
import {
  authorityNamed,
  REVOCATION_REASONS,
  type IssuedCertificate,
  type RevocationReason,
} from "../../../lib/pki-folder/manifest";
import { canonicalSerial, normalizeSerial } from "../../../lib/x509/serial";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { Changes, loadManifest, loadSigner } from "../store";
import { stageCrl } from "./crl";
import { pkiCommand, pkiContext, printed } from "../command-line";

/** The reason a revocation records when none is given. */
export const DEFAULT_REVOCATION_REASON = "unspecified" satisfies RevocationReason;

export interface RevokeOptions {
  /** A serial number (hex, with or without colons) or the name the certificate was issued under. */
  readonly certificate: string;
  /** @default DEFAULT_REVOCATION_REASON */
  readonly reason?: RevocationReason;
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

export function revoke(context: PkiContext, options: RevokeOptions): Promise<CommandResult> {
  return exclusively(context, "revoke", () => revokeLocked(context, options));
}

async function revokeLocked(context: PkiContext, options: RevokeOptions): Promise<CommandResult> {
  const reason = options.reason ?? DEFAULT_REVOCATION_REASON;
  const manifest = loadManifest(context);
  const certificate = findCertificate(manifest.certificates, options.certificate);
  if (!certificate) {
    throw new PkiError(
      `no certificate with serial or name ${JSON.stringify(options.certificate)} in ${context.layout.display(context.layout.manifest)}: \`npm run pki -- status\` lists them`,
    );
  }
  if (certificate.revoked) {
    throw new PkiError(
      `${certificate.name} (serial ${certificate.serialNumber}) was already revoked on ${certificate.revoked.date}`,
    );
  }
  const issuer = authorityNamed(manifest, certificate.issuer);
  if (issuer.retired) {
    throw new PkiError(
      `${certificate.name} was issued by ${issuer.name}, which is retired: it is out of the truststore, so no client can use it`,
    );
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

export const REVOKE_COMMAND = pkiCommand({
  name: "revoke",
  positionals: ["<serial|name>"],
  summary: "revoke a certificate and re-sign its CA's CRL",
  options: {
    reason: {
      type: "enum",
      values: REVOCATION_REASONS,
      value: "R",
      default: DEFAULT_REVOCATION_REASON,
      description: "RFC 5280 reason, as the CRL entry records it",
    },
  },
  run: async ({ values, positionals }) =>
    printed(await revoke(pkiContext(values), { certificate: positionals[0], reason: values.reason })),
});
