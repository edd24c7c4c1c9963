import { resourceRule } from "../resource-rule";
import { attachedTo, block } from "../terraform-json";

const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

export const s3BucketEncrypted = resourceRule({
  id: "s3-bucket-encrypted",
  title: "Every S3 bucket declares default server-side encryption",
  resourceTypes: { aws_s3_bucket: [] },
  alsoReads: {
    aws_s3_bucket_server_side_encryption_configuration: [
      "bucket",
      "rule.apply_server_side_encryption_by_default.sse_algorithm",
    ],
  },
  fix: "Create buckets with PrivateBucket, which adds an aws_s3_bucket_server_side_encryption_configuration.",
  equivalents: { checkov: ["CKV_AWS_19", "CKV_AWS_145"], trivy: ["AVD-AWS-0088"] },
  check: (bucket, app) => {
    const algorithms = attachedTo(app, bucket, "aws_s3_bucket_server_side_encryption_configuration").flatMap(
      (configuration) =>
        [configuration.body.rule]
          .flat()
          .map((rule) => block(rule?.apply_server_side_encryption_by_default)?.sse_algorithm),
    );
    return algorithms.some((algorithm) => ALGORITHMS.includes(algorithm))
      ? undefined
      : "no aws_s3_bucket_server_side_encryption_configuration with AES256 or aws:kms for this bucket";
  },
  passMessage: () => "encrypted at rest",
});
