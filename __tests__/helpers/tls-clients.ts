// The three real clients of the end-to-end tests, run asynchronously (the proving ground shares the event
// loop): curl, openssl s_client and Node's https. Each returns the HTTP status, headers and body it got, or
// the transport error.
import * as fs from "node:fs";
import * as https from "node:https";
import { spawnAsync } from "./processes";
import type { ClientFiles } from "./proving-ground";

export interface ClientCall {
  readonly url: string;
  readonly truststore: string;
  readonly client?: ClientFiles;
  /** A PKCS#12 file instead of the PEM pair (curl and Node's https; curl reads the password on stdin, not argv). */
  readonly p12?: { readonly file: string; readonly password: string };
  readonly weakClientConfig: string;
  readonly path?: string;
}

export interface ClientResult {
  readonly status?: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly error?: string;
}

function clientEnv(call: ClientCall): NodeJS.ProcessEnv {
  return call.client?.weak ? { ...process.env, OPENSSL_CONF: call.weakClientConfig } : process.env;
}

/** Splits a raw HTTP/1.1 response (headers, blank line, body). */
function parseHttp(raw: string): ClientResult {
  const start = raw.indexOf("HTTP/1.1 ");
  if (start < 0) return { headers: {}, body: "", error: "no HTTP response" };
  const [head, ...rest] = raw.slice(start).split("\r\n\r\n");
  const [statusLine, ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(":")).toLowerCase(),
      line.slice(line.indexOf(":") + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") };
}

export async function curl(call: ClientCall, extra: string[] = []): Promise<ClientResult> {
  const identity = call.p12
    ? ["--cert-type", "P12", "--config", "-"]
    : call.client
      ? ["--cert", call.client.certificate, "--key", call.client.key]
      : [];
  const args = [
    "-sS",
    "-i",
    "--http1.1",
    "--max-time",
    "15",
    "--cacert",
    call.truststore,
    ...identity,
    ...extra,
    `${call.url}${call.path ?? "/"}`,
  ];
  const input = call.p12 ? `cert = "${call.p12.file}:${call.p12.password}"\n` : undefined;
  const result = await spawnAsync("curl", args, { env: clientEnv(call), input });
  return result.status === 0
    ? parseHttp(result.stdout)
    : { headers: {}, body: "", error: `curl exit ${result.status}: ${result.stderr.trim()}` };
}

export async function opensslClient(call: ClientCall): Promise<ClientResult> {
  const { hostname, port } = new URL(call.url);
  const identity = call.client ? ["-cert", call.client.certificate, "-key", call.client.key] : [];
  const request = `GET ${call.path ?? "/"} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`;
  const args = [
    "s_client",
    "-connect",
    `${hostname}:${port}`,
    "-CAfile",
    call.truststore,
    "-verify_return_error",
    "-quiet",
    "-ign_eof",
    ...identity,
  ];
  const result = await spawnAsync("openssl", args, { input: request, env: clientEnv(call) });
  const parsed = parseHttp(result.stdout);
  return parsed.status ? parsed : { ...parsed, error: `openssl exit ${result.status}: ${result.stderr.trim()}` };
}

export function nodeHttps(call: ClientCall): Promise<ClientResult> {
  const url = new URL(`${call.url}${call.path ?? "/"}`);
  return new Promise((resolve) => {
    const request = https.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        ca: fs.readFileSync(call.truststore),
        ...(call.p12
          ? { pfx: fs.readFileSync(call.p12.file), passphrase: call.p12.password }
          : call.client
            ? { cert: fs.readFileSync(call.client.certificate), key: fs.readFileSync(call.client.key) }
            : {}),
        ...(call.client?.weak ? { ciphers: "DEFAULT:@SECLEVEL=0" } : {}),
        agent: false,
      },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode, headers: response.headers as Record<string, string>, body }),
        );
      },
    );
    request.on("error", (error) => resolve({ headers: {}, body: "", error: error.message }));
    request.end();
  });
}

export const CLIENTS = { curl, "openssl s_client": opensslClient, "Node https": nodeHttps } as const;
