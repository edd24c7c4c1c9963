import { Testing, TerraformStack } from "cdktf";
import { MtlsCustomDomain } from "../../../lib/constructs/mtls-custom-domain";
import { synthConstruct } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

function build(overrides: Partial<ConstructorParameters<typeof MtlsCustomDomain>[2]>) {
  const stack = new TerraformStack(Testing.app(), "test");
  return () =>
    new MtlsCustomDomain(stack, "domain", {
      apiType: "http",
      domainName: "api.example.com",
      certificateArn: "arn",
      truststore: { uri: "s3://bucket/truststore.pem", version: "v1" },
      ...overrides,
    });
}

describe("MtlsCustomDomain", () => {
  test("cannot be built without a pinned truststore version", () => {
    expect(build({ truststore: { uri: "s3://bucket/truststore.pem", version: " " } })).toThrow(
      /truststore\.version is empty\. Pass the truststore stack's truststore_version output/,
    );
  });

  test("cannot be built with a security policy other than TLS_1_2", () => {
    expect(build({ securityPolicy: "TLS_1_0" as "TLS_1_2" })).toThrow(
      /securityPolicy "TLS_1_0" is not allowed: API Gateway accepts mutual TLS only with TLS_1_2/,
    );
  });

  test("builds with a pinned version", () => {
    expect(build({})).not.toThrow();
  });
});

describe("MtlsCustomDomain resources", () => {
  const truststore = { uri: "s3://bucket/truststore.pem", version: "v1" };

  function domainJson(apiType: "http" | "rest", ownershipVerificationCertificateArn?: string) {
    return synthConstruct((scope) => {
      const domain = new MtlsCustomDomain(scope, "custom_domain", {
        apiType,
        domainName: "api.example.com",
        certificateArn: "arn:cert",
        ownershipVerificationCertificateArn,
        truststore,
      });
      domain.mapApi({ apiId: "api-id", stageName: "live" });
    });
  }

  test("HTTP: a regional TLS_1_2 domain pinned to the truststore version, with the stage at its root", () => {
    const json = domainJson("http");
    expect(resourcesOf(json, "aws_apigatewayv2_domain_name").custom_domain).toMatchObject({
      domain_name: "api.example.com",
      domain_name_configuration: { certificate_arn: "arn:cert", endpoint_type: "REGIONAL", security_policy: "TLS_1_2" },
      mutual_tls_authentication: { truststore_uri: truststore.uri, truststore_version: "v1" },
    });
    expect(resourcesOf(json, "aws_apigatewayv2_api_mapping").custom_domain_api_mapping).toMatchObject({
      api_id: "api-id",
      stage: "live",
    });
  });

  test("REST: the same guarantees on the REST domain type, with a base path mapping", () => {
    const json = domainJson("rest", "arn:ownership");
    expect(resourcesOf(json, "aws_api_gateway_domain_name").custom_domain).toMatchObject({
      regional_certificate_arn: "arn:cert",
      endpoint_configuration: { types: ["REGIONAL"] },
      security_policy: "TLS_1_2",
      ownership_verification_certificate_arn: "arn:ownership",
      mutual_tls_authentication: { truststore_uri: truststore.uri, truststore_version: "v1" },
    });
    expect(resourcesOf(json, "aws_api_gateway_base_path_mapping").custom_domain_base_path_mapping).toMatchObject({
      api_id: "api-id",
      stage_name: "live",
    });
  });
});
