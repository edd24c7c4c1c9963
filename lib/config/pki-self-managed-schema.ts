// The pki section in self-managed mode: the CA lives in files that the PKI tool (`npm run pki`) writes; only
// its public certificates and CRL enter Terraform. These settings drive `pki init`, `pki issue`, `pki crl`,
// `pki status` and the truststore linter.
import { z } from "zod";
import { caValidityYears, checkCaAlgorithmsAndValidity, subject } from "./pki-common";
import { keyAlgorithm, signingAlgorithm } from "./pki-algorithms";
import { positiveInteger, s3BucketName } from "./rules";

const DAYS_PER_YEAR = 365;

const pkiDirectory = z
  .string()
  .min(1, { message: "must not be empty" })
  .refine((directory) => !directory.split(/[\\/]/).includes(".."), {
    message: 'must not contain ".." (give a folder inside the project, or an absolute path)',
  });

const selfManagedCa = (defaultYears: number) =>
  z.strictObject({
    subject: subject.describe("Distinguished name of the CA certificate."),
    validityYears: caValidityYears.default(defaultYears).describe("Validity of the CA certificate in years."),
  });

export const selfManagedPkiSchema = z
  .strictObject({
    mode: z.literal("self-managed").describe("Your own CA in files the PKI tool (`npm run pki`) manages."),
    directory: pkiDirectory
      .optional()
      .describe(
        "Folder of the PKI tool's files (CA certificates, private keys, CRLs, truststore bundle), relative to the project root or absolute. Git-ignored under pki/. Default: pki/<environment>.",
      ),
    keyAlgorithm: keyAlgorithm
      .default("EC_prime256v1")
      .describe("Key algorithm of the CAs that `pki init` and `pki rotate` create."),
    signingAlgorithm: signingAlgorithm
      .default("SHA256WITHECDSA")
      .describe("Signature algorithm of the CAs; must match keyAlgorithm's family."),
    rootCa: selfManagedCa(10).describe("The root CA `pki init` creates."),
    issuingCa: selfManagedCa(5).describe(
      "The issuing CA `pki init` creates, signed by the root; must expire before it.",
    ),
    clientCertificates: z
      .strictObject({
        validityDays: positiveInteger(3650, "days")
          .default(365)
          .describe("Validity of the client certificates that `pki issue` signs."),
        keyAlgorithm: keyAlgorithm
          .default("RSA_2048")
          .describe("Key algorithm when `pki issue` makes the key pair (not from a CSR)."),
      })
      .prefault({})
      .describe("What `pki issue` signs."),
    crl: z
      .strictObject({
        nextUpdateDays: positiveInteger(365, "days")
          .default(7)
          .describe("Days from signing to the CRL's nextUpdate; re-sign with `pki crl` before then."),
      })
      .prefault({})
      .describe("The CRLs `pki revoke` and `pki crl` sign."),
    expiryWarningDays: positiveInteger(365, "days")
      .default(30)
      .describe("`pki status` and the truststore linter warn when a certificate or CRL expires within this many days."),
    crlBucketName: s3BucketName
      .optional()
      .describe("Name of the bucket the pki stack uploads the CRLs to. Default: <environment>-<domain>-crl."),
  })
  .superRefine((pki, ctx) => {
    checkCaAlgorithmsAndValidity(pki, ctx);
    const issuingDays = pki.issuingCa.validityYears * DAYS_PER_YEAR;
    if (pki.clientCertificates.validityDays >= issuingDays) {
      ctx.addIssue({
        code: "custom",
        path: ["clientCertificates", "validityDays"],
        input: pki.clientCertificates.validityDays,
        message: `must be shorter than the issuing CA's validity (${issuingDays} days): a certificate cannot outlive its issuer`,
      });
    }
  });
