// Per-client access in the authorizer: which client a certificate belongs to (SAN or subject pattern), whether
// the route is granted to it, the deny reason logged, and a REST policy that can only ever allow the route it was
// decided for (API Gateway reuses a cached policy for every request with the same identity sources).
import {
  createAuthorizer,
  type AccessRules,
  type HttpApiAuthorizerEvent,
  type HttpApiAuthorizerResult,
  type LogEntry,
  type RestApiAuthorizerEvent,
  type RestApiAuthorizerResult,
} from "../../../functions/authorizer/authorizer";
import { CRL_BUCKET, CRL_KEY, s3, serveCrl } from "../../helpers/authorizer-harness";
import { createCrl, createPki, issueClientCertificate, type TestCertificate } from "../../helpers/test-pki";
import { s3CrlSource } from "../../../functions/authorizer/s3-crl-source";

const ACCESS: AccessRules = {
  clients: [
    { name: "partner-a", san: "partner-a.clients.example.com" },
    { name: "partner-c", subject: "CN=partner-c*,O=Example Partner,*" },
  ],
  routes: { $default: "*", "GET /orders/{proxy+}": ["partner-a"], "POST /payments": ["partner-c"] },
};
const API = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/live";

let issuingPem: string;
let partnerA: TestCertificate;
let partnerC: TestCertificate;
let stranger: TestCertificate;
let pkiIssued: TestCertificate;

beforeAll(async () => {
  const { issuing } = await createPki();
  issuingPem = issuing.pem;
  [partnerA, partnerC, stranger, pkiIssued] = await Promise.all([
    issueClientCertificate(issuing, { commonName: "team-a", dnsNames: ["partner-a.clients.example.com"] }),
    issueClientCertificate(issuing, { commonName: "partner-c.example.com" }),
    issueClientCertificate(issuing, { commonName: "someone-else" }),
    issueClientCertificate(issuing, { subject: "CN=partner-d" }),
  ]);
  s3.reset();
  serveCrl(createCrl(issuing));
});

function authorizer(access: AccessRules | undefined) {
  const logs: LogEntry[] = [];
  const instance = createAuthorizer({
    issuers: [{ name: "issuing-1", pem: issuingPem, crlSource: s3CrlSource(CRL_BUCKET, CRL_KEY, "eu-west-1") }],
    log: (entry) => logs.push(entry),
    access,
  });
  const http = (certificate: TestCertificate, routeKey: string) =>
    instance.authorize({
      version: "2.0",
      routeKey,
      requestContext: { requestId: "r", authentication: { clientCert: { clientCertPem: certificate.pem } } },
    } satisfies HttpApiAuthorizerEvent) as Promise<HttpApiAuthorizerResult>;
  const rest = (certificate: TestCertificate, httpMethod: string, resource: string, path: string) =>
    instance.authorize({
      type: "REQUEST",
      methodArn: `${API}/${httpMethod}${path}`,
      httpMethod,
      resource,
      requestContext: { requestId: "r", identity: { clientCert: { clientCertPem: certificate.pem } } },
    } satisfies RestApiAuthorizerEvent) as Promise<RestApiAuthorizerResult>;
  return { http, rest, logs };
}

/** IAM's reading of a Resource pattern: `*` matches any run of characters, `/` included. */
function policyAllows(result: RestApiAuthorizerResult, methodArn: string): boolean {
  return result.policyDocument.Statement.some(
    (statement) =>
      statement.Effect === "Allow" &&
      new RegExp(
        `^${statement.Resource.split("*")
          .map((part) => part.replace(/[.?+^$()[\]{}|\\]/g, "\\$&"))
          .join(".*")}$`,
      ).test(methodArn),
  );
}

test("a client named by its SAN may call its granted route and the open one, not another team's", async () => {
  const { http, logs } = authorizer(ACCESS);
  const granted = await http(partnerA, "GET /orders/{proxy+}");
  expect(granted).toMatchObject({
    isAuthorized: true,
    context: { clientName: "partner-a", subjectDN: expect.stringContaining("CN=team-a") },
  });
  expect((await http(partnerA, "$default")).isAuthorized).toBe(true);
  expect(await http(partnerA, "POST /payments")).toEqual({ isAuthorized: false });
  expect(logs.at(-1)).toMatchObject({
    decision: "deny",
    reason: "route_not_granted",
    client: "partner-a",
    route: "POST /payments",
    detail: "client partner-a is not granted route POST /payments (granted: partner-c)",
  });
});

