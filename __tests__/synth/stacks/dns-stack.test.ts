import { exampleConfig } from "../../helpers/config";
import { resourcesOf, synthStacks } from "../../helpers/synth";

describe("dns stack", () => {
  const dns = synthStacks(exampleConfig()).dns;
  const records = resourcesOf(dns, "aws_route53_record");

  test("points an A alias record, and no AAAA, at an IPv4-only domain (the default)", () => {
    expect(Object.values<any>(records).map((record) => record.type)).toEqual(["A"]);
  });

  test("adds the AAAA alias record when the domain is dual-stack", () => {
    const dualStack = synthStacks(exampleConfig((document) => (document.domain.ipAddressType = "dualstack")));
    expect(
      Object.values<any>(resourcesOf(dualStack.dns, "aws_route53_record"))
        .map((record) => record.type)
        .sort(),
    ).toEqual(["A", "AAAA"]);
    expect(
      resourcesOf(dualStack.api, "aws_apigatewayv2_domain_name").custom_domain.domain_name_configuration,
    ).toMatchObject({ ip_address_type: "dualstack" });
  });

  test("points its alias records at the api stack's regional target", () => {
    expect(Object.values<any>(records).length).toBeGreaterThan(0);
    for (const record of Object.values<any>(records)) {
      expect(record).toMatchObject({
        zone_id: "Z0123456789EXAMPLE0AB",
        name: "api.example.com",
        alias: {
          name: "${data.terraform_remote_state.api.outputs.regional_domain_name}",
          zone_id: "${data.terraform_remote_state.api.outputs.regional_hosted_zone_id}",
          evaluate_target_health: false,
        },
      });
    }
  });

  test("exports the name and the https URL clients call", () => {
    expect(dns.output.fqdn.value).toBe("${aws_route53_record.api_alias_a.fqdn}");
    expect(dns.output.url.value).toBe("https://${aws_route53_record.api_alias_a.fqdn}");
  });
});
