// The certificate authority in acm-pca mode: an ACM Private CA root, an issuing CA it signs with path length
// 0, a CRL bucket both publish to, and the client certificates from config as ACM private certificates.
// Private keys stay inside ACM Private CA and ACM; only public certificates leave.
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmpcaCertificate } from "@cdktf/provider-aws/lib/acmpca-certificate";
import {
  AcmpcaCertificateAuthority,
  type AcmpcaCertificateAuthorityConfig,
} from "@cdktf/provider-aws/lib/acmpca-certificate-authority";
import { AcmpcaCertificateAuthorityCertificate } from "@cdktf/provider-aws/lib/acmpca-certificate-authority-certificate";
import { AcmpcaPermission } from "@cdktf/provider-aws/lib/acmpca-permission";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { AcmPcaPkiConfig } from "../../config/pki-schema";
import { PrivateBucket } from "../private-bucket";
import { pemBundle } from "../../pem-bundle";
import type { PkiAuthorityOutputs } from "./authority-outputs";

type CaSettings = AcmPcaPkiConfig["rootCa"];

export interface AcmPcaAuthorityProps {
  readonly pki: AcmPcaPkiConfig;
  readonly crlBucketName: string;
}

export class AcmPcaAuthority extends Construct {
  readonly outputs: PkiAuthorityOutputs;

  constructor(scope: Construct, id: string, props: AcmPcaAuthorityProps) {
    super(scope, id);
    const pki = props.pki;
    const account = new DataAwsCallerIdentity(this, "current_account");
    const partition = new DataAwsPartition(this, "current_partition");
    const region = new DataAwsRegion(this, "current_region");
    const template = (name: string) => `arn:${partition.partition}:acm-pca:::template/${name}/V1`;
    // The CAs cannot be named here (they depend on this policy), so the policy admits this account's CAs in this
    // region, as AWS's knowledge-center policy for ACM Private CA CRLs scopes by both keys.
    const certificateAuthoritiesOfThisAccount = `arn:${partition.partition}:acm-pca:${region.name}:${account.accountId}:certificate-authority/*`;

    const crlBucket = new PrivateBucket(this, "crl_bucket", {
      bucketName: props.crlBucketName,
      // ACM Private CA writes the CRLs; Terraform does not track them. Destroyable exactly when the CAs are.
      forceDestroy: !pki.deletionProtection,
      policyStatements: (bucketArn) => [
        {
          sid: "AllowAcmPrivateCaOfThisAccountToPublishCrls",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["acm-pca.amazonaws.com"] }],
          actions: ["s3:PutObject", "s3:PutObjectAcl", "s3:GetBucketAcl", "s3:GetBucketLocation"],
          resources: [bucketArn, `${bucketArn}/*`],
          condition: [
            { test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] },
            { test: "ArnLike", variable: "aws:SourceArn", values: [certificateAuthoritiesOfThisAccount] },
          ],
        },
      ],
    });

    const authority = (
      id: string,
      type: "ROOT" | "SUBORDINATE",
      ca: CaSettings,
      extra: Partial<AcmpcaCertificateAuthorityConfig>,
    ) =>
      new AcmpcaCertificateAuthority(this, id, {
        type,
        certificateAuthorityConfiguration: {
          keyAlgorithm: pki.keyAlgorithm,
          signingAlgorithm: pki.signingAlgorithm,
          subject: ca.subject,
        },
        revocationConfiguration: {
          crlConfiguration: {
            enabled: true,
            expirationInDays: pki.crl.expirationDays,
            s3BucketName: crlBucket.bucket.bucket,
            s3ObjectAcl: "BUCKET_OWNER_FULL_CONTROL",
          },
        },
        permanentDeletionTimeInDays: pki.permanentDeletionDays,
        lifecycle: { preventDestroy: pki.deletionProtection },
        dependsOn: crlBucket.ready,
        ...extra,
      });
    const validity = (ca: CaSettings) => ({ type: "YEARS", value: String(ca.validityYears) });

    const rootCa = authority("root_ca", "ROOT", pki.rootCa, { usageMode: "GENERAL_PURPOSE" });
    const rootCertificate = new AcmpcaCertificate(this, "root_ca_certificate", {
      certificateAuthorityArn: rootCa.arn,
      certificateSigningRequest: rootCa.certificateSigningRequest,
      signingAlgorithm: pki.signingAlgorithm,
      templateArn: template("RootCACertificate"),
      validity: validity(pki.rootCa),
    });
    const rootActivation = new AcmpcaCertificateAuthorityCertificate(this, "root_ca_activation", {
      certificateAuthorityArn: rootCa.arn,
      certificate: rootCertificate.certificate,
    });

    const issuingCa = authority("issuing_ca", "SUBORDINATE", pki.issuingCa, { usageMode: pki.usageMode });
    // PathLen0: the issuing CA can sign end-entity certificates only, never another CA.
    const issuingCertificate = new AcmpcaCertificate(this, "issuing_ca_certificate", {
      certificateAuthorityArn: rootCa.arn,
      certificateSigningRequest: issuingCa.certificateSigningRequest,
      signingAlgorithm: pki.signingAlgorithm,
      templateArn: template("SubordinateCACertificate_PathLen0"),
      validity: validity(pki.issuingCa),
      dependsOn: [rootActivation],
    });
    const issuingActivation = new AcmpcaCertificateAuthorityCertificate(this, "issuing_ca_activation", {
      certificateAuthorityArn: issuingCa.arn,
      certificate: issuingCertificate.certificate,
      certificateChain: issuingCertificate.certificateChain,
    });

    // ACM Private CA writes each CA's CRL, DER-encoded, to crl/<CA id>.crl.
    const crlObjectKey = `crl/${Fn.element(Fn.split("/", issuingCa.arn), 1)}.crl`;
    this.outputs = {
      root_ca_certificate_pem: rootCertificate.certificate,
      issuing_ca_certificate_pem: issuingCertificate.certificate,
      issuing_ca_certificates_pem: { issuing_ca: issuingCertificate.certificate },
      ca_chain_pem: pemBundle([issuingCertificate.certificate, rootCertificate.certificate]),
      issuing_ca_arn: issuingCa.arn,
      crl_bucket_name: crlBucket.bucket.bucket,
      crl_object_key: crlObjectKey,
      crl_object_keys: { issuing_ca: crlObjectKey },
      client_certificate_arns: this.issueClientCertificates(pki, issuingCa, issuingActivation),
    };
  }

  /** ACM private certificates: ACM holds the keys and renews them; export one with a passphrase to use it. */
  private issueClientCertificates(
    pki: AcmPcaPkiConfig,
    issuingCa: AcmpcaCertificateAuthority,
    issuingActivation: AcmpcaCertificateAuthorityCertificate,
  ): Record<string, string> {
    if (pki.clients.length === 0) return {};
    const renewalPermission = new AcmpcaPermission(this, "acm_renewal_permission", {
      certificateAuthorityArn: issuingCa.arn,
      principal: "acm.amazonaws.com",
      actions: ["IssueCertificate", "GetCertificate", "ListPermissions"],
    });
    return Object.fromEntries(
      pki.clients.map((client) => {
        const id = `client_certificate_${client.name}`;
        const certificate = new AcmCertificate(this, id, {
          domainName: client.domainName,
          certificateAuthorityArn: issuingCa.arn,
          keyAlgorithm: client.keyAlgorithm,
          tags: { "mtls:client": client.name },
          dependsOn: [issuingActivation, renewalPermission],
        });
        return [client.name, certificate.arn];
      }),
    );
  }
}
