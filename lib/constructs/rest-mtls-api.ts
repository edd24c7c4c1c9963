import { ApiGatewayAccount } from "@cdktf/provider-aws/lib/api-gateway-account";
import { ApiGatewayAuthorizer } from "@cdktf/provider-aws/lib/api-gateway-authorizer";
import { ApiGatewayDeployment } from "@cdktf/provider-aws/lib/api-gateway-deployment";
import { ApiGatewayIntegration } from "@cdktf/provider-aws/lib/api-gateway-integration";
import { ApiGatewayMethod } from "@cdktf/provider-aws/lib/api-gateway-method";
import { ApiGatewayResource } from "@cdktf/provider-aws/lib/api-gateway-resource";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import { ACCESS_LOG_FORMAT } from "../access-log-format";
import { ACCOUNT_LOGGING_ROLE_OUTSIDE, ACCOUNT_LOGGING_ROLE_TAG } from "../account-logging-role";
import { accessLogGroup, allowInvocations, authorizerSettings, type MtlsApi, type MtlsApiProps } from "./api-common";

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
    const proxy = new ApiGatewayResource(this, "proxy_resource", {
      restApiId: api.id,
      parentId: api.rootResourceId,
      pathPart: "{proxy+}",
    });
    const settings = authorizerSettings(props, "context.");
    const authorizer = new ApiGatewayAuthorizer(this, "authorizer", {
      ...settings.shared,
      restApiId: api.id,
      type: "REQUEST",
      identitySource: settings.identitySources.join(","),
    });
    const routes = [
      { name: "root", resourceId: api.rootResourceId },
      { name: "proxy", resourceId: proxy.id },
    ].map(({ name, resourceId }) => {
      const method = new ApiGatewayMethod(this, `${name}_method`, {
        restApiId: api.id,
        resourceId,
        httpMethod: "ANY",
        authorization: "CUSTOM",
        authorizerId: authorizer.id,
      });
      const integration = new ApiGatewayIntegration(this, `${name}_integration`, {
        restApiId: api.id,
        resourceId,
        httpMethod: method.httpMethod,
        type: "AWS_PROXY",
        integrationHttpMethod: "POST",
        uri: props.backend.invokeArn,
      });
      return { method, integration };
    });

    const deployment = new ApiGatewayDeployment(this, "deployment", {
      restApiId: api.id,
      triggers: {
        redeployment: Fn.sha1(
          Fn.jsonencode([
            api.id,
            api.disableExecuteApiEndpoint,
            proxy.id,
            ...routes.flatMap(({ method, integration }) => [
              method.id,
              method.authorizerId,
              integration.id,
              integration.uri,
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
