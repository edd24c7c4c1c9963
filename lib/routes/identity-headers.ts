// The client's identity as request headers to HTTP and VPC link backends: each header carries one field of the
// authorizer's context. API Gateway sets them with overwrite semantics (HTTP API parameter mapping
// `overwrite:header.*`, REST integration request parameters), so a client cannot send its own values through.
import type { AuthorizerContext } from "../../functions/authorizer/events";

export const IDENTITY_HEADERS = {
  "x-mtls-client": "clientName",
  "x-mtls-subject": "subjectDN",
  "x-mtls-issuer": "issuerDN",
  "x-mtls-serial": "serialNumber",
  "x-mtls-not-before": "notBefore",
  "x-mtls-not-after": "notAfter",
} as const satisfies Record<string, keyof AuthorizerContext>;

/** HTTP API integration request parameters. */
export function httpApiIdentityMapping(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(IDENTITY_HEADERS).map(([header, field]) => [
      `overwrite:header.${header}`,
      `$context.authorizer.${field}`,
    ]),
  );
}

/** REST API integration request parameters. */
export function restApiIdentityMapping(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(IDENTITY_HEADERS).map(([header, field]) => [
      `integration.request.header.${header}`,
      `context.authorizer.${field}`,
    ]),
  );
}

/** The headers a request carries to the backend: the client's own identity headers dropped, the authorizer's set. */
export function withIdentityHeaders(
  headers: Record<string, string>,
  context: Partial<Record<string, unknown>>,
): Record<string, string> {
  const result = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !(name.toLowerCase() in IDENTITY_HEADERS)),
  );
  for (const [header, field] of Object.entries(IDENTITY_HEADERS)) {
    if (context[field] !== undefined) result[header] = String(context[field]);
  }
  return result;
}
