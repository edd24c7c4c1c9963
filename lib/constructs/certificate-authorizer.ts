import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import type { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { AccessRules } from "../../functions/authorizer/access";
import { writeEnvironment } from "../../functions/authorizer/settings";
import type { Config } from "../config/schema";
import { NodeFunction } from "./node-function";

export interface CertificateAuthorizerProps {
  readonly functionName: string;
  /** PEM of each CA whose client certificates are accepted, by CA name (a map-valued remote-state output). */
  readonly issuingCaCertificatesPem: Record<string, string>;
  readonly crlBucketName: string;
  /** Object key of each of those CAs' CRL, by the same CA names (a map-valued remote-state output). */
  readonly crlObjectKeys: Record<string, string>;
  readonly settings: Config["api"]["authorizer"];
  /** Which clients may call which route. @default none: every trusted client may call every route */
  readonly access?: AccessRules;
  readonly logRetentionDays: number;
}

/**
 * The revocation-aware authorizer function (functions/authorizer): it may read the issuing CAs' CRL objects and
 * write its own logs and traces, nothing else.
 */
export class CertificateAuthorizer extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: CertificateAuthorizerProps) {
    super(scope, id);
    const partition = new DataAwsPartition(this, "partition");
    const fn = new NodeFunction(this, id, {
      functionName: props.functionName,
      source: "authorizer",
      logRetentionDays: props.logRetentionDays,
      // More memory buys CPU: a first CRL load of 100,000 entries parses in well under a second at this size.
      memoryMb: 512,
      environment: writeEnvironment(
        {
          issuingCas: props.issuingCaCertificatesPem,
          crlBucket: props.crlBucketName,
          crlKeys: props.crlObjectKeys,
          crlRefreshSeconds: props.settings.crlRefreshSeconds,
          crlGraceSeconds: props.settings.crlGraceSeconds,
          crlClockSkewSeconds: props.settings.crlClockSkewSeconds,
          access: props.access,
        },
        // The CA maps are remote-state values: Terraform encodes them; the access rules are known now.
        { json: (value) => (value === props.access ? JSON.stringify(value) : Fn.jsonencode(value)) },
      ),
      permissions: [
        {
          sid: "ReadIssuingCaCrls",
          actions: ["s3:GetObject"],
          resources: Fn.formatlist(`arn:${partition.partition}:s3:::${props.crlBucketName}/%s`, [
            Fn.values(props.crlObjectKeys),
          ]),
        },
      ],
    });
    this.function = fn.function;
  }
}
