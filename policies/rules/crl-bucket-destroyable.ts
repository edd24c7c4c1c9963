import { resourceRule } from "../resource-rule";
import { block, references, resourcesOf, type ResourceRef } from "../terraform-json";
import type { SynthesizedApp } from "../types";

/** The certificate authorities of the bucket's stack that write their CRLs to it. */
function crlWriters(app: SynthesizedApp, bucket: ResourceRef): ResourceRef[] {
  return resourcesOf(app, "aws_acmpca_certificate_authority").filter(
    (ca) =>
      ca.stack === bucket.stack &&
      references(block(block(ca.body.revocation_configuration)?.crl_configuration)?.s3_bucket_name, bucket.address),
  );
}

const hasProtectedCa = (app: SynthesizedApp, bucket: ResourceRef) =>
  crlWriters(app, bucket).some((ca) => ca.body.lifecycle?.prevent_destroy === true);

export const crlBucketDestroyable = resourceRule({
  id: "crl-bucket-destroyable",
  title:
    "A bucket ACM Private CA writes CRLs to (objects Terraform does not track) is force_destroy exactly when its CAs are unprotected",
  resourceTypes: { aws_s3_bucket: ["force_destroy"] },
  alsoReads: {
    aws_acmpca_certificate_authority: [
      "revocation_configuration.crl_configuration.s3_bucket_name",
      "lifecycle.prevent_destroy",
    ],
  },
  fix: "Tie the CRL bucket's force_destroy to the CAs' deletion protection: force_destroy = !pki.deletionProtection (AcmPcaAuthority does).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/privateca/latest/userguide/crl-planning.html",
  appliesTo: (bucket, app) => crlWriters(app, bucket).length > 0,
  check: (bucket, app) => {
    const protectedCas = hasProtectedCa(app, bucket);
    const forced = bucket.body.force_destroy === true;
    if (!protectedCas && !forced) {
      return "the CAs writing to it may be destroyed, but without force_destroy the CRLs ACM Private CA wrote (untracked by Terraform) end the destroy in BucketNotEmpty";
    }
    if (protectedCas && forced) {
      return "force_destroy is on while the CAs writing to it are protected: a destroy would delete the CRLs of CAs that stay";
    }
    return undefined;
  },
  passMessage: (bucket, app) =>
    hasProtectedCa(app, bucket) ? "kept with its protected CAs" : "destroyable with its CAs (force_destroy)",
});
