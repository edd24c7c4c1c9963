// One JSON access-log line per request, the same for both API types: who called (the client certificate's
// subject, issuer, serial and validity; never the PEM, which is long and adds nothing the serial does not),
// when, what, and how it ended.
//
// API Gateway refuses a stage whose format names a variable its API type does not know, so every variable
// here is one both HTTP and REST APIs document. That is why the route is logged as $context.path: HTTP APIs
// know $context.routeKey but not $context.resourcePath, REST APIs the other way round.
export const ACCESS_LOG_FIELDS = {
  requestId: "$context.requestId",
  requestTime: "$context.requestTime",
  requestTimeEpoch: "$context.requestTimeEpoch",
  sourceIp: "$context.identity.sourceIp",
  domainName: "$context.domainName",
  httpMethod: "$context.httpMethod",
  path: "$context.path",
  protocol: "$context.protocol",
  status: "$context.status",
  responseLength: "$context.responseLength",
  responseLatencyMs: "$context.responseLatency",
  integrationLatencyMs: "$context.integrationLatency",
  integrationError: "$context.integrationErrorMessage",
  authorizerError: "$context.authorizer.error",
  clientCertSubjectDN: "$context.identity.clientCert.subjectDN",
  clientCertIssuerDN: "$context.identity.clientCert.issuerDN",
  clientCertSerialNumber: "$context.identity.clientCert.serialNumber",
  clientCertNotBefore: "$context.identity.clientCert.validity.notBefore",
  clientCertNotAfter: "$context.identity.clientCert.validity.notAfter",
} as const;

export const ACCESS_LOG_FORMAT = JSON.stringify(ACCESS_LOG_FIELDS);
