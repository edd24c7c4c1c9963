import { HttpMtlsApi } from "../../../lib/constructs/http-mtls-api";
import { ACCESS_LOG_FIELDS } from "../../../lib/access-log-format";
import { apiProps, synthConstruct } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

describe("HttpMtlsApi", () => {
  const json = synthConstruct((scope) => new HttpMtlsApi(scope, "http_api", apiProps(scope)));

  test("can be reached only through its custom domain: the execute-api endpoint is disabled", () => {
    expect(resourcesOf(json, "aws_apigatewayv2_api").http_api).toMatchObject({
      name: "demo",
      protocol_type: "HTTP",
      disable_execute_api_endpoint: true,
    });
  });

  test("sends the default route through the authorizer, keyed on the certificate's issuer and serial", () => {
    const authorizer = resourcesOf(json, "aws_apigatewayv2_authorizer").http_api_authorizer;
    expect(authorizer).toMatchObject({
      authorizer_type: "REQUEST",
      authorizer_payload_format_version: "2.0",
      enable_simple_responses: true,
      authorizer_result_ttl_in_seconds: 300,
      identity_sources: ["$context.identity.clientCert.issuerDN", "$context.identity.clientCert.serialNumber"],
    });
    expect(resourcesOf(json, "aws_apigatewayv2_route").http_api_default_route).toMatchObject({
      route_key: "$default",
      authorization_type: "CUSTOM",
      authorizer_id: "${aws_apigatewayv2_authorizer.http_api_authorizer.id}",
    });
  });

  test("logs every request as JSON, throttles the stage and deploys it automatically", () => {
    const stage = resourcesOf(json, "aws_apigatewayv2_stage").http_api_stage;
    expect(stage).toMatchObject({ name: "live", auto_deploy: true });
    expect(JSON.parse(stage.access_log_settings.format)).toEqual(ACCESS_LOG_FIELDS);
    expect(stage.default_route_settings).toMatchObject({ throttling_burst_limit: 100, throttling_rate_limit: 50 });
    expect(resourcesOf(json, "aws_cloudwatch_log_group").http_api_access_logs).toMatchObject({
      name: "/aws/apigateway/demo/access",
      retention_in_days: 90,
    });
  });

  test("lets only this API's stage invoke the backend and only this authorizer invoke the authorizer function", () => {
    const permissions = resourcesOf(json, "aws_lambda_permission");
    expect(permissions.http_api_invoke_backend).toMatchObject({
      function_name: "${aws_lambda_function.backend.function_name}",
      source_arn: "${aws_apigatewayv2_api.http_api.execution_arn}/${aws_apigatewayv2_stage.http_api_stage.name}/*",
    });
    expect(permissions.http_api_invoke_authorizer).toMatchObject({
      function_name: "${aws_lambda_function.authorizer.function_name}",
      source_arn:
        "${aws_apigatewayv2_api.http_api.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.http_api_authorizer.id}",
    });
  });
});
