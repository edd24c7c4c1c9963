// The access-log format: one constant for both API types, valid JSON before and after API Gateway fills it in,
// carrying every client-certificate field but the PEM, and naming only variables both API types accept.
import { ACCESS_LOG_FIELDS, ACCESS_LOG_FORMAT } from "../../lib/access-log-format";
import { API_TYPES, configFor } from "../helpers/config";
import { resourcesOf, synthStacks } from "../helpers/synth";

// From "Customize HTTP API access logs" and "Variables for access logging for API Gateway" (REST) in the API
// Gateway developer guide; the variables this project could use, not the whole lists. An HTTP API stage with
// a variable it does not know fails to deploy ("The following context variables are not supported").
const COMMON = [
  "$context.requestId",
  "$context.requestTime",
  "$context.requestTimeEpoch",
  "$context.identity.sourceIp",
  "$context.domainName",
  "$context.httpMethod",
  "$context.path",
  "$context.protocol",
  "$context.status",
  "$context.responseLength",
  "$context.responseLatency",
  "$context.integrationLatency",
  "$context.integrationErrorMessage",
  "$context.integration.error",
  "$context.authorizer.error",
  "$context.identity.clientCert.clientCertPem",
  "$context.identity.clientCert.subjectDN",
  "$context.identity.clientCert.issuerDN",
  "$context.identity.clientCert.serialNumber",
  "$context.identity.clientCert.validity.notBefore",
  "$context.identity.clientCert.validity.notAfter",
];
const DOCUMENTED_VARIABLES = {
  http: new Set([...COMMON, "$context.routeKey"]),
  rest: new Set([...COMMON, "$context.resourcePath", "$context.authorize.error"]),
};

const CLIENT_CERTIFICATE_FIELDS = [
  "$context.identity.clientCert.subjectDN",
  "$context.identity.clientCert.issuerDN",
  "$context.identity.clientCert.serialNumber",
  "$context.identity.clientCert.validity.notBefore",
  "$context.identity.clientCert.validity.notAfter",
];

const variables = Object.values(ACCESS_LOG_FIELDS);

test("the format is a JSON object of $context variables", () => {
  expect(JSON.parse(ACCESS_LOG_FORMAT)).toEqual(ACCESS_LOG_FIELDS);
  expect(variables.length).toBeGreaterThan(0);
  for (const variable of variables) expect(variable).toMatch(/^\$context\.[A-Za-z.]+$/);
});

test("it records request id, source IP, time, path, status, latency, integration and authorizer errors", () => {
  expect(variables).toEqual(
    expect.arrayContaining([
      "$context.requestId",
      "$context.identity.sourceIp",
      "$context.requestTime",
      "$context.path",
      "$context.status",
      "$context.responseLatency",
      "$context.integrationErrorMessage",
      "$context.authorizer.error",
    ]),
  );
});

test("it records every client-certificate field except the PEM", () => {
  expect(variables).toEqual(expect.arrayContaining(CLIENT_CERTIFICATE_FIELDS));
  expect(ACCESS_LOG_FORMAT).not.toContain("clientCertPem");
});

test.each(API_TYPES)("every variable is one %s APIs accept", (apiType) => {
  expect(variables.length).toBeGreaterThan(0);
  for (const variable of variables) expect(DOCUMENTED_VARIABLES[apiType]).toContain(variable);
});

test("a line stays valid JSON once API Gateway substitutes real values", () => {
  const sample: Record<string, string> = {
    "$context.identity.clientCert.subjectDN": "CN=partner-a.clients.example.com,O=Example Ltd,C=GB",
    "$context.identity.clientCert.serialNumber": "a1:b2:c3:d4",
    "$context.identity.clientCert.validity.notAfter": "Aug  5 09:36:04 2027 GMT",
  };
  // Longest names first, so $context.requestTime does not eat the start of $context.requestTimeEpoch.
  const line = [...variables]
    .sort((a, b) => b.length - a.length)
    .reduce((text, variable) => text.split(variable).join(sample[variable] ?? "-"), ACCESS_LOG_FORMAT);
  const parsed = JSON.parse(line);
  expect(parsed.clientCertSubjectDN).toBe(sample["$context.identity.clientCert.subjectDN"]);
  expect(parsed.clientCertNotAfter).toBe(sample["$context.identity.clientCert.validity.notAfter"]);
});

test.each(API_TYPES)("the %s API stage logs with this format", (apiType) => {
  const api = synthStacks(configFor(apiType)).api;
  const stages = Object.values({
    ...resourcesOf(api, "aws_apigatewayv2_stage"),
    ...resourcesOf(api, "aws_api_gateway_stage"),
  });
  expect(stages).toHaveLength(1);
  expect(stages[0].access_log_settings.format).toBe(ACCESS_LOG_FORMAT);
});
