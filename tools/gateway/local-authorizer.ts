// The authorizer the proving ground runs, for the CLI and the end-to-end tests alike: the Lambda authorizer's
// own decision logic (functions/authorizer), reading the active issuing CA's CRL from a file instead of S3.
import { createAuthorizer, type CrlSource } from "../../functions/authorizer/authorizer";
import type { Authorize } from "./authorization";

export interface AuthorizerInputs {
  /** The active issuing CA's CRL, as the authorizer would read it from the CRL bucket. */
  readonly crlSource: CrlSource;
  /** The active issuing CA: client certificates and the CRL must both be signed by it. */
  readonly issuingCaPem: string;
  /** Where decision lines go. @default one JSON line on stdout, as in Lambda */
  readonly log?: Parameters<typeof createAuthorizer>[0]["log"];
}

/** What the CLI prints about the authorization step. */
export const LOCAL_AUTHORIZER = "functions/authorizer (revocation from the active issuing CA's CRL file, fail closed)";

export function localAuthorizer(inputs: AuthorizerInputs): Authorize {
  const authorizer = createAuthorizer({
    issuingCaPem: inputs.issuingCaPem,
    crlSource: inputs.crlSource,
    log: inputs.log,
  });
  return async (event) => {
    const decision = await authorizer.authorize(event);
    return { isAuthorized: decision.isAuthorized, context: decision.context ? { ...decision.context } : undefined };
  };
}
