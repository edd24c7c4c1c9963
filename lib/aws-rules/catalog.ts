// AWS's rules for every argument the stacks synthesize, across every variant, from AWS's API references and user
// guides, each with where this project holds it. docs/aws-rules.md is generated from it (npm run aws-rules:docs),
// and a test fails for any argument in a synthesized stack that has no entry here.
import type { ArgumentRule, AwsRulesCatalog } from "./types";

const ACM_API = "https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html";
const ACM_PRIVATE = "https://docs.aws.amazon.com/acm/latest/userguide/private-certificates.title.html";
const PCA_API = "https://docs.aws.amazon.com/privateca/latest/APIReference";
const PCA_GUIDE = "https://docs.aws.amazon.com/privateca/latest/userguide";
const APIGW_V1 = "https://docs.aws.amazon.com/apigateway/latest/api";
const APIGW_V2 = "https://docs.aws.amazon.com/apigatewayv2/latest/api-reference";
const APIGW_GUIDE = "https://docs.aws.amazon.com/apigateway/latest/developerguide";
const MTLS_REST = `${APIGW_GUIDE}/rest-api-mutual-tls.html`;
const MTLS_HTTP = `${APIGW_GUIDE}/http-api-mutual-tls.html`;
const LAMBDA_API = "https://docs.aws.amazon.com/lambda/latest/api";
const LOGS_API = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference";
const IAM_API = "https://docs.aws.amazon.com/IAM/latest/APIReference";
const IAM_QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const IAM_GRAMMAR = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html";
const S3_API = "https://docs.aws.amazon.com/AmazonS3/latest/API";
const S3_GUIDE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide";
const R53_API = "https://docs.aws.amazon.com/Route53/latest/APIReference";
const TAGGING = "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html";
const PROVIDER = "https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs";

/** An argument that names another resource of the same stack: AWS requires it to exist, and Terraform orders it. */
const reference = (what: string): ArgumentRule => ({
  rule: `must name an existing ${what}`,
  notApplicable: `a reference to the ${what} Terraform creates or reads in the same stack (or reads from the upstream stack's outputs), so it exists when this is created`,
});

const TAGS: ArgumentRule = {
  rule: "at most 50 tags per resource, provider default_tags included; keys 1-128 and values 0-256 characters, no aws: prefix",
  source: TAGGING,
  enforced: [{ config: "tags" }, { code: "lib/config/rules.ts" }],
};

const BUCKET_REFERENCE = reference("S3 bucket");

