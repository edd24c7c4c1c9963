import { resourceRule } from "../resource-rule";
import { attachedTo, references, resourcesOf, type ResourceRef } from "../terraform-json";
import type { SynthesizedApp } from "../types";

/** The address of the aws_s3_bucket_versioning of the versioned bucket the object is written to, if any. */
function versioningOf(app: SynthesizedApp, object: ResourceRef): string | undefined {
  return resourcesOf(app, "aws_s3_bucket")
    .filter((bucket) => bucket.stack === object.stack && references(object.body.bucket, bucket.address))
    .flatMap((bucket) => attachedTo(app, bucket, "aws_s3_bucket_versioning"))[0]?.address;
}

export const versionedObjectGuarded = resourceRule({
  id: "versioned-object-guarded",
  title:
    "An object written to a versioned bucket waits for the versioning and fails its apply when it gets no version id",
  resourceTypes: { aws_s3_object: ["bucket", "depends_on", "lifecycle.postcondition"] },
  alsoReads: { aws_s3_bucket: [], aws_s3_bucket_versioning: ["bucket"] },
  fix: "Give the aws_s3_object depends_on the bucket's aws_s3_bucket_versioning (PrivateBucket's ready list) and a lifecycle postcondition refusing a null, empty or \"null\" self.version_id (as the truststore stack's bundle has).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html",
  appliesTo: (object, app) => versioningOf(app, object) !== undefined,
  check: (object, app) => {
    const versioning = versioningOf(app, object)!;
    if (!(object.body.depends_on ?? []).includes(versioning)) {
      return `does not depend on ${versioning}, so it may be written before versioning is on and get no version id`;
    }
    const conditions = (object.body.lifecycle?.postcondition ?? []).map((condition: { condition?: unknown }) =>
      String(condition.condition),
    );
    const guard = conditions.find((condition: string) => condition.includes("self.version_id"));
    if (guard === undefined) {
      return "has no postcondition on self.version_id: S3 documents that versioning can take a while to apply, and an apply that writes no version would succeed with nothing to pin";
    }
    return guard.includes('"null"')
      ? undefined
      : 'its postcondition on self.version_id accepts "null", the version id S3 reports for an object written while versioning was off: refuse it too';
  },
  passMessage: (object, app) => `written after ${versioningOf(app, object)}, with a postcondition on its version id`,
});
