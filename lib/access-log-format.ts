// One JSON access-log line per request, for both API types. The client-certificate fields say who called;
// the PEM itself is left out (it is long, and the serial and DNs identify the certificate).
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  sourceIp: "$context.identity.sourceIp",
  domainName: "$context.domainName",
  httpMethod: "$context.httpMethod",
  path: "$context.path",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatencyMs: "$context.responseLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  clientCertSubjectDN: "$context.identity.clientCert.subjectDN",
  clientCertIssuerDN: "$context.identity.clientCert.issuerDN",
  clientCertSerialNumber: "$context.identity.clientCert.serialNumber",
  clientCertNotBefore: "$context.identity.clientCert.validity.notBefore",
  clientCertNotAfter: "$context.identity.clientCert.validity.notAfter",
} as const;

export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);
