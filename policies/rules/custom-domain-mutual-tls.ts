import { block, eachResource, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const customDomainMutualTls: PolicyRule = {
  id: "custom-domain-mutual-tls",
  title: "Every custom domain requires client certificates from an S3 truststore (mutual_tls_authentication)",
  reads: [
    "aws_apigatewayv2_domain_name.mutual_tls_authentication.truststore_uri",
    "aws_api_gateway_domain_name.mutual_tls_authentication.truststore_uri",
  ],
  fix: "Build custom domains with MtlsCustomDomain, passing the truststore stack's truststore_uri output.",
  equivalents: {},
  check: (app) =>
    eachResource(
      resourcesOf(app, "aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name"),
      (domain) => {
        const uri = block(domain.body.mutual_tls_authentication)?.truststore_uri;
        if (typeof uri !== "string" || uri.trim() === "") {
          return "has no mutual_tls_authentication truststore: it accepts clients without a certificate";
        }
        return uri.startsWith("s3://") || uri.includes("${") ? undefined : `truststore_uri ${uri} is not an s3:// URI`;
      },
      () => "mutual TLS required",
    ),
};
