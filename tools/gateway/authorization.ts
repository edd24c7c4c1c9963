// The authorization step between API Gateway's certificate checks and the backend: a Lambda authorizer with
// simple responses (HTTP API, payload 2.0), called with the event API Gateway would send it.
import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";

export interface AuthorizerDecision {
  readonly isAuthorized: boolean;
  /** Passed to the backend at requestContext.authorizer.lambda. */
  readonly context?: Record<string, unknown>;
}

export type Authorize = (event: APIGatewayRequestAuthorizerEventV2) => Promise<AuthorizerDecision>;

/** No authorizer: every certificate that passed API Gateway's checks is let through (revocation unchecked). */
export const allowEveryTrustedCertificate: Authorize = async () => ({
  isAuthorized: true,
  context: { authorizer: "none" },
});
