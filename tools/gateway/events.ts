// The events API Gateway sends for an HTTP API with a custom domain: payload format 2.0, to the Lambda
// authorizer (REQUEST) and to the backend integration, each carrying the client certificate the way API
// Gateway passes it (requestContext.authentication.clientCert).
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import { randomUUID, type X509Certificate } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { distinguishedName } from "../../lib/x509/names";
import { colonSerial, serialHex } from "../../lib/x509/serial";

export interface ClientCert {
  readonly clientCertPem: string;
  readonly subjectDN: string;
  readonly issuerDN: string;
  /** Colon-separated hex, as API Gateway sends it. */
  readonly serialNumber: string;
  /** OpenSSL's text format, e.g. "Aug  5 00:28:21 2120 GMT", as API Gateway sends it. */
  readonly validity: { readonly notBefore: string; readonly notAfter: string };
}

export function clientCertOf(certificate: X509Certificate): ClientCert {
  return {
    clientCertPem: certificate.toString(),
    subjectDN: distinguishedName(certificate.subject),
    issuerDN: distinguishedName(certificate.issuer),
    serialNumber: colonSerial(serialHex(certificate)),
    validity: { notBefore: certificate.validFrom, notAfter: certificate.validTo },
  };
}

export interface RequestFacts {
  readonly request: IncomingMessage;
  readonly clientCert: ClientCert;
  readonly stage: string;
  readonly now: Date;
  /** The route the request matched. @default $default */
  readonly routeKey?: string;
}

const API_ID = "local";
const ACCOUNT_ID = "000000000000";
const TEXT_TYPES = /^(text\/|application\/(json|xml|x-www-form-urlencoded)|[^;]*\+json|[^;]*\+xml)/i;

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (name !== "cookie" && value) headers[name] = value.join(",");
  }
  return headers;
}

/** API Gateway's requestContext.time, e.g. "22/Nov/2026:05:38:36 +0000". */
function requestTime(now: Date): string {
  const [, day, month, year, time] = now.toUTCString().split(" ");
  return `${day}/${month}/${year}:${time} +0000`;
}

/** What the authorizer and the backend events share, the request id included. */
export function requestParts(facts: RequestFacts) {
  const url = new URL(facts.request.url ?? "/", "https://localhost");
  const headers = headersOf(facts.request);
  const query = Object.fromEntries(
    [...url.searchParams.keys()].map((key) => [key, url.searchParams.getAll(key).join(",")]),
  );
  const cookies = facts.request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const domainName = (headers.host ?? "localhost").replace(/:\d+$/, "");
  const routeKey = facts.routeKey ?? "$default";
  return {
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: API_ID,
      authentication: { clientCert: facts.clientCert },
      domainName,
      domainPrefix: domainName.split(".")[0],
      http: {
        method: facts.request.method ?? "GET",
        path: url.pathname,
        protocol: `HTTP/${facts.request.httpVersion}`,
        sourceIp: facts.request.socket.remoteAddress ?? "",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey,
      stage: facts.stage,
      time: requestTime(facts.now),
      timeEpoch: facts.now.getTime(),
    },
  };
}

export type RequestParts = ReturnType<typeof requestParts>;

export function authorizerEvent(parts: RequestParts): APIGatewayRequestAuthorizerEventV2 {
  const { method } = parts.requestContext.http;
  return {
    version: "2.0",
    type: "REQUEST",
    routeArn: `arn:aws:execute-api:local:${ACCOUNT_ID}:${API_ID}/${parts.requestContext.stage}/${method}${parts.rawPath}`,
    identitySource: [],
    ...parts,
    pathParameters: {},
    stageVariables: {},
  } as APIGatewayRequestAuthorizerEventV2;
}

/** API Gateway passes text bodies as they are and anything else base64-encoded. */
export function backendEvent(
  parts: RequestParts,
  body: Buffer,
  authorizerContext?: Record<string, unknown>,
): APIGatewayProxyEventV2 {
  const text = TEXT_TYPES.test(parts.headers["content-type"] ?? "");
  return {
    version: "2.0",
    ...parts,
    requestContext: {
      ...parts.requestContext,
      ...(authorizerContext ? { authorizer: { lambda: authorizerContext } } : {}),
    },
    ...(body.length ? { body: text ? body.toString("utf8") : body.toString("base64") } : {}),
    isBase64Encoded: body.length > 0 && !text,
  } as APIGatewayProxyEventV2;
}
