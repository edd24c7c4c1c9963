import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { bundleFunction, type FunctionName } from "../bundling/bundle";
import { LAMBDA_RUNTIME } from "../bundling/runtime";

export interface NodeFunctionProps {
  readonly functionName: string;
  /** The handler's folder under functions/. */
  readonly source: FunctionName;
  readonly logRetentionDays: number;
  /** @default none */
  readonly environment?: Record<string, string>;
  /** What the function may do beyond writing its own logs and traces. @default nothing */
  readonly permissions?: DataAwsIamPolicyDocumentStatement[];
  /** @default 10 */
  readonly timeoutSeconds?: number;
  /** @default 256 */
  readonly memoryMb?: number;
}

/**
 * A Node.js Lambda function (LAMBDA_RUNTIME) bundled from functions/<source>, with its own log group (retention set), a
 * role that may write only to that group, X-Ray tracing, and JSON logs.
 */
export class NodeFunction extends Construct {
  readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    const bundle = bundleFunction(props.source);
    const asset = new TerraformAsset(this, "code", {
      path: bundle.zipFile,
      type: AssetType.FILE,
      assetHash: bundle.sha256Hex.slice(0, 32).toUpperCase(),
    });

    const logGroup = new CloudwatchLogGroup(this, "log_group", {
      name: `/aws/lambda/${props.functionName}`,
      retentionInDays: props.logRetentionDays,
    });
    const assumeRole = new DataAwsIamPolicyDocument(this, "assume_role", {
      statement: [
        {
          actions: ["sts:AssumeRole"],
          principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }],
        },
      ],
    });
    const role = new IamRole(this, "role", { name: props.functionName, assumeRolePolicy: assumeRole.json });
    const permissions = new DataAwsIamPolicyDocument(this, "permissions", {
      statement: [
        {
          sid: "WriteOwnLogs",
          actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
          resources: [`${logGroup.arn}:*`],
        },
        {
          sid: "WriteTraces",
          actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
          resources: ["*"],
        },
        ...(props.permissions ?? []),
      ],
    });
    const policy = new IamRolePolicy(this, "policy", {
      name: props.functionName,
      role: role.id,
      policy: permissions.json,
    });

    this.function = new LambdaFunction(this, "Resource", {
      functionName: props.functionName,
      role: role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: ["arm64"],
      handler: "index.handler",
      filename: asset.path,
      sourceCodeHash: bundle.sha256,
      timeout: props.timeoutSeconds ?? 10,
      memorySize: props.memoryMb ?? 256,
      tracingConfig: { mode: "Active" },
      loggingConfig: { logFormat: "JSON", logGroup: logGroup.name },
      environment: props.environment ? { variables: props.environment } : undefined,
      dependsOn: [logGroup, policy],
    });
  }
}
