import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from "aws-lambda";
import { handler } from "../../../functions/echo";

const clientCert = {
  clientCertPem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
  subjectDN: "CN=partner-a.clients.example.com",
  issuerDN: "CN=Example Issuing CA 1,O=Example Ltd,C=GB",
  serialNumber: "1a:2b:3c",
  validity: { notBefore: "May 1 00:00:00 2026 GMT", notAfter: "May 1 00:00:00 2027 GMT" },
};

function httpEvent(): APIGatewayProxyEventV2 {
  return {
    requestContext: {
      requestId: "req-http",
      authentication: { clientCert },
      authorizer: { lambda: { subject: clientCert.subjectDN } },
    },
  } as unknown as APIGatewayProxyEventV2;
}

function restEvent(): APIGatewayProxyEvent {
  return {
    requestContext: { requestId: "req-rest", identity: { clientCert }, authorizer: { subject: clientCert.subjectDN } },
  } as unknown as APIGatewayProxyEvent;
}

describe("echo backend", () => {
  test.each([
    ["HTTP API payload 2.0", httpEvent, "req-http"],
    ["REST API", restEvent, "req-rest"],
  ])("echoes the caller's certificate identity from a %s event, without the PEM", async (_name, event, requestId) => {
    const response = await handler(event());
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toEqual({
      requestId,
      clientCertificate: {
        subjectDN: clientCert.subjectDN,
        issuerDN: clientCert.issuerDN,
        serialNumber: "1a:2b:3c",
        notBefore: clientCert.validity.notBefore,
        notAfter: clientCert.validity.notAfter,
      },
      authorizer: { subject: clientCert.subjectDN },
    });
    expect(response.body).not.toContain("BEGIN CERTIFICATE");
  });

  test("says so when no certificate reached it", async () => {
    const event = { requestContext: { requestId: "r", authentication: null } } as unknown as APIGatewayProxyEventV2;
    expect(JSON.parse((await handler(event)).body).clientCertificate).toBeNull();
  });
});
