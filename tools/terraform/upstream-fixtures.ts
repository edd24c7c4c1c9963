// Values shaped like each stack's outputs, fed to the next stack's terraform_remote_state when Terraform
// runs offline (terraform test, plan:offline). Typed against the contract: a missing output fails to compile.
import type { OutputName, StackName } from "../../lib/contract";

type Outputs<S extends StackName> = Record<OutputName<S>, string | Record<string, string>>;

function fixturePem(label: string): string {
  const body = Buffer.from(`fixture certificate: ${label}`).toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

const ROOT_PEM = fixturePem("root CA");
const ISSUING_PEM = fixturePem("issuing CA");

export const UPSTREAM_FIXTURES: { [S in StackName]: Outputs<S> } = {
  pki: {
    root_ca_certificate_pem: ROOT_PEM,
    issuing_ca_certificate_pem: ISSUING_PEM,
    issuing_ca_certificates_pem: { issuing_ca: ISSUING_PEM },
    ca_chain_pem: ISSUING_PEM + ROOT_PEM,
    issuing_ca_arn: "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/11111111-2222-3333-4444-555555555555",
    crl_bucket_name: "fixture-crl-bucket",
    crl_object_key: "crl/11111111-2222-3333-4444-555555555555.crl",
    crl_object_keys: { issuing_ca: "crl/11111111-2222-3333-4444-555555555555.crl" },
    client_certificate_arns: {
      "partner-a": "arn:aws:acm:eu-west-1:123456789012:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    },
  },
  truststore: {
    truststore_uri: "s3://fixture-truststore-bucket/truststore.pem",
    truststore_version: "FixtureVersion.3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
    truststore_bucket: "fixture-truststore-bucket",
    truststore_key: "truststore.pem",
    truststore_sha256: "0".repeat(64),
    issuing_ca_certificate_pem: ISSUING_PEM,
    issuing_ca_certificates_pem: { issuing_ca: ISSUING_PEM },
    crl_bucket_name: "fixture-crl-bucket",
    crl_object_key: "crl/11111111-2222-3333-4444-555555555555.crl",
    crl_object_keys: { issuing_ca: "crl/11111111-2222-3333-4444-555555555555.crl" },
  },
  api: {
    api_id: "a1b2c3d4e5",
    api_type: "http",
    domain_name: "api.example.com",
    regional_domain_name: "d-fixture123.execute-api.eu-west-1.amazonaws.com",
    regional_hosted_zone_id: "ZLY8HYME6SFDD",
    endpoint_url: "https://api.example.com",
  },
  dns: {
    fqdn: "api.example.com",
    url: "https://api.example.com",
  },
};
