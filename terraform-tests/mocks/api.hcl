# Mocks the api stack needs beyond mocks/common.hcl.
# The real provider knows an ACM certificate's validation records at plan time (they drive for_each), so the
# mock must too. Values fixed during plan must not change when Terraform re-plans during apply, so every
# computed attribute gets a fixed value here.
mock_resource "aws_acm_certificate" {
  override_during = plan
  defaults = {
    id                  = "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    arn                 = "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    key_algorithm       = "RSA_2048"
    not_after           = "2027-01-01T00:00:00Z"
    not_before          = "2026-01-01T00:00:00Z"
    pending_renewal     = false
    renewal_eligibility = "ELIGIBLE"
    renewal_summary     = []
    status              = "ISSUED"
    type                = "AMAZON_ISSUED"
    validation_emails   = []
    tags_all            = {}
    domain_validation_options = [{
      domain_name           = "api.example.com"
      resource_record_name  = "_x1.api.example.com."
      resource_record_type  = "CNAME"
      resource_record_value = "_x2.acm-validations.aws."
    }]
  }
}
