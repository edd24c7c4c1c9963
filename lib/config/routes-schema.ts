// api.routes, api.clients and api.vpcLinks: your own backends behind the mTLS domain, who the client teams are,
// and which of them may call which route. Without api.routes every request goes to the bundled echo function
// ($default), as the shipped example does. Each rule that depends on the API type or the region is checked in
// checkRoutes, once the whole document is read.
import { z } from "zod";
import { ACCESS_MAX_BYTES } from "../../functions/authorizer/settings";
import { HTTP_METHODS, parseRouteKey, pathParameters, restMethodKeys, ROUTE_KEY } from "../routes/route-key";
import { oneOf } from "./rules";

/** The most an integration may take (REST's 29 s can be raised by a quota request for regional APIs; not here). */
export const INTEGRATION_TIMEOUT_MAX_MS = { http: 30_000, rest: 29_000 } as const;

const CLIENT_NAME = /^[a-z][a-z0-9-]{0,39}$/;
const clientName = z.string().regex(CLIENT_NAME, {
  message: "must be 1-40 lower-case letters, digits and hyphens, starting with a letter",
});

const lambdaArn = z
  .string()
  .regex(/^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:[A-Za-z0-9_-]{1,64}(?::[A-Za-z0-9_$-]+)?$/, {
    message: "must be a Lambda function ARN, e.g. arn:aws:lambda:eu-west-1:123456789012:function:orders",
  });

const backendUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password;
    } catch {
      return false;
    }
  },
  { message: "must be an http:// or https:// URL without credentials, e.g. https://orders.example.com/{proxy}" },
);

const echoBackend = z.strictObject({
  type: z.literal("echo").describe("The bundled echo function (functions/echo): shows what the backend receives."),
});

const lambdaBackend = z.strictObject({
  type: z
    .literal("lambda")
    .describe("An existing Lambda function; the stack adds an invoke permission for this route only."),
  functionArn: lambdaArn.describe("ARN of the function, in the configuration's region and partition."),
  payloadFormatVersion: oneOf(["1.0", "2.0"])
    .optional()
    .describe("HTTP API only: the event format the function receives. Default 2.0."),
});

const httpBackend = z.strictObject({
  type: z.literal("http").describe("An HTTP(S) endpoint, proxied with the client's identity in x-mtls-* headers."),
  url: backendUrl.describe("Where requests go; {name} takes the route's path parameter name (REST)."),
});

const vpcLinkBackend = z.strictObject({
  type: z
    .literal("vpc-link")
    .describe("A private service reached through a VPC link, with the client's identity in x-mtls-* headers."),
  vpcLink: z.string().describe("Name of the VPC link in api.vpcLinks."),
  targetArn: z
    .string()
    .describe(
      "HTTP API: the listener ARN of an Application or Network Load Balancer, or a Cloud Map service ARN. REST API: the Network Load Balancer's ARN.",
    ),
  url: backendUrl
    .optional()
    .describe("REST API only, and required there: the URL requests go to, e.g. http://orders.internal:8080/{proxy}."),
});

const backend = z.discriminatedUnion("type", [echoBackend, lambdaBackend, httpBackend, vpcLinkBackend], {
  error: (issue) =>
    issue.input === undefined
      ? "a route must go somewhere: give a backend of type echo, lambda, http or vpc-link"
      : 'type must be one of "echo", "lambda", "http", "vpc-link"',
});

const route = z.strictObject({
  route: z
    .string()
    .regex(ROUTE_KEY, {
      message: `must be "$default" or a method (${HTTP_METHODS.join(", ")}) and a path, e.g. "GET /orders/{id}" or "ANY /files/{proxy+}" (a greedy {name+} only at the end)`,
    })
    .describe('The route key: "$default", or a method and a path such as "GET /orders/{id}" or "ANY /files/{proxy+}".'),
  backend: backend.describe("Where the route's requests go."),
  timeoutMs: z
    .number()
    .int({ message: "must be a whole number of milliseconds" })
    .min(50, { message: "must be at least 50 ms (API Gateway's minimum)" })
    .max(INTEGRATION_TIMEOUT_MAX_MS.http, {
      message: `must be at most ${INTEGRATION_TIMEOUT_MAX_MS.http} ms (API Gateway's integration timeout limit)`,
    })
    .optional()
    .describe("Integration timeout: 50-30000 ms for an HTTP API, 50-29000 ms for a REST API. Default: the maximum."),
  clients: z
    .array(clientName)
    .optional()
    .describe(
      "The clients (names in api.clients or pki.clients; self-managed: also the names `npm run pki -- issue` issued certificates under) that may call the route. Default: every trusted client.",
    ),
});

