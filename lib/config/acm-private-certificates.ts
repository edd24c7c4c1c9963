// What ACM issues from an ACM Private CA (RequestCertificate with a CertificateAuthorityArn), as AWS's ACM user
// guide states it: the config refuses what ACM would refuse, and verify warns before the CA can no longer issue.
import { KEY_ALGORITHMS, type KeyAlgorithm } from "./pki-algorithms";

export const ACM_PRIVATE_CERTIFICATES = {
  source: "https://docs.aws.amazon.com/acm/latest/userguide/private-certificates.title.html",
  /** RequestCertificate's KeyAlgorithm for a certificate ACM issues; the other values are import-only. */
  keyAlgorithms: ["RSA_2048", "EC_prime256v1", "EC_secp384r1"] as const satisfies readonly KeyAlgorithm[],
  /** Each private certificate is valid 13 months, and its CA's end date must exceed the certificate's. */
  validityDays: 395,
  /** ACM attempts renewal 60 days before a managed certificate expires (renew-private-cert.html). */
  renewalDaysBeforeExpiry: 60,
} as const;

export type AcmIssuableKeyAlgorithm = (typeof ACM_PRIVATE_CERTIFICATES.keyAlgorithms)[number];

/** The key algorithms the CA may have but ACM cannot issue a private certificate with. */
export const IMPORT_ONLY_KEY_ALGORITHMS = KEY_ALGORITHMS.filter(
  (algorithm) => !(ACM_PRIVATE_CERTIFICATES.keyAlgorithms as readonly string[]).includes(algorithm),
);

const DAY_MS = 24 * 60 * 60 * 1000;

/** From this moment a CA ending at notAfter can no longer issue or renew an ACM private certificate. */
export function acmIssuanceEnds(caNotAfter: Date): Date {
  return new Date(caNotAfter.getTime() - ACM_PRIVATE_CERTIFICATES.validityDays * DAY_MS);
}
