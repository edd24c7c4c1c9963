import { attachedTo, block, eachResource, references, resourcesOf, type ResourceRef } from "../terraform-json";
import type { PolicyRule, SynthesizedApp } from "../types";

/** The buckets a stack exports as truststore_bucket (the contract's name for the bucket holding the bundle). */
function truststoreBuckets(app: SynthesizedApp): ResourceRef[] {
  return resourcesOf(app, "aws_s3_bucket").filter((bucket) =>
    references(app[bucket.stack].output?.truststore_bucket?.value, bucket.address),
  );
}

export const truststoreBucketVersioned: PolicyRule = {
  id: "truststore-bucket-versioned",
  title: "The truststore bucket keeps every object version, so a pinned truststore version can be rolled back",
  reads: ["output.truststore_bucket", "aws_s3_bucket_versioning.versioning_configuration.status"],
  fix: "Create the truststore bucket with PrivateBucket({ versioned: true }).",
  equivalents: {
    checkov: ["CKV_AWS_21"],
    trivy: ["AVD-AWS-0090"],
    kics: ["568a4d22-3517-44a6-a7ad-6a7eed88722c"],
  },
  check: (app) => {
    const exporters = Object.entries(app).filter(([, json]) => json.output?.truststore_bucket);
    const buckets = truststoreBuckets(app);
    if (exporters.length > 0 && buckets.length === 0) {
      return exporters.map(([stack]) => ({
        stack,
        resource: "output.truststore_bucket",
        passed: false,
        message: "truststore_bucket does not name an aws_s3_bucket of this stack, so its versioning cannot be checked",
      }));
    }
    return eachResource(
      buckets,
      (bucket) => {
        const enabled =
          attachedTo(app, bucket, "aws_s3_bucket_versioning").some(
            (versioning) => block(versioning.body.versioning_configuration)?.status === "Enabled",
          ) || block(bucket.body.versioning)?.enabled === true;
        return enabled ? undefined : "no aws_s3_bucket_versioning with status Enabled for this bucket";
      },
      () => "versioning Enabled",
    );
  },
};
