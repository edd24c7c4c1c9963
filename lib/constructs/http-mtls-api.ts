import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Construct } from "constructs";
import { ACCESS_LOG_FORMAT } from "../access-log-format";
import { accessLogGroup, allowInvocations, authorizerSettings, type MtlsApi, type MtlsApiProps } from "./api-common";

/**
 * An HTTP API reachable only through its mTLS custom domain (the execute-api endpoint is disabled), with every
 * route behind the revocation-aware Lambda authorizer.
 */
export class HttpMtlsApi extends Construct implements MtlsApi {
  readonly apiId: string;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: MtlsApiProps) {
    super(scope, id);
    const api = new Apigatewayv2Api(this, "Resource", {
      name: props.name,
      protocolType: "HTTP",
      disableExecuteApiEndpoint: true,
    });
    const integration = new Apigatewayv2Integration(this, "backend_integration", {
      apiId: api.id,
      integrationType: "AWS_PROXY",
      integrationUri: props.backend.invokeArn,
      payloadFormatVersion: "2.0",
    });
    const settings = authorizerSettings(props, "$context.");
    const authorizer = new Apigatewayv2Authorizer(this, "authorizer", {
      ...settings.shared,
      apiId: api.id,
      authorizerType: "REQUEST",
      authorizerPayloadFormatVersion: "2.0",
      enableSimpleResponses: true,
      identitySources: settings.identitySources,
    });
    new Apigatewayv2Route(this, "default_route", {
      apiId: api.id,
      routeKey: "$default",
      target: `integrations/${integration.id}`,
      authorizationType: "CUSTOM",
      authorizerId: authorizer.id,
    });
    const logs = accessLogGroup(this, props.name, props.logRetentionDays);
    const stage = new Apigatewayv2Stage(this, "stage", {
      apiId: api.id,
      name: props.stageName,
      autoDeploy: true,
      accessLogSettings: { destinationArn: logs.arn, format: ACCESS_LOG_FORMAT },
      defaultRouteSettings: { detailedMetricsEnabled: true, throttlingBurstLimit: 100, throttlingRateLimit: 50 },
    });
    allowInvocations(this, props, {
      executionArn: api.executionArn,
      stageName: stage.name,
      authorizerId: authorizer.id,
    });
    this.apiId = api.id;
    this.stageName = stage.name;
  }
}
