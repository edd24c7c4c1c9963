// The pki section: the certificate authority and the client certificates it issues (acm-pca mode here,
// self-managed mode in pki-self-managed-schema.ts).
import { z } from "zod";
import { certificateAuthority, checkCaAlgorithmsAndValidity } from "./pki-common";
import { keyAlgorithm, signingAlgorithm } from "./pki-algorithms";
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
  keyAlgorithm: keyAlgorithm.default("RSA_2048").describe("Key algorithm of the client certificate."),
});

export const acmPcaPkiSchema = z
  .strictObject({
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
  })
  .superRefine((pki, ctx) => {
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

/** Where the certificate authority lives: ACM Private CA, or files the project's PKI tool manages. */
export const pkiSchema = z.discriminatedUnion("mode", [acmPcaPkiSchema, selfManagedPkiSchema], {
  error: () => 'mode must be "acm-pca" (ACM Private CA) or "self-managed" (the PKI tool, `npm run pki`)',
});

export type AcmPcaPkiConfig = z.output<typeof acmPcaPkiSchema>;
export type SelfManagedPkiConfig = z.output<typeof selfManagedPkiSchema>;
