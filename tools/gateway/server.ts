// The local mTLS proving ground: an HTTPS server on loopback that behaves like an API Gateway HTTP API on a
// mutual TLS custom domain. TLS with API Gateway's TLS_1_2 policy, the client certificate checked against
// the truststore as API Gateway does (403 when refused), then the authorizer, then the backend.
import { randomUUID } from "node:crypto";
import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import type { AddressInfo } from "node:net";
import type { SecureContextOptions, TLSSocket } from "node:tls";
import { handler as echo } from "../../functions/echo/index";
import { allowEveryTrustedCertificate, type Authorize } from "./authorization";
import { writeBackendResult, type Backend } from "./backend";
import { clientCertificateRefusal, type RefusalReason } from "./client-certificate-rules";
import { authorizerEvent, backendEvent, clientCertOf, requestParts } from "./events";
import { TLS_1_2_POLICY } from "./tls-policy";
import { DEFAULT_ROUTE, matchRoute } from "../../lib/routes/route-key";
import { UsageError } from "../../lib/user-error";

/** What the TLS layer serves with: swapped as a whole while the gateway runs. */
export interface TlsMaterial {
  /** The server certificate, then its chain (the PKI tool's server/<name>.pem). */
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
  /** The truststore bundle client certificates must chain to. */
  readonly truststorePem: string;
}

/** Where the proving ground listens, and the stage its access log names, unless told otherwise (npm run gateway too). */
export const GATEWAY_DEFAULTS = { host: "127.0.0.1", port: 8443, stage: "$default" } as const;

export interface GatewayOptions extends TlsMaterial {
  /** A loopback address. @default 127.0.0.1 */
  readonly host?: string;
  /** 0 picks a free port. @default 8443 */
  readonly port?: number;
  /** @default every certificate that passed API Gateway's checks is authorized */
  readonly authorize?: Authorize;
  /** @default the echo function (functions/echo) */
  readonly backend?: Backend;
  /**
   * The API's routes, each with its backend, matched as an HTTP API matches them (most specific first, then
   * $default); a request no route matches is a 404. @default one $default route to `backend`
   */
  readonly routes?: readonly GatewayRoute[];
  /** requestContext.stage. @default $default */
  readonly stage?: string;
  /** One entry per request, like an access log line. @default none */
  readonly log?: (entry: AccessLogEntry) => void;
  /** API Gateway's payload limit. @default 10 MiB */
  readonly maxBodyBytes?: number;
}

export interface GatewayRoute {
  /** The route key, e.g. "GET /orders/{proxy+}" or "$default". */
  readonly route: string;
  readonly backend: Backend;
}

export interface AccessLogEntry {
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Why the request was refused before the backend, if it was. */
  readonly refusal?:
    RefusalReason | "authorizer-denied" | "authorizer-error" | "backend-error" | "payload-too-large" | "no-route";
  /** The route the request matched. */
  readonly routeKey?: string;
  readonly detail?: string;
  readonly subjectDN?: string;
  readonly serialNumber?: string;
}

export interface RunningGateway {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Serves new connections with other certificates or another truststore; open connections keep theirs. */
  reloadTls(material: TlsMaterial): void;
  close(): Promise<void>;
}

export const REFUSAL_HEADER = "x-proving-ground-refusal";
const MIB = 1024 * 1024;

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on("end", () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    request.on("error", reject);
  });
}

function answer(
  response: ServerResponse,
  status: number,
  message: string,
  requestId: string,
  refusal?: string,
): number {
  response.setHeader("content-type", "application/json");
  response.setHeader("apigw-requestid", requestId);
  if (refusal) response.setHeader(REFUSAL_HEADER, refusal);
  response.statusCode = status;
  response.end(JSON.stringify({ message }));
  return status;
}

function requestHandler(options: GatewayOptions) {
  const authorize = options.authorize ?? allowEveryTrustedCertificate;
  const routes = options.routes ?? [{ route: DEFAULT_ROUTE, backend: options.backend ?? echo }];
  const log = options.log ?? (() => {});
  const limit = options.maxBodyBytes ?? 10 * MIB;

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const socket = request.socket as TLSSocket;
    const base = { method: request.method ?? "GET", path: (request.url ?? "/").split("?")[0] };
    const refusal = clientCertificateRefusal(socket);
    if (refusal) {
      const requestId = randomUUID();
      const status = answer(response, 403, "Forbidden", requestId, refusal.reason);
      log({ requestId, ...base, status, refusal: refusal.reason, detail: refusal.detail });
      return;
    }
    const route = matchRoute(routes, base.method, base.path);
    if (!route) {
      const requestId = randomUUID();
      log({
        requestId,
        ...base,
        status: answer(response, 404, "Not Found", requestId, "no-route"),
        refusal: "no-route",
      });
      return;
    }
    const clientCert = clientCertOf(socket.getPeerX509Certificate()!);
    const parts = requestParts({
      request,
      clientCert,
      stage: options.stage ?? GATEWAY_DEFAULTS.stage,
      now: new Date(),
      routeKey: route.route,
    });
    const requestId = parts.requestContext.requestId;
    const who = { subjectDN: clientCert.subjectDN, serialNumber: clientCert.serialNumber, routeKey: route.route };
    const body = await readBody(request, limit);
    if (!body) {
      log({
        requestId,
        ...base,
        ...who,
        status: answer(response, 413, "Request Entity Too Large", requestId, "payload-too-large"),
        refusal: "payload-too-large",
      });
      return;
    }
    let decision;
    try {
      decision = await authorize(authorizerEvent(parts));
    } catch (error) {
      const status = answer(response, 500, "Internal Server Error", requestId, "authorizer-error");
      log({ requestId, ...base, ...who, status, refusal: "authorizer-error", detail: (error as Error).message });
      return;
    }
    if (!decision.isAuthorized) {
      log({
        requestId,
        ...base,
        ...who,
        status: answer(response, 403, "Forbidden", requestId, "authorizer-denied"),
        refusal: "authorizer-denied",
      });
      return;
    }
    try {
      const result = await route.backend(backendEvent(parts, body, decision.context));
      log({ requestId, ...base, ...who, status: writeBackendResult(response, result, requestId) });
    } catch (error) {
      const status = answer(response, 500, "Internal Server Error", requestId, "backend-error");
      log({ requestId, ...base, ...who, status, refusal: "backend-error", detail: (error as Error).message });
    }
  };
}

/** The TLS context for the material, under API Gateway's TLS_1_2 policy. */
export function secureContextOptions(material: TlsMaterial): SecureContextOptions {
  return {
    key: material.serverKeyPem,
    cert: material.serverCertificatePem,
    ca: material.truststorePem,
    ...TLS_1_2_POLICY,
  };
}

export function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const host = options.host ?? GATEWAY_DEFAULTS.host;
  if (!isLoopback(host)) {
    return Promise.reject(
      new UsageError(`--host ${host}: the proving ground listens on loopback only (127.0.0.1, ::1 or localhost)`),
    );
  }
  const handle = requestHandler(options);
  const server = https.createServer(
    {
      ...secureContextOptions(options),
      // Ask for a certificate, but let the handshake finish: API Gateway answers a refused one with a 403.
      requestCert: true,
      rejectUnauthorized: false,
    },
    (request, response) => void handle(request, response),
  );
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? GATEWAY_DEFAULTS.port, host, () => {
      const address = server.address() as AddressInfo;
      const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
      resolve({
        url: `https://${urlHost}:${address.port}`,
        host: address.address,
        port: address.port,
        reloadTls: (material) => server.setSecureContext(secureContextOptions(material)),
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
