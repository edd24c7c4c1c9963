// Echo backend: answers with the identity of the certificate the caller presented, never the PEM.
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from "aws-lambda";

interface ClientCertificate {
  subjectDN?: string;
  issuerDN?: string;
  serialNumber?: string;
  validity?: { notBefore?: string; notAfter?: string };
}

type ApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEvent;

function clientCertificateOf(event: ApiEvent): ClientCertificate | undefined {
  if ("authentication" in event.requestContext) {
    return event.requestContext.authentication?.clientCert ?? undefined;
  }
  return (event.requestContext as APIGatewayProxyEvent["requestContext"]).identity?.clientCert ?? undefined;
}

function authorizerContextOf(event: ApiEvent): Record<string, unknown> | undefined {
  const authorizer = (event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } }).authorizer;
  if (!authorizer) return undefined;
  // HTTP APIs nest a Lambda authorizer's context under "lambda"; REST APIs pass it flat.
  return authorizer.lambda ?? (authorizer as Record<string, unknown>);
}

export async function handler(event: ApiEvent): Promise<APIGatewayProxyResult> {
  const certificate = clientCertificateOf(event);
  const body = {
    requestId: event.requestContext.requestId,
    clientCertificate: certificate
      ? {
          subjectDN: certificate.subjectDN,
          issuerDN: certificate.issuerDN,
          serialNumber: certificate.serialNumber,
          notBefore: certificate.validity?.notBefore,
          notAfter: certificate.validity?.notAfter,
        }
      : null,
    authorizer: authorizerContextOf(event) ?? null,
  };
  return {
    statusCode: 200,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
    body: JSON.stringify(body),
  };
}