export const AWS_RULES: AwsRulesCatalog = {
  "provider.aws": {
    source: PROVIDER,
    arguments: {
      region: {
        rule: "an AWS region code where every service used here exists (ACM PCA, API Gateway mTLS, Lambda)",
        source: "https://docs.aws.amazon.com/general/latest/gr/rande.html",
        enforced: [{ config: "region" }],
      },
      allowed_account_ids: {
        rule: "the provider refuses to run when the credentials' account is not listed, before any change",
        enforced: [{ config: "accountId" }, { code: "lib/mtls-stack.ts" }],
      },
      "default_tags.tags": {
        rule: "applied to every taggable resource and counted in its limit: 50 per resource, 10 per S3 object (the truststore bundle carries them all)",
        source: `${S3_GUIDE}/object-tagging.html`,
        enforced: [{ config: "tags" }, { review: "s3-object-tags-fit" }],
      },
    },
  },

  aws_acmpca_certificate_authority: {
    source: `${PCA_API}/API_CreateCertificateAuthority.html`,
    resourceRules: [
      {
        rule: "billed monthly per CA from creation (general purpose $400, short-lived $50); deleted CAs stay restorable 7-30 days",
        source: "https://aws.amazon.com/private-ca/pricing/",
        enforced: [{ config: "pki.usageMode" }],
        note: "plan and deploy print the monthly cost first (tools/environments/cost-estimate.ts)",
      },
      {
        rule: "the CRL bucket must exist, with a policy letting acm-pca.amazonaws.com write, before the CA is created (CreateCertificateAuthority checks it)",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }, { review: "acm-pca-bucket-policy-scoped" }],
      },
      {
        rule: "a Private CA writes its first CRL when the CRL is enabled and regenerates it at half its expiry or about 30 minutes after a revocation; the object is not Terraform's",
        source: `${PCA_API}/API_CrlConfiguration.html`,
        enforced: [{ verify: "tools/verify/acm-pca-crl-checks.ts" }, { review: "crl-bucket-destroyable" }],
      },
    ],
    arguments: {
      type: { rule: "ROOT or SUBORDINATE", enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }] },
      usage_mode: {
        rule: "GENERAL_PURPOSE or SHORT_LIVED_CERTIFICATE; a short-lived CA issues certificates of at most 7 days, and ACM cannot issue from it",
        enforced: [{ config: "pki.usageMode" }],
      },
      "certificate_authority_configuration.key_algorithm": {
        rule: "RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1 (and ML-DSA, SM2); a subordinate CA must use one its parent supports; API Gateway's truststore takes RSA >= 2048 and P-256/P-384 only",
        source: `${PCA_API}/API_CertificateAuthorityConfiguration.html`,
        enforced: [{ config: "pki.keyAlgorithm" }],
      },
      "certificate_authority_configuration.signing_algorithm": {
        rule: "SHA256/384/512 WITH RSA or ECDSA, of the key's family; API Gateway needs SHA-256 or stronger",
        source: `${PCA_API}/API_CertificateAuthorityConfiguration.html`,
        enforced: [{ config: "pki.signingAlgorithm" }],
      },
      "certificate_authority_configuration.subject.common_name": {
        rule: "1-64 characters (ASN1Subject CommonName)",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.commonName" }, { config: "pki.issuingCa.subject.commonName" }],
      },
      "certificate_authority_configuration.subject.country": {
        rule: "a two-letter ISO 3166 code",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.country" }, { config: "pki.issuingCa.subject.country" }],
      },
      "certificate_authority_configuration.subject.organization": {
        rule: "0-64 characters",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.organization" }, { config: "pki.issuingCa.subject.organization" }],
      },
      "certificate_authority_configuration.subject.organizational_unit": {
        rule: "0-64 characters",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.organizationalUnit" }],
      },
      "certificate_authority_configuration.subject.state": {
        rule: "0-128 characters",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.state" }],
      },
      "certificate_authority_configuration.subject.locality": {
        rule: "0-128 characters",
        source: `${PCA_API}/API_ASN1Subject.html`,
        enforced: [{ config: "pki.rootCa.subject.locality" }],
      },
      permanent_deletion_time_in_days: {
        rule: "7-30 days (DeleteCertificateAuthority's restore window)",
        source: `${PCA_API}/API_DeleteCertificateAuthority.html`,
        enforced: [{ config: "pki.permanentDeletionDays" }],
      },
      "revocation_configuration.crl_configuration.enabled": {
        rule: "true makes the CA write CRLs to the bucket and put a CRL distribution point (the S3 URL, or custom_cname) in every certificate it issues; hashicorp/aws 5.100 cannot omit that extension (no crl_distribution_point_extension_configuration), so relying parties other than this API meet a URL that answers 403 under Block Public Access",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
      "revocation_configuration.crl_configuration.expiration_in_days": {
        rule: "1-5000 days; sets nextUpdate, and the CA regenerates the CRL at half this period",
        source: `${PCA_API}/API_CrlConfiguration.html`,
        enforced: [{ config: "pki.crl.expirationDays" }],
      },
      "revocation_configuration.crl_configuration.s3_bucket_name": {
        rule: "3-255 characters; a bucket in the CA's account and region whose policy lets acm-pca.amazonaws.com put objects (scoped by aws:SourceAccount and aws:SourceArn)",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ config: "pki.crlBucketName" }, { review: "acm-pca-bucket-policy-scoped" }],
      },
      "revocation_configuration.crl_configuration.s3_object_acl": {
        rule: "PUBLIC_READ or BUCKET_OWNER_FULL_CONTROL; with Block Public Access on, only BUCKET_OWNER_FULL_CONTROL writes succeed",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }, { review: "s3-public-access-blocked" }],
      },
    },
  },

  aws_acmpca_certificate: {
    source: `${PCA_API}/API_IssueCertificate.html`,
    arguments: {
      certificate_authority_arn: reference("ACM Private CA"),
      certificate_signing_request: reference("CA's CSR (GetCertificateAuthorityCsr)"),
      signing_algorithm: {
        rule: "of the issuing CA's key family (an RSA CA cannot sign with ECDSA)",
        enforced: [{ config: "pki.signingAlgorithm" }],
      },
      template_arn: {
        rule: "an AWS template: RootCACertificate/V1 to self-sign a root, SubordinateCACertificate_PathLen0/V1 for an issuing CA that signs only end entities",
        source: `${PCA_GUIDE}/UsingTemplates.html`,
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
      "validity.type": {
        rule: "END_DATE, ABSOLUTE, DAYS, MONTHS or YEARS",
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
      "validity.value": {
        rule: "a subordinate CA certificate must end before its issuer's; an issuing CA that ACM issues private certificates from must outlive them (395 days)",
        source: ACM_PRIVATE,
        enforced: [{ config: "pki.issuingCa.validityYears" }, { config: "pki.rootCa.validityYears" }],
      },
    },
  },

  aws_acmpca_certificate_authority_certificate: {
    source: `${PCA_API}/API_ImportCertificateAuthorityCertificate.html`,
    arguments: {
      certificate_authority_arn: reference("ACM Private CA"),
      certificate: reference("CA certificate issued from the CA's own CSR"),
      certificate_chain: {
        rule: "required for a subordinate CA: the chain up to the root, PEM; not allowed for a self-signed root",
        notApplicable:
          "the issuing CA certificate's own chain output from aws_acmpca_certificate, set only on the subordinate",
      },
    },
  },

  aws_acmpca_permission: {
    source: `${PCA_API}/API_CreatePermission.html`,
    resourceRules: [
      {
        rule: "ACM can renew the private certificates it issued only while acm.amazonaws.com holds IssueCertificate, GetCertificate and ListPermissions on the CA",
        source: "https://docs.aws.amazon.com/acm/latest/userguide/renew-private-cert.html",
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
    ],
    arguments: {
      certificate_authority_arn: reference("ACM Private CA"),
      principal: {
        rule: "acm.amazonaws.com (the only principal)",
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
      actions: {
        rule: "1-3 of IssueCertificate, GetCertificate, ListPermissions",
        enforced: [{ code: "lib/constructs/pki/acm-pca-authority.ts" }],
      },
    },
  },

  aws_acm_certificate: {
    source: ACM_API,
    resourceRules: [
      {
        rule: "a private certificate is valid 395 days and its CA's end date must exceed it; ACM renews it 60 days before expiry, so from 395 days before the CA's end ACM can neither issue nor renew",
        source: ACM_PRIVATE,
        enforced: [
          { config: "pki.issuingCa.validityYears" },
          { review: "acm-private-certificate-issuable" },
          { verify: "tools/verify/certificate-checks.ts" },
        ],
      },
    ],
    arguments: {
      domain_name: {
        rule: "1-253 characters, a DNS name (ACM private certificates need DNS-compliant names); a public certificate needs a domain in a zone you control",
        enforced: [{ config: "domain.name" }, { config: "pki.clients[].domainName" }],
      },
      validation_method: {
        rule: "DNS or EMAIL for a public certificate; none for a private one",
        enforced: [{ code: "lib/constructs/server-certificate.ts" }],
      },
      certificate_authority_arn: {
        rule: "a GENERAL_PURPOSE, ACTIVE Private CA (ACM cannot issue from a short-lived one)",
        enforced: [{ config: "pki.usageMode" }, { verify: "tools/verify/certificate-checks.ts" }],
      },
      key_algorithm: {
        rule: "RSA_2048, EC_prime256v1 or EC_secp384r1 (the others are import-only), and for a private certificate of the CA's family (RSA or ECDSA)",
        source: ACM_PRIVATE,
        enforced: [{ config: "pki.clients[].keyAlgorithm" }, { review: "acm-private-certificate-issuable" }],
      },
      tags: TAGS,
    },
  },

  aws_acm_certificate_validation: {
    source: "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
    arguments: {
      certificate_arn: reference("ACM certificate"),
      validation_record_fqdns: {
        rule: "the CNAME records ACM asked for, in the public zone of the domain; validation waits until ACM sees them",
        notApplicable: "derived from the certificate's domain_validation_options by the server certificate construct",
      },
    },
  },

  aws_route53_record: {
    source: `${R53_API}/API_ChangeResourceRecordSets.html`,
    arguments: {
      zone_id: { rule: "an existing public hosted zone id", enforced: [{ config: "domain.hostedZoneId" }] },
      name: { rule: "a name inside the zone, at most 255 characters", enforced: [{ config: "domain.name" }] },
      type: {
        rule: "A or AAAA for an alias to API Gateway; AAAA only when the domain is dual-stack (an AAAA alias to an IPv4-only domain resolves to nothing); CNAME for ACM validation",
        enforced: [{ config: "domain.ipAddressType" }, { review: "aaaa-alias-dual-stack" }],
      },
      ttl: {
        rule: "0-2147483647 seconds; not allowed with an alias",
        enforced: [{ code: "lib/constructs/server-certificate.ts" }],
      },
      records: {
        rule: "the values ACM gave for validation; not allowed with an alias",
        notApplicable: "read from the certificate's domain_validation_options",
      },
      allow_overwrite: {
        rule: "lets a validation record ACM shares between certificates of one name be written again",
        enforced: [{ code: "lib/constructs/server-certificate.ts" }],
      },
      "alias.name": reference("API Gateway regional domain name"),
      "alias.zone_id": reference("API Gateway regional hosted zone id"),
      "alias.evaluate_target_health": {
        rule: "true or false; API Gateway targets report no health",
        source: `${R53_API}/API_AliasTarget.html`,
        enforced: [{ code: "stacks/dns-stack.ts" }],
      },
    },
  },

  aws_s3_bucket: {
    source: `${S3_GUIDE}/bucketnamingrules.html`,
    resourceRules: [
      {
        rule: "names are global across all accounts, and a deleted name can take a while to become free",
        enforced: [{ config: "truststore.bucketName" }, { config: "pki.crlBucketName" }],
      },
    ],
    arguments: {
      bucket: {
        rule: "3-63 lower-case letters, digits, dots and hyphens, start and end with a letter or digit, no xn-- or sthree- prefix, no -s3alias suffix (dots break virtual-hosted TLS)",
        enforced: [
          { config: "truststore.bucketName" },
          { config: "pki.crlBucketName" },
          { code: "lib/config/names.ts" },
        ],
      },
      force_destroy: {
        rule: "DeleteBucket fails on a bucket with objects; force_destroy deletes them first (the CRL bucket holds objects ACM PCA wrote)",
        enforced: [{ review: "crl-bucket-destroyable" }],
      },
    },
  },

  aws_s3_bucket_ownership_controls: {
    source: `${S3_API}/API_PutBucketOwnershipControls.html`,
    arguments: {
      bucket: BUCKET_REFERENCE,
      "rule.object_ownership": {
        rule: "BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter; BucketOwnerEnforced disables ACLs, and ACM PCA then writes with BUCKET_OWNER_FULL_CONTROL",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ code: "lib/constructs/private-bucket.ts" }],
      },
    },
  },

  aws_s3_bucket_public_access_block: {
    source: `${S3_API}/API_PutPublicAccessBlock.html`,
    arguments: {
      bucket: BUCKET_REFERENCE,
      block_public_acls: { rule: "true refuses public ACLs", enforced: [{ review: "s3-public-access-blocked" }] },
      block_public_policy: {
        rule: "true refuses a public bucket policy (a PutBucketPolicy that would make it public fails)",
        enforced: [{ review: "s3-public-access-blocked" }],
      },
      ignore_public_acls: { rule: "true ignores public ACLs", enforced: [{ review: "s3-public-access-blocked" }] },
      restrict_public_buckets: {
        rule: "true: only AWS services and this account reach the bucket, so the CRL distribution point URL in issued certificates answers 403 to anyone else",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ review: "s3-public-access-blocked" }],
      },
    },
  },

  aws_s3_bucket_server_side_encryption_configuration: {
    source: `${S3_API}/API_PutBucketEncryption.html`,
    arguments: {
      bucket: BUCKET_REFERENCE,
      "rule.apply_server_side_encryption_by_default.sse_algorithm": {
        rule: "AES256, aws:kms or aws:kms:dsse; ACM PCA writes CRLs to an SSE-S3 (AES256) bucket without a key policy, SSE-KMS needs one",
        source: `${PCA_GUIDE}/crl-planning.html`,
        enforced: [{ review: "s3-bucket-encrypted" }],
      },
    },
  },

  aws_s3_bucket_policy: {
    source: `${S3_API}/API_PutBucketPolicy.html`,
    arguments: {
      bucket: BUCKET_REFERENCE,
      policy: {
        rule: "a JSON policy of at most 20 KB; with Block Public Access a public statement is refused; the CRL bucket's grant to acm-pca.amazonaws.com is scoped by aws:SourceAccount and aws:SourceArn",
        enforced: [{ review: "s3-tls-only-policy" }, { review: "acm-pca-bucket-policy-scoped" }],
      },
    },
  },

  aws_s3_bucket_versioning: {
    source: `${S3_API}/API_PutBucketVersioning.html`,
    resourceRules: [
      {
        rule: 'enabling versioning can take a while to propagate: a write right after it may get no version id (or "null")',
        source: `${S3_GUIDE}/manage-versioning-examples.html`,
        enforced: [
          { review: "versioned-object-guarded" },
          { terraform: "aws_s3_object.truststore_bundle (postcondition)" },
        ],
      },
    ],
    arguments: {
      bucket: BUCKET_REFERENCE,
      "versioning_configuration.status": {
        rule: "Enabled or Suspended (never back to unversioned); the truststore bucket must be Enabled",
        enforced: [{ review: "truststore-bucket-versioned" }],
      },
    },
  },

  aws_s3_bucket_lifecycle_configuration: {
    source: `${S3_API}/API_PutBucketLifecycleConfiguration.html`,
    arguments: {
      bucket: BUCKET_REFERENCE,
      "rule.id": {
        rule: "at most 255 characters, unique in the configuration",
        enforced: [{ code: "stacks/truststore-stack.ts" }],
      },
      "rule.status": { rule: "Enabled or Disabled", enforced: [{ code: "stacks/truststore-stack.ts" }] },
      "rule.filter.prefix": {
        rule: "an object key prefix; empty matches every object",
        enforced: [{ code: "stacks/truststore-stack.ts" }],
      },
      "rule.noncurrent_version_expiration.noncurrent_days": {
        rule: "a positive whole number of days",
        enforced: [{ config: "truststore.noncurrentVersionExpirationDays" }],
      },
      "rule.noncurrent_version_expiration.newer_noncurrent_versions": {
        rule: "1-100 noncurrent versions to keep",
        source: `${S3_API}/API_NoncurrentVersionExpiration.html`,
        enforced: [{ config: "truststore.noncurrentVersionsToKeep" }],
      },
      "rule.abort_incomplete_multipart_upload.days_after_initiation": {
        rule: "a positive whole number of days",
        enforced: [{ code: "stacks/truststore-stack.ts" }],
      },
    },
  },

  aws_s3_object: {
    source: `${S3_API}/API_PutObject.html`,
    resourceRules: [
      {
        rule: "at most 10 tags per object, provider default_tags included",
        source: `${S3_GUIDE}/object-tagging.html`,
        enforced: [{ config: "tags" }, { review: "s3-object-tags-fit" }],
      },
      {
        rule: 'the version id is the one to pin API Gateway\'s truststore to; S3 reports "null" for a write made while versioning was off, and after a failed postcondition the object stays in state: recover with terraform apply -replace',
        source: `${S3_GUIDE}/Versioning.html`,
        enforced: [
          { terraform: "aws_s3_object.truststore_bundle (postcondition)" },
          { review: "versioned-object-guarded" },
        ],
      },
    ],
    arguments: {
      bucket: BUCKET_REFERENCE,
      key: {
        rule: "1-1024 bytes of UTF-8; characters outside the safe set need encoding in URIs (the truststore URI is s3://bucket/key)",
        source: `${S3_GUIDE}/object-keys.html`,
        enforced: [{ config: "truststore.key" }],
      },
      content: {
        rule: "at most 5 GB in one PUT; API Gateway's truststore is PEM certificates only, at most 1000 certificates and 1 MB, chains of at most 4, SHA-256+ signatures, RSA >= 2048 or P-256/P-384 keys",
        source: MTLS_REST,
        enforced: [{ code: "lib/constructs/pki/linted-bundle.ts" }, { verify: "tools/verify/truststore-checks.ts" }],
      },
      content_base64: {
        rule: "the object's bytes, base64: the self-managed CRLs, DER, that the authorizer reads (RFC 5280: ordered by CRL number, thisUpdate not in the future)",
        source: "https://www.rfc-editor.org/rfc/rfc5280#section-5",
        enforced: [{ code: "lib/pki-folder/public-files.ts" }],
      },
      content_type: {
        rule: "any MIME type; API Gateway ignores it",
        enforced: [{ code: "stacks/truststore-stack.ts" }],
      },
      checksum_algorithm: {
        rule: "CRC32, CRC32C, CRC64NVME, SHA1 or SHA256",
        enforced: [{ code: "stacks/truststore-stack.ts" }],
      },
    },
  },

  aws_cloudwatch_log_group: {
    source: `${LOGS_API}/API_CreateLogGroup.html`,
    arguments: {
      name: {
        rule: "1-512 characters of a-z A-Z 0-9 _ - / . #; unique per account and region (a Lambda's default group is /aws/lambda/<function>)",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      retention_in_days: {
        rule: "one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
        source: `${LOGS_API}/API_PutRetentionPolicy.html`,
        enforced: [{ config: "api.logRetentionDays" }, { review: "log-group-retention" }],
      },
    },
  },

  aws_iam_role: {
    source: `${IAM_API}/API_CreateRole.html`,
    arguments: {
      name: {
        rule: "1-64 characters of letters, digits and +=,.@_-, unique per account (IAM is global: two regions of one environment would collide)",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      assume_role_policy: {
        rule: "a trust policy of at most 2048 characters (quota, raisable to 4096) naming the service principal",
        source: IAM_QUOTAS,
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
    },
  },

  aws_iam_role_policy: {
    source: `${IAM_API}/API_PutRolePolicy.html`,
    arguments: {
      name: {
        rule: "1-128 characters of letters, digits and +=,.@_-",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      role: reference("IAM role"),
      policy: {
        rule: "inline policies of one role total at most 10,240 characters",
        source: IAM_QUOTAS,
        enforced: [{ review: "no-literal-secrets" }],
      },
    },
  },

  aws_iam_role_policy_attachment: {
    source: `${IAM_API}/API_AttachRolePolicy.html`,
    arguments: {
      role: reference("IAM role"),
      policy_arn: {
        rule: "an existing managed policy; at most 10 (raisable to 20) per role",
        source: IAM_QUOTAS,
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  "data.aws_iam_policy_document": {
    source: IAM_GRAMMAR,
    arguments: {
      "statement.sid": {
        rule: "letters and digits only, unique in the policy",
        enforced: [{ code: "lib/constructs/private-bucket.ts" }],
      },
      "statement.effect": { rule: "Allow or Deny", enforced: [{ code: "lib/constructs/private-bucket.ts" }] },
      "statement.actions": {
        rule: "service:Action names that exist; a bucket policy takes S3 actions only",
        enforced: [{ review: "s3-tls-only-policy" }],
      },
      "statement.resources": {
        rule: "ARNs the policy's resource owns (a bucket policy: the bucket and its objects)",
        enforced: [{ code: "lib/constructs/private-bucket.ts" }],
      },
      "statement.principals.type": {
        rule: "AWS, Service, Federated, CanonicalUser or *",
        enforced: [{ code: "lib/constructs/private-bucket.ts" }],
      },
      "statement.principals.identifiers": {
        rule: "principals of the type (acm-pca.amazonaws.com for CRL writes, * for the TLS-only deny)",
        enforced: [{ review: "acm-pca-bucket-policy-scoped" }],
      },
      "statement.condition.test": {
        rule: "a condition operator (Bool, StringEquals, ArnLike, ...)",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
        enforced: [{ review: "s3-tls-only-policy" }, { review: "acm-pca-bucket-policy-scoped" }],
      },
      "statement.condition.variable": {
        rule: "a global or service condition key (aws:SecureTransport, aws:SourceAccount, aws:SourceArn)",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
        enforced: [{ review: "s3-tls-only-policy" }, { review: "acm-pca-bucket-policy-scoped" }],
      },
      "statement.condition.values": {
        rule: 'values of the key\'s type: the account id, the CA ARN pattern, "false" for aws:SecureTransport',
        enforced: [{ review: "acm-pca-bucket-policy-scoped" }],
      },
    },
  },

  aws_lambda_function: {
    source: `${LAMBDA_API}/API_CreateFunction.html`,
    resourceRules: [
      {
        rule: "a runtime is deprecated, then blocked for create, then for update on AWS's schedule; hashicorp/aws 5.100 accepts nothing newer than nodejs22.x",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        enforced: [{ review: "lambda-runtime-on-schedule" }, { review: "provider-6-before-runtime-block" }],
      },
    ],
    arguments: {
      function_name: {
        rule: "1-64 characters of letters, digits, - and _ (140 as an ARN), unique per account and region",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      runtime: {
        rule: "a runtime AWS still lets you create functions on",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
        enforced: [{ review: "lambda-runtime-on-schedule" }, { code: "lib/bundling/runtime.ts" }],
      },
      handler: { rule: "at most 128 characters, file.export", enforced: [{ code: "lib/constructs/node-function.ts" }] },
      role: reference("IAM role"),
      filename: {
        rule: "a .zip of at most 50 MB (250 MB unzipped)",
        source: "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
        enforced: [{ code: "lib/bundling/bundle.ts" }],
      },
      source_code_hash: {
        rule: "base64 SHA-256 of the package",
        notApplicable: "computed by cdktf from the bundled zip",
      },
      architectures: {
        rule: "exactly one of x86_64 or arm64",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      memory_size: { rule: "128-10240 MB", enforced: [{ code: "lib/constructs/node-function.ts" }] },
      timeout: {
        rule: "1-900 seconds; behind API Gateway the integration gives up at 29 s (REST) or 30 s (HTTP)",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      "environment.variables": {
        rule: "at most 4 KB in total; keys start with a letter, no AWS_ reserved names",
        enforced: [{ review: "no-literal-secrets" }, { code: "lib/constructs/certificate-authorizer.ts" }],
      },
      "tracing_config.mode": {
        rule: "Active or PassThrough; Active needs xray:PutTraceSegments",
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      "logging_config.log_format": {
        rule: "JSON or Text",
        source: `${LAMBDA_API}/API_LoggingConfig.html`,
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
      "logging_config.log_group": {
        rule: "1-512 characters, an existing group the role may write to",
        source: `${LAMBDA_API}/API_LoggingConfig.html`,
        enforced: [{ code: "lib/constructs/node-function.ts" }],
      },
    },
  },

  aws_lambda_permission: {
    source: `${LAMBDA_API}/API_AddPermission.html`,
    arguments: {
      function_name: reference("Lambda function"),
      action: { rule: "lambda:InvokeFunction for API Gateway", enforced: [{ code: "lib/constructs/api-common.ts" }] },
      principal: { rule: "apigateway.amazonaws.com", enforced: [{ code: "lib/constructs/api-common.ts" }] },
      source_arn: {
        rule: "the API's execute-api ARN; without it any API in any account could invoke the function (confused deputy); the resource policy is at most 20 KB",
        enforced: [{ review: "lambda-permission-source-arn" }],
      },
    },
  },

  aws_api_gateway_account: {
    source: `${APIGW_V1}/API_UpdateAccount.html`,
    resourceRules: [
      {
        rule: "one setting per account and region: two stacks that manage it take it from each other, and destroying one resets it for all",
        source: `${APIGW_GUIDE}/set-up-logging.html`,
        enforced: [
          { config: "api.manageAccountLoggingRole" },
          { code: "tools/environments/synth.ts" },
          { code: "tools/review/cli.ts" },
        ],
      },
    ],
    arguments: {
      cloudwatch_role_arn: {
        rule: "a role API Gateway can assume (trust apigateway.amazonaws.com) with AmazonAPIGatewayPushToCloudWatchLogs; REST stages with access logging fail without it",
        enforced: [{ review: "rest-access-logging-role" }],
      },
      reset_on_delete: {
        rule: "hashicorp/aws 5.x only (deprecated, removed in 6.0): without it a destroy leaves the account pointing at the deleted role",
        enforced: [{ review: "api-gateway-account-reset-on-delete" }],
      },
    },
  },

  aws_api_gateway_rest_api: {
    source: `${APIGW_V1}/API_CreateRestApi.html`,
    arguments: {
      name: { rule: "1-1024 characters", enforced: [{ code: "stacks/api-stack.ts" }] },
      disable_execute_api_endpoint: {
        rule: "true so clients cannot bypass mutual TLS; takes effect on REST only after a new deployment",
        enforced: [{ review: "default-endpoint-disabled" }, { verify: "tools/verify/execute-api-check.ts" }],
      },
      "endpoint_configuration.types": {
        rule: "REGIONAL, EDGE or PRIVATE; mutual TLS needs a regional domain",
        enforced: [{ review: "mtls-domain-tls12-regional" }],
      },
    },
  },

  aws_api_gateway_resource: {
    source: `${APIGW_V1}/API_CreateResource.html`,
    arguments: {
      rest_api_id: reference("REST API"),
      parent_id: reference("REST API resource"),
      path_part: {
        rule: "a path segment, or {proxy+} greedy variable",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_method: {
    source: `${APIGW_V1}/API_PutMethod.html`,
    arguments: {
      rest_api_id: reference("REST API"),
      resource_id: reference("REST API resource"),
      http_method: { rule: "GET, POST, ... or ANY", enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }] },
      authorization: {
        rule: "NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS; CUSTOM with a REQUEST authorizer is what sees the client certificate",
        enforced: [{ review: "routes-authorized" }],
      },
      authorizer_id: reference("REST authorizer"),
      request_parameters: {
        rule: "`method.request.{header|path|querystring}.<name>` -> required flag; a path parameter must be in the resource path",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_integration: {
    source: `${APIGW_V1}/API_PutIntegration.html`,
    arguments: {
      rest_api_id: reference("REST API"),
      resource_id: reference("REST API resource"),
      http_method: reference("REST method"),
      type: {
        rule: "AWS_PROXY for a Lambda proxy integration, HTTP_PROXY for an HTTP or VPC link backend",
        enforced: [{ config: "api.routes[].backend.type" }],
      },
      integration_http_method: {
        rule: "POST for Lambda (Invoke is a POST); the backend's method for HTTP and VPC link integrations",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
      uri: {
        rule: "a Lambda invoke ARN, or an absolute http(s) URL (for a VPC link, the URL the NLB's target answers, Host header included); HTTPS backends need a certificate from a CA API Gateway trusts",
        enforced: [{ config: "api.routes[].backend.url" }, { review: "integration-tls-to-public-backends" }],
      },
      connection_type: {
        rule: "INTERNET or VPC_LINK; VPC_LINK needs connection_id",
        enforced: [{ config: "api.routes[].backend.type" }],
      },
      connection_id: reference("REST VPC link"),
      timeout_milliseconds: {
        rule: "50-29000 ms (REST's integration timeout; raising it is a quota request for regional APIs)",
        source: `${APIGW_GUIDE}/limits.html`,
        enforced: [{ config: "api.routes[].timeoutMs" }],
      },
      request_parameters: {
        rule: "`integration.request.{header|path|querystring}.<name>` mapped from `method.request.*`, context variables or a static 'value'; every `method.request.*` it uses must be declared on the method",
        source: `${APIGW_GUIDE}/request-response-data-mappings.html`,
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_deployment: {
    source: `${APIGW_V1}/API_CreateDeployment.html`,
    arguments: {
      rest_api_id: reference("REST API"),
      triggers: {
        rule: "a new deployment is needed for any change to reach the stage (including disable_execute_api_endpoint)",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_stage: {
    source: `${APIGW_V1}/API_CreateStage.html`,
    arguments: {
      rest_api_id: reference("REST API"),
      deployment_id: reference("REST deployment"),
      stage_name: { rule: "letters, digits and _, at most 128 characters", enforced: [{ config: "api.stageName" }] },
      xray_tracing_enabled: { rule: "true or false", enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }] },
      "access_log_settings.destination_arn": {
        rule: "a log group ARN; the account-and-region CloudWatch role must be set first or the stage is refused",
        source: `${APIGW_GUIDE}/set-up-logging.html`,
        enforced: [{ review: "rest-access-logging-role" }, { config: "api.manageAccountLoggingRole" }],
      },
      "access_log_settings.format": {
        rule: "one line with $context.requestId; $context.identity.clientCert.* carries the client certificate",
        enforced: [{ review: "stage-access-logging-client-cert" }],
      },
      tags: TAGS,
    },
  },

  aws_api_gateway_authorizer: {
    source: `${APIGW_V1}/API_CreateAuthorizer.html`,
    arguments: {
      name: { rule: "a name unique in the API", enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }] },
      rest_api_id: reference("REST API"),
      type: {
        rule: "TOKEN, REQUEST or COGNITO_USER_POOLS; only REQUEST gets requestContext.identity.clientCert",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
      authorizer_uri: reference("Lambda function's invoke ARN"),
      authorizer_result_ttl_in_seconds: {
        rule: "0-3600 seconds",
        enforced: [{ config: "api.authorizer.resultCacheTtlSeconds" }],
      },
      identity_source: {
        rule: "request parameters that key the cache; with caching on, at least one",
        enforced: [{ code: "lib/constructs/rest-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_domain_name: {
    source: `${APIGW_V1}/API_CreateDomainName.html`,
    resourceRules: [
      {
        rule: "mutual TLS: regional endpoint, TLS_1_2, truststore in S3 (same region), an imported or private certificate needs an ownership verification certificate; API Gateway reports bad truststore certificates only as warnings",
        source: MTLS_REST,
        enforced: [{ review: "custom-domain-mutual-tls" }, { verify: "tools/verify/domain-checks.ts" }],
      },
    ],
    arguments: {
      domain_name: {
        rule: "a DNS name you own, at most 253 characters; no wildcard with mutual TLS",
        enforced: [{ config: "domain.name" }],
      },
      regional_certificate_arn: {
        rule: "an ISSUED ACM certificate in the API's region covering the domain",
        enforced: [
          { config: "api.serverCertificate.certificateArn" },
          { verify: "tools/verify/certificate-checks.ts" },
        ],
      },
      ownership_verification_certificate_arn: {
        rule: "a public ACM certificate for the same domain, required with an imported or private server certificate",
        source: MTLS_REST,
        enforced: [{ config: "api.serverCertificate.ownershipVerificationCertificateArn" }],
      },
      security_policy: {
        rule: "TLS_1_0 or TLS_1_2 (and the 2025 enhanced policies, which mutual TLS cannot use): mutual TLS needs TLS_1_2",
        enforced: [{ review: "mtls-domain-tls12-regional" }],
      },
      "endpoint_configuration.types": {
        rule: "REGIONAL for mutual TLS",
        enforced: [{ review: "mtls-domain-tls12-regional" }],
      },
      "endpoint_configuration.ip_address_type": {
        rule: "ipv4 or dualstack; an AAAA alias needs dualstack",
        enforced: [{ config: "domain.ipAddressType" }, { review: "aaaa-alias-dual-stack" }],
      },
      "mutual_tls_authentication.truststore_uri": {
        rule: "s3://bucket/key of a bucket in the same region",
        enforced: [{ review: "truststore-version-pinned" }],
      },
      "mutual_tls_authentication.truststore_version": {
        rule: 'an S3 version id of the object: API Gateway keeps the truststore it read until the domain is updated; "null" or empty pins nothing',
        enforced: [
          { review: "truststore-version-pinned" },
          { terraform: "aws_api_gateway_domain_name (precondition)" },
        ],
      },
    },
  },

  aws_api_gateway_base_path_mapping: {
    source: `${APIGW_V1}/API_CreateBasePathMapping.html`,
    arguments: {
      api_id: reference("REST API"),
      domain_name: reference("custom domain"),
      stage_name: reference("stage"),
    },
  },

  aws_apigatewayv2_api: {
    source: `${APIGW_V2}/apis.html`,
    arguments: {
      name: { rule: "at most 128 characters", enforced: [{ code: "stacks/api-stack.ts" }] },
      protocol_type: {
        rule: "HTTP or WEBSOCKET; mutual TLS and payload 2.0 authorizers are HTTP",
        enforced: [{ config: "api.type" }],
      },
      disable_execute_api_endpoint: {
        rule: "true so clients cannot bypass mutual TLS",
        enforced: [{ review: "default-endpoint-disabled" }, { verify: "tools/verify/execute-api-check.ts" }],
      },
    },
  },

  aws_apigatewayv2_stage: {
    source: `${APIGW_V2}/apis-apiid-stages.html`,
    arguments: {
      api_id: reference("HTTP API"),
      name: { rule: "1-128 characters; $default serves the root", enforced: [{ config: "api.stageName" }] },
      auto_deploy: { rule: "true deploys every change", enforced: [{ code: "lib/constructs/http-mtls-api.ts" }] },
      "access_log_settings.destination_arn": {
        rule: "a log group ARN (HTTP APIs need no account-wide role)",
        source: `${APIGW_GUIDE}/http-api-logging.html`,
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      "access_log_settings.format": {
        rule: "one line; $context.identity.clientCert.* carries the client certificate",
        enforced: [{ review: "stage-access-logging-client-cert" }],
      },
      "default_route_settings.detailed_metrics_enabled": {
        rule: "true or false",
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      "default_route_settings.throttling_burst_limit": {
        rule: "0 up to the account's burst quota (5000 per region)",
        source: `${APIGW_GUIDE}/limits.html`,
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      "default_route_settings.throttling_rate_limit": {
        rule: "0 up to the account's rate quota (10000 per second per region)",
        source: `${APIGW_GUIDE}/limits.html`,
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
    },
  },

  aws_apigatewayv2_integration: {
    source: `${APIGW_V2}/apis-apiid-integrations.html`,
    arguments: {
      api_id: reference("HTTP API"),
      integration_type: {
        rule: "AWS_PROXY for Lambda, HTTP_PROXY for an HTTP endpoint or a private integration",
        enforced: [{ config: "api.routes[].backend.type" }],
      },
      integration_uri: {
        rule: "a Lambda ARN, an absolute http(s) URL, or for a private integration an ALB/NLB listener ARN or Cloud Map service ARN; HTTPS backends need a publicly trusted certificate",
        enforced: [
          { config: "api.routes[].backend.url" },
          { config: "api.routes[].backend.targetArn" },
          { review: "integration-tls-to-public-backends" },
        ],
      },
      payload_format_version: {
        rule: "1.0 or 2.0 for Lambda proxy; 1.0 for HTTP proxy and private integrations",
        enforced: [{ config: "api.routes[].backend.payloadFormatVersion" }],
      },
      integration_method: {
        rule: "the HTTP method for HTTP_PROXY integrations (ANY passes the client's)",
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      connection_type: {
        rule: "INTERNET or VPC_LINK; VPC_LINK needs connection_id",
        enforced: [{ config: "api.routes[].backend.type" }],
      },
      connection_id: reference("HTTP API VPC link"),
      timeout_milliseconds: {
        rule: "50-30000 ms for an HTTP API",
        source: `${APIGW_GUIDE}/http-api-quotas.html`,
        enforced: [{ config: "api.routes[].timeoutMs" }],
      },
      request_parameters: {
        rule: "parameter mapping: append|overwrite|remove:header.<name>, querystring.<name> or path; x-amzn-* and other reserved headers cannot be set",
        source: `${APIGW_GUIDE}/http-api-parameter-mapping.html`,
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
    },
  },

  aws_apigatewayv2_route: {
    source: `${APIGW_V2}/apis-apiid-routes.html`,
    arguments: {
      api_id: reference("HTTP API"),
      route_key: { rule: '$default or "METHOD /path"', enforced: [{ code: "lib/constructs/http-mtls-api.ts" }] },
      target: { rule: "integrations/<id>", notApplicable: "derived from the integration's id" },
      authorization_type: {
        rule: "NONE, AWS_IAM, CUSTOM or JWT; CUSTOM runs the Lambda authorizer",
        enforced: [{ review: "routes-authorized" }],
      },
      authorizer_id: reference("HTTP API authorizer"),
    },
  },

  aws_apigatewayv2_authorizer: {
    source: `${APIGW_V2}/apis-apiid-authorizers.html`,
    arguments: {
      api_id: reference("HTTP API"),
      name: { rule: "1-128 characters", enforced: [{ code: "lib/constructs/http-mtls-api.ts" }] },
      authorizer_type: { rule: "REQUEST (Lambda) or JWT", enforced: [{ code: "lib/constructs/http-mtls-api.ts" }] },
      authorizer_uri: reference("Lambda function's invoke ARN"),
      authorizer_payload_format_version: {
        rule: "1.0 or 2.0; 2.0 carries requestContext.authentication.clientCert and allows simple responses",
        source: `${APIGW_GUIDE}/http-api-lambda-authorizer.html`,
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      enable_simple_responses: {
        rule: "only with payload 2.0",
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
      authorizer_result_ttl_in_seconds: {
        rule: "0-3600 seconds; above 0 needs identity_sources",
        enforced: [{ config: "api.authorizer.resultCacheTtlSeconds" }],
      },
      identity_sources: {
        rule: "request values that key the cache ($context.identity.clientCert.clientCertPem)",
        enforced: [{ code: "lib/constructs/http-mtls-api.ts" }],
      },
    },
  },

  aws_api_gateway_vpc_link: {
    source: `${APIGW_V1}/API_CreateVpcLink.html`,
    arguments: {
      name: { rule: "a name for the link", enforced: [{ config: "api.vpcLinks" }] },
      target_arns: {
        rule: "exactly one Network Load Balancer ARN in the API's account and region (REST VPC links reach NLBs only)",
        enforced: [{ config: "api.routes[].backend.targetArn" }],
      },
    },
  },

  aws_apigatewayv2_vpc_link: {
    source: `${APIGW_V2}/vpclinks.html`,
    arguments: {
      name: { rule: "1-128 characters", enforced: [{ config: "api.vpcLinks" }] },
      subnet_ids: {
        rule: "subnets of one VPC where API Gateway puts its network interfaces (one per subnet; pick subnets in the target's Availability Zones)",
        enforced: [{ config: "api.vpcLinks" }],
      },
      security_group_ids: {
        rule: "security groups of that VPC the link's network interfaces use: they must allow traffic to the load balancer",
        enforced: [{ config: "api.vpcLinks" }, { review: "vpc-link-security-groups" }],
      },
    },
  },

  aws_apigatewayv2_domain_name: {
    source: `${APIGW_V2}/domainnames.html`,
    resourceRules: [
      {
        rule: "mutual TLS: regional endpoint, TLS_1_2 (the only policy HTTP API domains take with it), truststore in S3, ownership verification for an imported or private certificate",
        source: MTLS_HTTP,
        enforced: [{ review: "custom-domain-mutual-tls" }, { verify: "tools/verify/domain-checks.ts" }],
      },
    ],
    arguments: {
      domain_name: {
        rule: "a DNS name you own, at most 512 characters; no wildcard with mutual TLS",
        enforced: [{ config: "domain.name" }],
      },
      "domain_name_configuration.certificate_arn": {
        rule: "an ISSUED ACM certificate in the region covering the domain",
        enforced: [
          { config: "api.serverCertificate.certificateArn" },
          { verify: "tools/verify/certificate-checks.ts" },
        ],
      },
      "domain_name_configuration.endpoint_type": {
        rule: "REGIONAL",
        enforced: [{ review: "mtls-domain-tls12-regional" }],
      },
      "domain_name_configuration.security_policy": {
        rule: "TLS_1_2",
        enforced: [{ review: "mtls-domain-tls12-regional" }],
      },
      "domain_name_configuration.ip_address_type": {
        rule: "ipv4 or dualstack; an AAAA alias needs dualstack",
        enforced: [{ config: "domain.ipAddressType" }, { review: "aaaa-alias-dual-stack" }],
      },
      "domain_name_configuration.ownership_verification_certificate_arn": {
        rule: "a public ACM certificate for the same domain, required with an imported or private server certificate",
        source: MTLS_HTTP,
        enforced: [{ config: "api.serverCertificate.ownershipVerificationCertificateArn" }],
      },
      "mutual_tls_authentication.truststore_uri": {
        rule: "s3://bucket/key in the same region",
        enforced: [{ review: "truststore-version-pinned" }],
      },
      "mutual_tls_authentication.truststore_version": {
        rule: 'an S3 version id of the object; "null" or empty pins nothing',
        enforced: [
          { review: "truststore-version-pinned" },
          { terraform: "aws_apigatewayv2_domain_name (precondition)" },
        ],
      },
    },
  },

  aws_apigatewayv2_api_mapping: {
    source: `${APIGW_V2}/domainnames-domainname-apimappings.html`,
    arguments: {
      api_id: reference("HTTP API"),
      domain_name: reference("custom domain"),
      stage: reference("stage"),
    },
  },
};
