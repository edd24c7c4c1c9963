// Days left on the domain's server certificate (and ownership verification certificate) in ACM, and on the ACM
// Private CAs of this environment (found by the tags every stack's resources carry).
import { DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { ACM_PRIVATE_CERTIFICATES, acmIssuanceEnds } from "../../lib/config/acm-private-certificates";
import type { VerifyClients } from "./clients";
import { checkFirstCrl } from "./acm-pca-crl-checks";
import { daysUntil, expiryResult } from "./expiry";
import { problem, warning, type CheckResult } from "./result";

/** Warn this many days before the issuing CA enters the window in which ACM can no longer issue or renew. */
const ISSUANCE_WARNING_DAYS = 90;

/**
 * ACM issues a private certificate for 395 days and refuses one that would outlive its CA, and renews 60 days before
 * expiry: from 395 days before the CA ends, neither issuing nor renewing works.
 */
function checkAcmIssuanceWindow(name: string, caNotAfter: Date, now: Date): CheckResult | undefined {
  const ends = acmIssuanceEnds(caNotAfter);
  const days = daysUntil(ends, now);
  const why = `ACM's private certificates last ${ACM_PRIVATE_CERTIFICATES.validityDays} days and must end before the CA (${caNotAfter.toISOString().slice(0, 10)})`;
  if (days < 0) {
    return warning(
      `${name} ACM issuance`,
      `ACM can no longer issue or renew the clients' certificates since ${ends.toISOString().slice(0, 10)}: ${why}; rotate the issuing CA`,
    );
  }
  if (days < ISSUANCE_WARNING_DAYS) {
    return warning(
      `${name} ACM issuance`,
      `in ${days} days (${ends.toISOString().slice(0, 10)}) ACM can no longer issue or renew the clients' certificates: ${why}; rotate the issuing CA before then`,
    );
  }
  return undefined;
}

export async function checkAcmCertificate(
  clients: VerifyClients,
  label: string,
  arn: string,
  now: Date,
  minDays: number,
): Promise<CheckResult> {
  const { Certificate: certificate } = await clients.acm.send(new DescribeCertificateCommand({ CertificateArn: arn }));
  if (certificate?.Status !== "ISSUED") {
    return problem(label, `${arn} is ${certificate?.Status ?? "missing"}, not ISSUED`);
  }
  return expiryResult(`${label} ${certificate.DomainName}`, daysUntil(certificate.NotAfter!, now), minDays);
}

export async function checkPrivateCas(
  clients: VerifyClients,
  environment: string,
  now: Date,
  minDays: number,
  issuesAcmCertificates = true,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const authority of await clients.acmPca.list()) {
    const tags = await clients.acmPca.tags(authority.arn);
    if (tags["mtls:environment"] !== environment || tags["mtls:stack"] !== "pki") continue;
    const name = `${authority.type === "ROOT" ? "root" : "issuing"} CA ${authority.commonName ?? authority.arn}`;
    if (authority.status !== "ACTIVE") {
      results.push(
        problem(name, `${authority.arn} is ${authority.status}, not ACTIVE: it cannot issue certificates or CRLs`),
      );
      continue;
    }
    results.push(expiryResult(name, daysUntil(authority.notAfter!, now), minDays));
    if (authority.type !== "SUBORDINATE") continue;
    results.push(await checkFirstCrl(clients, authority, name));
    const window = issuesAcmCertificates ? checkAcmIssuanceWindow(name, authority.notAfter!, now) : undefined;
    if (window) results.push(window);
  }
  return results.length > 0
    ? results
    : [
        problem(
          "private CAs",
          `no ACM Private CA tagged mtls:environment=${environment}, mtls:stack=pki: is the pki stack applied?`,
        ),
      ];
}
