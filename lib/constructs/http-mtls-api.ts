import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Integration } from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Construct } from "constructs";
import { ACCESS_LOG_FORMAT } from "../access-log-format";
import { named } from "../readable-id";
import { accessLogGroup, allowInvoke, type MtlsApi, type MtlsApiProps } from "./api-common";

/** An HTTP API reachable only through its mTLS custom domain: the execute-api endpoint is disabled. */
export class HttpMtlsApi extends Construct implements MtlsApi {
  readonly apiId: string;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: MtlsApiProps) {
    super(scope, id);
    const api = named(
      new Apigatewayv2Api(this, "api", {
        name: props.name,
        protocolType: "HTTP",
        disableExecuteApiEndpoint: true,
      }),
      id,
    );
    const integration = named(
      new Apigatewayv2Integration(this, "integration", {
        apiId: api.id,
        integrationType: "AWS_PROXY",
        integrationUri: props.backend.invokeArn,
        payloadFormatVersion: "2.0",
      }),
      `${id}_backend_integration`,
    );
    named(
      new Apigatewayv2Route(this, "route", {
        apiId: api.id,
        routeKey: "$default",
        target: `integrations/${integration.id}`,
      }),
      `${id}_default_route`,
    );
    const logs = accessLogGroup(this, id, props.name, props.logRetentionDays);
    const stage = named(
      new Apigatewayv2Stage(this, "stage", {
        apiId: api.id,
        name: props.stageName,
        autoDeploy: true,
        accessLogSettings: { destinationArn: logs.arn, format: ACCESS_LOG_FORMAT },
        defaultRouteSettings: { detailedMetricsEnabled: true, throttlingBurstLimit: 100, throttlingRateLimit: 50 },
      }),
      `${id}_stage`,
    );
    allowInvoke(this, `${id}_invoke_backend`, props.backend, api.executionArn, stage.name);
    this.apiId = api.id;
    this.stageName = stage.name;
  }
}
