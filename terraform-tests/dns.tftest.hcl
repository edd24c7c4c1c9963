# A and AAAA alias records point the custom domain at the API's regional target from the api stack.
run "dns_applies_offline" {
  command = apply

  assert {
    condition = alltrue([
      for record in [aws_route53_record.api_alias_a, aws_route53_record.api_alias_aaaa] :
      record.alias[0].name == data.terraform_remote_state.api.outputs.regional_domain_name &&
      record.alias[0].zone_id == data.terraform_remote_state.api.outputs.regional_hosted_zone_id
    ])
    error_message = "Both alias records must target the api stack's regional domain and zone."
  }
  assert {
    condition     = aws_route53_record.api_alias_a.type == "A" && aws_route53_record.api_alias_aaaa.type == "AAAA"
    error_message = "Expected one A and one AAAA record."
  }
  assert {
    condition     = output.url == "https://${output.fqdn}"
    error_message = "url must be the https URL of fqdn."
  }
}
