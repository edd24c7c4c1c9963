import { Testing } from "cdktf";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { TRUSTSTORE_BUNDLE_ADDRESS, TruststoreStack } from "../../../stacks/truststore-stack";
import { exampleConfig } from "../../helpers/config";
import "../../helpers/cdktf-matchers";
import { resourcesOf, synthStacks } from "../../helpers/synth";

describe("truststore stack", () => {
  const truststore = synthStacks(exampleConfig()).truststore;

  test("builds the bundle from the pki outputs: issuing CA first, then root, each ending in one newline", () => {
    const synthesized = Testing.synth(new TruststoreStack(Testing.app(), exampleConfig()));
    expect(synthesized).toHaveResourceWithProperties(S3Object, {
      key: "truststore.pem",
      content_type: "application/x-pem-file",
      content:
        "${trimspace(data.terraform_remote_state.pki.outputs.issuing_ca_certificate_pem)}\n" +
        "${trimspace(data.terraform_remote_state.pki.outputs.root_ca_certificate_pem)}\n",
    });
  });

  test("keeps the bucket versioned, encrypted, private and TLS-only", () => {
    expect(
      resourcesOf(truststore, "aws_s3_bucket_versioning").truststore_bucket_versioning.versioning_configuration,
    ).toEqual({
      status: "Enabled",
    });
    expect(
      resourcesOf(truststore, "aws_s3_bucket_server_side_encryption_configuration").truststore_bucket_encryption.rule,
    ).toEqual([{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }]);
    expect(
      resourcesOf(truststore, "aws_s3_bucket_public_access_block").truststore_bucket_public_access_block,
    ).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const [denyWithoutTls] = truststore.data.aws_iam_policy_document.truststore_bucket_policy.statement;
    expect(denyWithoutTls).toMatchObject({
      effect: "Deny",
      actions: ["s3:*"],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
  });

  test("keeps recent noncurrent versions so the api stack can be pinned back", () => {
    const [rule] = resourcesOf(truststore, "aws_s3_bucket_lifecycle_configuration").truststore_bucket_lifecycle.rule;
    expect(rule.status).toBe("Enabled");
    expect(rule.noncurrent_version_expiration).toEqual([{ newer_noncurrent_versions: 10, noncurrent_days: 90 }]);
    expect(rule.expiration).toBeUndefined();
  });

  test("writes the bundle only once the bucket is versioned and locked down", () => {
    expect(resourcesOf(truststore, "aws_s3_object").truststore_bundle.depends_on).toEqual(
      expect.arrayContaining([
        "aws_s3_bucket_versioning.truststore_bucket_versioning",
        "aws_s3_bucket_public_access_block.truststore_bucket_public_access_block",
      ]),
    );
  });

  test('refuses an empty or "null" version id, and its error names the -replace recovery at the bundle\'s address', () => {
    const [guard] = resourcesOf(truststore, "aws_s3_object").truststore_bundle.lifecycle.postcondition;
    expect(guard.condition).toBe('${self.version_id != null && self.version_id != "" && self.version_id != "null"}');
    expect(TRUSTSTORE_BUNDLE_ADDRESS).toBe("aws_s3_object.truststore_bundle");
    expect(guard.error_message).toContain(`terraform apply -replace=${TRUSTSTORE_BUNDLE_ADDRESS}`);
    expect(guard.error_message).toMatch(/A plain terraform apply fails again/);
  });

  test("exports the version id and the SHA-256 of exactly the uploaded bytes", () => {
    const content = resourcesOf(truststore, "aws_s3_object").truststore_bundle.content;
    expect(truststore.output.truststore_version.value).toBe("${aws_s3_object.truststore_bundle.version_id}");
    expect(truststore.output.truststore_sha256.value).toBe(
      `\${sha256("${content.replace(/\n/g, "\\n").replace(/"/g, '\\"')}")}`,
    );
  });

  test("names the bucket after the environment and domain unless configured", () => {
    expect(resourcesOf(truststore, "aws_s3_bucket").truststore_bucket.bucket).toBe(
      "example-api-example-com-truststore",
    );
    const named = synthStacks(
      exampleConfig((document) => (document.truststore.bucketName = "acme-truststore")),
    ).truststore;
    expect(resourcesOf(named, "aws_s3_bucket").truststore_bucket.bucket).toBe("acme-truststore");
  });
});
