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
  /** The route the request matched, e.g. "GET /orders/{proxy+}" or "$default". */
  readonly routeKey?: string;
  readonly requestContext: {
    readonly requestId?: string;
    readonly authentication?: { readonly clientCert?: ClientCertificateFields | null } | null;
  };
}

/** REST API, REQUEST authorizer. */
export interface RestApiAuthorizerEvent {
  readonly type: "REQUEST";
  readonly methodArn: string;
  /** The resource the request matched, e.g. "/orders/{proxy+}", and the request's method. */
  readonly resource?: string;
  readonly httpMethod?: string;
  readonly requestContext: {
    readonly requestId?: string;
    readonly identity?: { readonly clientCert?: ClientCertificateFields | null } | null;
  };
}

export type AuthorizerEvent = HttpApiAuthorizerEvent | RestApiAuthorizerEvent;

/**
 * Passed to the backend on an allow: `requestContext.authorizer.lambda` (HTTP) or `requestContext.authorizer` (REST),
 * and to HTTP and VPC link integrations as the IDENTITY_HEADERS.
 */
export type AuthorizerContext = CertificateIdentity & {
  /** The client's name from api.clients or the ACM client list; "-" when none matches. */
  readonly clientName: string;
};

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

export function httpApiResult(identity: AuthorizerContext | undefined): HttpApiAuthorizerResult {
  return identity ? { isAuthorized: true, context: { ...identity } } : { isAuthorized: false };
}

/** The route keys an event may be granted under: its own, then (REST) the ANY method of its resource. */
export function routeKeysOf(event: AuthorizerEvent): string[] {
  if (!isRestEvent(event)) return [event.routeKey ?? "$default"];
  const resource = event.resource ?? "/";
  return [`${event.httpMethod ?? "ANY"} ${resource}`, `ANY ${resource}`];
}

/**
 * API Gateway caches a REST policy per identity source and applies it to every method it is asked about. Without
 * per-route access the decision is the same for every route, so the policy names the whole stage. With it, the
 * identity sources include the method and resource (one cache entry per route) and the policy names only the
 * route's own ARN pattern, so a cached allow can never be applied to another route.
 */
export function restApiResult(
  event: RestApiAuthorizerEvent,
  allowed: AuthorizerContext | undefined,
  subjectDN: string | undefined,
  perRoute: boolean,
): RestApiAuthorizerResult {
  const { methodArn } = event;
  const [api, stage] = methodArn.split("/");
  const routePattern = () => {
    const method = event.httpMethod ?? "*";
    const path = (event.resource ?? "/*").replace(/\{[^}]+\}/g, "*");
    return `${api}/${stage}/${method}${path}`;
  };
  const resource = !stage ? methodArn : perRoute ? routePattern() : `${api}/${stage}/*`;
  return {
    principalId: subjectDN ?? "unauthenticated",
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: allowed ? "Allow" : "Deny", Resource: resource }],
    },
    ...(allowed ? { context: { ...allowed } } : {}),
  };
}
