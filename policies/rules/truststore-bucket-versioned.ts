import { resourceRule } from "../resource-rule";
import { attachedTo, block, references, type ResourceRef } from "../terraform-json";
import type { PolicyRule, SynthesizedApp } from "../types";

const exportsBucket = (app: SynthesizedApp, bucket: ResourceRef) =>
  references(app[bucket.stack].output?.truststore_bucket?.value, bucket.address);

const eachTruststoreBucket = resourceRule({
  id: "truststore-bucket-versioned",
  title: "The truststore bucket keeps every object version, so a pinned truststore version can be rolled back",
  resourceTypes: { aws_s3_bucket: ["versioning.enabled"] },
  alsoReads: { output: ["truststore_bucket"], aws_s3_bucket_versioning: ["bucket", "versioning_configuration.status"] },
  fix: "Create the truststore bucket with PrivateBucket({ versioned: true }).",
  equivalents: {
    checkov: ["CKV_AWS_21"],
    trivy: ["AVD-AWS-0090"],
    kics: ["568a4d22-3517-44a6-a7ad-6a7eed88722c"],
  },
  appliesTo: (bucket, app) => exportsBucket(app, bucket),
  check: (bucket, app) => {
    const enabled =
      attachedTo(app, bucket, "aws_s3_bucket_versioning").some(
        (versioning) => block(versioning.body.versioning_configuration)?.status === "Enabled",
      ) || block(bucket.body.versioning)?.enabled === true;
    return enabled ? undefined : "no aws_s3_bucket_versioning with status Enabled for this bucket";
  },
  passMessage: () => "versioning Enabled",
});

export const truststoreBucketVersioned: PolicyRule = {
  ...eachTruststoreBucket,
  check: (app) => {
    const findings = eachTruststoreBucket.check(app);
    if (findings.length > 0) return findings;
    // A stack exports a truststore bucket that is none of its buckets: say so rather than find nothing to check.
    return Object.entries(app)
      .filter(([, json]) => json.output?.truststore_bucket)
      .map(([stack]) => ({
        stack,
        resource: "output.truststore_bucket",
        passed: false,
        message: "truststore_bucket does not name an aws_s3_bucket of this stack, so its versioning cannot be checked",
      }));
  },
};
