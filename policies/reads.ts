// What a policy rule reads, declared once by the rule and printed from that declaration in docs/policies.md and the
// review's JSON.

/**
 * What a rule reads, by block: a resource type (`aws_s3_bucket`), a data source (`data.aws_iam_policy_document`),
 * `output` or `terraform`, each with the attributes it reads (dotted paths; none when only its address matters).
 * EVERY_BLOCK stands for every block of every stack, with a phrase saying what of them is read.
 */
export type RuleReads = Readonly<Record<string, readonly string[]>>;

export const EVERY_BLOCK = "*";

/** What a rule reads, one line per block, as docs/policies.md and the review's JSON print it. */
export function describeReads(reads: RuleReads): string[] {
  return Object.entries(reads).flatMap(([blockType, attributes]) => {
    if (blockType === EVERY_BLOCK) return [...attributes];
    if (attributes.length <= 1) return [[blockType, ...attributes].join(".")];
    return [`${blockType}.{${attributes.join(",")}}`];
  });
}
