// The three guarantees, in both API modes: no default endpoint, TLS_1_2 regional mutual TLS on every custom
// domain, and every truststore_version pinned to the truststore stack's remote-state output.
import { API_TYPES, configFor } from "../helpers/config";
import { resourcesOf, synthStacks } from "../helpers/synth";

const PINNED_VERSION = "${data.terraform_remote_state.truststore.outputs.truststore_version}";
const TRUSTSTORE_URI = "${data.terraform_remote_state.truststore.outputs.truststore_uri}";

describe.each(API_TYPES)("%s API", (apiType) => {
  const stacks = synthStacks(configFor(apiType));
  const all = Object.values(stacks);
  const apis = all.flatMap((stack) => [
    ...Object.values(resourcesOf(stack, "aws_apigatewayv2_api")),
    ...Object.values(resourcesOf(stack, "aws_api_gateway_rest_api")),
  ]);
  const httpDomains = all.flatMap((stack) => Object.values(resourcesOf(stack, "aws_apigatewayv2_domain_name")));
  const restDomains = all.flatMap((stack) => Object.values(resourcesOf(stack, "aws_api_gateway_domain_name")));
  const domains = [...httpDomains, ...restDomains];

  test("synthesizes exactly one API and one custom domain", () => {
    expect(apis).toHaveLength(1);
    expect(domains).toHaveLength(1);
    expect(apiType === "http" ? httpDomains : restDomains).toHaveLength(1);
  });

  test("every API has its default execute-api endpoint disabled", () => {
    expect(apis).toHaveLength(1);
    for (const api of apis) expect(api.disable_execute_api_endpoint).toBe(true);
  });

  test("every custom domain is regional, TLS_1_2 and mutual TLS", () => {
    expect(httpDomains).toHaveLength(apiType === "http" ? 1 : 0);
    expect(restDomains).toHaveLength(apiType === "rest" ? 1 : 0);
    for (const domain of httpDomains) {
      expect(domain.domain_name_configuration).toMatchObject({ endpoint_type: "REGIONAL", security_policy: "TLS_1_2" });
    }
    for (const domain of restDomains) {
      expect(domain.security_policy).toBe("TLS_1_2");
      expect(domain.endpoint_configuration.types).toEqual(["REGIONAL"]);
    }
    expect(domains).toHaveLength(1);
    for (const domain of domains) expect(domain.mutual_tls_authentication).toBeDefined();
  });

  test("every truststore is the truststore stack's bundle, pinned to its remote-state version output", () => {
    expect(domains).toHaveLength(1);
    for (const domain of domains) {
      expect(domain.mutual_tls_authentication.truststore_uri).toBe(TRUSTSTORE_URI);
      expect(domain.mutual_tls_authentication.truststore_version).toBe(PINNED_VERSION);
    }
  });
});
