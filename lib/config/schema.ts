// The configuration document, one per environment (config/<env>.json). Every rule lives here, so invalid
// configuration fails before any stack is built.
import { z } from "zod";
import { overlongDerivedBucketNames } from "./names";
import { keyAlgorithm, keyFamily, signingAlgorithm, SIGNING_ALGORITHMS } from "./pki-algorithms";
import {
  acmCertificateArn,
  awsRegion,
  domainName,
  environmentName,
  hostedZoneId,
  logRetentionDays,
  oneOf,
  positiveInteger,
  s3BucketName,
  s3ObjectKey,
  tags,
} from "./rules";

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

const acmPcaPki = z
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

const acmIssuedServerCertificate = z.strictObject({
  /** ACM issues a public certificate for the domain and validates it through DNS records in the zone. */
  source: z.literal("acm"),
});

const existingServerCertificate = z.strictObject({
  /** A public ACM certificate that already covers the domain. */
  source: z.literal("existing"),
  certificateArn: acmCertificateArn,
});

const ownershipVerifiedServerCertificate = z.strictObject({
  /**
   * An imported certificate or one from a private CA: API Gateway then needs a public ACM certificate for the
   * same domain to prove ownership before it enables mutual TLS.
   */
  source: z.enum(["imported", "private"]),
  certificateArn: acmCertificateArn,
  ownershipVerificationCertificateArn: z
    .string({
      error: "API Gateway needs a public ACM certificate for the same domain to verify ownership of an imported or private certificate",
    })
    .pipe(acmCertificateArn),
});

const serverCertificate = z.discriminatedUnion(
  "source",
  [acmIssuedServerCertificate, existingServerCertificate, ownershipVerifiedServerCertificate],
  { error: () => 'source must be one of "acm", "existing", "imported", "private"' },
);

export const configSchema = z
  .strictObject({
    /** Lets editors validate and complete the document against config/schema.json. */
    $schema: z.string().optional(),
    /** Names the environment; must match the file name config/<environment>.json. */
    environment: environmentName,
    region: awsRegion,
    /** Tags applied to every resource through the provider's default_tags. */
    tags: tags.default({}),
    backend: z.strictObject({ type: z.literal("local") }).default({ type: "local" }),
    domain: z.strictObject({
      /** The API's custom domain. */
      name: domainName,
      /** Public hosted zone that holds the domain's records. */
      hostedZoneId,
    }),
    pki: acmPcaPki,
    truststore: z
      .strictObject({
        /** @default <environment>-<domain>-truststore */
        bucketName: s3BucketName.optional(),
        /** @default truststore.pem */
        key: s3ObjectKey.default("truststore.pem"),
        /** Noncurrent bundle versions kept for rollback. @default 10 */
        noncurrentVersionsToKeep: positiveInteger(100, "versions").default(10),
        /** Days before versions beyond those kept expire. @default 90 */
        noncurrentVersionExpirationDays: positiveInteger(3650, "days").default(90),
      })
      .default({ key: "truststore.pem", noncurrentVersionsToKeep: 10, noncurrentVersionExpirationDays: 90 }),
    api: z.strictObject({
      /** @default http */
      type: oneOf(["http", "rest"]).default("http"),
      /** @default live */
      stageName: z
        .string()
        .regex(/^[a-zA-Z0-9_]{1,64}$/, { message: "must be 1-64 letters, digits or underscores" })
        .default("live"),
      serverCertificate: serverCertificate.default({ source: "acm" }),
      /** Retention of access and function logs. @default 365 */
      logRetentionDays: logRetentionDays.default(365),
      /**
       * REST APIs log through an account-wide CloudWatch role (aws_api_gateway_account). Set true to let this
       * stack own that setting; leave false when the account already has one. @default false
       */
      manageAccountLoggingRole: z.boolean().default(false),
    }),
  })
  .superRefine((config, ctx) => {
    if (config.api.type === "http" && config.api.manageAccountLoggingRole) {
      ctx.addIssue({
        code: "custom",
        path: ["api", "manageAccountLoggingRole"],
        input: true,
        message: "applies to REST APIs only: HTTP APIs log without an account-wide role; remove it or set api.type to rest",
      });
    }
    for (const { field, name } of overlongDerivedBucketNames(config)) {
      ctx.addIssue({
        code: "custom",
        path: field,
        input: undefined,
        message: `must be set: the derived bucket name "${name}" is longer than S3's 63 characters`,
      });
    }
  });

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type ApiType = Config["api"]["type"];
