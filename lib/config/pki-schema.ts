// The pki section: the certificate authority and the client certificates it issues (acm-pca mode here,
// self-managed mode in pki-self-managed-schema.ts).
import { z } from "zod";
import { certificateAuthority, checkCaAlgorithmsAndValidity } from "./pki-common";
import { ACM_PRIVATE_CERTIFICATES } from "./acm-private-certificates";
import { acmIssuableKeyAlgorithm, keyAlgorithm, keyFamily, signingAlgorithm } from "./pki-algorithms";
import { selfManagedPkiSchema } from "./pki-self-managed-schema";
import { domainName, oneOf, positiveInteger, s3BucketName } from "./rules";

const clientCertificate = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/, {
      message: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter",
    })
    .describe("Stable name used in output keys and resource names."),
  domainName: domainName.describe(
    "The name ACM puts in the certificate (ACM private certificates need a DNS-style name).",
  ),
  keyAlgorithm: acmIssuableKeyAlgorithm(ACM_PRIVATE_CERTIFICATES.keyAlgorithms, ACM_PRIVATE_CERTIFICATES.source)
    .default("RSA_2048")
    .describe(
      "Key algorithm of the client certificate: one ACM issues (RSA_2048, EC_prime256v1, EC_secp384r1) and of the CAs' family (RSA or EC), or ACM refuses the request.",
    ),
});

const acmPcaPkiBase = z.strictObject({
  mode: z.literal("acm-pca").describe("Two ACM Private CAs: a root and an issuing CA it signs."),
  keyAlgorithm: keyAlgorithm.describe("Key algorithm of both CAs."),
  signingAlgorithm: signingAlgorithm.describe("Signature algorithm of both CAs; must match keyAlgorithm's family."),
  usageMode: oneOf(["GENERAL_PURPOSE", "SHORT_LIVED_CERTIFICATE"])
    .default("GENERAL_PURPOSE")
    .describe(
      "GENERAL_PURPOSE CAs issue ACM private certificates (the client list below). SHORT_LIVED_CERTIFICATE costs far less but only issues certificates valid up to 7 days, through the ACM PCA API, not through ACM.",
    ),
  rootCa: certificateAuthority.describe("The root CA, self-signed."),
  issuingCa: certificateAuthority.describe("The issuing CA, signed by the root; must expire before it."),
  crl: z
    .strictObject({
      expirationDays: positiveInteger(5000, "days")
        .default(7)
        .describe("Days each CRL ACM Private CA publishes stays valid."),
    })
    .prefault({})
    .describe("The CRLs the issuing CA publishes to the CRL bucket."),
  crlBucketName: s3BucketName
    .optional()
    .describe("Name of the bucket the CAs publish their CRLs to. Default: <environment>-<domain>-crl."),
  deletionProtection: z
    .boolean()
    .default(true)
    .describe("Refuse `terraform destroy` on the CAs (lifecycle.prevent_destroy)."),
  permanentDeletionDays: z
    .number()
    .int()
    .min(7, { message: "must be between 7 and 30 days (ACM Private CA's restore window)" })
    .max(30, { message: "must be between 7 and 30 days (ACM Private CA's restore window)" })
    .default(30)
    .describe("Days a deleted CA stays restorable."),
  clients: z.array(clientCertificate).default([]).describe("Client certificates ACM issues from the issuing CA."),
});

export const acmPcaPkiSchema = acmPcaPkiBase.superRefine((pki, ctx) => {
  checkCaAlgorithmsAndValidity(pki, ctx);
  if (pki.usageMode === "SHORT_LIVED_CERTIFICATE" && pki.clients.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["clients"],
      input: pki.clients.map((client) => client.name),
      message:
        "must be empty when usageMode is SHORT_LIVED_CERTIFICATE: ACM cannot issue private certificates from a short-lived CA; issue them with `aws acm-pca issue-certificate` from a CSR instead",
    });
  }
  checkAcmPrivateCertificates(pki, ctx);
  const seen = new Set<string>();
  pki.clients.forEach((client, index) => {
    if (seen.has(client.name)) {
      ctx.addIssue({
        code: "custom",
        path: ["clients", index, "name"],
        input: client.name,
        message: "must be unique among the clients",
      });
    }
    seen.add(client.name);
  });
});

const DAYS_PER_YEAR = 365;

/**
 * What ACM checks when it issues a client certificate from the issuing CA: the certificate's key family must be the
 * CA's, and the CA must end after the certificate (395 days from the request), or RequestCertificate fails after both
 * CAs exist and bill.
 */
function checkAcmPrivateCertificates(pki: z.output<typeof acmPcaPkiBase>, ctx: z.RefinementCtx): void {
  if (pki.clients.length === 0) return;
  const family = keyFamily(pki.keyAlgorithm);
  pki.clients.forEach((client, index) => {
    if (keyFamily(client.keyAlgorithm) !== family) {
      ctx.addIssue({
        code: "custom",
        path: ["clients", index, "keyAlgorithm"],
        input: client.keyAlgorithm,
        message: `must be of the CAs' key family, ${family} (pki.keyAlgorithm is ${pki.keyAlgorithm}): ACM refuses a private certificate whose key family differs from its CA's (${ACM_PRIVATE_CERTIFICATES.source}); use one of ${ACM_PRIVATE_CERTIFICATES.keyAlgorithms.filter((algorithm) => keyFamily(algorithm) === family).join(", ")}`,
      });
    }
  });
  if (pki.issuingCa.validityYears * DAYS_PER_YEAR <= ACM_PRIVATE_CERTIFICATES.validityDays) {
    ctx.addIssue({
      code: "custom",
      path: ["issuingCa", "validityYears"],
      input: pki.issuingCa.validityYears,
      message: `must be at least ${Math.ceil((ACM_PRIVATE_CERTIFICATES.validityDays + 1) / DAYS_PER_YEAR)} years while ACM issues the clients' certificates: each is valid ${ACM_PRIVATE_CERTIFICATES.validityDays} days and ACM refuses one that would outlive its CA (${ACM_PRIVATE_CERTIFICATES.source})`,
    });
  }
}

/** Where the certificate authority lives: ACM Private CA, or files the project's PKI tool manages. */
export const pkiSchema = z.discriminatedUnion("mode", [acmPcaPkiSchema, selfManagedPkiSchema], {
  error: () => 'mode must be "acm-pca" (ACM Private CA) or "self-managed" (the PKI tool, `npm run pki`)',
});

export type AcmPcaPkiConfig = z.output<typeof acmPcaPkiSchema>;
export type SelfManagedPkiConfig = z.output<typeof selfManagedPkiSchema>;
