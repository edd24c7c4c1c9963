// ACM Private CA mode: the issuing CA's CRL object. The authorizer denies every client while it is missing, and AWS
// does not promise when a new Private CA writes its first one, so the first deploy is checked here with what to do.
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { NO_CRL_YET } from "../../functions/authorizer/s3-crl-source";
import type { PrivateCa } from "./certificate-authorities";
import type { VerifyClients } from "./clients";
import { ok, problem, type CheckResult } from "./result";
import { isMissingObject } from "./missing-object";

const CRL_HELP =
  "AWS Private CA writes a CRL after the CA is activated and again about 30 minutes after a revocation; if none appears, the CloudWatch metrics CRLGenerated and MisconfiguredCRLBucket (AWS/ACMPrivateCA) say why (usually the bucket policy)";

/** ACM Private CA writes each CA's CRL, DER-encoded, to crl/<CA id>.crl in its CRL bucket. */
export async function checkFirstCrl(clients: VerifyClients, authority: PrivateCa, name: string): Promise<CheckResult> {
  const check = `${name} CRL`;
  const bucket = authority.crlBucket;
  if (!bucket) {
    return problem(check, "CRLs are not enabled on the CA: the authorizer has no CRL to read and denies every client");
  }
  const key = `crl/${authority.arn.split("/").pop()}.crl`;
  try {
    const head = await clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return ok(check, `s3://${bucket}/${key}, written ${head.LastModified?.toISOString() ?? "(no date)"}`);
  } catch (error) {
    if (!isMissingObject(error)) throw error;
    return problem(
      check,
      `${NO_CRL_YET} at s3://${bucket}/${key}: the authorizer denies every client until it exists. ${CRL_HELP}; run verify again once it is there`,
    );
  }
}
