// The environment's routes (api.routes) as the proving ground serves them: echo routes by the echo function, HTTP
// routes to a loopback URL by that URL, and every backend the proving ground cannot reach from here (a Lambda
// function, a remote URL, a service behind a VPC link) by the stand-in: a loopback HTTP backend given with
// --stand-in, or else the echo function. Each such substitution is said once at start.
import { handler as echo } from "../../functions/echo/index";
import type { Config } from "../../lib/config/schema";
import { DEFAULT_ROUTES } from "../../lib/constructs/api-common";
import type { ApiRoute } from "../../lib/config/routes-schema";
import { UsageError } from "../../lib/user-error";
import { httpBackend } from "./http-backend";
import type { GatewayRoute } from "./server";

function isLoopbackUrl(text: string): boolean {
  const { hostname } = new URL(text);
  return hostname === "localhost" || hostname === "[::1]" || hostname.startsWith("127.");
}

export interface ServedRoutes {
  readonly routes: GatewayRoute[];
  /** One line per route: what serves it here. */
  readonly lines: string[];
}

function served(route: ApiRoute, standIn: string | undefined): { serve: GatewayRoute["backend"]; by: string } {
  const { backend } = route;
  if (backend.type === "echo") return { serve: echo, by: "the echo function" };
  if (backend.type === "http" && isLoopbackUrl(backend.url)) {
    return { serve: httpBackend(backend.url, route.route, route.timeoutMs), by: backend.url };
  }
  const what =
    backend.type === "lambda" ? backend.functionArn : backend.type === "http" ? backend.url : backend.targetArn;
  if (standIn) {
    return {
      serve: httpBackend(`${standIn.replace(/\/$/, "")}{path}`, route.route, route.timeoutMs),
      by: `${standIn} (standing in for ${what})`,
    };
  }
  return { serve: echo, by: `the echo function (standing in for ${what}; pass --stand-in to use a loopback backend)` };
}

export function servedRoutes(config: Config, standIn?: string): ServedRoutes {
  if (standIn !== undefined && !(URL.canParse(standIn) && isLoopbackUrl(standIn))) {
    throw new UsageError(
      `--stand-in ${standIn}: must be an http:// or https:// URL on loopback, e.g. http://127.0.0.1:9000`,
    );
  }
  const routes = (config.api.routes ?? DEFAULT_ROUTES).map((route) => ({ route, ...served(route, standIn) }));
  return {
    routes: routes.map(({ route, serve }) => ({ route: route.route, backend: serve })),
    lines: routes.map(
      ({ route, by }) => `  route ${route.route} -> ${by}${route.clients ? `, for ${route.clients.join(", ")}` : ""}`,
    ),
  };
}
