import { Apigatewayv2Api } from "@cdktf/provider-aws/lib/apigatewayv2-api";
import { Apigatewayv2Authorizer } from "@cdktf/provider-aws/lib/apigatewayv2-authorizer";
import {
  Apigatewayv2Integration,
  type Apigatewayv2IntegrationConfig,
} from "@cdktf/provider-aws/lib/apigatewayv2-integration";
import { Apigatewayv2Route } from "@cdktf/provider-aws/lib/apigatewayv2-route";
import { Apigatewayv2Stage } from "@cdktf/provider-aws/lib/apigatewayv2-stage";
import { Apigatewayv2VpcLink } from "@cdktf/provider-aws/lib/apigatewayv2-vpc-link";
import { Construct } from "constructs";
import { ACCESS_LOG_FORMAT } from "../access-log-format";
import type { ApiRoute } from "../config/routes-schema";
import { httpApiIdentityMapping } from "../routes/identity-headers";
import { DEFAULT_ROUTE } from "../routes/route-key";
import {
  accessLogGroup,
  allowInvocations,
  authorizerSettings,
  DEFAULT_ROUTES,
  echoFunction,
  routeSlug,
  type MtlsApi,
  type MtlsApiProps,
} from "./api-common";

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
    const settings = authorizerSettings(props, "http");
    const authorizer = new Apigatewayv2Authorizer(this, "authorizer", {
      ...settings.shared,
      apiId: api.id,
      authorizerType: "REQUEST",
      authorizerPayloadFormatVersion: "2.0",
      enableSimpleResponses: true,
      identitySources: settings.identitySources,
    });
    const vpcLinks = new Map<string, Apigatewayv2VpcLink>();
    const vpcLink = (name: string) => {
      const link = props.vpcLinks?.[name];
      if (!link)
        throw new Error(`${props.name}: a route names the VPC link ${name}, which api.vpcLinks does not declare`);
      if (!vpcLinks.has(name)) {
        vpcLinks.set(
          name,
          new Apigatewayv2VpcLink(this, `vpc_link_${routeSlug(name)}`, {
            name: `${props.name}-${name}`,
            subnetIds: link.subnetIds ?? [],
            securityGroupIds: link.securityGroupIds ?? [],
          }),
        );
      }
      return vpcLinks.get(name)!;
    };
    for (const route of props.routes ?? DEFAULT_ROUTES) {
      // The default route keeps the names it had before routes were configurable: its addresses stay put.
      const isDefault = route.route === DEFAULT_ROUTE;
      const integration = new Apigatewayv2Integration(
        this,
        isDefault ? "backend_integration" : `${routeSlug(route.route)}_integration`,
        { apiId: api.id, ...this.integrationFor(route, props, vpcLink) },
      );
      new Apigatewayv2Route(this, isDefault ? "default_route" : `route_${routeSlug(route.route)}`, {
        apiId: api.id,
        routeKey: route.route,
        target: `integrations/${integration.id}`,
        authorizationType: "CUSTOM",
        authorizerId: authorizer.id,
      });
    }
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
      apiType: "http",
    });
    this.apiId = api.id;
    this.stageName = stage.name;
  }

  /** The integration of one route: Lambda proxy (echo or a function by ARN), HTTP proxy, or a private integration. */
  private integrationFor(
    route: ApiRoute,
    props: MtlsApiProps,
    vpcLink: (name: string) => Apigatewayv2VpcLink,
  ): Omit<Apigatewayv2IntegrationConfig, "apiId"> {
    const timeout = route.timeoutMs === undefined ? {} : { timeoutMilliseconds: route.timeoutMs };
    const { backend } = route;
    switch (backend.type) {
      case "echo":
        return {
          integrationType: "AWS_PROXY",
          integrationUri: echoFunction(props).invokeArn,
          payloadFormatVersion: "2.0",
          ...timeout,
        };
      case "lambda":
        return {
          integrationType: "AWS_PROXY",
          integrationUri: backend.functionArn,
          payloadFormatVersion: backend.payloadFormatVersion ?? "2.0",
          ...timeout,
        };
      case "http":
        return {
          integrationType: "HTTP_PROXY",
          integrationMethod: "ANY",
          integrationUri: backend.url,
          requestParameters: httpApiIdentityMapping(),
          ...timeout,
        };
      case "vpc-link":
        return {
          integrationType: "HTTP_PROXY",
          integrationMethod: "ANY",
          connectionType: "VPC_LINK",
          connectionId: vpcLink(backend.vpcLink).id,
          integrationUri: backend.targetArn,
          requestParameters: httpApiIdentityMapping(),
          ...timeout,
        };
    }
  }
}
