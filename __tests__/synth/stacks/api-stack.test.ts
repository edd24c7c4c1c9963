import { ACCESS_LOG_FIELDS } from "../../../lib/access-log-format";
import { configFor, exampleConfig, useApiType } from "../../helpers/config";
import { resourcesOf, synthStacks } from "../../helpers/synth";

const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const OWNERSHIP_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/87654321-4321-4321-4321-210987654321";

describe("api stack, HTTP API", () => {
  const api = synthStacks(configFor("http")).api;

  test("proxies every request to the echo Lambda with payload format 2.0", () => {
    expect(resourcesOf(api, "aws_apigatewayv2_integration").http_api_backend_integration).toMatchObject({
      integration_type: "AWS_PROXY",
      integration_uri: "${aws_lambda_function.echo.invoke_arn}",
      payload_format_version: "2.0",
    });
  });

  test("logs every request as JSON with the client certificate's identity to a log group with retention", () => {
    const stage = resourcesOf(api, "aws_apigatewayv2_stage").http_api_stage;
    expect(stage.access_log_settings.destination_arn).toBe("${aws_cloudwatch_log_group.http_api_access_logs.arn}");
    expect(JSON.parse(stage.access_log_settings.format)).toEqual(ACCESS_LOG_FIELDS);
    expect(resourcesOf(api, "aws_cloudwatch_log_group").http_api_access_logs.retention_in_days).toBe(365);
  });

  test("maps the stage at the root of the custom domain", () => {
    expect(resourcesOf(api, "aws_apigatewayv2_api_mapping").custom_domain_api_mapping).toEqual(
      expect.objectContaining({
        api_id: "${aws_apigatewayv2_api.http_api.id}",
        domain_name: "${aws_apigatewayv2_domain_name.custom_domain.domain_name}",
        stage: "${aws_apigatewayv2_stage.http_api_stage.name}",
      }),
    );
  });

  test("lets only this API's stage invoke the backend", () => {
    expect(resourcesOf(api, "aws_lambda_permission").http_api_invoke_backend).toMatchObject({
      principal: "apigateway.amazonaws.com",
      source_arn: "${aws_apigatewayv2_api.http_api.execution_arn}/${aws_apigatewayv2_stage.http_api_stage.name}/*",
    });
  });

  test("waits for the DNS-validated ACM certificate before creating the domain", () => {
    const records = resourcesOf(api, "aws_route53_record").server_certificate_validation_record;
    expect(records.for_each).toContain("aws_acm_certificate.server_certificate.domain_validation_options");
    expect(records.zone_id).toBe("Z0123456789EXAMPLE0AB");
    expect(resourcesOf(api, "aws_acm_certificate_validation").server_certificate_validation.certificate_arn).toBe(
      "${aws_acm_certificate.server_certificate.arn}",
    );
    const domain = resourcesOf(api, "aws_apigatewayv2_domain_name").custom_domain;
    expect(domain.domain_name_configuration.certificate_arn).toBe(
      "${aws_acm_certificate_validation.server_certificate_validation.certificate_arn}",
    );
    expect(domain.domain_name_configuration.ownership_verification_certificate_arn).toBeUndefined();
  });
});

