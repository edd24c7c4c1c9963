// A loopback proxy in front of moto that mends the gaps listed in moto-gaps.ts, each patch named by its row there:
// everything else passes through unchanged. It keeps what it needs (permissions, policies and lifecycle rules as
// put) in memory for the run. It counts each patch it applies, so the layer can say which workarounds it leaned on.
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { MOTO_GAPS, MotoGapId } from "./moto-gaps";

/** The rows of moto-gaps.ts that the proxy mends. */
export type PatchedGapId = {
  [Id in MotoGapId]: (typeof MOTO_GAPS)[Id]["kind"] extends "patched response" ? Id : never;
}[MotoGapId];

// Bodies pass through as bytes (a CRL is DER); `body` is their text, for the patches that read or rewrite JSON or
// XML. A patch that changes a body sets `body` and drops `raw`.
interface Exchange {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  readonly raw?: Buffer;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  raw?: Buffer;
}

type Forward = (request: Exchange) => Promise<Reply>;

/** A patch: undefined when it does not apply, so the next one is tried and the request goes to moto as is. */
type Patch = (request: Exchange, forward: Forward) => Promise<Reply | undefined> | Reply | undefined;

export interface EmulatorProxy {
  readonly url: string;
  /** How often each patch applied. */
  readonly applied: Partial<Record<MotoGapId, number>>;
  /** From now on, answer every request with this HTTP status (a server fault), or pass them on again. */
  failWith(status: number | undefined): void;
  close(): Promise<void>;
}

const json = (status: number, body: unknown): Reply => ({
  status,
  headers: { "content-type": "application/x-amz-json-1.1" },
  body: body === undefined ? "" : JSON.stringify(body),
});

/** The region of a signed request, from its credential scope. */
function regionOf(request: Exchange): string {
  return (
    /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(String(request.headers.authorization ?? ""))?.[1] ?? "us-east-1"
  );
}

/** The bucket of a path-style S3 request and whether it carries the sub-resource, e.g. ?policy. */
function bucketRequest(request: Exchange, subresource: string): string | undefined {
  const match = /^\/([a-z0-9][a-z0-9.-]+)\/?$/.exec(request.url.pathname);
  return match && request.url.searchParams.has(subresource) ? match[1] : undefined;
}

function acmPcaPermissions(): Patch {
  const permissions = new Map<string, Record<string, unknown>[]>();
  return (request) => {
    const action = /^ACMPrivateCA\.(CreatePermission|ListPermissions|DeletePermission)$/.exec(
      String(request.headers["x-amz-target"] ?? ""),
    )?.[1];
    if (!action) return undefined;
    const input = JSON.parse(request.body || "{}") as Record<string, string>;
    const arn = input.CertificateAuthorityArn;
    const others = (permissions.get(arn) ?? []).filter((kept) => kept.Principal !== input.Principal);
    if (action === "CreatePermission") {
      const created = { ...input, CreatedAt: Date.now() / 1000, Policy: "" };
      permissions.set(arn, [...others, created]);
      return json(200, {});
    }
    if (action === "DeletePermission") {
      permissions.set(arn, others);
      return json(200, {});
    }
    return json(200, { Permissions: permissions.get(arn) ?? [] });
  };
}

interface PolicyStatement {
  Effect?: string;
  Condition?: Record<string, Record<string, unknown>>;
}

function dependsOnSecureTransport(statement: PolicyStatement): boolean {
  return Object.values(statement.Condition ?? {}).some((test) => "aws:SecureTransport" in test);
}

function secureTransportPolicies(): Patch {
  const asPut = new Map<string, string>();
  return async (request, forward) => {
    const bucket = bucketRequest(request, "policy");
    if (!bucket) return undefined;
    if (request.method === "PUT") {
      const policy = JSON.parse(request.body) as { Statement: PolicyStatement[] };
      const statements = policy.Statement.filter((statement) => !dependsOnSecureTransport(statement));
      if (statements.length === policy.Statement.length) return undefined;
      const reply = await forward({
        ...request,
        body: JSON.stringify({ ...policy, Statement: statements }),
        raw: undefined,
      });
      if (reply.status < 300) asPut.set(bucket, request.body);
      return reply;
    }
    if (request.method === "DELETE") asPut.delete(bucket);
    if (request.method !== "GET" || !asPut.has(bucket)) return undefined;
    return { status: 200, headers: { "content-type": "application/json" }, body: asPut.get(bucket)! };
  };
}

function lifecycleAsPut(): Patch {
  const asPut = new Map<string, string>();
  return async (request, forward) => {
    const bucket = bucketRequest(request, "lifecycle");
    if (!bucket || !/NewerNoncurrentVersions/.test(request.body + (asPut.get(bucket) ?? ""))) return undefined;
    if (request.method === "PUT") {
      const reply = await forward(request);
      if (reply.status < 300) asPut.set(bucket, request.body);
      return reply;
    }
    if (request.method === "DELETE") {
      asPut.delete(bucket);
      return forward(request);
    }
    if (request.method !== "GET") return undefined;
    const reply = await forward(request);
    return reply.status < 300 ? { ...reply, body: asPut.get(bucket)!, raw: undefined } : reply;
  };
}

