// The pki section: the certificate authority and the client certificates it issues.
import { z } from "zod";
import { keyAlgorithm, keyFamily, signingAlgorithm, SIGNING_ALGORITHMS } from "./pki-algorithms";
import { domainName, oneOf, positiveInteger, s3BucketName } from "./rules";

const subject = z.strictObject({
  commonName: z.string().min(1, { message: "must not be empty" }).max(64, { message: "must be at most 64 characters" }),
  organization: z.string().max(64).optional(),
  organizationalUnit: z.string().max(64).optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: "must be a two-letter upper-case ISO 3166 country code, e.g. GB" })
    .optional(),
  state: z.string().max(128).optional(),
  locality: z.string().max(128).optional(),
});

const certificateAuthority = z.strictObject({
  /** Distinguished name of the CA certificate. */
  subject,
  /** Validity of the CA certificate in years. */
  validityYears: positiveInteger(30, "years"),
});

const clientCertificate = z.strictObject({
  /** Stable name used in output keys and resource names. */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, {
    message: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter",
  }),
  /** The name ACM puts in the certificate (ACM private certificates need a DNS-style name). */
  domainName,
  /** @default RSA_2048 */
  keyAlgorithm: keyAlgorithm.default("RSA_2048"),
});

export const acmPcaPkiSchema = z
  .strictObject({
    mode: z.literal("acm-pca"),
    keyAlgorithm,
    signingAlgorithm,
    /**
     * GENERAL_PURPOSE CAs issue ACM private certificates (the client list below). SHORT_LIVED_CERTIFICATE costs
     * far less but only issues certificates valid up to 7 days, through the ACM PCA API, not through ACM.
     * @default GENERAL_PURPOSE
     */
    usageMode: oneOf(["GENERAL_PURPOSE", "SHORT_LIVED_CERTIFICATE"]).default("GENERAL_PURPOSE"),
    rootCa: certificateAuthority,
    issuingCa: certificateAuthority,
    crl: z.strictObject({ expirationDays: positiveInteger(5000, "days").default(7) }).default({ expirationDays: 7 }),
    /** Name of the bucket the CAs publish their CRLs to. @default <environment>-<domain>-crl */
    crlBucketName: s3BucketName.optional(),
    /** Refuse `terraform destroy` on the CAs (lifecycle.prevent_destroy). @default true */
    deletionProtection: z.boolean().default(true),
    /** Days a deleted CA stays restorable. @default 30 */
    permanentDeletionDays: z
      .number()
      .int()
      .min(7, { message: "must be between 7 and 30 days (ACM Private CA's restore window)" })
      .max(30, { message: "must be between 7 and 30 days (ACM Private CA's restore window)" })
      .default(30),
    clients: z.array(clientCertificate).default([]),
  })
  .superRefine((pki, ctx) => {
    const family = keyFamily(pki.keyAlgorithm);
    if (!(SIGNING_ALGORITHMS[family] as readonly string[]).includes(pki.signingAlgorithm)) {
      ctx.addIssue({
        code: "custom",
        path: ["signingAlgorithm"],
        input: pki.signingAlgorithm,
        message: `must match the ${family} key algorithm ${pki.keyAlgorithm}: use one of ${SIGNING_ALGORITHMS[family].join(", ")}`,
      });
    }
    if (pki.issuingCa.validityYears >= pki.rootCa.validityYears) {
      ctx.addIssue({
        code: "custom",
        path: ["issuingCa", "validityYears"],
        input: pki.issuingCa.validityYears,
        message: `must be shorter than the root CA's validity (${pki.rootCa.validityYears} years): a CA cannot outlive its issuer`,
      });
    }
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

export const pkiSchema = acmPcaPkiSchema;
