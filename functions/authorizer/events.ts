// The two event shapes API Gateway sends a REQUEST authorizer, and the answer each one expects. Only the
// fields the authorizer reads are declared, so events built by hand (tests, the local proving ground) stay
// small, and the full aws-lambda event types are assignable to them.
import type { CertificateIdentity } from "./client-certificate";

/** The client certificate as API Gateway describes it; only the PEM is trusted, the rest is cross-checked. */
export interface ClientCertificateFields {
  readonly clientCertPem: string;
  /** When present, it must name the PEM's serial number (decimal, hex or colon-separated hex). */
  readonly serialNumber?: string;
  readonly subjectDN?: string;
  readonly issuerDN?: string;
  readonly validity?: { readonly notBefore?: string; readonly notAfter?: string };
}

/** HTTP API, payload format 2.0. */
export interface HttpApiAuthorizerEvent {
  readonly version: string;
  readonly routeArn?: string;
  readonly requestContext: {
    readonly requestId?: string;
    readonly authentication?: { readonly clientCert?: ClientCertificateFields | null } | null;
  };
}

/** REST API, REQUEST authorizer. */
export interface RestApiAuthorizerEvent {
  readonly type: "REQUEST";
  readonly methodArn: string;
  readonly requestContext: {
    readonly requestId?: string;
    readonly identity?: { readonly clientCert?: ClientCertificateFields | null } | null;
  };
}

export type AuthorizerEvent = HttpApiAuthorizerEvent | RestApiAuthorizerEvent;

/** Passed to the backend on an allow: `requestContext.authorizer.lambda` (HTTP) or `requestContext.authorizer` (REST). */
export type AuthorizerContext = CertificateIdentity;

/** HTTP API simple response. */
export interface HttpApiAuthorizerResult {
  readonly isAuthorized: boolean;
  readonly context?: AuthorizerContext;
}

/** REST API IAM policy response. */
export interface RestApiAuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: {
    readonly Version: "2012-10-17";
    readonly Statement: readonly [
      { readonly Action: "execute-api:Invoke"; readonly Effect: "Allow" | "Deny"; readonly Resource: string },
    ];
  };
  readonly context?: AuthorizerContext;
}

export type AuthorizerResult = HttpApiAuthorizerResult | RestApiAuthorizerResult;

export type ApiType = "http" | "rest";

export function isRestEvent(event: AuthorizerEvent): event is RestApiAuthorizerEvent {
  return typeof (event as RestApiAuthorizerEvent).methodArn === "string";
}

/** Which API sent the event; throws for anything else (the invocation fails, so API Gateway denies). */
export function apiTypeOf(event: AuthorizerEvent): ApiType {
  if (isRestEvent(event)) return "rest";
  if (event?.version === "2.0") return "http";
  throw new Error("Unrecognized authorizer event: expected an HTTP API payload 2.0 event or a REST REQUEST event");
}

export function clientCertificateOf(event: AuthorizerEvent): ClientCertificateFields | undefined {
  const certificate = isRestEvent(event)
    ? event.requestContext?.identity?.clientCert
    : event.requestContext?.authentication?.clientCert;
  return certificate ?? undefined;
}

export function httpApiResult(identity: CertificateIdentity | undefined): HttpApiAuthorizerResult {
  return identity ? { isAuthorized: true, context: { ...identity } } : { isAuthorized: false };
}

/**
 * API Gateway caches a REST policy per identity source and applies it to every method of the stage, so the
 * policy names the whole stage, not just the method that was called.
 */
export function restApiResult(
  methodArn: string,
  allowed: CertificateIdentity | undefined,
  subjectDN: string | undefined,
): RestApiAuthorizerResult {
  const [api, stage] = methodArn.split("/");
  const resource = stage ? `${api}/${stage}/*` : methodArn;
  return {
    principalId: subjectDN ?? "unauthenticated",
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: allowed ? "Allow" : "Deny", Resource: resource }],
    },
    ...(allowed ? { context: { ...allowed } } : {}),
  };
}
