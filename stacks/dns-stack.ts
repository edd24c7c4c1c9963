// Public DNS: an A alias record sending the custom domain to the API's regional endpoint, and an AAAA record too
// when the domain is dual-stack (an AAAA alias to an IPv4-only API Gateway domain resolves to nothing).
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Construct } from "constructs";
import type { Config } from "../lib/config/schema";
import { MtlsStack } from "../lib/mtls-stack";

export class DnsStack extends MtlsStack<"dns"> {
  constructor(scope: Construct, config: Config) {
    super(scope, "dns", config);
    const api = this.upstream();
    const alias = {
      name: api.string("regional_domain_name"),
      zoneId: api.string("regional_hosted_zone_id"),
      evaluateTargetHealth: false,
    };
    const types = config.domain.ipAddressType === "dualstack" ? (["A", "AAAA"] as const) : (["A"] as const);
    const records = types.map(
      (type) =>
        new Route53Record(this, `api_alias_${type.toLowerCase()}`, {
          zoneId: config.domain.hostedZoneId,
          name: config.domain.name,
          type,
          alias,
        }),
    );

    this.output("fqdn", records[0].fqdn);
    this.output("url", `https://${records[0].fqdn}`);
  }
}
