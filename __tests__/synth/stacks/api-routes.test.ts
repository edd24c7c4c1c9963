// The api stack with its own backends (helpers/config routedDocument): each route's integration, the identity
// headers, invoke permissions scoped to one route, VPC links of the kind each API type reaches, and an authorizer
// that caches per route once routes restrict their clients.
import { IDENTITY_HEADERS } from "../../../lib/routes/identity-headers";
import { routedConfig } from "../../helpers/config";
import { resourcesOf, synthStacks } from "../../helpers/synth";

const ORDERS = "arn:aws:lambda:eu-west-1:123456789012:function:orders";
const HEADERS = Object.keys(IDENTITY_HEADERS);

describe("api stack with routes, HTTP API", () => {
  const api = synthStacks(routedConfig("http")).api;
  const integrations = resourcesOf(api, "aws_apigatewayv2_integration");

  test("one route per configured route, each through the authorizer, the default one under its old address", () => {
    const routes = resourcesOf(api, "aws_apigatewayv2_route");
    expect(Object.keys(routes).sort()).toEqual([
      "http_api_default_route",
      "http_api_route_any_inventory_proxy",
      "http_api_route_get_orders_proxy",
      "http_api_route_post_payments",
    ]);
    expect(Object.values(routes).map((route) => route.authorization_type)).toEqual(Array(4).fill("CUSTOM"));
    expect(routes.http_api_route_get_orders_proxy).toMatchObject({
      route_key: "GET /orders/{proxy+}",
      target: "integrations/${aws_apigatewayv2_integration.http_api_get_orders_proxy_integration.id}",
    });
  });

  test("a Lambda function by ARN, an HTTP URL and a VPC link, with timeouts and the identity headers overwritten", () => {
    expect(integrations.http_api_get_orders_proxy_integration).toMatchObject({
      integration_type: "AWS_PROXY",
      integration_uri: ORDERS,
      payload_format_version: "2.0",
      timeout_milliseconds: 10000,
    });
    expect(integrations.http_api_any_inventory_proxy_integration).toMatchObject({
      integration_type: "HTTP_PROXY",
      integration_uri: "https://inventory.example.com/{proxy}",
    });
    expect(integrations.http_api_post_payments_integration).toMatchObject({
      integration_type: "HTTP_PROXY",
      connection_type: "VPC_LINK",
      connection_id: "${aws_apigatewayv2_vpc_link.http_api_vpc_link_payments.id}",
    });
    for (const name of ["http_api_any_inventory_proxy_integration", "http_api_post_payments_integration"]) {
      expect(Object.keys(integrations[name].request_parameters).sort()).toEqual(
        HEADERS.map((h) => `overwrite:header.${h}`).sort(),
      );
      expect(integrations[name].request_parameters["overwrite:header.x-mtls-client"]).toBe(
        "$context.authorizer.clientName",
      );
    }
    expect(integrations.http_api_get_orders_proxy_integration.request_parameters).toBeUndefined();
    expect(resourcesOf(api, "aws_apigatewayv2_vpc_link").http_api_vpc_link_payments).toMatchObject({
      subnet_ids: ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"],
      security_group_ids: ["sg-0123456789abcdef0"],
    });
  });

  test("the Lambda function may be invoked through its own route only", () => {
    expect(resourcesOf(api, "aws_lambda_permission").http_api_invoke_get_orders_proxy).toMatchObject({
      function_name: ORDERS,
      source_arn:
        "${aws_apigatewayv2_api.http_api.execution_arn}/${aws_apigatewayv2_stage.http_api_stage.name}/GET/orders/*",
    });
  });

  test("routes restrict their clients: the route joins the cache key and the access rules reach the function", () => {
    expect(resourcesOf(api, "aws_apigatewayv2_authorizer").http_api_authorizer.identity_sources).toEqual([
      "$context.identity.clientCert.issuerDN",
      "$context.identity.clientCert.serialNumber",
      "$context.routeKey",
    ]);
    const environment = resourcesOf(api, "aws_lambda_function").authorizer.environment.variables;
    expect(JSON.parse(environment.MTLS_ACCESS).routes["POST /payments"]).toEqual(["partner-b"]);
  });
});

describe("api stack with routes, REST API", () => {
  const api = synthStacks(routedConfig("rest")).api;
  const integrations = resourcesOf(api, "aws_api_gateway_integration");

  test("the resource tree the paths need, $default as the root and greedy proxy under their old addresses", () => {
    expect(Object.keys(resourcesOf(api, "aws_api_gateway_resource")).sort()).toEqual([
      "rest_api_proxy_resource",
      "rest_api_resource_inventory",
      "rest_api_resource_inventory_proxy",
      "rest_api_resource_orders",
      "rest_api_resource_orders_proxy",
      "rest_api_resource_payments",
    ]);
    expect(Object.keys(resourcesOf(api, "aws_api_gateway_method")).sort()).toEqual([
      "rest_api_any_inventory_proxy_method",
      "rest_api_get_orders_proxy_method",
      "rest_api_post_payments_method",
      "rest_api_proxy_method",
      "rest_api_root_method",
    ]);
  });

  test("a Lambda function by its invocation URI, an HTTP proxy with the path and identity mapped, an NLB VPC link", () => {
    expect(integrations.rest_api_get_orders_proxy_integration).toMatchObject({
      type: "AWS_PROXY",
      uri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ORDERS}/invocations`,
      timeout_milliseconds: 10000,
    });
    expect(integrations.rest_api_any_inventory_proxy_integration).toMatchObject({
      type: "HTTP_PROXY",
      integration_http_method: "ANY",
      uri: "https://inventory.example.com/{proxy}",
      request_parameters: expect.objectContaining({
        "integration.request.path.proxy": "method.request.path.proxy",
        "integration.request.header.x-mtls-client": "context.authorizer.clientName",
      }),
    });
    expect(integrations.rest_api_post_payments_integration).toMatchObject({
      connection_type: "VPC_LINK",
      connection_id: "${aws_api_gateway_vpc_link.rest_api_vpc_link_payments.id}",
      uri: "http://payments.internal.example.com:8080/payments",
    });
    expect(resourcesOf(api, "aws_api_gateway_vpc_link").rest_api_vpc_link_payments.target_arns).toEqual([
      "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/net/payments/50dc6c495c0c9188",
    ]);
  });

  test("the method and resource path join the cache key; the Lambda permission names the route", () => {
    expect(resourcesOf(api, "aws_api_gateway_authorizer").rest_api_authorizer.identity_source).toBe(
      "context.identity.clientCert.issuerDN,context.identity.clientCert.serialNumber,context.httpMethod,context.resourcePath",
    );
    expect(resourcesOf(api, "aws_lambda_permission").rest_api_invoke_get_orders_proxy.source_arn).toBe(
      "${aws_api_gateway_rest_api.rest_api.execution_arn}/${aws_api_gateway_stage.rest_api_stage.stage_name}/GET/orders/*",
    );
  });
});
