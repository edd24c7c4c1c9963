// api.routes, api.clients, api.vpcLinks: the default is the echo function on $default; a routed configuration
// validates for both API types; each rule AWS imposes is refused before synthesis, in one line naming the field.
import { accessRules } from "../../lib/routes/access-rules";
import { executeApiRoutePattern, matchRoute } from "../../lib/routes/route-key";
import { parseConfig } from "../../lib/config/load";
import type { ConfigInput } from "../../lib/config/schema";
import { API_TYPES, configProblems, exampleConfig, routedConfig, routedDocument } from "../helpers/config";
import { selfManagedDocument } from "../helpers/pki";

test("without api.routes, the API serves the echo function on $default and no access rules are written", () => {
  const config = exampleConfig();
  expect(config.api.routes).toBeUndefined();
  expect(accessRules(config, "http")).toBeUndefined();
});

test.each(API_TYPES)("a routed %s configuration (four backends, two clients) is valid", (apiType) => {
  const config = routedConfig(apiType);
  expect(config.api.routes).toHaveLength(4);
  const rules = accessRules(config, apiType)!;
  expect(rules.clients.map((client) => client.name)).toEqual(["partner-a", "partner-b"]);
  expect(rules.clients[0]).toEqual({ name: "partner-a", san: "partner-a.clients.example.com" });
  if (apiType === "http") {
    expect(rules.routes).toEqual({
      $default: "*",
      "GET /orders/{proxy+}": ["partner-a"],
      "ANY /inventory/{proxy+}": ["partner-a", "partner-b"],
      "POST /payments": ["partner-b"],
    });
  } else {
    // A REST API has no $default: the root and a greedy proxy on it stand for it.
    expect(Object.keys(rules.routes)).toEqual([
      "ANY /",
      "ANY /{proxy+}",
      "GET /orders/{proxy+}",
      "ANY /inventory/{proxy+}",
      "POST /payments",
    ]);
  }
});

const NLB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/payments/50dc6c495c0c9188";
const CLOUD_MAP = "arn:aws:servicediscovery:eu-west-1:123456789012:service/srv-0123456789abcdef";

function problems(apiType: "http" | "rest", change: (document: Record<string, any>) => void): string[] {
  const document = routedDocument(apiType);
  change(document);
  return configProblems(document);
}

