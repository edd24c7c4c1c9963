# The truststore bundle lands in a versioned, private bucket, and the outputs pin its exact version (both pki
# modes; truststore-<mode>.tftest.hcl checks where the bundle comes from).
# The bundle's S3 version id is what the api stack pins: an apply that leaves it empty (a write that S3 made
# before versioning took effect) must fail on the object's postcondition, not publish an empty version.
run "an_empty_version_id_fails_the_truststore_apply" {
  command = plan

  override_resource {
    target          = aws_s3_object.truststore_bundle
    override_during = plan
    values          = { version_id = "" }
  }
  expect_failures = [aws_s3_object.truststore_bundle]
}

# S3's literal "null" version id (an object written while versioning was off) fails the apply too. Terraform keeps
# the object in state as written, so a plain re-apply plans no change and fails again; -replace writes it anew.
run "a_null_version_id_fails_the_truststore_apply" {
  command = apply

  override_resource {
    target = aws_s3_object.truststore_bundle
    values = { version_id = "null" }
  }
  expect_failures = [aws_s3_object.truststore_bundle]
}

# The plan a plain terraform apply makes first: no change to the object, and its postcondition fails again.
run "a_plain_reapply_after_it_fails_again" {
  command         = plan
  expect_failures = [aws_s3_object.truststore_bundle]
}

run "apply_replace_of_the_bundle_recovers" {
  command = apply

  plan_options {
    replace = [aws_s3_object.truststore_bundle]
  }
  assert {
    condition     = aws_s3_object.truststore_bundle.version_id != "null" && output.truststore_version == aws_s3_object.truststore_bundle.version_id
    error_message = "After -replace the bundle must carry a real version id, and truststore_version must be it."
  }
}

run "truststore_applies_offline" {
  command = apply

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
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.truststore_bucket_public_access_block.block_public_acls,
      aws_s3_bucket_public_access_block.truststore_bucket_public_access_block.block_public_policy,
      aws_s3_bucket_public_access_block.truststore_bucket_public_access_block.ignore_public_acls,
      aws_s3_bucket_public_access_block.truststore_bucket_public_access_block.restrict_public_buckets,
    ])
    error_message = "All four public access blocks must be on."
  }
  assert {
    condition = alltrue([
      output.issuing_ca_certificate_pem == data.terraform_remote_state.pki.outputs.issuing_ca_certificate_pem,
      output.crl_bucket_name == data.terraform_remote_state.pki.outputs.crl_bucket_name,
      output.crl_object_key == data.terraform_remote_state.pki.outputs.crl_object_key,
      output.issuing_ca_certificates_pem == data.terraform_remote_state.pki.outputs.issuing_ca_certificates_pem,
      output.crl_object_keys == data.terraform_remote_state.pki.outputs.crl_object_keys,
    ])
    error_message = "The issuing CAs and CRL locations must pass through unchanged from the pki stack."
  }
}
