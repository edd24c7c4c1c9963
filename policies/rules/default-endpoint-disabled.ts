import { resourceRule } from "../resource-rule";

export const defaultEndpointDisabled = resourceRule({
  id: "default-endpoint-disabled",
  title: "Every API has its default execute-api endpoint disabled, so the mTLS custom domain is the only way in",
  resourceTypes: {
    aws_apigatewayv2_api: ["disable_execute_api_endpoint"],
    aws_api_gateway_rest_api: ["disable_execute_api_endpoint"],
  },
  fix: "Set disable_execute_api_endpoint = true on the API (HttpMtlsApi and RestMtlsApi do); for REST, redeploy the stage.",
  equivalents: {},
  check: (api) =>
    api.body.disable_execute_api_endpoint === true
      ? undefined
      : `disable_execute_api_endpoint is ${JSON.stringify(api.body.disable_execute_api_endpoint ?? null)}: clients can skip mTLS through https://<api-id>.execute-api.<region>.amazonaws.com`,
  passMessage: () => "execute-api endpoint disabled",
});
