// The authorizer the proving ground runs, for the CLI and the end-to-end tests alike.
//
// The Lambda authorizer (functions/authorizer, issue 3) is not on this branch yet, so every certificate that
// passes API Gateway's checks is authorized and revocation is NOT checked. To plug it in, replace the body of
// localAuthorizer with
//
//   return createAuthorizer({ crlSource: inputs.crlSource, issuingCaPems: inputs.issuingCaPems });
//
// (wrapped if its decision is not { isAuthorized, context }), and update LOCAL_AUTHORIZER.
import { allowEveryTrustedCertificate, type Authorize } from "./authorization";
import type { CrlSource } from "./crl-source";

export interface AuthorizerInputs {
  /** The active issuing CA's CRL, as the authorizer would read it from the CRL bucket. */
  readonly crlSource: CrlSource;
  /** PEM of every issuing CA in the truststore: the CRL's possible signers. */
  readonly issuingCaPems: readonly string[];
}

/** What the CLI prints about the authorization step. */
export const LOCAL_AUTHORIZER = "none: every trusted certificate is authorized, revocation is not checked";

export function localAuthorizer(inputs: AuthorizerInputs): Authorize {
  void inputs;
  return allowEveryTrustedCertificate;
}
