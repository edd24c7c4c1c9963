import { attachedTo, eachResource, references, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const versionedObjectGuarded: PolicyRule = {
  id: "versioned-object-guarded",
  title:
    "An object written to a versioned bucket waits for the versioning and fails its apply when it gets no version id",
  reads: ["aws_s3_object.{bucket,depends_on,lifecycle.postcondition}", "aws_s3_bucket_versioning.bucket"],
  fix: "Give the aws_s3_object depends_on the bucket's aws_s3_bucket_versioning (PrivateBucket's ready list) and a lifecycle postcondition on self.version_id (as the truststore stack's bundle has).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html",
  check: (app) => {
    const versioned = resourcesOf(app, "aws_s3_bucket").flatMap((bucket) =>
      attachedTo(app, bucket, "aws_s3_bucket_versioning").map((versioning) => ({ bucket, versioning })),
    );
    const objects = resourcesOf(app, "aws_s3_object").flatMap((object) => {
      const found = versioned.find(
        ({ bucket }) => bucket.stack === object.stack && references(object.body.bucket, bucket.address),
      );
      return found ? [{ ...object, versioning: found.versioning.address }] : [];
    });
    return eachResource(
      objects,
      (object) => {
        if (!(object.body.depends_on ?? []).includes(object.versioning)) {
          return `does not depend on ${object.versioning}, so it may be written before versioning is on and get no version id`;
        }
        const guarded = (object.body.lifecycle?.postcondition ?? []).some((condition: { condition?: unknown }) =>
          String(condition.condition).includes("self.version_id"),
        );
        return guarded
          ? undefined
          : "has no postcondition on self.version_id: S3 documents that versioning can take a while to apply, and an apply that writes no version would succeed with nothing to pin";
      },
      (object) => `written after ${object.versioning}, with a postcondition on its version id`,
    );
  },
};
