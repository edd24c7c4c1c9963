import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import {
  ApiGatewayIntegration,
  type ApiGatewayIntegrationConfig,
} from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayVpcLink } from "@cdktf/provider-aws/lib/api-gateway-vpc-link";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ACCESS_LOG_FORMAT } from "../access-log-format";
import { ACCOUNT_LOGGING_ROLE_OUTSIDE, ACCOUNT_LOGGING_ROLE_TAG } from "../account-logging-role";
import type { ApiRoute } from "../config/routes-schema";
import { restApiIdentityMapping } from "../routes/identity-headers";
import { DEFAULT_ROUTE, parseRouteKey, pathParameters, restMethodKeys } from "../routes/route-key";
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

export interface RestMtlsApiProps extends MtlsApiProps {
  /** A new truststore version redeploys the stage, so the change is visible as one deployment. */
  readonly truststoreVersion: string;
  /**
   * Create the CloudWatch Logs role REST access logging needs and set it in the account's API Gateway settings
   * (one per account and region). false: the account already has one, and the stage says so in a tag.
   */
  readonly manageAccountLoggingRole: boolean;
}

/**
 * A regional REST API reachable only through its mTLS custom domain, with every method behind the
 * revocation-aware Lambda authorizer. Disabling execute-api and changing a method's authorizer take effect only
 * with a new deployment, so the deployment's trigger includes both.
 */
export class RestMtlsApi extends Construct implements MtlsApi {
  readonly apiId: string;
  readonly stageName: string;