describe("api stack, REST API", () => {
  const api = synthStacks(configFor("rest")).api;
  const deployment = resourcesOf(api, "aws_api_gateway_deployment").rest_api_deployment;

  test("is a regional API whose root and proxy resources both reach the echo Lambda", () => {
    expect(resourcesOf(api, "aws_api_gateway_rest_api").rest_api.endpoint_configuration).toEqual({
      types: ["REGIONAL"],
    });
    const integrations = Object.values<any>(resourcesOf(api, "aws_api_gateway_integration"));
    expect(integrations).toHaveLength(2);
    for (const integration of integrations) {
      expect(integration).toMatchObject({ type: "AWS_PROXY", uri: "${aws_lambda_function.echo.invoke_arn}" });
    }
  });

  test("redeploys when the API, the endpoint setting or the truststore version changes", () => {
    const trigger = deployment.triggers.redeployment;
    expect(trigger).toContain("aws_api_gateway_rest_api.rest_api.id");
    expect(trigger).toContain("aws_api_gateway_rest_api.rest_api.disable_execute_api_endpoint");
    expect(trigger).toContain("data.terraform_remote_state.truststore.outputs.truststore_version");
    expect(trigger).toContain("aws_api_gateway_integration.rest_api_proxy_integration.id");
    expect(deployment.lifecycle).toEqual({ create_before_destroy: true });
  });

  test("the stage serves the deployment with X-Ray and JSON access logs", () => {
    const stage = resourcesOf(api, "aws_api_gateway_stage").rest_api_stage;
    expect(stage).toMatchObject({
      deployment_id: "${aws_api_gateway_deployment.rest_api_deployment.id}",
      xray_tracing_enabled: true,
    });
    expect(JSON.parse(stage.access_log_settings.format)).toEqual(ACCESS_LOG_FIELDS);
  });

  test("with the account's logging role provided outside, owns no account setting and says so on the stage", () => {
    expect(resourcesOf(api, "aws_api_gateway_account")).toEqual({});
    expect(resourcesOf(api, "aws_api_gateway_stage").rest_api_stage.tags).toEqual({
      "mtls:account-logging-role": "provided-outside-this-stack",
    });
  });

  test("owning the logging role: reset on destroy, the partition's managed policy, set after the policy is attached", () => {
    const owning = synthStacks(
      exampleConfig((document) => {
        document.api.type = "rest";
        document.api.manageAccountLoggingRole = true;
      }),
    ).api;
    expect(resourcesOf(owning, "aws_api_gateway_account")).toEqual({
      rest_api_account_settings: {
        cloudwatch_role_arn: "${aws_iam_role.rest_api_logging_role.arn}",
        reset_on_delete: true,
        depends_on: ["aws_iam_role_policy_attachment.rest_api_logging_policy"],
      },
    });
    expect(resourcesOf(owning, "aws_iam_role_policy_attachment").rest_api_logging_policy.policy_arn).toBe(
      "arn:${data.aws_partition.rest_api_partition.partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs",
    );
    const stage = resourcesOf(owning, "aws_api_gateway_stage").rest_api_stage;
    expect(stage.depends_on).toEqual(["aws_api_gateway_account.rest_api_account_settings"]);
    expect(stage.tags).toBeUndefined();
  });
});

describe("api stack, server certificate sources", () => {
  test.each(["imported", "private"])(
    "an %s certificate comes with its ownership verification certificate",
    (source) => {
      for (const apiType of ["http", "rest"]) {
        const api = synthStacks(
          exampleConfig((document) => {
            useApiType(document, apiType);
            document.api.serverCertificate = {
              source,
              certificateArn: ARN,
              ownershipVerificationCertificateArn: OWNERSHIP_ARN,
            };
          }),
        ).api;
        expect(resourcesOf(api, "aws_acm_certificate")).toEqual({});
        const domain =
          apiType === "http"
            ? resourcesOf(api, "aws_apigatewayv2_domain_name").custom_domain.domain_name_configuration
            : resourcesOf(api, "aws_api_gateway_domain_name").custom_domain;
        expect(domain.ownership_verification_certificate_arn).toBe(OWNERSHIP_ARN);
        expect(domain.certificate_arn ?? domain.regional_certificate_arn).toBe(ARN);
      }
    },
  );

  test("an existing public ACM certificate is used as given, with no validation records", () => {
    const api = synthStacks(
      exampleConfig((document) => (document.api.serverCertificate = { source: "existing", certificateArn: ARN })),
    ).api;
    expect(resourcesOf(api, "aws_route53_record")).toEqual({});
    const configuration = resourcesOf(api, "aws_apigatewayv2_domain_name").custom_domain.domain_name_configuration;
    expect(configuration.certificate_arn).toBe(ARN);
    expect(configuration.ownership_verification_certificate_arn).toBeUndefined();
  });
});

describe("echo function", () => {
  const api = synthStacks(configFor("http")).api;
  const fn = resourcesOf(api, "aws_lambda_function").echo;

  test("is bundled into an asset with a content hash, traced, and logs only to its own group", () => {
    expect(fn.filename).toMatch(/^assets\/echo_code_[0-9A-F]+\/[0-9A-F]{32}\/function\.zip$/);
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(fn.tracing_config).toEqual({ mode: "Active" });
    expect(fn.logging_config).toEqual({
      log_format: "JSON",
      log_group: "${aws_cloudwatch_log_group.echo_log_group.name}",
    });
    const [logs] = api.data.aws_iam_policy_document.echo_permissions.statement;
    expect(logs.resources).toEqual(["${aws_cloudwatch_log_group.echo_log_group.arn}:*"]);
  });
});
