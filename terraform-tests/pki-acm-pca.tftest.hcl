# The private CA applies as a root, an issuing CA signed by it with path length 0, and a CRL bucket.
run "pki_applies_offline" {
  command = apply

  assert {
    condition     = aws_acmpca_certificate_authority.root_ca.type == "ROOT" && aws_acmpca_certificate_authority.issuing_ca.type == "SUBORDINATE"
    error_message = "Expected a ROOT CA and a SUBORDINATE issuing CA."
  }
  assert {
    condition     = aws_acmpca_certificate.issuing_ca_certificate.certificate_authority_arn == aws_acmpca_certificate_authority.root_ca.arn
    error_message = "The issuing CA's certificate must be signed by the root CA."
  }
  assert {
    condition     = endswith(aws_acmpca_certificate.issuing_ca_certificate.template_arn, ":template/SubordinateCACertificate_PathLen0/V1")
    error_message = "The issuing CA must be limited to path length 0."
  }
  assert {
    condition     = aws_acmpca_certificate_authority_certificate.issuing_ca_activation.certificate_chain == aws_acmpca_certificate.issuing_ca_certificate.certificate_chain
    error_message = "The issuing CA must be activated with its chain up to the root."
  }
  assert {
    condition = alltrue([
      for ca in [aws_acmpca_certificate_authority.root_ca, aws_acmpca_certificate_authority.issuing_ca] :
      ca.revocation_configuration[0].crl_configuration[0].enabled && ca.revocation_configuration[0].crl_configuration[0].s3_bucket_name == aws_s3_bucket.crl_bucket.bucket
    ])
    error_message = "Both CAs must publish CRLs to the CRL bucket."
  }
  assert {
    condition     = output.issuing_ca_arn == aws_acmpca_certificate_authority.issuing_ca.arn && output.crl_bucket_name == aws_s3_bucket.crl_bucket.bucket
    error_message = "issuing_ca_arn and crl_bucket_name must name the issuing CA and the CRL bucket."
  }
  assert {
    condition     = output.ca_chain_pem == "${trimspace(output.issuing_ca_certificate_pem)}\n${trimspace(output.root_ca_certificate_pem)}\n"
    error_message = "ca_chain_pem must be the issuing CA then the root CA."
  }
  assert {
    condition     = output.issuing_ca_certificates_pem == { issuing_ca = output.issuing_ca_certificate_pem } && keys(output.crl_object_keys) == ["issuing_ca"]
    error_message = "issuing_ca_certificates_pem must hold the issuing CA under the name crl_object_keys uses."
  }
  assert {
    condition     = alltrue([for name, arn in output.client_certificate_arns : arn != ""]) && length(output.client_certificate_arns) > 0
    error_message = "Every configured client must have a certificate ARN."
  }
}
