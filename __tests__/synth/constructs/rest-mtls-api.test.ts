import { ACCOUNT_LOGGING_ROLE_OUTSIDE, ACCOUNT_LOGGING_ROLE_TAG } from "../../../lib/account-logging-role";
import { RestMtlsApi, type RestMtlsApiProps } from "../../../lib/constructs/rest-mtls-api";
import { apiProps, synthConstruct } from "../../helpers/construct";
import { resourcesOf, type StackJson } from "../../helpers/synth";

function restApi(extra: Partial<RestMtlsApiProps> = {}): StackJson {
  return synthConstruct(
    (scope) =>
      new RestMtlsApi(scope, "rest_api", {
        ...apiProps(scope),
        truststoreVersion: "v1",
        manageAccountLoggingRole: false,
        ...extra,
      }),
  );
}

describe("RestMtlsApi", () => {
  const json = restApi();

  test("is regional and can be reached only through its custom domain", () => {
    expect(resourcesOf(json, "aws_api_gateway_rest_api").rest_api).toMatchObject({
      endpoint_configuration: { types: ["REGIONAL"] },
      disable_execute_api_endpoint: true,
    });
  });

  test("puts the root and every proxied path behind the REQUEST authorizer", () => {
    const methods = resourcesOf(json, "aws_api_gateway_method");
    for (const name of ["rest_api_root_method", "rest_api_proxy_method"]) {
      expect(methods[name]).toMatchObject({
        http_method: "ANY",
        authorization: "CUSTOM",
        authorizer_id: "${aws_api_gateway_authorizer.rest_api_authorizer.id}",
      });
    }
    expect(resourcesOf(json, "aws_api_gateway_authorizer").rest_api_authorizer).toMatchObject({
      type: "REQUEST",
      identity_source: "context.identity.clientCert.issuerDN,context.identity.clientCert.serialNumber",
    });
  });

  test("redeploys when the execute-api switch, an authorizer setting or the truststore version changes", () => {
    const deployment = resourcesOf(json, "aws_api_gateway_deployment").rest_api_deployment;
    const trigger: string = deployment.triggers.redeployment;
    for (const input of [
      "aws_api_gateway_rest_api.rest_api.disable_execute_api_endpoint",
      "aws_api_gateway_authorizer.rest_api_authorizer.authorizer_uri",
      "aws_api_gateway_authorizer.rest_api_authorizer.identity_source",
    ]) {
      expect(trigger).toContain(input);
    }
    expect(trigger).toContain('"v1"');
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
    expect(
      restApi({ truststoreVersion: "v2" }).resource.aws_api_gateway_deployment.rest_api_deployment.triggers,
    ).not.toEqual(deployment.triggers);
  });

  test("traces the stage with X-Ray and sends access logs to its own group", () => {
    expect(resourcesOf(json, "aws_api_gateway_stage").rest_api_stage).toMatchObject({
      stage_name: "live",
      xray_tracing_enabled: true,
      access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.rest_api_access_logs.arn}" },
    });
  });

  test("with the account's CloudWatch role provided outside, creates no account setting and says so on the stage", () => {
    expect(resourcesOf(json, "aws_api_gateway_account")).toEqual({});
    expect(resourcesOf(json, "aws_api_gateway_stage").rest_api_stage.tags).toEqual({
      [ACCOUNT_LOGGING_ROLE_TAG]: ACCOUNT_LOGGING_ROLE_OUTSIDE,
    });
  });

  test("owning the role: the account setting resets on delete, follows the policy attachment, and precedes the stage", () => {
    const managed = restApi({ manageAccountLoggingRole: true });
    expect(resourcesOf(managed, "aws_api_gateway_account").rest_api_account_settings).toMatchObject({
      cloudwatch_role_arn: "${aws_iam_role.rest_api_logging_role.arn}",
      reset_on_delete: true,
      depends_on: ["aws_iam_role_policy_attachment.rest_api_logging_policy"],
    });
    expect(resourcesOf(managed, "aws_iam_role_policy_attachment").rest_api_logging_policy.policy_arn).toBe(
      "arn:${data.aws_partition.rest_api_partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    );
    expect(resourcesOf(managed, "aws_api_gateway_stage").rest_api_stage.depends_on).toEqual([
      "aws_api_gateway_account.rest_api_account_settings",
    ]);
  });
});
