import { resourceRule } from "../resource-rule";
import { block } from "../terraform-json";

export const customDomainMutualTls = resourceRule({
  id: "custom-domain-mutual-tls",
  title: "Every custom domain requires client certificates from an S3 truststore (mutual_tls_authentication)",
  resourceTypes: {
    aws_apigatewayv2_domain_name: ["mutual_tls_authentication.truststore_uri"],
    aws_api_gateway_domain_name: ["mutual_tls_authentication.truststore_uri"],
  },
  fix: "Build custom domains with MtlsCustomDomain, passing the truststore stack's truststore_uri output.",
  equivalents: {},
  check: (domain) => {
    const uri = block(domain.body.mutual_tls_authentication)?.truststore_uri;
    if (typeof uri !== "string" || uri.trim() === "") {
      return "has no mutual_tls_authentication truststore: it accepts clients without a certificate";
    }
    return uri.startsWith("s3://") || uri.includes("${") ? undefined : `truststore_uri ${uri} is not an s3:// URI`;
  },
  passMessage: () => "mutual TLS required",
});