/** API Gateway's hosted zone for regional endpoints, per region (AWS General Reference, "Amazon API Gateway"). */
const API_GATEWAY_ZONES: Record<string, string> = {
  "eu-west-1": "ZLY8HYME6SFDD",
  "eu-central-1": "Z1U9ULNL0V5AJ3",
  "us-east-1": "Z1UJRXOUMOOFQ8",
  "us-west-2": "Z2OJLYMUO9EFXC",
};

function httpDomainStatus(): Patch {
  return async (request, forward) => {
    if (!/^\/v2\/domainnames(\/[^/]+)?$/.test(request.url.pathname) || request.method === "DELETE") return undefined;
    const reply = await forward(request);
    if (reply.status >= 300) return reply;
    const region = regionOf(request);
    const body = JSON.parse(reply.body) as { items?: Record<string, unknown>[] } & Record<string, unknown>;
    const complete = (domain: Record<string, unknown>) => ({
      ...domain,
      domainNameConfigurations: (domain.domainNameConfigurations as Record<string, unknown>[]).map((entry) => ({
        domainNameStatus: "AVAILABLE",
        apiGatewayDomainName: `d-emulator.execute-api.${region}.amazonaws.com`,
        hostedZoneId: API_GATEWAY_ZONES[region] ?? "Z1UJRXOUMOOFQ8",
        ...entry,
      })),
    });
    const patched = body.items ? { ...body, items: body.items.map(complete) } : complete(body);
    return { ...reply, body: JSON.stringify(patched), raw: undefined };
  };
}

/** A record change's answer without ChangeInfo, which the provider then does not wait on. */
function route53ChangeWithoutWait(): Patch {
  return async (request, forward) => {
    if (request.method !== "POST" || !/\/hostedzone\/[^/]+\/rrset\/?$/.test(request.url.pathname)) return undefined;
    const reply = await forward(request);
    if (reply.status >= 300) return reply;
    return { ...reply, body: reply.body.replace(/<ChangeInfo>[\s\S]*<\/ChangeInfo>/, ""), raw: undefined };
  };
}

export const PATCHES: Record<PatchedGapId, () => Patch> = {
  "acmpca-permission": acmPcaPermissions,
  "s3-secure-transport": secureTransportPolicies,
  "s3-lifecycle-newer-noncurrent": lifecycleAsPut,
  "http-domain-status": httpDomainStatus,
  "route53-change-wait": route53ChangeWithoutWait,
};

/** The bytes to send: as received, unless a patch rewrote the text. */
const bytesOf = (message: { body: string; raw?: Buffer }): Buffer => message.raw ?? Buffer.from(message.body, "utf8");

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function forwardTo(moto: URL): Forward {
  return (request) =>
    new Promise((resolve, reject) => {
      const headers = {
        ...request.headers,
        host: moto.host,
        "content-length": String(bytesOf(request).length),
      };
      delete headers["transfer-encoding"];
      const outgoing = http.request(
        {
          host: moto.hostname,
          port: moto.port,
          method: request.method,
          path: request.url.pathname + request.url.search,
          headers,
        },
        (response) =>
          void readBody(response).then(
            (raw) =>
              resolve({
                status: response.statusCode ?? 502,
                headers: response.headers,
                body: raw.toString("utf8"),
                raw,
              }),
            reject,
          ),
      );
      outgoing.on("error", reject);
      outgoing.end(bytesOf(request));
    });
}

/** Starts the proxy on a free loopback port, in front of moto at `motoUrl`. */
export function startEmulatorProxy(motoUrl: string, log: (line: string) => void = () => {}): Promise<EmulatorProxy> {
  const forward = forwardTo(new URL(motoUrl));
  const applied: Partial<Record<MotoGapId, number>> = {};
  const patches = Object.entries(PATCHES).map(([id, make]) => ({ id: id as MotoGapId, patch: make() }));
  let failing: number | undefined;
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const raw = await readBody(incoming);
      if (failing) {
        const fault = `<ErrorResponse><Error><Code>InternalFailure</Code><Message>injected by the test</Message></Error></ErrorResponse>`;
        outgoing.writeHead(failing, { "content-type": "text/xml" }).end(fault);
        return;
      }
      const request = {
        method: incoming.method ?? "GET",
        url: new URL(incoming.url ?? "/", "http://proxy"),
        headers: incoming.headers,
        body: raw.toString("utf8"),
        raw,
      };
      let reply: Reply | undefined;
      for (const { id, patch } of patches) {
        reply = await patch(request, forward);
        if (reply) {
          applied[id] = (applied[id] ?? 0) + 1;
          break;
        }
      }
      reply ??= await forward(request);
      const target = request.headers["x-amz-target"] ?? "";
      log(`${request.method} ${request.url.pathname}${request.url.search} ${target} -> ${reply.status}`);
      // A HEAD answer keeps moto's content-length: that of the body a GET would get.
      const length = request.method === "HEAD" ? reply.headers["content-length"] : String(bytesOf(reply).length);
      const headers = { ...reply.headers, ...(length !== undefined && { "content-length": length }) };
      delete headers["transfer-encoding"];
      outgoing.writeHead(reply.status, headers).end(bytesOf(reply));
    })().catch((error: Error) => {
      outgoing.writeHead(502, { "content-type": "text/plain" }).end(`emulator proxy: ${error.message}`);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        applied,
        failWith: (status) => (failing = status),
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
