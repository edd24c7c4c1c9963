// Drives the authorizer the way Lambda does: CRL from S3 (the SDK mocked with aws-sdk-client-mock), events in
// both API Gateway shapes, a clock the test moves, and every log entry kept for assertions.
import { GetObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import {
  createAuthorizer,
  type AuthorizerOptions,
  type AuthorizerResult,
  type ClientCertificateFields,
  type HttpApiAuthorizerEvent,
  type HttpApiAuthorizerResult,
  type LogEntry,
  type RestApiAuthorizerEvent,
  type RestApiAuthorizerResult,
} from "../../functions/authorizer/authorizer";
import { s3CrlSource } from "../../functions/authorizer/s3-crl-source";

export const CRL_BUCKET = "example-crl-bucket";
export const CRL_KEY = "crl/11111111-2222-3333-4444-555555555555.crl";
export const METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/live/GET/orders/42";

export const s3 = mockClient(S3Client);

/** A GetObject response as the SDK returns it (only the body method the source uses). */
export function s3Object(body: Uint8Array, etag: string) {
  return { ETag: etag, Body: { transformToByteArray: async () => body } as never };
}

export function notModified(): S3ServiceException {
  return new S3ServiceException({
    name: "NotModified",
    $fault: "client",
    $metadata: { httpStatusCode: 304 },
    message: "Not Modified",
  });
}

export function serveCrl(body: Uint8Array, etag = '"v1"', key = CRL_KEY): void {
  s3.on(GetObjectCommand, { Bucket: CRL_BUCKET, Key: key }).resolves(s3Object(body, etag));
}

export const EVENT_SHAPES = {
  http: (clientCert: ClientCertificateFields | null | undefined): HttpApiAuthorizerEvent => ({
    version: "2.0",
    routeArn: "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/live/$default",
    requestContext: { requestId: "request-1", authentication: clientCert === undefined ? undefined : { clientCert } },
  }),
  rest: (clientCert: ClientCertificateFields | null | undefined): RestApiAuthorizerEvent => ({
    type: "REQUEST",
    methodArn: METHOD_ARN,
    requestContext: { requestId: "request-1", identity: { clientCert: clientCert ?? null } },
  }),
} as const;

export type Shape = keyof typeof EVENT_SHAPES;
export const SHAPES = Object.keys(EVENT_SHAPES) as Shape[];

export function isAllowed(result: AuthorizerResult): boolean {
  if ("isAuthorized" in result) return result.isAuthorized;
  return result.policyDocument.Statement[0].Effect === "Allow";
}

export function contextOf(result: AuthorizerResult) {
  return (result as HttpApiAuthorizerResult | RestApiAuthorizerResult).context;
}

export interface Harness {
  /** Authorizes a request carrying this PEM (or these fields) in the given event shape. */
  call(shape: Shape, certificate: string | ClientCertificateFields | null | undefined): Promise<AuthorizerResult>;
  readonly logs: LogEntry[];
  /** Moves the clock forward. */
  advance(seconds: number): void;
  /** The last decision entry. */
  lastDecision(): Extract<LogEntry, { event: "decision" }>;
}

/** Lets a CRL refresh started in the background (a cached CRL decided meanwhile) finish against the S3 mock. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

export function harness(issuingCaPem: string, options: Partial<AuthorizerOptions> = {}): Harness {
  let now = Date.now();
  const logs: LogEntry[] = [];
  const authorizer = createAuthorizer({
    issuers: [{ name: "issuing-1", pem: issuingCaPem, crlSource: s3CrlSource(CRL_BUCKET, CRL_KEY, "eu-west-1") }],
    clock: () => now,
    log: (entry) => logs.push(entry),
    ...options,
  });
  return {
    logs,
    call: (shape, certificate) =>
      authorizer.authorize(
        EVENT_SHAPES[shape](typeof certificate === "string" ? { clientCertPem: certificate } : certificate) as never,
      ),
    advance: (seconds) => (now += seconds * 1000),
    lastDecision: () => logs.filter((entry) => entry.event === "decision").at(-1) as never,
  };
}