const clientRule = z
  .strictObject({
    name: clientName.describe("The client team's name: what x-mtls-client carries and routes grant."),
    subject: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Pattern on the certificate's subject DN (RFC 4514, most specific first), where an asterisk matches any run of characters, e.g. `CN=partner-c,O=Partner C*`.",
      ),
    san: z
      .string()
      .min(1)
      .optional()
      .describe("Pattern on a DNS, URI or email subject alternative name, e.g. `*.partner-c.example.com`."),
  })
  .refine((rule) => rule.subject !== undefined || rule.san !== undefined, {
    message: "must give subject or san (or both): the pattern that recognises the client's certificates",
  });

const vpcLink = z.strictObject({
  subnetIds: z
    .array(
      z.string().regex(/^subnet-[0-9a-f]{8,17}$/, { message: "must be a subnet id, e.g. subnet-0123456789abcdef0" }),
    )
    .optional()
    .describe("HTTP API only, and required there: the subnets the VPC link's network interfaces go in."),
  securityGroupIds: z
    .array(
      z.string().regex(/^sg-[0-9a-f]{8,17}$/, { message: "must be a security group id, e.g. sg-0123456789abcdef0" }),
    )
    .optional()
    .describe("HTTP API only, and required there: what the VPC link may reach; allow it in the load balancer's group."),
});

export const routesSchema = {
  routes: z
    .array(route)
    .min(1, { message: "must list at least one route (leave it out for the bundled echo function on $default)" })
    .optional()
    .describe("Your API's routes and their backends. Default: every request to the bundled echo function ($default)."),
  clients: z
    .array(clientRule)
    .optional()
    .describe(
      "Client teams by certificate pattern, for per-route access and the x-mtls-client header. With pki.mode acm-pca, each pki.clients entry is a client too (by its domainName SAN).",
    ),
  vpcLinks: z
    .record(
      z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, {
        message: "VPC link names must be 1-40 lower-case letters, digits, hyphens",
      }),
      vpcLink,
    )
    .optional()
    .describe("VPC links private routes go through, by name."),
};

type RouteConfig = z.output<typeof route>;
export type RouteBackend = RouteConfig["backend"];
export type ApiRoute = RouteConfig;

/** What checkRoutes reads of the whole document. */
interface RoutedConfig {
  readonly region: string;
  readonly pki: { readonly mode: string; readonly clients?: readonly { readonly name: string }[] };
  readonly api: {
    readonly type: "http" | "rest";
    readonly routes?: readonly RouteConfig[];
    readonly clients?: readonly z.output<typeof clientRule>[];
    readonly vpcLinks?: Readonly<Record<string, z.output<typeof vpcLink>>>;
  };
}

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  return "aws";
}

const ARN_KIND: Array<{ readonly kind: string; readonly label: string; readonly pattern: RegExp }> = [
  {
    kind: "alb-listener",
    label: "an Application Load Balancer listener",
    pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/app\//,
  },
  {
    kind: "nlb-listener",
    label: "a Network Load Balancer listener",
    pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:listener\/net\//,
  },
  {
    kind: "nlb",
    label: "a Network Load Balancer",
    pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\//,
  },
  {
    kind: "alb",
    label: "an Application Load Balancer",
    pattern: /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/app\//,
  },
  {
    kind: "cloud-map",
    label: "a Cloud Map service",
    pattern: /^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:\d{12}:service\/srv-/,
  },
];

