// The api stack puts every route and method of both API types behind the revocation-aware authorizer, with a
// least-privilege function, and reads everything it needs from the truststore stack alone.
import { API_TYPES, configFor, exampleConfig, useApiType } from "../helpers/config";
import { resourcesOf, synthStacks, type StackJson } from "../helpers/synth";

const AUTHORIZER_TYPES = { http: "aws_apigatewayv2_authorizer", rest: "aws_api_gateway_authorizer" } as const;
const TRUSTSTORE_REF = (output: string) => `data.terraform_remote_state.truststore.outputs.${output}`;
const TRUSTSTORE = (output: string) => `\${${TRUSTSTORE_REF(output)}}`;

function onlyOne(stack: StackJson, type: string): [string, any] {
  const entries = Object.entries(resourcesOf(stack, type));
  expect(entries).toHaveLength(1);
  return entries[0];
}

describe.each(API_TYPES)("%s API", (apiType) => {
  const api = synthStacks(configFor(apiType)).api;
  const [authorizerName, authorizer] = onlyOne(api, AUTHORIZER_TYPES[apiType]);
  const authorizerId = `\${${AUTHORIZER_TYPES[apiType]}.${authorizerName}.id}`;
  const [functionName, fn] = Object.entries(resourcesOf(api, "aws_lambda_function")).find(([, f]) =>
    f.function_name.endsWith("-authorizer"),
  )!;

  test("the authorizer is a REQUEST authorizer calling the authorizer function, caching 300 s by default", () => {
    expect(authorizer).toMatchObject({ authorizer_uri: `\${aws_lambda_function.${functionName}.invoke_arn}` });
    expect(authorizer.authorizer_result_ttl_in_seconds).toBe(300);
    if (apiType === "http") {
      expect(authorizer).toMatchObject({
        authorizer_type: "REQUEST",
        authorizer_payload_format_version: "2.0",
        enable_simple_responses: true,
        identity_sources: ["$context.identity.clientCert.issuerDN", "$context.identity.clientCert.serialNumber"],
      });
    } else {
      expect(authorizer).toMatchObject({
        type: "REQUEST",
        identity_source: "context.identity.clientCert.issuerDN,context.identity.clientCert.serialNumber",
      });
    }
  });

  test("every route or method is authorized by it, and none is left with authorization NONE", () => {
    const routes = Object.values(resourcesOf(api, "aws_apigatewayv2_route"));
    const methods = Object.values(resourcesOf(api, "aws_api_gateway_method"));
    const authorized = [
      ...routes.map((route) => ({ authorization: route.authorization_type, authorizer_id: route.authorizer_id })),
      ...methods.map((method) => ({ authorization: method.authorization, authorizer_id: method.authorizer_id })),
    ];
    expect((apiType === "http" ? routes : methods).length).toBeGreaterThan(0);
    expect(authorized).toHaveLength(routes.length + methods.length);
    expect(authorized).toEqual(authorized.map(() => ({ authorization: "CUSTOM", authorizer_id: authorizerId })));
    expect(JSON.stringify(api)).not.toMatch(/"authorization(_type)?":"NONE"/);
  });

  test("every Lambda permission names a source ARN; the authorizer's is this API's authorizer alone", () => {
    const permissions = Object.values(resourcesOf(api, "aws_lambda_permission"));
    expect(permissions.length).toBeGreaterThan(0);
    for (const permission of permissions) {
      expect(permission.principal).toBe("apigateway.amazonaws.com");
      expect(permission.source_arn).toMatch(/^\$\{aws_api(gatewayv2_api|_gateway_rest_api)\.\w+\.execution_arn\}\/.+/);
    }
    const forAuthorizer = permissions.filter(
      (p) => p.function_name === `\${aws_lambda_function.${functionName}.function_name}`,
    );
    expect(forAuthorizer).toHaveLength(1);
    expect(forAuthorizer[0].source_arn).toMatch(
      new RegExp(`execution_arn\\}/authorizers/\\$\\{${AUTHORIZER_TYPES[apiType]}\\.${authorizerName}\\.id\\}$`),
    );
  });

  test("the function traces with X-Ray, logs to its own group with the configured retention, and gets the CAs and CRL locations from the truststore stack", () => {
    expect(fn.tracing_config).toEqual({ mode: "Active" });
    const [, logGroup] = Object.entries(resourcesOf(api, "aws_cloudwatch_log_group")).find(
      ([name]) => fn.logging_config.log_group === `\${aws_cloudwatch_log_group.${name}.name}`,
    )!;
    expect(logGroup).toMatchObject({ name: "/aws/lambda/mtls-example-authorizer", retention_in_days: 365 });
    expect(fn.environment.variables).toEqual({
      MTLS_ISSUING_CAS: `\${jsonencode(${TRUSTSTORE_REF("issuing_ca_certificates_pem")})}`,
      MTLS_CRL_BUCKET: TRUSTSTORE("crl_bucket_name"),
      MTLS_CRL_KEYS: `\${jsonencode(${TRUSTSTORE_REF("crl_object_keys")})}`,
      MTLS_CRL_REFRESH_SECONDS: "300",
      MTLS_CRL_GRACE_SECONDS: "0",
      MTLS_CRL_CLOCK_SKEW_SECONDS: "300",
    });
  });

  test("the function's role may read the CRL objects and write its own logs and traces, nothing more", () => {
    const role = Object.entries(resourcesOf(api, "aws_iam_role_policy")).find(
      ([, p]) => p.role === `\${aws_iam_role.${functionName}_role.id}`,
    )![1];
    const document = api.data.aws_iam_policy_document[role.policy.match(/aws_iam_policy_document\.(\w+)\.json/)[1]];
    expect(document.statement).toEqual([
      {
        sid: "WriteOwnLogs",
        actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`\${aws_cloudwatch_log_group.${functionName}_log_group.arn}:*`],
      },
      { sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
      {
        sid: "ReadIssuingCaCrls",
        actions: ["s3:GetObject"],
        resources: `\${formatlist("arn:\${data.aws_partition.${functionName}_partition.partition}:s3:::${TRUSTSTORE("crl_bucket_name")}/%s", values(${TRUSTSTORE_REF("crl_object_keys")}))}`,
      },
    ]);
  });

  test("the api stack reads the truststore stack's state and no other", () => {
    expect(Object.keys(api.data.terraform_remote_state)).toEqual(["truststore"]);
  });
});

