// An HTTP backend behind the proving ground, as an HTTP API's HTTP proxy integration reaches one: the request as the
// client sent it, the route's path parameters filled into the URL, and the client's identity in the x-mtls-*
// headers set from the authorizer's context (the client's own headers of those names dropped, never passed on).
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import * as http from "node:http";
import * as https from "node:https";
import { withIdentityHeaders } from "../../lib/routes/identity-headers";
import { pathParameterValues } from "../../lib/routes/route-key";
import type { Backend } from "./backend";

/** Headers a proxy does not forward (hop-by-hop, RFC 9110 7.6.1), and the host, which is the backend's. */
const NOT_FORWARDED = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer", "host"]);

/** The URL a request goes to: the template's {name} filled from the route's path parameters, the query kept. */
export function backendUrl(template: string, routeKey: string, event: APIGatewayProxyEventV2): URL {
  const values = pathParameterValues(routeKey, event.rawPath);
  const url = new URL(template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] ?? ""));
  if (event.rawQueryString) url.search = event.rawQueryString;
  return url;
}

export function httpBackend(template: string, routeKey: string, timeoutMs = 30_000): Backend {
  return (event) =>
    new Promise((resolve, reject) => {
      const url = backendUrl(template, routeKey, event);
      const context = (event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } }).authorizer
        ?.lambda;
      const headers = withIdentityHeaders(
        Object.fromEntries(Object.entries(event.headers ?? {}).filter(([name]) => !NOT_FORWARDED.has(name))) as Record<
          string,
          string
        >,
        context ?? {},
      );
      const body =
        event.body === undefined ? undefined : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8");
      const request = (url.protocol === "https:" ? https : http).request(
        url,
        { method: event.requestContext.http.method, headers, timeout: timeoutMs },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const responseHeaders: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers)) {
              if (value !== undefined && !NOT_FORWARDED.has(name)) responseHeaders[name] = String(value);
            }
            resolve({
              statusCode: response.statusCode ?? 502,
              headers: responseHeaders,
              body: Buffer.concat(chunks).toString("base64"),
              isBase64Encoded: true,
            });
          });
          response.on("error", reject);
        },
      );
      request.on("timeout", () =>
        request.destroy(new Error(`the backend ${url.origin} did not answer within ${timeoutMs} ms`)),
      );
      request.on("error", reject);
      request.end(body);
    });
}
