// The configuration document, one per environment (config/<env>.json). Every rule lives here and in the
// schema files beside it, so invalid configuration fails before any stack is built.
import { z } from "zod";
import { apiSchema } from "./api-schema";
import { backendSchema, checkBackend, productionFlag } from "./backend-schema";
import { overlongDerivedBucketNames } from "./names";
import { pkiSchema } from "./pki-schema";
import {
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
    /** Lets editors validate and complete the document against config/schema.json. */
    $schema: z.string().optional(),
    /** Names the environment; must match the file name config/<environment>.json. */
    environment: environmentName,
    region: awsRegion,
    /** Tags applied to every resource through the provider's default_tags. */
    tags: tags.default({}),
    production: productionFlag,
    backend: backendSchema,
    domain: z.strictObject({
      /** The API's custom domain. */
      name: domainName,
      /** Public hosted zone that holds the domain's records. */
      hostedZoneId,
      /**
       * ipv4, or dualstack to serve IPv6 clients too; the dns stack adds the AAAA record only for dualstack (an
       * AAAA alias to an IPv4-only domain resolves to nothing). @default ipv4
       */
      ipAddressType: oneOf(["ipv4", "dualstack"]).default("ipv4"),
    }),
    pki: pkiSchema,
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
    api: apiSchema,
  })
  .superRefine((config, ctx) => {
    checkBackend(config, ctx);
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