test("a client named by a subject pattern; a certificate no rule names is '-' and gets only open routes", async () => {
  const { http, logs } = authorizer(ACCESS);
  expect((await http(partnerC, "POST /payments")).isAuthorized).toBe(true);
  expect((await http(stranger, "$default")).context?.clientName).toBe("-");
  expect((await http(stranger, "GET /orders/{proxy+}")).isAuthorized).toBe(false);
  expect(logs.at(-1)).toMatchObject({ reason: "route_not_granted", client: "-" });
});

test("self-managed: a certificate of subject exactly CN=<name> is the client the PKI tool issued it to", async () => {
  const { http, logs } = authorizer({ ...ACCESS, pkiNames: true });
  // The PKI tool's subject: CN=<name> alone (issued with a key pair or from a CSR alike).
  expect(await http(pkiIssued, "POST /payments")).toEqual({ isAuthorized: false });
  expect(logs.at(-1)).toMatchObject({ reason: "route_not_granted", client: "partner-d" });
  const { http: granted } = authorizer({ ...ACCESS, pkiNames: true, routes: { "POST /payments": ["partner-d"] } });
  expect(await granted(pkiIssued, "POST /payments")).toMatchObject({
    isAuthorized: true,
    context: { clientName: "partner-d", subjectDN: "CN=partner-d" },
  });
  // A pattern rule still comes first; a subject with more than the CN is no PKI name.
  expect((await granted(partnerA, "POST /payments")).isAuthorized).toBe(false);
  expect((await http(stranger, "$default")).context?.clientName).toBe("-");
  // Without pkiNames (ACM Private CA mode) the CN names nobody.
  expect((await authorizer(ACCESS).http(pkiIssued, "$default")).context?.clientName).toBe("-");
});

test("a route the rules do not name is refused (fail closed), with its own reason", async () => {
  const { http, logs } = authorizer(ACCESS);
  expect((await http(partnerA, "DELETE /orders/{id}")).isAuthorized).toBe(false);
  expect(logs.at(-1)).toMatchObject({
    reason: "route_unknown",
    detail: "no access rule for route DELETE /orders/{id}",
  });
});

test("without access rules every trusted client may call every route, as before", async () => {
  const { http, rest } = authorizer(undefined);
  expect((await http(stranger, "POST /payments")).isAuthorized).toBe(true);
  const policy = await rest(stranger, "POST", "/payments", "/payments");
  expect(policy.policyDocument.Statement[0]).toMatchObject({ Effect: "Allow", Resource: `${API}/*` });
});

test("REST: a cached allow for one route cannot allow another, because the policy names only its own route", async () => {
  const { rest } = authorizer(ACCESS);
  const orders = await rest(partnerA, "GET", "/orders/{proxy+}", "/orders/42/lines");
  expect(orders.policyDocument.Statement).toEqual([
    { Action: "execute-api:Invoke", Effect: "Allow", Resource: `${API}/GET/orders/*` },
  ]);
  expect(orders.context?.clientName).toBe("partner-a");
  // API Gateway would apply this policy to the next request with the same identity sources.
  expect(policyAllows(orders, `${API}/GET/orders/7`)).toBe(true);
  expect(policyAllows(orders, `${API}/POST/payments`)).toBe(false);
  // REST has no $default: its root and greedy proxy carry the open route's grant ("ANY /", "ANY /{proxy+}").
  const { rest: restRules } = authorizer({
    ...ACCESS,
    routes: { "ANY /{proxy+}": "*", "POST /payments": ["partner-c"] },
  });
  expect(policyAllows(await restRules(partnerA, "GET", "/{proxy+}", "/anything"), `${API}/GET/anything`)).toBe(true);
  const denied = await restRules(partnerA, "POST", "/payments", "/payments");
  expect(denied.policyDocument.Statement[0].Effect).toBe("Deny");
});
