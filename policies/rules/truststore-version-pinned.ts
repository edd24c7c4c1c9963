import { resourceRule } from "../resource-rule";
import { block, isExpression } from "../terraform-json";

export const truststoreVersionPinned = resourceRule({
  id: "truststore-version-pinned",
  title: "Every mutual TLS domain pins truststore_version, so a new bundle is a visible change to the api stack",
  resourceTypes: {
    aws_apigatewayv2_domain_name: ["mutual_tls_authentication.truststore_version"],
    aws_api_gateway_domain_name: ["mutual_tls_authentication.truststore_version"],
  },
  fix: 'Pass the truststore stack\'s truststore_version output (this.upstream("truststore").string("truststore_version")) to MtlsCustomDomain.',
  equivalents: {},
  appliesTo: (domain) => block(domain.body.mutual_tls_authentication) !== undefined,
  check: (domain) => {
    const version = block(domain.body.mutual_tls_authentication)?.truststore_version;
    return typeof version === "string" && version.trim() !== ""
      ? undefined
      : "truststore_version is not set: API Gateway keeps serving whichever bundle version it read last";
  },
  passMessage: (domain) => {
    const version: string = block(domain.body.mutual_tls_authentication)?.truststore_version;
    return isExpression(version) ? `pinned to ${version}` : `pinned to the literal version ${version}`;
  },
});