  constructor(scope: Construct, id: string, props: RestMtlsApiProps) {
    super(scope, id);
    const api = new ApiGatewayRestApi(this, "Resource", {
      name: props.name,
      endpointConfiguration: { types: ["REGIONAL"] },
      disableExecuteApiEndpoint: true,
    });
    const settings = authorizerSettings(props, "rest");
    const authorizer = new ApiGatewayAuthorizer(this, "authorizer", {
      ...settings.shared,
      restApiId: api.id,
      type: "REQUEST",
      identitySource: settings.identitySources.join(","),
    });
    const resources = new RestResources(this, api);
    const vpcLinks = new Map<string, ApiGatewayVpcLink>();
    const vpcLink = (name: string) => {
      if (!vpcLinks.has(name)) {
        const targets = (props.routes ?? []).flatMap((route) =>
          route.backend.type === "vpc-link" && route.backend.vpcLink === name ? [route.backend.targetArn] : [],
        );
        vpcLinks.set(
          name,
          new ApiGatewayVpcLink(this, `vpc_link_${routeSlug(name)}`, {
            name: `${props.name}-${name}`,
            targetArns: [...new Set(targets)],
          }),
        );
      }
      return vpcLinks.get(name)!;
    };
    const routes = (props.routes ?? DEFAULT_ROUTES).flatMap((route) =>
      restMethodKeys(route.route).map((key) => {
        const { method: httpMethod, path } = parseRouteKey(key);
        // The default route keeps the names it had before routes were configurable: its addresses stay put.
        const name = route.route === DEFAULT_ROUTE ? (path === "/" ? "root" : "proxy") : routeSlug(key);
        const resourceId = resources.idOf(path ?? "/");
        const forwardsPath = route.backend.type === "http" || route.backend.type === "vpc-link";
        const parameters = forwardsPath ? pathParameters(path) : [];
        const method = new ApiGatewayMethod(this, `${name}_method`, {
          restApiId: api.id,
          resourceId,
          httpMethod,
          authorization: "CUSTOM",
          authorizerId: authorizer.id,
          ...(parameters.length
            ? { requestParameters: Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])) }
            : {}),
        });
        const integration = new ApiGatewayIntegration(this, `${name}_integration`, {
          restApiId: api.id,
          resourceId,
          httpMethod: method.httpMethod,
          ...restIntegration(route, props, vpcLink, httpMethod),
          ...(forwardsPath
            ? {
                requestParameters: {
                  ...restApiIdentityMapping(),
                  ...Object.fromEntries(
                    parameters.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`]),
                  ),
                },
              }
            : {}),
          ...(route.timeoutMs === undefined ? {} : { timeoutMilliseconds: route.timeoutMs }),
        });
        const changes =
          route.backend.type === "echo"
            ? []
            : [integration.timeoutMilliseconds, integration.connectionId, integration.requestParameters];
        return { method, integration, changes };
      }),
    );

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: api.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            api.id,
            api.disableExecuteApiEndpoint,
            ...resources.ids(),
            ...routes.flatMap(({ method, integration, changes }) => [
              method.id,
              method.authorizerId,
              integration.id,
              integration.uri,
              ...changes,
            ]),
            authorizer.id,
            authorizer.authorizerUri,
            authorizer.authorizerResultTtlInSeconds,
            authorizer.identitySource,
            props.truststoreVersion,
          ]),
        ),
      },
      lifecycle: { createBeforeDestroy: true },
    });
    const logs = accessLogGroup(this, props.name, props.logRetentionDays);
    const accountSettings = props.manageAccountLoggingRole ? [this.accountLoggingRole(props.name)] : [];
    const stage = new ApiGatewayStage(this, "stage", {
      restApiId: api.id,
      deploymentId: deployment.id,
      stageName: props.stageName,
      xrayTracingEnabled: true,
      accessLogSettings: { destinationArn: logs.arn, format: ACCESS_LOG_FORMAT },
      dependsOn: accountSettings,
      tags: props.manageAccountLoggingRole ? undefined : { [ACCOUNT_LOGGING_ROLE_TAG]: ACCOUNT_LOGGING_ROLE_OUTSIDE },
    });
    allowInvocations(this, props, {
      executionArn: api.executionArn,
      stageName: stage.stageName,
      authorizerId: authorizer.id,
      apiType: "rest",
    });
    this.apiId = api.id;
    this.stageName = stage.stageName;
  }

  /**
   * The account-and-region API Gateway setting REST access logging needs. Set only after the role may write logs,
   * and reset on destroy (without reset_on_delete the account keeps pointing at a deleted role).
   */
  private accountLoggingRole(apiName: string): ApiGatewayAccount {
    const assume = new DataAwsIamPolicyDocument(this, "logging_assume_role", {
      statement: [
        { actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["apigateway.amazonaws.com"] }] },
      ],
    });
    const role = new IamRole(this, "logging_role", {
      name: `${apiName}-apigateway-logging`,
      assumeRolePolicy: assume.json,
    });
    const partition = new DataAwsPartition(this, "partition");
    const attachment = new IamRolePolicyAttachment(this, "logging_policy", {
      role: role.name,
      policyArn: `arn:${partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs`,
    });
    return new ApiGatewayAccount(this, "account_settings", {
      cloudwatchRoleArn: role.arn,
      resetOnDelete: true,
      dependsOn: [attachment],
    });
  }
}

/** The REST resource tree the routes' paths need, each resource made once (the greedy proxy keeps its old name). */
class RestResources {
  private readonly byPath = new Map<string, ApiGatewayResource>();

  constructor(
    private readonly scope: Construct,
    private readonly api: ApiGatewayRestApi,
  ) {}

  idOf(path: string): string {
    if (path === "/") return this.api.rootResourceId;
    const known = this.byPath.get(path);
    if (known) return known.id;
    const parent = path.slice(0, path.lastIndexOf("/")) || "/";
    const resource = new ApiGatewayResource(
      this.scope,
      path === "/{proxy+}" ? "proxy_resource" : `resource_${routeSlug(path)}`,
      { restApiId: this.api.id, parentId: this.idOf(parent), pathPart: path.slice(path.lastIndexOf("/") + 1) },
    );
    this.byPath.set(path, resource);
    return resource.id;
  }

  ids(): string[] {
    return [...this.byPath.values()].map((resource) => resource.id);
  }
}

type IntegrationTarget = Pick<
  ApiGatewayIntegrationConfig,
  "type" | "integrationHttpMethod" | "uri" | "connectionType" | "connectionId"
>;

/** One method's integration: Lambda proxy (echo or a function by ARN), HTTP proxy, or a private integration. */
function restIntegration(
  route: ApiRoute,
  props: MtlsApiProps,
  vpcLink: (name: string) => ApiGatewayVpcLink,
  httpMethod: string,
): IntegrationTarget {
  const { backend } = route;
  switch (backend.type) {
    case "echo":
      return { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: echoFunction(props).invokeArn };
    case "lambda": {
      const [, partition, , region] = backend.functionArn.split(":");
      return {
        type: "AWS_PROXY",
        integrationHttpMethod: "POST",
        uri: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${backend.functionArn}/invocations`,
      };
    }
    case "http":
      return { type: "HTTP_PROXY", integrationHttpMethod: httpMethod, uri: backend.url };
    case "vpc-link":
      return {
        type: "HTTP_PROXY",
        integrationHttpMethod: httpMethod,
        uri: backend.url,
        connectionType: "VPC_LINK",
        connectionId: vpcLink(backend.vpcLink).id,
      };
  }
}