/** The target kinds each API type's VPC links reach, as AWS documents them and hashicorp/aws 5.100 can declare. */
const VPC_LINK_TARGETS = {
  http: {
    kinds: ["alb-listener", "nlb-listener", "cloud-map"],
    rule: "an HTTP API's VPC link integrates with an Application or Network Load Balancer listener ARN or a Cloud Map service ARN",
  },
  rest: {
    kinds: ["nlb"],
    rule: "a REST API's VPC link (v1, all hashicorp/aws 5.100 declares) targets a Network Load Balancer ARN; Application Load Balancers need VPC link v2's integration_target (hashicorp/aws 6.x) and Cloud Map is not supported",
  },
} as const;

export function vpcLinkTarget(arn: string) {
  return ARN_KIND.find(({ pattern }) => pattern.test(arn));
}

/** The client names configured: api.clients, and pki.clients in acm-pca mode (self-managed adds the PKI's names). */
export function knownClientNames(config: RoutedConfig): string[] {
  return [
    ...(config.api.clients ?? []).map((client) => client.name),
    ...(config.pki.clients ?? []).map((client) => client.name),
  ];
}

/** The cross-field rules of api.routes, api.clients and api.vpcLinks; each problem one issue on its field. */
export function checkRoutes(config: RoutedConfig, ctx: z.RefinementCtx, accessBytes: () => number): void {
  const { api } = config;
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: "custom", path: ["api", ...path], input, message });
  const clientNames = knownClientNames(config);
  (api.clients ?? []).forEach((client, index) => {
    if (clientNames.indexOf(client.name) !== index) {
      issue(["clients", index, "name"], client.name, "must be unique among api.clients and pki.clients");
    }
  });
  checkPathParameters(api.routes ?? [], api.type, (index, input, message) =>
    issue(["routes", index, "route"], input, message),
  );
  const seen = new Map<string, string>();
  (api.routes ?? []).forEach((route, index) => {
    const keys = api.type === "rest" ? restMethodKeys(route.route) : [route.route];
    for (const key of keys) {
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        issue(
          ["routes", index, "route"],
          route.route,
          `duplicates ${earlier === route.route ? "an earlier route" : `"${earlier}" (a REST API serves $default as ANY / and ANY /{proxy+})`}: each route once`,
        );
      }
      seen.set(key, route.route);
    }
    // The schema holds every route to the HTTP API's limit; a REST API's is lower.
    const limit = INTEGRATION_TIMEOUT_MAX_MS.rest;
    if (api.type === "rest" && route.timeoutMs !== undefined && route.timeoutMs > limit) {
      issue(
        ["routes", index, "timeoutMs"],
        route.timeoutMs,
        `must be at most ${limit} ms for a ${api.type.toUpperCase()} API (API Gateway's integration timeout limit)`,
      );
    }
    // Self-managed: a name may be one the PKI tool issued under (the authorizer reads it from CN=<name>); the pki
    // stack checks it against the PKI folder's record (lib/routes/issued-names.ts).
    for (const [position, name] of config.pki.mode === "acm-pca" ? (route.clients ?? []).entries() : []) {
      if (!clientNames.includes(name)) {
        issue(
          ["routes", index, "clients", position],
          name,
          "names no client: add it to api.clients (with a subject or san pattern) or pki.clients",
        );
      }
    }
    checkBackend(config, route, (path, input, message) => issue(["routes", index, "backend", ...path], input, message));
  });
  for (const [name, link] of Object.entries(api.vpcLinks ?? {})) {
    if (api.type === "http" && (!link.subnetIds?.length || !link.securityGroupIds?.length)) {
      issue(
        ["vpcLinks", name],
        undefined,
        "must give subnetIds and securityGroupIds: an HTTP API's VPC link puts network interfaces in those subnets, guarded by those groups",
      );
    }
    if (api.type === "rest" && (link.subnetIds || link.securityGroupIds)) {
      issue(
        ["vpcLinks", name],
        undefined,
        "must not give subnetIds or securityGroupIds for a REST API: its VPC link reaches a Network Load Balancer by ARN (the route's targetArn)",
      );
    }
  }
  if (api.routes && accessBytes() > ACCESS_MAX_BYTES) {
    issue(
      ["routes"],
      undefined,
      `the access rules take ${accessBytes()} bytes of the authorizer's 4 KB Lambda environment, over the ${ACCESS_MAX_BYTES} left for them: use fewer routes or clients, or patterns that cover several`,
    );
  }
}

