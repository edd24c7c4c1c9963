import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";

export interface PrivateBucketProps {
  readonly bucketName: string;
  /** Keep every object version. @default false */
  readonly versioned?: boolean;
  /**
   * Let Terraform delete the bucket with objects it does not track still in it (a service writes them, as ACM
   * Private CA writes CRLs); without it, destroy ends in BucketNotEmpty. @default false
   */
  readonly forceDestroy?: boolean;
  /** Statements added to the bucket policy after the TLS-only deny. @default none */
  readonly policyStatements?: (bucketArn: string) => DataAwsIamPolicyDocumentStatement[];
}

/**
 * An S3 bucket that cannot be made public: ACLs disabled, all four public-access blocks on, encrypted at
 * rest, and a policy that refuses any request not made over TLS.
 */
export class PrivateBucket extends Construct {
  readonly bucket: S3Bucket;
  /** Resources that must exist before anything writes to the bucket. */
  readonly ready: ITerraformDependable[];

  constructor(
    scope: Construct,
    readonly id: string,
    props: PrivateBucketProps,
  ) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "Resource", { bucket: props.bucketName, forceDestroy: props.forceDestroy });
    const bucket = this.bucket.id;

    const ownership = new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      rule: { objectOwnership: "BucketOwnerEnforced" },
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public_access_block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const policyDocument = new DataAwsIamPolicyDocument(this, "policy_document", {
      statement: [
        {
          sid: "DenyRequestsWithoutTls",
          effect: "Deny",
          principals: [{ type: "*", identifiers: ["*"] }],
          actions: ["s3:*"],
          resources: [this.bucket.arn, `${this.bucket.arn}/*`],
          condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
        },
        ...(props.policyStatements?.(this.bucket.arn) ?? []),
      ],
    });
    // The one name that does not follow from the construct path (lib/logical-ids.ts): the document shares its name
    // with the policy it feeds, and sibling construct ids cannot.
    policyDocument.overrideLogicalId(`${id}_policy`);
    const policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: policyDocument.json,
      dependsOn: [publicAccess],
    });
    this.ready = [ownership, publicAccess, encryption, policy];
    if (props.versioned) {
      this.ready.push(
        new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } }),
      );
    }
  }
}
