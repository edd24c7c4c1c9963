import { TerraformVariable, Token } from "cdktf";
import { LAMBDA_VARIABLES } from "../../../functions/authorizer/settings";
import { CertificateAuthorizer } from "../../../lib/constructs/certificate-authorizer";
import { synthConstruct } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

describe("CertificateAuthorizer", () => {
  const json = synthConstruct((scope) => {
    // Map-valued remote-state outputs in the api stack; variables stand in for them here.
    const cas = new TerraformVariable(scope, "issuing_cas", { type: "map(string)" });
    const crlKeys = new TerraformVariable(scope, "crl_keys", { type: "map(string)" });
    new CertificateAuthorizer(scope, "authorizer", {
      functionName: "demo-authorizer",
      issuingCaCertificatesPem: Token.asStringMap(cas.value),
      crlBucketName: "demo-crls",
      crlObjectKeys: Token.asStringMap(crlKeys.value),
      settings: { resultCacheTtlSeconds: 300, crlRefreshSeconds: 60, crlGraceSeconds: 900, crlClockSkewSeconds: 120 },
      logRetentionDays: 30,
    });
  });
  const fn = resourcesOf(json, "aws_lambda_function").authorizer;

  test("gives the function every issuing CA and each CA's CRL key, keyed by the same CA names", () => {
    expect(fn.environment.variables).toEqual({
      [LAMBDA_VARIABLES.issuingCas]: "${jsonencode(var.issuing_cas)}",
      [LAMBDA_VARIABLES.crlBucket]: "demo-crls",
      [LAMBDA_VARIABLES.crlKeys]: "${jsonencode(var.crl_keys)}",
      [LAMBDA_VARIABLES.crlRefreshSeconds]: "60",
      [LAMBDA_VARIABLES.crlGraceSeconds]: "900",
      [LAMBDA_VARIABLES.crlClockSkewSeconds]: "120",
    });
  });

  test("may read each CA's CRL object and nothing else in the bucket", () => {
    const statements = json.data.aws_iam_policy_document.authorizer_permissions.statement;
    const read = statements.find((statement: { sid: string }) => statement.sid === "ReadIssuingCaCrls");
    expect(read.actions).toEqual(["s3:GetObject"]);
    expect(read.resources).toBe(
      '${formatlist("arn:${data.aws_partition.authorizer_partition.partition}:s3:::demo-crls/%s", values(var.crl_keys))}',
    );
  });

  test("has memory to parse a large CRL on a cold start", () => {
    expect(fn.memory_size).toBe(512);
  });
});
