import { Testing } from "cdktf";
import { TerraformStack } from "cdktf";
import { MtlsCustomDomain } from "../../lib/constructs/mtls-custom-domain";

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
