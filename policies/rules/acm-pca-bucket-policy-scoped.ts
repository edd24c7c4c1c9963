import { resourceRule } from "../resource-rule";
import type { ResourceRef } from "../terraform-json";

interface Statement {
  effect?: string;
  principals?: { type?: string; identifiers?: string[] }[];
  condition?: { test?: string; variable?: string }[];
}

const grantsAcmPca = (statement: Statement) =>
  (statement.effect ?? "Allow") === "Allow" &&
  (statement.principals ?? []).some(
    (principal) => principal.type === "Service" && (principal.identifiers ?? []).includes("acm-pca.amazonaws.com"),
  );

const hasCondition = (statement: Statement, variable: string, tests: string[]) =>
  (statement.condition ?? []).some(
    (condition) => condition.variable === variable && tests.includes(String(condition.test)),
  );

const acmPcaStatements = (document: ResourceRef) =>
  ([] as Statement[]).concat(document.body.statement ?? []).filter(grantsAcmPca);

export const acmPcaBucketPolicyScoped = resourceRule({
  id: "acm-pca-bucket-policy-scoped",
  title: "A bucket policy that lets ACM Private CA write is scoped by both aws:SourceAccount and aws:SourceArn",
  resourceTypes: {
    "data.aws_iam_policy_document": ["statement.effect", "statement.principals", "statement.condition"],
  },
  fix: "Add conditions StringEquals aws:SourceAccount (this account) and ArnLike aws:SourceArn (this account's certificate authorities) to the statement granting acm-pca.amazonaws.com (AcmPcaAuthority's CRL bucket policy has both).",
  equivalents: {},
  source: "https://repost.aws/knowledge-center/acm-ca-crl-s3-getbucketacl",
  appliesTo: (document) => acmPcaStatements(document).length > 0,
  check: (document) => {
    const statements = acmPcaStatements(document);
    const missing = [
      ...(statements.every((statement) => hasCondition(statement, "aws:SourceAccount", ["StringEquals"]))
        ? []
        : ["aws:SourceAccount (StringEquals)"]),
      ...(statements.every((statement) => hasCondition(statement, "aws:SourceArn", ["ArnLike", "ArnEquals"]))
        ? []
        : ["aws:SourceArn (ArnLike or ArnEquals)"]),
    ];
    return missing.length === 0
      ? undefined
      : `grants acm-pca.amazonaws.com without ${missing.join(" and ")}: another account's CA could write to the bucket (confused deputy)`;
  },
  passMessage: () => "grants acm-pca.amazonaws.com only for this account's certificate authorities",
});
