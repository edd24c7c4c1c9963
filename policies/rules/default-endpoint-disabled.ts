import { eachResource, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const defaultEndpointDisabled: PolicyRule = {
  id: "default-endpoint-disabled",
  title: "Every API has its default execute-api endpoint disabled, so the mTLS custom domain is the only way in",
  reads: ["aws_apigatewayv2_api.disable_execute_api_endpoint", "aws_api_gateway_rest_api.disable_execute_api_endpoint"],
  fix: "Set disable_execute_api_endpoint = true on the API (HttpMtlsApi and RestMtlsApi do); for REST, redeploy the stage.",
  equivalents: {},
  check: (app) =>
    eachResource(
      resourcesOf(app, "aws_apigatewayv2_api", "aws_api_gateway_rest_api"),
      (api) =>
        api.body.disable_execute_api_endpoint === true
          ? undefined
          : `disable_execute_api_endpoint is ${JSON.stringify(api.body.disable_execute_api_endpoint ?? null)}: clients can skip mTLS through https://<api-id>.execute-api.<region>.amazonaws.com`,
      () => "execute-api endpoint disabled",
    ),
};
