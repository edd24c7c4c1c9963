// The authorizer the proving ground runs, for the CLI and the end-to-end tests alike: the Lambda authorizer's
// own decision logic (functions/authorizer), reading each issuing CA's CRL from a file instead of S3.
import { createAuthorizer, type AuthorizerOptions, type TrustedIssuer } from "../../functions/authorizer/authorizer";
import type { Authorize } from "./authorization";
import { fileCrlSource } from "./crl-source";
import type { GatewayFiles, GatewayMaterial } from "./files";

/** What the environment's api.authorizer (and its routes' access rules) set, as the Lambda gets them. */
export type AuthorizerTuning = Pick<
  AuthorizerOptions,
  "crlRefreshSeconds" | "crlGraceSeconds" | "crlClockSkewSeconds" | "access"
>;

export interface AuthorizerInputs extends AuthorizerTuning {
  /** Every issuing CA in the bundle, each with its CRL, as the authorizer would read them from the CRL bucket. */
  readonly issuers: readonly TrustedIssuer[];
  /** Where decision lines go. @default one JSON line on stdout, as in Lambda */
  readonly log?: Parameters<typeof createAuthorizer>[0]["log"];
}

/** What the CLI prints about the authorization step. */
export const LOCAL_AUTHORIZER = "functions/authorizer (revocation from each issuing CA's CRL file, fail closed)";

/** The issuing CAs of the PKI folder, each with its CRL file. */
export function issuersFromFiles(material: GatewayMaterial, files: GatewayFiles): TrustedIssuer[] {
  return material.issuingCas.map(({ name, pem }) => ({ name, pem, crlSource: fileCrlSource(files.crls[name]) }));
}

export function localAuthorizer(inputs: AuthorizerInputs): Authorize {
  const { issuers, log, crlRefreshSeconds, crlGraceSeconds, crlClockSkewSeconds, access } = inputs;
  const authorizer = createAuthorizer({
    issuers,
    log,
    crlRefreshSeconds,
    crlGraceSeconds,
    crlClockSkewSeconds,
    access,
  });
  return async (event) => {
    const decision = await authorizer.authorize(event);
    return { isAuthorized: decision.isAuthorized, context: decision.context ? { ...decision.context } : undefined };
  };
}
