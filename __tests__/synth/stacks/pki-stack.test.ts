import { exampleConfig } from "../../helpers/config";
import { resourcesOf, synthStacks } from "../../helpers/synth";

describe("pki stack (ACM Private CA)", () => {
  const pki = synthStacks(exampleConfig()).pki;
  const authorities = resourcesOf(pki, "aws_acmpca_certificate_authority");
  const certificates = resourcesOf(pki, "aws_acmpca_certificate");

  test("has a root CA and a subordinate issuing CA, both deletion-protected and restorable", () => {
    expect(authorities.root_ca.type).toBe("ROOT");
    expect(authorities.issuing_ca.type).toBe("SUBORDINATE");
    expect(Object.values<any>(authorities).length).toBeGreaterThan(0);
    for (const ca of Object.values<any>(authorities)) {
      expect(ca.lifecycle.prevent_destroy).toBe(true);
      expect(ca.permanent_deletion_time_in_days).toBe(30);
      expect(ca.certificate_authority_configuration).toMatchObject({
        key_algorithm: "RSA_2048",
        signing_algorithm: "SHA256WITHRSA",
      });
    }
  });

  test("self-signs the root and activates it", () => {
    expect(certificates.root_ca_certificate).toMatchObject({
      certificate_authority_arn: "${aws_acmpca_certificate_authority.root_ca.arn}",
      certificate_signing_request: "${aws_acmpca_certificate_authority.root_ca.certificate_signing_request}",
      template_arn: "arn:${data.aws_partition.current_partition.partition}:acm-pca:::template/RootCACertificate/V1",
      validity: { type: "YEARS", value: "10" },
    });
    expect(resourcesOf(pki, "aws_acmpca_certificate_authority_certificate").root_ca_activation.certificate).toBe(
      "${aws_acmpca_certificate.root_ca_certificate.certificate}",
    );
  });

  test("signs the issuing CA with the root, path length 0, and activates it with the chain", () => {
    expect(certificates.issuing_ca_certificate).toMatchObject({
      certificate_authority_arn: "${aws_acmpca_certificate_authority.root_ca.arn}",
      certificate_signing_request: "${aws_acmpca_certificate_authority.issuing_ca.certificate_signing_request}",
      template_arn: expect.stringMatching(/:template\/SubordinateCACertificate_PathLen0\/V1$/),
      depends_on: ["aws_acmpca_certificate_authority_certificate.root_ca_activation"],
    });
    expect(resourcesOf(pki, "aws_acmpca_certificate_authority_certificate").issuing_ca_activation).toMatchObject({
      certificate_authority_arn: "${aws_acmpca_certificate_authority.issuing_ca.arn}",
      certificate_chain: "${aws_acmpca_certificate.issuing_ca_certificate.certificate_chain}",
    });
  });

  test("the CRL bucket is destroyable (force_destroy) exactly when the CAs' deletion protection is off", () => {
    expect(resourcesOf(pki, "aws_s3_bucket").crl_bucket.force_destroy).toBe(false);
    const unprotected = synthStacks(exampleConfig((document) => (document.pki.deletionProtection = false))).pki;
    expect(resourcesOf(unprotected, "aws_s3_bucket").crl_bucket.force_destroy).toBe(true);
    expect(
      Object.values<any>(resourcesOf(unprotected, "aws_acmpca_certificate_authority")).map(
        (ca) => ca.lifecycle?.prevent_destroy,
      ),
    ).toEqual([false, false]);
  });

  test("both CAs publish CRLs to a private bucket that admits only ACM Private CAs of this account", () => {
    expect(Object.values<any>(authorities).length).toBeGreaterThan(0);
    for (const ca of Object.values<any>(authorities)) {
      expect(ca.revocation_configuration.crl_configuration).toEqual({
        enabled: true,
        expiration_in_days: 7,
        s3_bucket_name: "${aws_s3_bucket.crl_bucket.bucket}",
        s3_object_acl: "BUCKET_OWNER_FULL_CONTROL",
      });
    }
    const statements = pki.data.aws_iam_policy_document.crl_bucket_policy.statement;
    const allows = statements.filter((statement: any) => statement.effect === "Allow");
    expect(allows).toHaveLength(1);
    expect(allows[0].principals).toEqual([{ type: "Service", identifiers: ["acm-pca.amazonaws.com"] }]);
    expect(allows[0].condition).toEqual([
      {
        test: "StringEquals",
        variable: "aws:SourceAccount",
        values: ["${data.aws_caller_identity.current_account.account_id}"],
      },
      {
        test: "ArnLike",
        variable: "aws:SourceArn",
        values: [
          "arn:${data.aws_partition.current_partition.partition}:acm-pca:${data.aws_region.current_region.name}:${data.aws_caller_identity.current_account.account_id}:certificate-authority/*",
        ],
      },
    ]);
    expect(resourcesOf(pki, "aws_s3_bucket_public_access_block").crl_bucket_public_access_block).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  test("issues each configured client an ACM private certificate from the issuing CA", () => {
    const clients = resourcesOf(pki, "aws_acm_certificate");
    expect(Object.keys(clients).sort()).toEqual(["client_certificate_partner-a", "client_certificate_partner-b"]);
    expect(clients["client_certificate_partner-b"]).toMatchObject({
      domain_name: "partner-b.clients.example.com",
      certificate_authority_arn: "${aws_acmpca_certificate_authority.issuing_ca.arn}",
      // Of the CAs' family (RSA_2048): ACM refuses an EC certificate from an RSA CA.
      key_algorithm: "RSA_2048",
    });
    expect(pki.output.client_certificate_arns.value).toEqual({
      "partner-a": "${aws_acm_certificate.client_certificate_partner-a.arn}",
      "partner-b": "${aws_acm_certificate.client_certificate_partner-b.arn}",
    });
  });

  test("a short-lived issuing CA issues no ACM certificates and the root stays general purpose", () => {
    const shortLived = synthStacks(
      exampleConfig((document) => {
        document.pki.usageMode = "SHORT_LIVED_CERTIFICATE";
        document.pki.clients = [];
      }),
    ).pki;
    const cas = resourcesOf(shortLived, "aws_acmpca_certificate_authority");
    expect(cas.issuing_ca.usage_mode).toBe("SHORT_LIVED_CERTIFICATE");
    expect(cas.root_ca.usage_mode).toBe("GENERAL_PURPOSE");
    expect(resourcesOf(shortLived, "aws_acm_certificate")).toEqual({});
    expect(shortLived.output.client_certificate_arns.value).toEqual({});
  });

  test("deletion protection can be turned off in configuration", () => {
    const unprotected = synthStacks(exampleConfig((document) => (document.pki.deletionProtection = false))).pki;
    expect(Object.values<any>(resourcesOf(unprotected, "aws_acmpca_certificate_authority")).length).toBeGreaterThan(0);
    for (const ca of Object.values<any>(resourcesOf(unprotected, "aws_acmpca_certificate_authority"))) {
      expect(ca.lifecycle.prevent_destroy).toBe(false);
    }
  });
});
