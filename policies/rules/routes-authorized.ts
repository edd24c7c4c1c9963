import { resourceRule } from "../resource-rule";
import type { ResourceRef } from "../terraform-json";

const AUTHORIZER_TYPES = ["CUSTOM", "JWT", "COGNITO_USER_POOLS"];

/** CORS preflight requests carry no credentials, so OPTIONS routes may stay open (as Checkov allows). */
function isPreflight(route: ResourceRef): boolean {
  return route.type === "aws_api_gateway_method"
    ? route.body.http_method === "OPTIONS"
    : typeof route.body.route_key === "string" && route.body.route_key.startsWith("OPTIONS ");
}

function authorization(route: ResourceRef): string {
  const value = route.type === "aws_api_gateway_method" ? route.body.authorization : route.body.authorization_type;
  return typeof value === "string" ? value : "NONE";
}

export const routesAuthorized = resourceRule({
  id: "routes-authorized",
  title:
    "Every route (HTTP API) and method (REST API) has an authorizer: mTLS proves who the client is, the authorizer decides what it may do and checks revocation",
  resourceTypes: {
    aws_apigatewayv2_route: ["authorization_type", "authorizer_id", "route_key"],
    aws_api_gateway_method: ["authorization", "authorizer_id", "http_method"],
  },
  fix: "Attach the Lambda authorizer to every route or method (authorization_type CUSTOM with authorizer_id); API Gateway checks no revocation itself.",
  equivalents: {
    checkov: ["CKV_AWS_59", "CKV_AWS_309", "CKV2_AWS_70"],
    trivy: ["AVD-AWS-0004"],
    cdkNag: ["AwsSolutions-APIG4"],
  },
  appliesTo: (route) => !isPreflight(route),
  check: (route) => {
    const type = authorization(route);
    const name = route.body.route_key ?? route.body.http_method;
    if (type === "NONE") return `${name} is open: authorization is NONE`;
    if (AUTHORIZER_TYPES.includes(type) && !route.body.authorizer_id) {
      return `${name} uses ${type} authorization without an authorizer_id`;
    }
    return undefined;
  },
  passMessage: (route) => `authorized (${authorization(route)})`,
});
