import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Construct } from "constructs";
import { ENVIRONMENT } from "../../functions/authorizer/settings";
import type { Config } from "../config/schema";
import { named } from "../readable-id";
import { NodeFunction } from "./node-function";

export interface CertificateAuthorizerProps {
  readonly functionName: string;
  /** PEM of the CA that issues client certificates (and signs the CRL). */
  readonly issuingCaCertificatePem: string;
  readonly crlBucketName: string;
  readonly crlObjectKey: string;
  readonly settings: Config["api"]["authorizer"];
  readonly logRetentionDays: number;
}

/**
 * The revocation-aware authorizer function (functions/authorizer): it may read the issuing CA's CRL object and
 * write its own logs and traces, nothing else.
 */
export class CertificateAuthorizer extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: CertificateAuthorizerProps) {
    super(scope, id);
    const partition = named(new DataAwsPartition(this, "partition"), `${id}_partition`);
    const fn = new NodeFunction(this, id, {
      functionName: props.functionName,
      source: "authorizer",
      logRetentionDays: props.logRetentionDays,
      // More memory buys CPU: a first CRL load of 100,000 entries parses in well under a second at this size.
      memoryMb: 512,
      environment: {
        [ENVIRONMENT.issuingCaPem]: props.issuingCaCertificatePem,
        [ENVIRONMENT.crlBucket]: props.crlBucketName,
        [ENVIRONMENT.crlKey]: props.crlObjectKey,
        [ENVIRONMENT.crlRefreshSeconds]: String(props.settings.crlRefreshSeconds),
        [ENVIRONMENT.crlGraceSeconds]: String(props.settings.crlGraceSeconds),
      },
      permissions: [
        {
          sid: "ReadIssuingCaCrl",
          actions: ["s3:GetObject"],
          resources: [`arn:${partition.partition}:s3:::${props.crlBucketName}/${props.crlObjectKey}`],
        },
      ],
    });
    this.function = fn.function;
  }
}
