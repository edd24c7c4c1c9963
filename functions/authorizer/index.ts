// Lambda entry point: the authorizer, with each issuing CA's CRL read from S3. Settings come from environment
// variables set by the api stack; a missing one fails the function's init, so API Gateway denies every request.
import type { APIGatewayRequestAuthorizerEvent, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { createAuthorizer, type AuthorizerResult } from "./authorizer";
import { s3CrlSource } from "./s3-crl-source";
import { readSettings } from "./settings";

const settings = readSettings(process.env);
const authorizer = createAuthorizer({
  issuers: settings.issuers.map(({ name, pem, crlKey }) => ({
    name,
    pem,
    crlSource: s3CrlSource(settings.crlBucket, crlKey),
  })),
  crlRefreshSeconds: settings.crlRefreshSeconds,
  crlGraceSeconds: settings.crlGraceSeconds,
  crlClockSkewSeconds: settings.crlClockSkewSeconds,
  access: settings.access,
});

export function handler(
  event: APIGatewayRequestAuthorizerEventV2 | APIGatewayRequestAuthorizerEvent,
): Promise<AuthorizerResult> {
  return authorizer.authorize(event);
}
