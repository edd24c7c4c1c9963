import { MAX_TAGS_PER_S3_OBJECT, S3_OBJECT_TAGGING_SOURCE } from "../../lib/config/rules";
import { resourceRule } from "../resource-rule";
import { block } from "../terraform-json";
import type { SynthesizedApp } from "../types";

/** The tags an object ends up with: the provider's default_tags, then its own. */
function tagsOf(app: SynthesizedApp, stack: string, own: unknown): string[] {
  const defaults = block(block(app[stack]?.provider?.aws)?.default_tags)?.tags ?? {};
  return [...new Set([...Object.keys(defaults), ...Object.keys((own as Record<string, string>) ?? {})])];
}

export const s3ObjectTagsFit = resourceRule({
  id: "s3-object-tags-fit",
  title: `Every S3 object carries at most ${MAX_TAGS_PER_S3_OBJECT} tags, the provider's default_tags included`,
  resourceTypes: { aws_s3_object: ["tags"] },
  alsoReads: { provider: ["aws.default_tags"] },
  fix: "Configure at most 8 tags in the environment's tags (the config refuses more): the provider adds them and mtls:environment and mtls:stack to every object.",
  equivalents: {},
  source: S3_OBJECT_TAGGING_SOURCE,
  check: (object, app) => {
    const tags = tagsOf(app, object.stack, object.body.tags);
    return tags.length > MAX_TAGS_PER_S3_OBJECT
      ? `${tags.length} tags with the provider's default_tags (${tags.join(", ")}): S3 refuses more than ${MAX_TAGS_PER_S3_OBJECT} per object`
      : undefined;
  },
  passMessage: (object, app) => `${tagsOf(app, object.stack, object.body.tags).length} tags, default_tags included`,
});
