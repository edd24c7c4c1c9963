import { dataSourcesOf, eachResource } from "../terraform-json";
import type { PolicyRule } from "../types";

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

export const acmPcaBucketPolicyScoped: PolicyRule = {
  id: "acm-pca-bucket-policy-scoped",
  title: "A bucket policy that lets ACM Private CA write is scoped by both aws:SourceAccount and aws:SourceArn",
  reads: ["data.aws_iam_policy_document.statement.{principals,condition}"],
  fix: "Add conditions StringEquals aws:SourceAccount (this account) and ArnLike aws:SourceArn (this account's certificate authorities) to the statement granting acm-pca.amazonaws.com (AcmPcaAuthority's CRL bucket policy has both).",
  equivalents: {},
  source: "https://repost.aws/knowledge-center/acm-ca-crl-s3-getbucketacl",
  check: (app) => {
    const documents = dataSourcesOf(app, "aws_iam_policy_document").flatMap((document) => {
      const statements = ([] as Statement[]).concat(document.body.statement ?? []).filter(grantsAcmPca);
      return statements.length > 0 ? [{ ...document, statements }] : [];
    });
    return eachResource(
      documents,
      (document) => {
        const missing = [
          ...(document.statements.every((statement) => hasCondition(statement, "aws:SourceAccount", ["StringEquals"]))
            ? []
            : ["aws:SourceAccount (StringEquals)"]),
          ...(document.statements.every((statement) =>
            hasCondition(statement, "aws:SourceArn", ["ArnLike", "ArnEquals"]),
          )
            ? []
            : ["aws:SourceArn (ArnLike or ArnEquals)"]),
        ];
        return missing.length === 0
          ? undefined
          : `grants acm-pca.amazonaws.com without ${missing.join(" and ")}: another account's CA could write to the bucket (confused deputy)`;
      },
      () => "grants acm-pca.amazonaws.com only for this account's certificate authorities",
    );
  },
};
