# acm-pca mode: the bundle is the pki stack's issuing CA then root, from its remote-state outputs.
run "truststore_bundle_from_pki_stack" {
  command = apply

  assert {
    condition     = startswith(aws_s3_object.truststore_bundle.content, trimspace(data.terraform_remote_state.pki.outputs.issuing_ca_certificate_pem))
    error_message = "The bundle must start with the issuing CA."
  }
  assert {
    condition     = endswith(aws_s3_object.truststore_bundle.content, "${trimspace(data.terraform_remote_state.pki.outputs.root_ca_certificate_pem)}\n")
    error_message = "The bundle must end with the root CA and one newline."
  }
}
