import { block, eachResource, references, resourcesOf } from "../terraform-json";
import type { PolicyRule } from "../types";

export const crlBucketDestroyable: PolicyRule = {
  id: "crl-bucket-destroyable",
  title:
    "A bucket ACM Private CA writes CRLs to (objects Terraform does not track) is force_destroy exactly when its CAs are unprotected",
  reads: [
    "aws_acmpca_certificate_authority.{revocation_configuration.crl_configuration.s3_bucket_name,lifecycle.prevent_destroy}",
    "aws_s3_bucket.force_destroy",
  ],
  fix: "Tie the CRL bucket's force_destroy to the CAs' deletion protection: force_destroy = !pki.deletionProtection (AcmPcaAuthority does).",
  equivalents: {},
  source: "https://docs.aws.amazon.com/privateca/latest/userguide/crl-planning.html",
  check: (app) => {
    const authorities = resourcesOf(app, "aws_acmpca_certificate_authority");
    const buckets = resourcesOf(app, "aws_s3_bucket").flatMap((bucket) => {
      const writers = authorities.filter(
        (ca) =>
          ca.stack === bucket.stack &&
          references(block(block(ca.body.revocation_configuration)?.crl_configuration)?.s3_bucket_name, bucket.address),
      );
      return writers.length > 0
        ? [{ ...bucket, protectedCas: writers.some((ca) => ca.body.lifecycle?.prevent_destroy === true) }]
        : [];
    });
    return eachResource(
      buckets,
      (bucket) => {
        const forced = bucket.body.force_destroy === true;
        if (!bucket.protectedCas && !forced) {
          return "the CAs writing to it may be destroyed, but without force_destroy the CRLs ACM Private CA wrote (untracked by Terraform) end the destroy in BucketNotEmpty";
        }
        if (bucket.protectedCas && forced) {
          return "force_destroy is on while the CAs writing to it are protected: a destroy would delete the CRLs of CAs that stay";
        }
        return undefined;
      },
      (bucket) => (bucket.protectedCas ? "kept with its protected CAs" : "destroyable with its CAs (force_destroy)"),
    );
  },
};
