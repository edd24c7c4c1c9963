// Days left on the domain's server certificate (and ownership verification certificate) in ACM, and on the ACM
// Private CAs of this environment (found by the tags every stack's resources carry).
import { DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { ListCertificateAuthoritiesCommand, ListTagsCommand } from "@aws-sdk/client-acm-pca";
import type { VerifyClients } from "./clients";
import { daysUntil, expiryResult } from "./expiry";
import { problem, type CheckResult } from "./result";

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

async function environmentTags(clients: VerifyClients, arn: string): Promise<Record<string, string>> {
  const tags = await clients.acmPca.send(new ListTagsCommand({ CertificateAuthorityArn: arn }));
  return Object.fromEntries((tags.Tags ?? []).map((tag) => [tag.Key, tag.Value ?? ""]));
}

export async function checkPrivateCas(
  clients: VerifyClients,
  environment: string,
  now: Date,
  minDays: number,
): Promise<CheckResult[]> {
  const { CertificateAuthorities: authorities = [] } = await clients.acmPca.send(
    new ListCertificateAuthoritiesCommand({ ResourceOwner: "SELF" }),
  );
  const results: CheckResult[] = [];
  for (const authority of authorities.filter((candidate) => candidate.Status !== "DELETED")) {
    const tags = await environmentTags(clients, authority.Arn!);
    if (tags["mtls:environment"] !== environment || tags["mtls:stack"] !== "pki") continue;
    const name = `${authority.Type === "ROOT" ? "root" : "issuing"} CA ${authority.CertificateAuthorityConfiguration?.Subject?.CommonName ?? authority.Arn}`;
    results.push(
      authority.Status === "ACTIVE"
        ? expiryResult(name, daysUntil(authority.NotAfter!, now), minDays)
        : problem(name, `${authority.Arn} is ${authority.Status}, not ACTIVE: it cannot issue certificates or CRLs`),
    );
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
