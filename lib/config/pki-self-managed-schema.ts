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
    /** Distinguished name of the CA certificate. */
    subject,
    /** Validity of the CA certificate in years. */
    validityYears: caValidityYears.default(defaultYears),
  });

export const selfManagedPkiSchema = z
  .strictObject({
    mode: z.literal("self-managed"),
    /**
     * Folder of the PKI tool's files (CA certificates, private keys, CRLs, truststore bundle), relative to the
     * project root or absolute. Git-ignored under pki/. @default pki/<environment>
     */
    directory: pkiDirectory.optional(),
    /** Key algorithm of the CAs that `pki init` and `pki rotate` create. @default EC_prime256v1 */
    keyAlgorithm: keyAlgorithm.default("EC_prime256v1"),
    /** Signature algorithm of the CAs; must match keyAlgorithm's family. @default SHA256WITHECDSA */
    signingAlgorithm: signingAlgorithm.default("SHA256WITHECDSA"),
    rootCa: selfManagedCa(10),
    issuingCa: selfManagedCa(5),
    clientCertificates: z
      .strictObject({
        /** Validity of the client certificates that `pki issue` signs. @default 365 */
        validityDays: positiveInteger(3650, "days").default(365),
        /** Key algorithm when `pki issue` makes the key pair (not from a CSR). @default RSA_2048 */
        keyAlgorithm: keyAlgorithm.default("RSA_2048"),
      })
      .default({ validityDays: 365, keyAlgorithm: "RSA_2048" }),
    crl: z
      .strictObject({
        /** Days from signing to the CRL's nextUpdate; re-sign with `pki crl` before then. @default 7 */
        nextUpdateDays: positiveInteger(365, "days").default(7),
      })
      .default({ nextUpdateDays: 7 }),
    /** `pki status` and the truststore linter warn when a certificate or CRL expires within this many days. @default 30 */
    expiryWarningDays: positiveInteger(365, "days").default(30),
    /** Name of the bucket the pki stack uploads the CRLs to. @default <environment>-<domain>-crl */
    crlBucketName: s3BucketName.optional(),
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
