// Pieces both API types share: the access-log group and the scoped invoke permission.
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { Construct } from "constructs";
import { named } from "../readable-id";

export interface MtlsApiProps {
  /** Name of the API in API Gateway. */
  readonly name: string;
  readonly stageName: string;
  /** The function every request is proxied to. */
  readonly backend: LambdaFunction;
  readonly logRetentionDays: number;
}

/** What the custom domain needs to serve an API. */
export interface MtlsApi {
  readonly apiId: string;
  readonly stageName: string;
}

export function accessLogGroup(
  scope: Construct,
  id: string,
  apiName: string,
  retentionDays: number,
): CloudwatchLogGroup {
  return named(
    new CloudwatchLogGroup(scope, "access_logs", {
      name: `/aws/apigateway/${apiName}/access`,
      retentionInDays: retentionDays,
    }),
    `${id}_access_logs`,
  );
}

/** Lets this API's stage, and nothing else, invoke the function. */
export function allowInvoke(
  scope: Construct,
  logicalId: string,
  fn: LambdaFunction,
  executionArn: string,
  stageName: string,
): LambdaPermission {
  return named(
    new LambdaPermission(scope, logicalId, {
      action: "lambda:InvokeFunction",
      functionName: fn.functionName,
      principal: "apigateway.amazonaws.com",
      sourceArn: `${executionArn}/${stageName}/*`,
    }),
    logicalId,
  );
}
