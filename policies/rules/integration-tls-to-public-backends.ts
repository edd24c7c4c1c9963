import { resourceRule } from "../resource-rule";
import type { ResourceRef } from "../terraform-json";

/** Where an integration sends requests: HTTP APIs call it integration_uri, REST APIs uri. */
function uriOf(integration: ResourceRef): unknown {
  return integration.type === "aws_apigatewayv2_integration" ? integration.body.integration_uri : integration.body.uri;
}

function typeOf(integration: ResourceRef): unknown {
  return integration.type === "aws_apigatewayv2_integration"
    ? integration.body.integration_type
    : integration.body.type;
}

export const integrationTlsToPublicBackends = resourceRule({
  id: "integration-tls-to-public-backends",
  title:
    "An HTTP integration to a public URL uses https: the client's identity headers and the request must not cross the internet in clear text",
  resourceTypes: {
    aws_apigatewayv2_integration: ["integration_type", "integration_uri", "connection_type"],
    aws_api_gateway_integration: ["type", "uri", "connection_type"],
  },
  fix: "Give the route's backend an https:// URL (api.routes[].backend.url), or reach the service privately through a VPC link (backend type vpc-link).",
  equivalents: {},
  appliesTo: (integration) =>
    ["HTTP", "HTTP_PROXY"].includes(String(typeOf(integration))) && integration.body.connection_type !== "VPC_LINK",
  check: (integration) => {
    const uri = uriOf(integration);
    return typeof uri === "string" && uri.startsWith("https://")
      ? undefined
      : `sends requests to ${JSON.stringify(uri)} in clear text over the internet`;
  },
  passMessage: (integration) => `https (${String(uriOf(integration)).split("/")[2]})`,
});
