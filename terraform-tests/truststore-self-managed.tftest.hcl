# Self-managed mode: the bundle is the PKI tool's linted file, uploaded as is: PEM certificates only, the
# issuing CA and the root, no key.
run "truststore_bundle_from_pki_tool" {
  command = apply

  assert {
    condition     = startswith(aws_s3_object.truststore_bundle.content, "-----BEGIN CERTIFICATE-----\n") && endswith(aws_s3_object.truststore_bundle.content, "-----END CERTIFICATE-----\n")
    error_message = "The bundle must be PEM certificates, ending in one newline."
  }
  assert {
    condition     = length(regexall("-----BEGIN CERTIFICATE-----", aws_s3_object.truststore_bundle.content)) == 2 && length(regexall("PRIVATE KEY", aws_s3_object.truststore_bundle.content)) == 0
    error_message = "The bundle must hold the issuing CA and the root, and no key."
  }
}
