// Pieces both API types share: the access-log group, the authorizer's settings and the scoped invoke permission.
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import type { Construct } from "constructs";

export interface MtlsAuthorizerProps {
  /** The REQUEST authorizer function (functions/authorizer): every route and method goes through it. */
  readonly function: LambdaFunction;
  /** Seconds API Gateway caches a decision per client certificate; 0 turns caching off. */
  readonly resultCacheTtlSeconds: number;
}

export interface MtlsApiProps {
  /** Name of the API in API Gateway. */
  readonly name: string;
  readonly stageName: string;
  /** The function every request is proxied to. */
  readonly backend: LambdaFunction;
  readonly authorizer: MtlsAuthorizerProps;
  readonly logRetentionDays: number;
}

/**
 * What both API types' authorizer resources share. A cached decision is keyed on the certificate's issuer and
 * serial number, which name one certificate (RFC 5280 makes the pair unique); HTTP APIs write these request
 * values as $context.<name>, REST APIs as context.<name>.
 */
export function authorizerSettings(props: MtlsApiProps, contextPrefix: "$context." | "context.") {
  return {
    shared: {
      name: `${props.name}-client-certificate`,
      authorizerUri: props.authorizer.function.invokeArn,
      authorizerResultTtlInSeconds: props.authorizer.resultCacheTtlSeconds,
    },
    identitySources: ["identity.clientCert.issuerDN", "identity.clientCert.serialNumber"].map(
      (name) => `${contextPrefix}${name}`,
    ),
  };
}

/** What the custom domain needs to serve an API. */
export interface MtlsApi {
  readonly apiId: string;
  readonly stageName: string;
}

export function accessLogGroup(scope: Construct, apiName: string, retentionDays: number): CloudwatchLogGroup {
  return new CloudwatchLogGroup(scope, "access_logs", {
    name: `/aws/apigateway/${apiName}/access`,
    retentionInDays: retentionDays,
  });
}

/** Lets this API's stage invoke the backend and this API's authorizer invoke the authorizer function, nothing else. */
export function allowInvocations(
  scope: Construct,
  props: MtlsApiProps,
  api: { executionArn: string; stageName: string; authorizerId: string },
): void {
  allowInvoke(scope, "invoke_backend", props.backend, `${api.executionArn}/${api.stageName}/*`);
  allowInvoke(
    scope,
    "invoke_authorizer",
    props.authorizer.function,
    `${api.executionArn}/authorizers/${api.authorizerId}`,
  );
}

function allowInvoke(scope: Construct, id: string, fn: LambdaFunction, sourceArn: string): LambdaPermission {
  return new LambdaPermission(scope, id, {
    action: "lambda:InvokeFunction",
    functionName: fn.functionName,
    principal: "apigateway.amazonaws.com",
    sourceArn,
  });
}
