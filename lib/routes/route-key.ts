// Route keys as HTTP APIs write them ("GET /orders/{id}", "ANY /files/{proxy+}", "$default"), and what each API
// type makes of one: REST resources and methods, the execute-api ARN pattern a permission or policy names, and
// the route a request matches (the proving ground routes as an HTTP API does).

export const HTTP_METHODS = ["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export const DEFAULT_ROUTE = "$default";

const SEGMENT = String.raw`(?:[A-Za-z0-9._~-]+|\{[A-Za-z][A-Za-z0-9_]*\})`;
const GREEDY = String.raw`\{[A-Za-z][A-Za-z0-9_]*\+\}`;
export const ROUTE_KEY = new RegExp(
  String.raw`^(?:\$default|(?:${HTTP_METHODS.join("|")}) (?:/|(?:/${SEGMENT})+|(?:/${SEGMENT})*/${GREEDY}))$`,
);

export interface ParsedRoute {
  readonly key: string;
  /** ANY for $default. */
  readonly method: string;
  /** The path template; undefined for $default. */
  readonly path?: string;
}

export function parseRouteKey(key: string): ParsedRoute {
  if (key === DEFAULT_ROUTE) return { key, method: "ANY" };
  const [method, path] = key.split(" ");
  return { key, method, path };
}

/** The path parameters a route's path declares, e.g. ["id", "proxy"] for /orders/{id}/{proxy+}. */
export function pathParameters(path: string | undefined): string[] {
  return [...(path ?? "").matchAll(/\{([A-Za-z0-9_]+)\+?\}/g)].map((match) => match[1]);
}

/** A REST API has no $default route: the root and a greedy proxy on it (ANY) stand for it. */
export function restMethodKeys(key: string): string[] {
  return key === DEFAULT_ROUTE ? ["ANY /", "ANY /{proxy+}"] : [key];
}

/**
 * The part of an execute-api ARN after "<api>/<stage>/" that a route's requests carry: the method (any for
 * ANY), then the path with each parameter a wildcard. HTTP APIs name their $default route "$default".
 */
export function executeApiRoutePattern(key: string, apiType: "http" | "rest"): string {
  if (key === DEFAULT_ROUTE && apiType === "http") return DEFAULT_ROUTE;
  if (key === DEFAULT_ROUTE) return "*";
  const { method, path } = parseRouteKey(key);
  return `${method === "ANY" ? "*" : method}${(path ?? "/").replace(/\{[^}]+\}/g, "*")}`;
}

/** How specific a route is, segment by segment (literal 2, parameter 1, greedy 0), for the most-specific match. */
function specificity(route: ParsedRoute): number[] {
  if (!route.path) return [-1];
  const segments = route.path === "/" ? [] : route.path.slice(1).split("/");
  return [...segments.map((segment) => (segment.endsWith("+}") ? 0 : segment.startsWith("{") ? 1 : 2)), 3];
}

/** A request path matching a route's path template, each parameter captured in order. */
function pathRegExp(template: string): RegExp {
  const pattern = template
    .split("/")
    .map((segment) =>
      segment.endsWith("+}")
        ? "(.+)"
        : segment.startsWith("{")
          ? "([^/]+)"
          : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${pattern}$`);
}

function matches(route: ParsedRoute, method: string, path: string): boolean {
  if (!route.path) return true;
  if (route.method !== "ANY" && route.method !== method.toUpperCase()) return false;
  return pathRegExp(route.path).test(path);
}

function compare(a: number[], b: number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? -2) - (b[index] ?? -2);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The route an HTTP API would pick for the request: the most specific match, a method over ANY, then $default. */
export function matchRoute<R extends { readonly route: string }>(routes: readonly R[], method: string, path: string) {
  const candidates = routes
    .map((route) => ({ route, parsed: parseRouteKey(route.route) }))
    .filter(({ parsed }) => matches(parsed, method, path));
  candidates.sort(
    (a, b) =>
      compare(specificity(b.parsed), specificity(a.parsed)) ||
      Number(b.parsed.method !== "ANY") - Number(a.parsed.method !== "ANY"),
  );
  return candidates[0]?.route;
}

/**
 * The values of a route's path parameters in a request path, e.g. { proxy: "a/b" } for /files/{proxy+}, and the
 * whole path as `path` (what a stand-in backend receives).
 */
export function pathParameterValues(key: string, requestPath: string): Record<string, string> {
  const { path } = parseRouteKey(key);
  const whole = { path: requestPath };
  if (!path) return { ...whole, proxy: requestPath.replace(/^\//, "") };
  const names = pathParameters(path);
  const match = pathRegExp(path).exec(requestPath);
  return { ...whole, ...Object.fromEntries(names.map((name, index) => [name, match?.[index + 1] ?? ""])) };
}