/**
 * One name per parameter in a path; and a REST API's resource tree takes one variable child per resource ("only
 * one variable path part is allowed" among siblings), where an HTTP API ranks {id} above {proxy+}.
 */
function checkPathParameters(
  routes: readonly RouteConfig[],
  apiType: "http" | "rest",
  issue: (index: number, input: unknown, message: string) => void,
): void {
  const variableAt = new Map<string, string>();
  routes.forEach((route, index) => {
    // A REST API serves $default from the root's greedy {proxy+}: its siblings count too.
    const keys = apiType === "rest" ? restMethodKeys(route.route) : [route.route];
    for (const path of keys.map((key) => parseRouteKey(key).path)) {
      if (!path || path === "/") continue;
      const segments = path.slice(1).split("/");
      const names = pathParameters(path);
      const repeated = names.find((name, position) => names.indexOf(name) !== position);
      if (repeated) issue(index, route.route, `names the path parameter {${repeated}} twice: each parameter once`);
      segments.forEach((segment, position) => {
        if (apiType !== "rest" || !segment.startsWith("{")) return;
        const parent = `/${segments.slice(0, position).join("/")}`;
        const sibling = variableAt.get(parent);
        if (sibling === undefined) variableAt.set(parent, segment);
        else if (sibling !== segment) {
          issue(
            index,
            route.route,
            `puts ${segment} beside ${sibling} under ${parent}: a REST API allows one path parameter per resource; name it ${sibling}`,
          );
        }
      });
    }
  });
}

function checkBackend(
  config: RoutedConfig,
  route: RouteConfig,
  issue: (path: string[], input: unknown, message: string) => void,
): void {
  const { backend } = route;
  const apiType = config.api.type;
  if (backend.type === "lambda") {
    const [, partition, , region] = backend.functionArn.split(":");
    const expected = partitionOf(config.region);
    if (region !== config.region || partition !== expected) {
      issue(
        ["functionArn"],
        backend.functionArn,
        `must be a function in ${config.region} (partition ${expected}), the configuration's region: API Gateway invokes Lambda integrations in its own region only`,
      );
    }
    if (apiType === "rest" && backend.payloadFormatVersion !== undefined) {
      issue(
        ["payloadFormatVersion"],
        backend.payloadFormatVersion,
        "applies to HTTP APIs only: a REST API's Lambda proxy integration has one event format; remove it",
      );
    }
  }
  if (backend.type === "vpc-link") {
    if (!config.api.vpcLinks?.[backend.vpcLink]) {
      issue(["vpcLink"], backend.vpcLink, "names no VPC link: add it to api.vpcLinks");
    }
    const targets = VPC_LINK_TARGETS[apiType];
    const target = vpcLinkTarget(backend.targetArn);
    if (!target || !(targets.kinds as readonly string[]).includes(target.kind)) {
      issue(
        ["targetArn"],
        backend.targetArn,
        `is ${target ? `${target.label}'s ARN` : "no load balancer or Cloud Map ARN"}: ${targets.rule}`,
      );
    } else if (backend.targetArn.split(":")[3] !== config.region) {
      issue(["targetArn"], backend.targetArn, `must be in ${config.region}, the configuration's region`);
    }
    if (apiType === "rest" && !backend.url) {
      issue(
        ["url"],
        undefined,
        "is required for a REST API: the URL (the load balancer's DNS name or a host it serves) requests go to",
      );
    }
    if (apiType === "http" && backend.url) {
      issue(
        ["url"],
        backend.url,
        "applies to REST APIs only: an HTTP API's private integration is addressed by targetArn; remove it",
      );
    }
  }
}
