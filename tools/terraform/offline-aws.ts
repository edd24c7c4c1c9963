// A loopback stand-in for the one AWS API a plan of these stacks reads: STS GetCallerIdentity (the pki stack's
// data.aws_caller_identity, used to scope the CRL bucket policy to this account). The plan's provider sends every
// service it could call here (provider endpoints), so nothing reaches AWS: any other request is refused with a
// message naming it, and the plan fails instead of silently planning against a real account.
import * as http from "node:http";
import type { AddressInfo } from "node:net";

export const OFFLINE_ACCOUNT_ID = "123456789012";

/** Provider endpoint names of every service the stacks use. */
export const OFFLINE_SERVICES = [
  "acm",
  "acmpca",
  "apigateway",
  "apigatewayv2",
  "iam",
  "lambda",
  "logs",
  "route53",
  "s3",
  "sts",
] as const;

export interface OfflineAws {
  readonly url: string;
  /** Requests answered, e.g. "sts:GetCallerIdentity". */
  readonly answered: string[];
  /** Requests refused, with what they asked for. */
  readonly refused: string[];
  close(): Promise<void>;
}

const CALLER_IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::${OFFLINE_ACCOUNT_ID}:user/plan-offline</Arn>
    <UserId>AIDAPLANOFFLINE000000</UserId>
    <Account>${OFFLINE_ACCOUNT_ID}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>
`;

function describeRequest(request: http.IncomingMessage, body: string): string {
  const action = new URLSearchParams(body).get("Action") ?? request.headers["x-amz-target"] ?? "";
  return `${request.method} ${request.url} ${action}`.trim();
}

export function startOfflineAws(): Promise<OfflineAws> {
  const answered: string[] = [];
  const refused: string[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      if (request.method === "POST" && new URLSearchParams(body).get("Action") === "GetCallerIdentity") {
        answered.push("sts:GetCallerIdentity");
        response.writeHead(200, { "content-type": "text/xml" }).end(CALLER_IDENTITY);
        return;
      }
      const what = describeRequest(request, body);
      refused.push(what);
      const message = `plan:offline has no offline answer for ${what}: this plan needs a real AWS account`;
      response
        .writeHead(400, { "content-type": "text/xml" })
        .end(`<ErrorResponse><Error><Code>OfflinePlan</Code><Message>${message}</Message></Error></ErrorResponse>`);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        answered,
        refused,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