test.each([
  [
    "a route to nothing",
    "http",
    (d: any): void => void delete d.api.routes[1].backend,
    "api.routes[1].backend: is required (a route must go somewhere: give a backend of type echo, lambda, http or vpc-link)",
  ],
  [
    "a duplicate route",
    "http",
    (d: any): void => void (d.api.routes[2].route = "GET /orders/{proxy+}"),
    'api.routes[2].route: duplicates an earlier route: each route once (got "GET /orders/{proxy+}")',
  ],
  [
    "a REST route that $default already covers",
    "rest",
    (d: any): void => void (d.api.routes[2].route = "ANY /{proxy+}"),
    'api.routes[2].route: duplicates "$default" (a REST API serves $default as ANY / and ANY /{proxy+}): each route once (got "ANY /{proxy+}")',
  ],
  [
    "an ALB behind a REST API's VPC link",
    "rest",
    (d: any): void => void (d.api.routes[3].backend.targetArn = NLB.replace("/net/", "/app/")),
    expect.stringMatching(
      /^api\.routes\[3\]\.backend\.targetArn: is an Application Load Balancer's ARN: a REST API's VPC link \(v1, all hashicorp\/aws 5\.100 declares\) targets a Network Load Balancer ARN; Application Load Balancers need VPC link v2's integration_target \(hashicorp\/aws 6\.x\) and Cloud Map is not supported \(got "arn:/,
    ),
  ],
  [
    "Cloud Map behind a REST API's VPC link",
    "rest",
    (d: any): void => void (d.api.routes[3].backend.targetArn = CLOUD_MAP),
    expect.stringMatching(/^api\.routes\[3\]\.backend\.targetArn: is a Cloud Map service's ARN: a REST API's VPC link/),
  ],
  [
    "a load balancer instead of its listener behind an HTTP API's VPC link",
    "http",
    (d: any): void => void (d.api.routes[3].backend.targetArn = NLB),
    expect.stringMatching(
      /^api\.routes\[3\]\.backend\.targetArn: is a Network Load Balancer's ARN: an HTTP API's VPC link integrates with an Application or Network Load Balancer listener ARN or a Cloud Map service ARN \(got "arn:/,
    ),
  ],
  [
    "a Lambda function in another region",
    "http",
    (d: any): void =>
      void (d.api.routes[1].backend.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:orders"),
    'api.routes[1].backend.functionArn: must be a function in eu-west-1 (partition aws), the configuration\'s region: API Gateway invokes Lambda integrations in its own region only (got "arn:aws:lambda:us-east-1:123456789012:function:orders")',
  ],
  [
    "a Lambda function in another partition",
    "rest",
    (d: any): void =>
      void (d.api.routes[1].backend.functionArn = "arn:aws-cn:lambda:eu-west-1:123456789012:function:orders"),
    expect.stringMatching(/^api\.routes\[1\]\.backend\.functionArn: must be a function in eu-west-1 \(partition aws\)/),
  ],
  [
    "an HTTP API timeout over 30 s",
    "http",
    (d: any): void => void (d.api.routes[1].timeoutMs = 30001),
    "api.routes[1].timeoutMs: must be at most 30000 ms (API Gateway's integration timeout limit) (got 30001)",
  ],
  [
    "a REST timeout over 29 s",
    "rest",
    (d: any): void => void (d.api.routes[1].timeoutMs = 29001),
    "api.routes[1].timeoutMs: must be at most 29000 ms for a REST API (API Gateway's integration timeout limit) (got 29001)",
  ],
  [
    "a timeout under 50 ms",
    "http",
    (d: any): void => void (d.api.routes[1].timeoutMs = 10),
    "api.routes[1].timeoutMs: must be at least 50 ms (API Gateway's minimum) (got 10)",
  ],
  [
    "a payload format on a REST Lambda route",
    "rest",
    (d: any): void => void (d.api.routes[1].backend.payloadFormatVersion = "1.0"),
    'api.routes[1].backend.payloadFormatVersion: applies to HTTP APIs only: a REST API\'s Lambda proxy integration has one event format; remove it (got "1.0")',
  ],
  [
    "a route granting a client nobody defined",
    "http",
    (d: any): void => void (d.api.routes[1].clients = ["partner-z"]),
    'api.routes[1].clients[0]: names no client: add it to api.clients (with a subject or san pattern) or pki.clients (got "partner-z")',
  ],
  [
    "two path parameters side by side under one REST resource",
    "rest",
    (d: any): void => void d.api.routes.push({ route: "DELETE /orders/{orderId}", backend: { type: "echo" } }),
    'api.routes[4].route: puts {orderId} beside {proxy+} under /orders: a REST API allows one path parameter per resource; name it {proxy+} (got "DELETE /orders/{orderId}")',
  ],
  [
    "a REST root parameter beside the greedy proxy $default stands on",
    "rest",
    (d: any): void => void (d.api.routes[2].route = "GET /{tenant}"),
    'api.routes[2].route: puts {tenant} beside {proxy+} under /: a REST API allows one path parameter per resource; name it {proxy+} (got "GET /{tenant}")',
  ],
  [
    "a path parameter named twice",
    "rest",
    (d: any): void => void (d.api.routes[2].route = "GET /inventory/{id}/items/{id}"),
    'api.routes[2].route: names the path parameter {id} twice: each parameter once (got "GET /inventory/{id}/items/{id}")',
  ],
  [
    "a malformed route key",
    "http",
    (d: any): void => void (d.api.routes[1].route = "GET orders"),
    expect.stringMatching(/^api\.routes\[1\]\.route: must be "\$default" or a method/),
  ],
  [
    "an HTTP API VPC link without security groups",
    "http",
    (d: any): void => void delete d.api.vpcLinks.payments.securityGroupIds,
    "api.vpcLinks.payments: must give subnetIds and securityGroupIds: an HTTP API's VPC link puts network interfaces in those subnets, guarded by those groups",
  ],
  [
    "a REST private route without its URL",
    "rest",
    (d: any): void => void delete d.api.routes[3].backend.url,
    "api.routes[3].backend.url: is required for a REST API: the URL (the load balancer's DNS name or a host it serves) requests go to",
  ],
] as const)("refused in one line: %s (%s)", (_, apiType, change, problem) => {
  expect(problems(apiType, change)).toEqual([problem]);
});

test("a client recognised by a subject pattern can be granted, and a client rule needs a pattern", () => {
  expect(
    problems("http", (d) => {
      d.api.clients = [{ name: "partner-c", subject: "CN=partner-c,*" }];
      d.api.routes[1].clients = ["partner-c"];
    }),
  ).toEqual([]);
  expect(problems("http", (d) => (d.api.clients = [{ name: "partner-c" }]))).toEqual([
    'api.clients[0]: must give subject or san (or both): the pattern that recognises the client\'s certificates (got {"name":"partner-c"})',
  ]);
});

test("self-managed: a route may grant a name the PKI tool issues under, and the rules recognise it by CN=<name>", () => {
  const routed = routedDocument("http");
  const selfManaged = (clients: string[]) => {
    const document = selfManagedDocument();
    document.api = { ...routed.api, clients: undefined };
    document.api.routes = [
      { route: "$default", backend: { type: "echo" } },
      { route: "POST /payments", backend: { type: "echo" }, clients },
    ];
    return document;
  };
  expect(configProblems(selfManaged(["partner-c"]), "self-managed")).toEqual([]);
  // The client name rule stands: a PKI name with a dot (which the PKI tool allows) cannot be granted.
  expect(configProblems(selfManaged(["partner.c"]), "self-managed")).toEqual([
    'api.routes[1].clients[0]: must be 1-40 lower-case letters, digits and hyphens, starting with a letter (got "partner.c")',
  ]);
  const config = parseConfig(selfManaged(["partner-c"]) as ConfigInput, "config/self-managed.json");
  expect(accessRules(config, "http")).toEqual({
    clients: [],
    routes: { $default: "*", "POST /payments": ["partner-c"] },
    pkiNames: true,
  });
  // ACM Private CA mode names its clients in pki.clients: no CN fallback.
  expect(accessRules(routedConfig("http"), "http")).not.toHaveProperty("pkiNames");
});

describe("route keys", () => {
  const routes = [
    "$default",
    "GET /orders/{id}",
    "GET /orders/latest",
    "ANY /orders/{proxy+}",
    "POST /orders/{id}",
  ].map((route) => ({ route }));

  test.each([
    ["GET", "/orders/latest", "GET /orders/latest"],
    ["GET", "/orders/17", "GET /orders/{id}"],
    ["POST", "/orders/17", "POST /orders/{id}"],
    ["DELETE", "/orders/17", "ANY /orders/{proxy+}"],
    ["GET", "/orders/17/lines", "ANY /orders/{proxy+}"],
    ["GET", "/", "$default"],
    ["PUT", "/elsewhere", "$default"],
  ])("%s %s matches %s (the most specific route, as an HTTP API picks it)", (method, path, expected) => {
    expect(matchRoute(routes, method, path)?.route).toBe(expected);
  });

  test("without $default a request no route matches matches nothing", () => {
    expect(matchRoute(routes.slice(1), "GET", "/payments")).toBeUndefined();
  });

  test.each([
    ["$default", "http", "$default"],
    ["$default", "rest", "*"],
    ["ANY /orders/{proxy+}", "http", "*/orders/*"],
    ["GET /orders/{id}/lines", "rest", "GET/orders/*/lines"],
    ["POST /", "http", "POST/"],
  ] as const)("%s (%s API) is named %s in an execute-api ARN", (key, apiType, pattern) => {
    expect(executeApiRoutePattern(key, apiType)).toBe(pattern);
  });
});

test("access rules over their share of the authorizer's 4 KB environment are refused in one line", () => {
  const found = problems("http", (d) => {
    d.api.routes = Array.from({ length: 40 }, (_, index) => ({
      route: `GET /resource-number-${index}/{proxy+}`,
      backend: { type: "echo" },
      clients: ["partner-a", "partner-b"],
    }));
  });
  expect(found).toEqual([
    expect.stringMatching(
      /^api\.routes: the access rules take \d{4} bytes of the authorizer's 4 KB Lambda environment, over the 1500 left for them: use fewer routes or clients, or patterns that cover several$/,
    ),
  ]);
});
