import { block, eachResource, isExpression, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const truststoreVersionPinned: PolicyRule = {
  id: "truststore-version-pinned",
  title: "Every mutual TLS domain pins truststore_version, so a new bundle is a visible change to the api stack",
  reads: [
    "aws_apigatewayv2_domain_name.mutual_tls_authentication.truststore_version",
    "aws_api_gateway_domain_name.mutual_tls_authentication.truststore_version",
  ],
  fix: 'Pass the truststore stack\'s truststore_version output (this.upstream("truststore").string("truststore_version")) to MtlsCustomDomain.',
  equivalents: {},
  check: (app) =>
    eachResource(
      resourcesOf(app, "aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name").filter((domain) =>
        block(domain.body.mutual_tls_authentication),
      ),
      (domain) => {
        const version = block(domain.body.mutual_tls_authentication)?.truststore_version;
        return typeof version === "string" && version.trim() !== ""
          ? undefined
          : "truststore_version is not set: API Gateway keeps serving whichever bundle version it read last";
      },
      (domain) => {
        const version: string = block(domain.body.mutual_tls_authentication)?.truststore_version;
        return isExpression(version) ? `pinned to ${version}` : `pinned to the literal version ${version}`;
      },
    ),
};
