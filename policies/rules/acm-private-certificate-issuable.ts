import { ACM_PRIVATE_CERTIFICATES } from "../../lib/config/acm-private-certificates";
import { resourceRule } from "../resource-rule";
import { block, references, resourcesOf, type ResourceRef } from "../terraform-json";
import type { SynthesizedApp } from "../types";

const DAYS_PER_UNIT: Record<string, number> = { DAYS: 1, MONTHS: 28, YEARS: 365 };

const familyOf = (algorithm: string) => (algorithm.startsWith("RSA") ? "RSA" : "EC");

/** The Private CA a certificate request names, in its stack. */
function authorityOf(app: SynthesizedApp, certificate: ResourceRef): ResourceRef | undefined {
  return resourcesOf(app, "aws_acmpca_certificate_authority").find(
    (authority) =>
      authority.stack === certificate.stack &&
      references(certificate.body.certificate_authority_arn, authority.address),
  );
}

/** The fewest days the CA's own certificate (signed from its CSR) is valid, when its validity is in whole units. */
function authorityDays(app: SynthesizedApp, authority: ResourceRef): number | undefined {
  const signed = resourcesOf(app, "aws_acmpca_certificate").find(
    (candidate) =>
      candidate.stack === authority.stack && references(candidate.body.certificate_signing_request, authority.address),
  );
  const validity = block(signed?.body.validity);
  const perUnit = validity && DAYS_PER_UNIT[String(validity.type)];
  return perUnit ? Number(validity!.value) * perUnit : undefined;
}

export const acmPrivateCertificateIssuable = resourceRule({
  id: "acm-private-certificate-issuable",
  title:
    "Every ACM private certificate asks for a key ACM can issue, of its CA's family, from a CA valid longer than the certificate's 395 days",
  resourceTypes: { aws_acm_certificate: ["certificate_authority_arn", "key_algorithm"] },
  alsoReads: {
    aws_acmpca_certificate_authority: ["certificate_authority_configuration.key_algorithm"],
    aws_acmpca_certificate: ["certificate_signing_request", "validity"],
  },
  fix: "Give the client RSA_2048, EC_prime256v1 or EC_secp384r1 of the CAs' family (pki.clients[].keyAlgorithm) and the issuing CA at least 2 years (pki.issuingCa.validityYears); the config refuses both.",
  equivalents: {},
  source: ACM_PRIVATE_CERTIFICATES.source,
  appliesTo: (certificate) => certificate.body.certificate_authority_arn !== undefined,
  check: (certificate, app) => {
    const algorithm = String(certificate.body.key_algorithm ?? "RSA_2048");
    if (!(ACM_PRIVATE_CERTIFICATES.keyAlgorithms as readonly string[]).includes(algorithm)) {
      return `key_algorithm ${algorithm}: ACM issues private certificates with ${ACM_PRIVATE_CERTIFICATES.keyAlgorithms.join(", ")} only (the others are import-only)`;
    }
    const authority = authorityOf(app, certificate);
    if (!authority)
      return "certificate_authority_arn names no ACM Private CA of this stack, so its key family and validity cannot be checked";
    const caAlgorithm = String(block(authority.body.certificate_authority_configuration)?.key_algorithm);
    if (familyOf(caAlgorithm) !== familyOf(algorithm)) {
      return `key_algorithm ${algorithm} is not of ${authority.address}'s family (${caAlgorithm}): ACM refuses a private certificate whose key family differs from its CA's`;
    }
    const days = authorityDays(app, authority);
    if (days !== undefined && days <= ACM_PRIVATE_CERTIFICATES.validityDays) {
      return `${authority.address} is valid about ${days} days, not longer than the ${ACM_PRIVATE_CERTIFICATES.validityDays} days of the certificate ACM issues now: ACM refuses one that would outlive its CA`;
    }
    return undefined;
  },
  passMessage: (certificate, app) =>
    `${certificate.body.key_algorithm ?? "RSA_2048"} from ${authorityOf(app, certificate)!.address}, of its family`,
});
