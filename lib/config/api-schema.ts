// The api section: API type, stage, server certificate, logging and the authorizer.
import { z } from "zod";
import { authorizerSchema } from "./authorizer-schema";
import { acmCertificateArn, logRetentionDays, oneOf } from "./rules";

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
      error:
        "API Gateway needs a public ACM certificate for the same domain to verify ownership of an imported or private certificate",
    })
    .pipe(acmCertificateArn),
});

const serverCertificate = z.discriminatedUnion(
  "source",
  [acmIssuedServerCertificate, existingServerCertificate, ownershipVerifiedServerCertificate],
  { error: () => 'source must be one of "acm", "existing", "imported", "private"' },
);

export const apiSchema = z.strictObject({
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
   * REST only, and required there: API Gateway writes REST access logs through the CloudWatch Logs role set in
   * the account's API Gateway settings (one per account and region, aws_api_gateway_account), and refuses to
   * create a logging stage without it. true: this stack creates the role and owns the setting (reset when the
   * stack is destroyed); false: the account already has one. No default: a wrong guess either fails the deploy
   * or takes the setting over from whoever owns it.
   */
  manageAccountLoggingRole: z.boolean().optional(),
  /** The Lambda authorizer every route goes through: decision caching and CRL freshness. */
  authorizer: authorizerSchema,
});
