// Pieces both API types share: the access-log group, the authorizer's settings and the scoped invoke permission.
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { Construct } from "constructs";
import type { ApiRoute } from "../config/routes-schema";
import { DEFAULT_ROUTE, executeApiRoutePattern } from "../routes/route-key";

export interface MtlsAuthorizerProps {
  /** The REQUEST authorizer function (functions/authorizer): every route and method goes through it. */
  readonly function: LambdaFunction;
  /** Seconds API Gateway caches a decision per client certificate; 0 turns caching off. */
  readonly resultCacheTtlSeconds: number;
  /**
   * Some route grants only some clients: the decision then depends on the route, so API Gateway must cache it per
   * route too (the route among the identity sources). @default false
   */
  readonly perRoute?: boolean;
}

/** The bundled echo function on $default: what an API serves when api.routes is not configured. */
export const DEFAULT_ROUTES: readonly ApiRoute[] = [{ route: DEFAULT_ROUTE, backend: { type: "echo" } }];

export interface MtlsApiProps {
  /** Name of the API in API Gateway. */
  readonly name: string;
  readonly stageName: string;
  /** The bundled echo function, for routes whose backend is echo. */
  readonly backend?: LambdaFunction;
  /** @default DEFAULT_ROUTES */
  readonly routes?: readonly ApiRoute[];
  /** The VPC links private routes name (api.vpcLinks). */
  readonly vpcLinks?: Readonly<Record<string, { readonly subnetIds?: string[]; readonly securityGroupIds?: string[] }>>;
  readonly authorizer: MtlsAuthorizerProps;
  readonly logRetentionDays: number;
}

/**
 * What both API types' authorizer resources share. A cached decision is keyed on the certificate's issuer and
 * serial number, which name one certificate (RFC 5280 makes the pair unique); HTTP APIs write these request
 * values as $context.<name>, REST APIs as context.<name>. When routes grant different clients, a key of the
 * certificate alone would let one route's cached allow answer for another: the route joins the key (HTTP:
 * routeKey; REST: the method and resource path).
 */
export function authorizerSettings(props: MtlsApiProps, apiType: "http" | "rest") {
  const contextPrefix = apiType === "http" ? "$context." : "context.";
  const routeSources = !props.authorizer.perRoute
    ? []
    : apiType === "http"
      ? ["routeKey"]
      : ["httpMethod", "resourcePath"];
  return {
    shared: {
      name: `${props.name}-client-certificate`,
      authorizerUri: props.authorizer.function.invokeArn,
      authorizerResultTtlInSeconds: props.authorizer.resultCacheTtlSeconds,
    },
    identitySources: ["identity.clientCert.issuerDN", "identity.clientCert.serialNumber", ...routeSources].map(
      (name) => `${contextPrefix}${name}`,
    ),
  };
}

/** A readable construct id for a route: "GET /orders/{proxy+}" -> "get_orders_proxy", "$default" -> "default". */
export function routeSlug(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** What the custom domain needs to serve an API. */
export interface MtlsApi {
  readonly apiId: string;
  readonly stageName: string;
}

export function accessLogGroup(scope: Construct, apiName: string, retentionDays: number): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, "access_logs", {
    name: `/aws/apigateway/${apiName}/access`,
    retentionInDays: retentionDays,
  });
}

/**
 * Lets this API's stage invoke the echo function, each configured Lambda function only through its own route, and
 * this API's authorizer invoke the authorizer function; nothing else.
 */
export function allowInvocations(
  scope: Construct,
  props: MtlsApiProps,
  api: { executionArn: string; stageName: string; authorizerId: string; apiType: "http" | "rest" },
): void {
  const routes = props.routes ?? DEFAULT_ROUTES;
  if (props.backend && routes.some((route) => route.backend.type === "echo")) {
    allowInvoke(scope, "invoke_backend", props.backend.functionName, `${api.executionArn}/${api.stageName}/*`);
  }
  for (const route of routes) {
    if (route.backend.type !== "lambda") continue;
    const pattern = executeApiRoutePattern(route.route, api.apiType);
    allowInvoke(
      scope,
      `invoke_${routeSlug(route.route)}`,
      route.backend.functionArn,
      `${api.executionArn}/${api.stageName}/${pattern}`,
    );
  }
  allowInvoke(
    scope,
    "invoke_authorizer",
    props.authorizer.function.functionName,
    `${api.executionArn}/authorizers/${api.authorizerId}`,
  );
}

/** The echo function, which a route to echo needs. */
export function echoFunction(props: MtlsApiProps): LambdaFunction {
  if (!props.backend) throw new Error(`${props.name}: a route goes to the echo function, but none was given`);
  return props.backend;
}

function allowInvoke(scope: Construct, id: string, functionName: string, sourceArn: string): LambdaPermission {
  return new LambdaPermission(scope, id, {
    action: "lambda:InvokeFunction",
    functionName,
    principal: "apigateway.amazonaws.com",
    sourceArn,
  });
}
