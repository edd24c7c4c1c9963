// A CRL already published (the object in the CRL bucket, or the copy in the pki stack's Terraform state) beside
// the PKI folder's record. A folder restored from an older backup signs CRL numbers below the published one (a
// warm authorizer refuses them as a rollback) and has forgotten the revocations made since: both are said here,
// with what to do. `pki status` and `verify` use it.
import { canonicalSerial } from "../x509/serial";
import { CRL_NUMBER_OID, decodeCrlNumber } from "../x509/crl-number";
import { crlWarnAt } from "./crl-schedule";
import type { Authority, Manifest } from "./manifest";
import { x509 } from "../x509/peculiar-x509";

/** Where the pki stack uploads an issuing CA's CRL in the CRL bucket. */
export function crlObjectKey(caName: string): string {
  return `crl/${caName}.crl`;
}

export interface CrlFinding {
  readonly status: "ok" | "warning" | "problem";
  readonly message: string;
}

export interface DeployedCrl {
  readonly crlNumber?: number;
  readonly nextUpdate?: Date;
  readonly thisUpdate: Date;
  readonly serials: string[];
}

export function readDeployedCrl(der: Uint8Array): DeployedCrl {
  const crl = new x509.X509Crl(der);
  const extension = crl.getExtension(CRL_NUMBER_OID);
  return {
    crlNumber: extension ? decodeCrlNumber(extension.value) : undefined,
    nextUpdate: crl.nextUpdate,
    thisUpdate: crl.thisUpdate,
    serials: crl.entries.map((entry) => canonicalSerial(entry.serialNumber)),
  };
}

/** Whether the folder is behind what `where` published for this CA: a problem naming the lost revocations. */
export function compareWithFolder(
  published: DeployedCrl,
  manifest: Manifest,
  ca: Authority,
  where: string,
): CrlFinding {
  const recorded = new Set(
    manifest.certificates
      .filter((certificate) => certificate.issuer === ca.name && certificate.revoked)
      .map((certificate) => canonicalSerial(certificate.serialNumber)),
  );
  const forgotten = published.serials.filter((serial) => !recorded.has(serial));
  const number = published.crlNumber ?? 0;
  if (number <= ca.crlNumber && forgotten.length === 0) {
    const state =
      number === ca.crlNumber
        ? "the folder's latest"
        : `below the folder's ${ca.crlNumber}: deploy the pki stack to publish it`;
    return {
      status: number === ca.crlNumber ? "ok" : "warning",
      message: `${where} holds CRL number ${number} of ${ca.name}, ${state}`,
    };
  }
  const lost =
    forgotten.length > 0
      ? ` It revokes serial(s) the folder does not: ${forgotten.join(", ")}; revoke each again (\`npm run pki -- revoke <serial>\`; one issued after the backup is unknown to the folder: restore a newer backup instead).`
      : "";
  return {
    status: "problem",
    message: `${where} holds CRL number ${number} of ${ca.name}, above the PKI folder's ${ca.crlNumber}: the folder is older than what was published (restored from a backup, or another copy), and a warm authorizer refuses a lower number as a rollback.${lost} Then run \`npm run pki -- crl\` (it signs a number above both) and deploy the pki stack.`,
  };
}

/** Days before the published CRL's nextUpdate: a problem once past it, a warning once the re-sign is late. */
export function checkNextUpdate(published: DeployedCrl, ca: string, where: string, now: Date): CrlFinding {
  if (!published.nextUpdate) return { status: "problem", message: `${where}: the CRL of ${ca} has no nextUpdate` };
  const days = ((published.nextUpdate.getTime() - now.getTime()) / 86_400_000).toFixed(1);
  const when = `${where}: the CRL of ${ca} is valid until ${published.nextUpdate.toISOString()}`;
  if (published.nextUpdate <= now) {
    return {
      status: "problem",
      message: `${when}, past: the authorizer refuses every client; run \`npm run pki -- crl\` and deploy the pki stack now`,
    };
  }
  if (now >= crlWarnAt({ thisUpdate: published.thisUpdate, nextUpdate: published.nextUpdate })) {
    return {
      status: "warning",
      message: `${when} (${days} days left), and it was due for re-signing at half its life: check that the scheduled \`npm run pki -- crl --if-due\` runs and deploys the pki stack`,
    };
  }
  return { status: "ok", message: `${when} (${days} days left)` };
}
