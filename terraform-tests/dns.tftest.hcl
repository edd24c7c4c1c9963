# An A alias record points the custom domain at the API's regional target from the api stack (an AAAA record only
# joins it for a dual-stack domain; the synthesis tests check both cases).
run "dns_applies_offline" {
  command = apply

  assert {
    condition = (
      aws_route53_record.api_alias_a.alias[0].name == data.terraform_remote_state.api.outputs.regional_domain_name &&
      aws_route53_record.api_alias_a.alias[0].zone_id == data.terraform_remote_state.api.outputs.regional_hosted_zone_id
    )
    error_message = "The alias record must target the api stack's regional domain and zone."
  }
  assert {
    condition     = aws_route53_record.api_alias_a.type == "A"
    error_message = "Expected an A record."
  }
  assert {
    condition     = output.url == "https://${output.fqdn}"
    error_message = "url must be the https URL of fqdn."
  }
}
