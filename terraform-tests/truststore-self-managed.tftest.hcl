# Self-managed mode: the bundle is the PKI tool's linted file, uploaded as is, and the outputs pin its version.
run "truststore_self_managed_applies_offline" {
  command = apply

  assert {
    condition     = startswith(aws_s3_object.truststore_bundle.content, "-----BEGIN CERTIFICATE-----\n") && endswith(aws_s3_object.truststore_bundle.content, "-----END CERTIFICATE-----\n")
    error_message = "The bundle must be PEM certificates, ending in one newline."
  }
  assert {
    condition     = length(regexall("-----BEGIN CERTIFICATE-----", aws_s3_object.truststore_bundle.content)) == 2 && length(regexall("PRIVATE KEY", aws_s3_object.truststore_bundle.content)) == 0
    error_message = "The bundle must hold the issuing CA and the root, and no key."
  }
  assert {
    condition     = output.truststore_version == aws_s3_object.truststore_bundle.version_id && output.truststore_version != ""
    error_message = "truststore_version must be the bundle object's version id."
  }
  assert {
    condition     = output.truststore_sha256 == sha256(aws_s3_object.truststore_bundle.content)
    error_message = "truststore_sha256 must be the SHA-256 of the bundle's bytes."
  }
  assert {
    condition     = output.truststore_uri == "s3://${aws_s3_bucket.truststore_bucket.bucket}/${aws_s3_object.truststore_bundle.key}"
    error_message = "truststore_uri must point at the bundle object."
  }
  assert {
    condition     = aws_s3_bucket_versioning.truststore_bucket_versioning.versioning_configuration[0].status == "Enabled"
    error_message = "The truststore bucket must be versioned."
  }
}
