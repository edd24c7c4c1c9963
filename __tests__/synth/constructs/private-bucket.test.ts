import "../../helpers/cdktf-matchers";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { PrivateBucket } from "../../../lib/constructs/private-bucket";
import { synthConstruct, synthConstructText } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

describe("PrivateBucket", () => {
  test("given a name, when built, then ACLs are off, all four public-access blocks are on and objects are encrypted", () => {
    const synthesized = synthConstructText((scope) => new PrivateBucket(scope, "logs", { bucketName: "logs-bucket" }));
    expect(synthesized).toHaveResourceWithProperties(S3Bucket, { bucket: "logs-bucket" });
    expect(synthesized).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const json = JSON.parse(synthesized);
    expect(resourcesOf(json, "aws_s3_bucket_ownership_controls").logs_ownership.rule).toEqual({
      object_ownership: "BucketOwnerEnforced",
    });
    expect(resourcesOf(json, "aws_s3_bucket_server_side_encryption_configuration").logs_encryption.rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } },
    ]);
  });

  test("refuses every request made without TLS, on the bucket and its objects, before any extra statement", () => {
    const json = synthConstruct(
      (scope) =>
        new PrivateBucket(scope, "logs", {
          bucketName: "logs-bucket",
          policyStatements: (arn) => [{ sid: "Extra", actions: ["s3:GetObject"], resources: [`${arn}/*`] }],
        }),
    );
    const [deny, extra] = json.data.aws_iam_policy_document.logs_policy.statement;
    expect(deny).toMatchObject({
      sid: "DenyRequestsWithoutTls",
      effect: "Deny",
      actions: ["s3:*"],
      resources: ["${aws_s3_bucket.logs.arn}", "${aws_s3_bucket.logs.arn}/*"],
      condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
    });
    expect(extra).toMatchObject({ sid: "Extra", resources: ["${aws_s3_bucket.logs.arn}/*"] });
  });

  test("applies the bucket policy only after the public-access block (S3 conflicts on concurrent bucket changes)", () => {
    const json = synthConstruct((scope) => new PrivateBucket(scope, "logs", { bucketName: "logs-bucket" }));
    expect(resourcesOf(json, "aws_s3_bucket_policy").logs_policy.depends_on).toEqual([
      "aws_s3_bucket_public_access_block.logs_public_access_block",
    ]);
  });

  test("keeps versions only when asked, and then counts versioning among what must exist before a write", () => {
    let versionedReady = 0;
    let plainReady = 0;
    const versioned = synthConstructText((scope) => {
      versionedReady = new PrivateBucket(scope, "v", { bucketName: "v-bucket", versioned: true }).ready.length;
    });
    const plain = synthConstructText((scope) => {
      plainReady = new PrivateBucket(scope, "p", { bucketName: "p-bucket" }).ready.length;
    });
    expect(versioned).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: "Enabled" },
    });
    expect(plain).not.toHaveResource(S3BucketVersioningA);
    expect(versionedReady).toBe(plainReady + 1);
  });
});
