import { resourceRule } from "../resource-rule";
import { block, resourcesOf } from "../terraform-json";
import type { SynthesizedApp } from "../types";

/** Each API Gateway custom domain of the app with its IP address type (ipv4 when unset: AWS's default). */
function domainIpTypes(app: SynthesizedApp): { address: string; ipAddressType: string }[] {
  return [
    ...resourcesOf(app, "aws_apigatewayv2_domain_name").map((domain) => ({
      address: domain.address,
      ipAddressType: block(domain.body.domain_name_configuration)?.ip_address_type ?? "ipv4",
    })),
    ...resourcesOf(app, "aws_api_gateway_domain_name").map((domain) => ({
      address: domain.address,
      ipAddressType: block(domain.body.endpoint_configuration)?.ip_address_type ?? "ipv4",
    })),
  ];
}

export const aaaaAliasDualStack = resourceRule({
  id: "aaaa-alias-dual-stack",
  title:
    "An AAAA alias record points only at a dual-stack API Gateway custom domain (an IPv4-only one has no IPv6 address)",
  resourceTypes: { aws_route53_record: ["type", "alias"] },
  alsoReads: {
    aws_apigatewayv2_domain_name: ["domain_name_configuration.ip_address_type"],
    aws_api_gateway_domain_name: ["endpoint_configuration.ip_address_type"],
  },
  fix: "Set domain.ipAddressType to dualstack in the environment's config (the api stack makes the domain dual-stack and the dns stack adds the AAAA record), or leave it ipv4 and create no AAAA record.",
  equivalents: {},
  source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-custom-domain-ip-address-type.html",
  appliesTo: (record) => record.body.type === "AAAA" && block(record.body.alias) !== undefined,
  check: (_record, app) => {
    const domains = domainIpTypes(app);
    if (domains.length === 0) return "no API Gateway custom domain in this app shows the AAAA target is dual-stack";
    const ipv4Only = domains.filter((domain) => domain.ipAddressType !== "dualstack");
    return ipv4Only.length === 0
      ? undefined
      : `points at ${ipv4Only.map((domain) => domain.address).join(", ")}, whose ip_address_type is ${ipv4Only[0].ipAddressType}: the AAAA lookup resolves to nothing`;
  },
  passMessage: (_record, app) =>
    `targets a dual-stack domain (${domainIpTypes(app)
      .map((domain) => domain.address)
      .join(", ")})`,
});