test("a REST deployment is redone when the authorizer or a method's authorizer changes", () => {
  const api = synthStacks(configFor("rest")).api;
  const trigger = onlyOne(api, "aws_api_gateway_deployment")[1].triggers.redeployment;
  expect(trigger).toContain("aws_api_gateway_authorizer.rest_api_authorizer.id");
  expect(trigger).toContain("aws_api_gateway_authorizer.rest_api_authorizer.authorizer_result_ttl_in_seconds");
  expect(trigger).toContain("aws_api_gateway_method.rest_api_proxy_method.authorizer_id");
});

test.each(API_TYPES)(
  "%s API: the authorizer settings come from api.authorizer, and a cache TTL of 0 is allowed",
  (apiType) => {
    const api = synthStacks(
      exampleConfig((document) => {
        useApiType(document, apiType);
        document.api.authorizer = {
          resultCacheTtlSeconds: 0,
          crlRefreshSeconds: 60,
          crlGraceSeconds: 3600,
          crlClockSkewSeconds: 30,
        };
      }),
    ).api;
    expect(onlyOne(api, AUTHORIZER_TYPES[apiType])[1].authorizer_result_ttl_in_seconds).toBe(0);
    expect(resourcesOf(api, "aws_lambda_function").authorizer.environment.variables).toMatchObject({
      MTLS_CRL_REFRESH_SECONDS: "60",
      MTLS_CRL_GRACE_SECONDS: "3600",
      MTLS_CRL_CLOCK_SKEW_SECONDS: "30",
    });
  },
);

test("the truststore stack passes the issuing CA and the CRL location through from pki", () => {
  const truststore = synthStacks(configFor("http")).truststore;
  for (const name of ["issuing_ca_certificate_pem", "crl_bucket_name", "crl_object_key"]) {
    expect(truststore.output[name].value).toBe(`\${data.terraform_remote_state.pki.outputs.${name}}`);
  }
});
