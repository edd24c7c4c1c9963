// The api section: API type, stage, server certificate, logging and the authorizer.
import { z } from "zod";
import { authorizerSchema } from "./authorizer-schema";
import { routesSchema } from "./routes-schema";
import { acmCertificateArn, logRetentionDays, oneOf } from "./rules";

const acmIssuedServerCertificate = z.strictObject({
  source: z
    .literal("acm")
    .describe("ACM issues a public certificate for the domain and validates it through DNS records in the zone."),
});

const existingServerCertificate = z.strictObject({
  source: z.literal("existing").describe("A public ACM certificate that already covers the domain."),
  certificateArn: acmCertificateArn.describe("ARN of the server certificate in ACM."),
});

const ownershipVerifiedServerCertificate = z.strictObject({
  source: z
    .enum(["imported", "private"])
    .describe(
      "An imported certificate or one from a private CA: API Gateway then needs a public ACM certificate for the same domain to prove ownership before it enables mutual TLS.",
    ),
  certificateArn: acmCertificateArn.describe("ARN of the server certificate in ACM."),
  ownershipVerificationCertificateArn: z
    .string({
      error:
        "API Gateway needs a public ACM certificate for the same domain to verify ownership of an imported or private certificate",
    })
    .pipe(acmCertificateArn)
    .describe("ARN of a public ACM certificate for the same domain, which proves ownership to API Gateway."),
});

const serverCertificate = z.discriminatedUnion(
  "source",
  [acmIssuedServerCertificate, existingServerCertificate, ownershipVerifiedServerCertificate],
  { error: () => 'source must be one of "acm", "existing", "imported", "private"' },
);

export const apiSchema = z.strictObject({
  type: oneOf(["http", "rest"])
    .default("http")
    .describe("HTTP API (payload 2.0 authorizer) or REST API (REQUEST authorizer)."),
  stageName: z
    .string()
    .regex(/^[a-zA-Z0-9_]{1,64}$/, { message: "must be 1-64 letters, digits or underscores" })
    .default("live")
    .describe("Stage served at the root of the custom domain."),
  serverCertificate: serverCertificate
    .default({ source: "acm" })
    .describe("Where the custom domain's server certificate comes from."),
  logRetentionDays: logRetentionDays.default(365).describe("Retention of access and function logs."),
  manageAccountLoggingRole: z
    .boolean()
    .optional()
    .describe(
      "REST only, and required there: API Gateway writes REST access logs through the CloudWatch Logs role set in the account's API Gateway settings (one per account and region, aws_api_gateway_account), and refuses to create a logging stage without it. true: this stack creates the role and owns the setting (reset when the stack is destroyed); false: the account already has one. No default: a wrong guess either fails the deploy or takes the setting over from whoever owns it.",
    ),
  authorizer: authorizerSchema.describe(
    "The Lambda authorizer every route goes through: decision caching and CRL freshness.",
  ),
  ...routesSchema,
});
