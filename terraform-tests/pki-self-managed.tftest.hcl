# Self-managed mode: no ACM Private CA; the PKI tool's CA certificates become outputs and each issuing CA's
# DER CRL is uploaded to a private bucket at the key the outputs name.
run "pki_self_managed_applies_offline" {
  command = apply

  assert {
    condition     = length(aws_s3_object.crl_issuing_1.content_base64) > 0 && aws_s3_object.crl_issuing_1.bucket == aws_s3_bucket.crl_bucket.id
    error_message = "The issuing CA's CRL must be uploaded to the CRL bucket."
  }
  assert {
    condition     = output.crl_object_key == aws_s3_object.crl_issuing_1.key && output.crl_object_key == "crl/issuing-1.crl"
    error_message = "crl_object_key must name the uploaded CRL of the active issuing CA."
  }
  assert {
    condition     = output.crl_object_keys == { "issuing-1" = aws_s3_object.crl_issuing_1.key }
    error_message = "crl_object_keys must name the CRL of every issuing CA in the bundle."
  }
  assert {
    condition     = keys(output.issuing_ca_certificates_pem) == keys(output.crl_object_keys) && output.issuing_ca_certificates_pem["issuing-1"] == output.issuing_ca_certificate_pem
    error_message = "issuing_ca_certificates_pem must hold every issuing CA in the bundle, under the names crl_object_keys uses."
  }
  assert {
    condition     = output.crl_bucket_name == aws_s3_bucket.crl_bucket.bucket
    error_message = "crl_bucket_name must name the CRL bucket."
  }
  assert {
    condition     = output.ca_chain_pem == "${trimspace(output.issuing_ca_certificate_pem)}\n${trimspace(output.root_ca_certificate_pem)}\n"
    error_message = "ca_chain_pem must be the issuing CA then the root CA."
  }
  assert {
    condition     = length(output.client_certificate_arns) == 0
    error_message = "Self-managed mode issues no ACM certificates."
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.crl_bucket_public_access_block.block_public_acls,
      aws_s3_bucket_public_access_block.crl_bucket_public_access_block.block_public_policy,
      aws_s3_bucket_public_access_block.crl_bucket_public_access_block.ignore_public_acls,
      aws_s3_bucket_public_access_block.crl_bucket_public_access_block.restrict_public_buckets,
    ])
    error_message = "All four public access blocks must be on for the CRL bucket."
  }
}
