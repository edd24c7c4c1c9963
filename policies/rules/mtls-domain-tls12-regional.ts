import { resourceRule } from "../resource-rule";
import { block } from "../terraform-json";

export const mtlsDomainTls12Regional = resourceRule({
  id: "mtls-domain-tls12-regional",
  title: "Every mutual TLS custom domain is REGIONAL with security policy TLS_1_2",
  resourceTypes: {
    aws_apigatewayv2_domain_name: [
      "mutual_tls_authentication",
      "domain_name_configuration.security_policy",
      "domain_name_configuration.endpoint_type",
    ],
    aws_api_gateway_domain_name: ["mutual_tls_authentication", "security_policy", "endpoint_configuration.types"],
  },
  fix: "Use MtlsCustomDomain: it builds only REGIONAL TLS_1_2 domains (API Gateway rejects mTLS on edge and private domains and with the TLS 1.3 policies).",
  equivalents: {
    checkov: ["CKV_AWS_206"],
    trivy: ["AVD-AWS-0005"],
    kics: ["4e1cc5d3-2811-4fb2-861c-ee9b3cb7f90b"],
  },
  appliesTo: (domain) => block(domain.body.mutual_tls_authentication) !== undefined,
  check: (domain) => {
    const settings =
      domain.type === "aws_apigatewayv2_domain_name"
        ? {
            policy: block(domain.body.domain_name_configuration)?.security_policy,
            endpoint: [block(domain.body.domain_name_configuration)?.endpoint_type],
          }
        : { policy: domain.body.security_policy, endpoint: block(domain.body.endpoint_configuration)?.types };
    const problems = [
      settings.policy === "TLS_1_2" ? "" : `security policy is ${JSON.stringify(settings.policy ?? null)}, not TLS_1_2`,
      JSON.stringify(settings.endpoint) === '["REGIONAL"]'
        ? ""
        : `endpoint type is ${JSON.stringify(settings.endpoint ?? null)}, not REGIONAL`,
    ].filter(Boolean);
    return problems.length > 0 ? problems.join("; ") : undefined;
  },
  passMessage: () => "REGIONAL, TLS_1_2",
});
