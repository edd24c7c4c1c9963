import { resourceRule } from "../resource-rule";
import { attachedTo } from "../terraform-json";

const SETTINGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const s3PublicAccessBlocked = resourceRule({
  id: "s3-public-access-blocked",
  title: "Every S3 bucket has all four public access blocks on",
  resourceTypes: { aws_s3_bucket: [] },
  alsoReads: { aws_s3_bucket_public_access_block: ["bucket", ...SETTINGS] },
  fix: "Create buckets with PrivateBucket, which turns on all four public access blocks.",
  equivalents: {
    checkov: ["CKV2_AWS_6", "CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"],
    trivy: ["AVD-AWS-0086", "AVD-AWS-0087", "AVD-AWS-0091", "AVD-AWS-0093", "AVD-AWS-0094"],
    cdkNag: ["AwsSolutions-S2"],
  },
  check: (bucket, app) => {
    const blocks = attachedTo(app, bucket, "aws_s3_bucket_public_access_block");
    if (blocks.length === 0) return "no aws_s3_bucket_public_access_block for this bucket";
    const off = SETTINGS.filter((setting) => !blocks.some((candidate) => candidate.body[setting] === true));
    return off.length > 0 ? `public access blocks not on: ${off.join(", ")}` : undefined;
  },
  passMessage: () => "all four public access blocks on",
});
