import { resourceRule } from "../resource-rule";
import { attachedTo, dataSourcesOf } from "../terraform-json";
import type { SynthesizedApp } from "../types";

interface Statement {
  effect?: string;
  actions: string[];
  principals: string[];
  condition: { test?: string; variable?: string; values: string[] }[];
}

/** Statements of a bucket policy, whether written as JSON text or through an aws_iam_policy_document. */
function statementsOf(app: SynthesizedApp, stack: string, policy: unknown): Statement[] {
  if (typeof policy !== "string") return [];
  const document = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(policy);
  if (document) {
    const source = dataSourcesOf(app, "aws_iam_policy_document").find(
      (candidate) => candidate.stack === stack && candidate.name === document[1],
    );
    return [source?.body.statement ?? []].flat().map((statement: any) => ({
      effect: statement.effect ?? "Allow",
      actions: [statement.actions ?? []].flat(),
      principals: [statement.principals ?? []].flat().flatMap((principal: any) => [principal.identifiers].flat()),
      condition: [statement.condition ?? []]
        .flat()
        .map((condition: any) => ({ ...condition, values: [condition.values].flat() })),
    }));
  }
  const parsed = JSON.parse(policy);
  return [parsed.Statement].flat().map((statement: any) => ({
    effect: statement.Effect,
    actions: [statement.Action].flat(),
    principals: statement.Principal === "*" ? ["*"] : [statement.Principal?.AWS ?? []].flat(),
    condition: Object.entries<any>(statement.Condition ?? {}).flatMap(([test, variables]) =>
      Object.entries<any>(variables).map(([variable, values]) => ({
        test,
        variable,
        values: [values].flat().map(String),
      })),
    ),
  }));
}

function deniesPlainHttp(statement: Statement): boolean {
  return (
    statement.effect === "Deny" &&
    statement.principals.includes("*") &&
    statement.actions.some((action) => action === "s3:*" || action === "*") &&
    statement.condition.some(
      (condition) =>
        condition.test === "Bool" && condition.variable === "aws:SecureTransport" && condition.values.includes("false"),
    )
  );
}

export const s3TlsOnlyPolicy = resourceRule({
  id: "s3-tls-only-policy",
  title: "Every S3 bucket policy denies requests that do not use TLS (aws:SecureTransport = false)",
  resourceTypes: { aws_s3_bucket: [] },
  alsoReads: {
    aws_s3_bucket_policy: ["bucket", "policy"],
    "data.aws_iam_policy_document": ["statement"],
  },
  fix: "Create buckets with PrivateBucket, whose policy starts with the DenyRequestsWithoutTls statement.",
  equivalents: { kics: ["4bc4dd4c-7d8d-405e-a0fb-57fa4c31b4d9"], cdkNag: ["AwsSolutions-S10"] },
  check: (bucket, app) => {
    const policies = attachedTo(app, bucket, "aws_s3_bucket_policy");
    if (policies.length === 0) return "no aws_s3_bucket_policy for this bucket";
    const statements = policies.flatMap((policy) => statementsOf(app, bucket.stack, policy.body.policy));
    return statements.some(deniesPlainHttp)
      ? undefined
      : "the bucket policy has no Deny of s3:* for every principal when aws:SecureTransport is false";
  },
  passMessage: () => "TLS-only bucket policy",
});
