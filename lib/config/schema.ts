// The configuration document, one per environment (config/<env>.json). Every rule lives here and in the
// schema files beside it, so invalid configuration fails before any stack is built.
import { z } from "zod";
import { apiSchema } from "./api-schema";
import { backendSchema, checkBackend, productionFlag } from "./backend-schema";
import { overlongDerivedBucketNames } from "./names";
import { pkiSchema } from "./pki-schema";
import { checkRoutes } from "./routes-schema";
import { accessRulesBytes } from "../routes/access-rules";
import {
  awsAccountId,
  awsRegion,
  domainName,
  environmentName,
  hostedZoneId,
  oneOf,
  positiveInteger,
  s3BucketName,
  s3ObjectKey,
  tags,
} from "./rules";

export const configSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .describe("Lets editors validate and complete the document against config/schema.json."),
    environment: environmentName.describe("Names the environment; must match the file name config/<environment>.json."),
    accountId: awsAccountId.describe(
      "The AWS account every stack deploys to: the provider's allowed_account_ids, so Terraform stops before any change when the credentials belong to another account.",
    ),
    region: awsRegion.describe("AWS region of every stack, e.g. eu-west-1."),
    tags: tags.default({}).describe("Tags applied to every resource through the provider's default_tags."),
    production: productionFlag.describe(
      "Marks a production-like environment: its state must live in a shared, locked backend (s3 or cloud).",
    ),
    backend: backendSchema.describe(
      "Where each stack keeps its Terraform state; every downstream stack reads its upstream's through the same backend.",
    ),
    domain: z
      .strictObject({
        name: domainName.describe("The API's custom domain."),
        hostedZoneId: hostedZoneId.describe("Public hosted zone that holds the domain's records."),
        ipAddressType: oneOf(["ipv4", "dualstack"])
          .default("ipv4")
          .describe(
            "ipv4, or dualstack to serve IPv6 clients too; the dns stack adds the AAAA record only for dualstack (an AAAA alias to an IPv4-only domain resolves to nothing).",
          ),
      })
      .describe("The custom domain clients call, and its Route 53 zone."),
    pki: pkiSchema.describe(
      "The certificate authority: ACM Private CA (acm-pca) or files the PKI tool manages (self-managed).",
    ),
    truststore: z
      .strictObject({
        bucketName: s3BucketName.optional().describe("Default: <environment>-<domain>-truststore."),
        key: s3ObjectKey.default("truststore.pem").describe("Object key of the PEM bundle in the bucket."),
        noncurrentVersionsToKeep: positiveInteger(100, "versions")
          .default(10)
          .describe("Noncurrent bundle versions kept for rollback."),
        noncurrentVersionExpirationDays: positiveInteger(3650, "days")
          .default(90)
          .describe("Days before versions beyond those kept expire."),
      })
      .prefault({})
      .describe("The versioned S3 bucket holding the truststore bundle API Gateway reads."),
    api: apiSchema.describe("The API behind the mutual TLS custom domain."),
  })
  .superRefine((config, ctx) => {
    checkBackend(config, ctx);
    checkRoutes(config, ctx, () => accessRulesBytes(config));
    if (config.api.type === "http" && config.api.manageAccountLoggingRole) {
      ctx.addIssue({
        code: "custom",
        path: ["api", "manageAccountLoggingRole"],
        input: true,
        message:
          "applies to REST APIs only: HTTP APIs log without an account-wide role; remove it or set api.type to rest",
      });
    }
    if (config.api.type === "rest" && config.api.manageAccountLoggingRole === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["api", "manageAccountLoggingRole"],
        input: undefined,
        message:
          "must be set for a REST API: API Gateway refuses a stage with access logging unless the account has a CloudWatch Logs role in its API Gateway settings (one per account and region); set true to let this stack create and own it, or false when the account already has one",
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
