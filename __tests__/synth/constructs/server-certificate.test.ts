import { TerraformOutput } from "cdktf";
import { ServerCertificate, type ServerCertificateProps } from "../../../lib/constructs/server-certificate";
import { synthConstruct } from "../../helpers/construct";
import { resourcesOf } from "../../helpers/synth";

const ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/12345678-1234-1234-1234-123456789012";
const OWNERSHIP_ARN = "arn:aws:acm:eu-west-1:123456789012:certificate/87654321-4321-4321-4321-210987654321";

function build(settings: ServerCertificateProps["settings"]) {
  let certificate: ServerCertificate | undefined;
  const json = synthConstruct((scope) => {
    certificate = new ServerCertificate(scope, "server_certificate", {
      domainName: "api.example.com",
      hostedZoneId: "Z0123456789EXAMPLE0AB",
      settings,
    });
    if (settings.source === "acm") new TerraformOutput(scope, "certificate_arn", { value: certificate.certificateArn });
  });
  return { json, certificate: certificate! };
}

describe("ServerCertificate", () => {
  test("with source acm: DNS-validated in the zone, and its ARN is the validation's, so the domain waits for ISSUED", () => {
    const { json, certificate } = build({ source: "acm" });
    expect(resourcesOf(json, "aws_acm_certificate").server_certificate).toMatchObject({
      domain_name: "api.example.com",
      validation_method: "DNS",
      lifecycle: { create_before_destroy: true },
    });
    const records = resourcesOf(json, "aws_route53_record").server_certificate_validation_record;
    expect(records).toMatchObject({ zone_id: "Z0123456789EXAMPLE0AB", allow_overwrite: true, ttl: 300 });
    expect(records.for_each).toContain("aws_acm_certificate.server_certificate.domain_validation_options");
    expect(certificate.ownershipVerificationCertificateArn).toBeUndefined();
    expect(json.output.certificate_arn.value).toBe(
      "${aws_acm_certificate_validation.server_certificate_validation.certificate_arn}",
    );
  });

  test("with source existing: creates nothing and passes the ARN through, with no ownership certificate", () => {
    const { json, certificate } = build({ source: "existing", certificateArn: ARN });
    expect(json.resource).toBeUndefined();
    expect(certificate.certificateArn).toBe(ARN);
    expect(certificate.ownershipVerificationCertificateArn).toBeUndefined();
  });

  test("with an imported certificate: API Gateway needs the ownership verification certificate, so it is passed on", () => {
    const { certificate } = build({
      source: "imported",
      certificateArn: ARN,
      ownershipVerificationCertificateArn: OWNERSHIP_ARN,
    });
    expect(certificate.certificateArn).toBe(ARN);
    expect(certificate.ownershipVerificationCertificateArn).toBe(OWNERSHIP_ARN);
  });
});
