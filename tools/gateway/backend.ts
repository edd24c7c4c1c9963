// Turns what a Lambda integration returns (payload 2.0) into an HTTP response, as an HTTP API does.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import type { ServerResponse } from "node:http";

export type Backend = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2 | unknown>;

interface StructuredResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

function isStructured(result: unknown): result is StructuredResult {
  return typeof result === "object" && result !== null && typeof (result as StructuredResult).statusCode === "number";
}

/** A result without statusCode is taken as a JSON 200 body (HTTP API payload 2.0 inference). */
export function writeBackendResult(response: ServerResponse, result: unknown, requestId: string): number {
  const structured: StructuredResult = isStructured(result)
    ? result
    : {
        statusCode: 200,
        headers: { "content-type": "application/json" },
        body: typeof result === "string" ? result : JSON.stringify(result),
      };
  for (const [name, value] of Object.entries(structured.headers ?? {})) response.setHeader(name, String(value));
  if (structured.cookies?.length) response.setHeader("set-cookie", structured.cookies);
  response.setHeader("apigw-requestid", requestId);
  response.statusCode = structured.statusCode;
  response.end(
    structured.body === undefined
      ? undefined
      : Buffer.from(structured.body, structured.isBase64Encoded ? "base64" : "utf8"),
  );
  return structured.statusCode;
}
