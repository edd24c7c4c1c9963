// The truststore: one PEM bundle (issuing CA(s), then root(s)) in a versioned private bucket. Each new bundle
// is a new object version, and the api stack pins its custom domain to the version this stack outputs.
// In acm-pca mode the bundle comes from the pki stack's outputs; in self-managed mode it is the PKI tool's
// bundle file, linted at synth time.
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import { truststoreBucketName } from "../lib/config/names";
import type { Config } from "../lib/config/schema";
import { PrivateBucket } from "../lib/constructs/private-bucket";
import { MtlsStack } from "../lib/mtls-stack";
import { lintedTruststoreBundle } from "../lib/constructs/pki/linted-bundle";
import { pemBundle } from "../lib/pem-bundle";

/** The bundle's Terraform address, which the recovery command names. */
export const TRUSTSTORE_BUNDLE_ADDRESS = "aws_s3_object.truststore_bundle";

/**
 * After a failed postcondition Terraform 1.11 keeps the object in state, untainted: a plain re-apply plans no change
 * and fails on the same version id, so the message names the command that writes the object again.
 */
export const TRUSTSTORE_VERSION_GUARD_MESSAGE = `The truststore bundle was written without an S3 version id (none, or S3's "null" for a write made while versioning was off), so the api stack has no version to pin. A plain terraform apply fails again (the object stays in state as it is): once the bucket's versioning is Enabled, run terraform apply -replace=${TRUSTSTORE_BUNDLE_ADDRESS} in the truststore stack's folder (cdktf.out/stacks/truststore, or cdktf.out.<env>/stacks/truststore).`;

export class TruststoreStack extends MtlsStack<"truststore"> {
  constructor(scope: Construct, config: Config) {
    super(scope, "truststore", config);
    const settings = config.truststore;
    const pki = this.upstream();

    const store = new PrivateBucket(this, "truststore_bucket", {
      bucketName: truststoreBucketName(config),
      versioned: true,
    });
    // Old versions stay so that the api stack can be pinned back to one; only the oldest ones expire.
    new S3BucketLifecycleConfiguration(this, "truststore_bucket_lifecycle", {
      bucket: store.bucket.id,
      rule: [
        {
          id: "keep-recent-truststore-versions",
          status: "Enabled",
          filter: [{ prefix: "" }],
          noncurrentVersionExpiration: [
            {
              noncurrentDays: settings.noncurrentVersionExpirationDays,
              newerNoncurrentVersions: settings.noncurrentVersionsToKeep,
            },
          ],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
        },
      ],
      dependsOn: store.ready,
    });

    const content =
      config.pki.mode === "self-managed"
        ? lintedTruststoreBundle(this, { environment: config.environment, pki: config.pki })
        : pemBundle([pki.string("issuing_ca_certificate_pem"), pki.string("root_ca_certificate_pem")]);
    const bundle = new S3Object(this, "truststore_bundle", {
      bucket: store.bucket.id,
      key: settings.key,
      content,
      contentType: "application/x-pem-file",
      checksumAlgorithm: "SHA256",
      // Written after versioning is on; S3 documents that enabling versioning can take a while to apply, and a
      // write before then gets no version id, which would leave nothing to pin the api stack to.
      dependsOn: store.ready,
      lifecycle: {
        postcondition: [
          {
            // S3 reports the literal version id "null" for an object written while versioning was off.
            condition: '${self.version_id != null && self.version_id != "" && self.version_id != "null"}',
            errorMessage: TRUSTSTORE_VERSION_GUARD_MESSAGE,
          },
        ],
      },
    });

    this.output("truststore_uri", `s3://${store.bucket.bucket}/${bundle.key}`);
    this.output("truststore_version", bundle.versionId);
    this.output("truststore_bucket", store.bucket.bucket);
    this.output("truststore_key", bundle.key);
    this.output("truststore_sha256", Fn.sha256(content));
    // Passed through so the api stack (which reads only this stack) can configure the authorizer.
    this.output("issuing_ca_certificate_pem", pki.string("issuing_ca_certificate_pem"));
    this.output("issuing_ca_certificates_pem", pki.map("issuing_ca_certificates_pem"));
    this.output("crl_bucket_name", pki.string("crl_bucket_name"));
    this.output("crl_object_key", pki.string("crl_object_key"));
    this.output("crl_object_keys", pki.map("crl_object_keys"));
  }
}
