// The api.authorizer section: how long API Gateway caches a decision, and how the authorizer keeps the issuing
// CA's CRL. A revoked certificate is refused at the latest resultCacheTtlSeconds + crlRefreshSeconds after
// the CA publishes the CRL that lists it.
import { z } from "zod";

const seconds = (min: number, max: number, limit: string) =>
  z
    .number()
    .int({ message: "must be a whole number of seconds" })
    .min(min, { message: `must be at least ${min} seconds` })
    .max(max, { message: `must be at most ${max} seconds (${limit})` });

export const authorizerSchema = z
  .strictObject({
    resultCacheTtlSeconds: seconds(0, 3600, "API Gateway's limit")
      .default(300)
      .describe("Seconds API Gateway caches a decision per client certificate; 0 turns caching off."),
    crlRefreshSeconds: seconds(1, 86_400, "one day")
      .default(300)
      .describe("Seconds between the authorizer's CRL checks (each a conditional GET on S3)."),
    crlGraceSeconds: seconds(0, 604_800, "seven days")
      .default(0)
      .describe("Seconds a CRL stays usable after its nextUpdate, to ride out a late publication."),
    crlClockSkewSeconds: seconds(0, 3600, "one hour")
      .default(300)
      .describe(
        "Seconds a CRL's thisUpdate may lie ahead of the authorizer's clock; a CRL dated further ahead is refused (RFC 5280: not yet valid).",
      ),
  })
  .prefault({});
