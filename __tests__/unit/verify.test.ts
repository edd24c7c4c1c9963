// The post-deploy check against recorded API responses (aws-sdk-client-mock at the AWS API boundary; ACM Private CA,
// whose SDK client is on an older line, answered over its JSON protocol by a loopback server), real CA certificates
// generated here, and a real HTTP request to a loopback stand-in for the execute-api endpoint.
// One test per problem the check must report.
import { DescribeCertificateCommand, ACMClient } from "@aws-sdk/client-acm";
import {
  APIGatewayClient,
  GetBasePathMappingsCommand,
  GetDomainNameCommand as GetRestDomainNameCommand,
  GetRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import {
  ApiGatewayV2Client,
  GetApiCommand,
  GetApiMappingsCommand,
  GetDomainNameCommand,
  NotFoundException,
} from "@aws-sdk/client-apigatewayv2";
import { GetObjectCommand, HeadObjectCommand, S3Client, type GetObjectCommandOutput } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { CheckResult } from "../../tools/verify/result";
import { createCertificateAuthorities } from "../../tools/verify/certificate-authorities";
import type { VerifyClients } from "../../tools/verify/clients";
import { runVerify } from "../../tools/verify/cli";
import { verifyEnvironment } from "../../tools/verify/verify";
import { crlBucketName } from "../../lib/config/names";
import { configFor } from "../helpers/config";
import { createTestPki, selfManagedConfig } from "../helpers/pki";
import { createCertificate } from "../helpers/test-pki";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const FIXTURES = path.join(__dirname, "..", "fixtures", "verify");

/** A recorded response; ISO timestamps become Dates, as the SDK returns them. */
function recorded(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8"), (key, value) =>
    /^(NotAfter|NotBefore|CreatedAt|IssuedAt|LastModified|CreatedDate|createdDate)$/.test(key)
      ? new Date(value)
      : value,
  );
}

/** A self-signed RSA-2048 CA certificate (PEM) with this many days (and a half) left. */
async function caCertificate(commonName: string, daysLeft: number): Promise<string> {
  const { pem } = await createCertificate({
    subject: `CN=${commonName}`,
    key: "RSA-2048",
    notBefore: new Date(NOW.getTime() - 365 * DAY),
    notAfter: new Date(NOW.getTime() + daysLeft * DAY + DAY / 2),
  });
  return pem;
}

const v2 = mockClient(ApiGatewayV2Client);
const rest = mockClient(APIGatewayClient);
const s3 = mockClient(S3Client);
const acm = mockClient(ACMClient);

/** ACM Private CA's answers: pages of ListCertificateAuthorities, and ListTags by CA id. */
let pcaPages: { CertificateAuthorities: unknown[] }[];
let pcaTags: Record<string, unknown>;

/** ACM Private CA's JSON protocol (awsJson1_1, timestamps in epoch seconds), paginated by NextToken. */
const acmPcaEndpoint = http.createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    const input = JSON.parse(body);
    const page = Number(input.NextToken ?? 0);
    const answer =
      request.headers["x-amz-target"] === "ACMPrivateCA.ListCertificateAuthorities"
        ? { ...pcaPages[page], NextToken: page + 1 < pcaPages.length ? String(page + 1) : undefined }
        : pcaTags[String(input.CertificateAuthorityArn).split("/")[1]];
    const json = JSON.stringify(answer, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      return raw instanceof Date ? raw.getTime() / 1000 : value;
    });
    response.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end(json);
  });
});

let clients: VerifyClients;

let healthyBundle: string;
let probe: http.Server;
let probeStatus: number;
let executeApiUrl: (apiId: string, region: string, stage: string) => string;

beforeAll(async () => {
  healthyBundle = (await caCertificate("Example Issuing CA 1", 1800)) + (await caCertificate("Example Root CA", 3500));
  probe = http.createServer((_request, response) => response.writeHead(probeStatus).end('{"message":"Forbidden"}'));
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  executeApiUrl = (apiId, _region, stage) => `http://127.0.0.1:${port}/${apiId}/${stage}/`;
});

beforeAll(async () => {
  await new Promise<void>((resolve) => acmPcaEndpoint.listen(0, "127.0.0.1", resolve));
  const { port } = acmPcaEndpoint.address() as AddressInfo;
  clients = {
    apigatewayv2: new ApiGatewayV2Client({ region: "eu-west-1" }),
    apigateway: new APIGatewayClient({ region: "eu-west-1" }),
    s3: new S3Client({ region: "eu-west-1" }),
    acm: new ACMClient({ region: "eu-west-1" }),
    acmPca: createCertificateAuthorities({
      region: "eu-west-1",
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example" },
    }),
  };
});

afterAll(() => new Promise<void>((resolve) => probe.close(() => resolve())));
afterAll(() => new Promise<void>((resolve) => acmPcaEndpoint.close(() => resolve())));

type S3Body = NonNullable<GetObjectCommandOutput["Body"]>;

/** A GetObject body with only the reads the check makes; the SDK's stream type is wider than a test needs. */
function s3Body(reads: Partial<Pick<S3Body, "transformToString" | "transformToByteArray">>): S3Body {
  return reads as S3Body;
}

/** A truststore bundle as GetObject hands it over: a payload that can be read as a string. */
function bundleBody(bundle: string): S3Body {
  return s3Body({ transformToString: () => Promise.resolve(bundle) });
}

/** Every client answers with the recorded responses of a healthy HTTP API environment. */
beforeEach(() => {
  for (const mock of [v2, rest, s3, acm]) mock.reset();
  probeStatus = 403;
  v2.on(GetDomainNameCommand).resolves(recorded("apigatewayv2-get-domain-name"));
  v2.on(GetApiMappingsCommand).resolves(recorded("apigatewayv2-get-api-mappings"));
  v2.on(GetApiCommand).resolves(recorded("apigatewayv2-get-api"));
  rest.on(GetRestDomainNameCommand).resolves(recorded("apigateway-get-domain-name"));
  rest.on(GetBasePathMappingsCommand).resolves(recorded("apigateway-get-base-path-mappings"));
  rest.on(GetRestApiCommand).resolves(recorded("apigateway-get-rest-api"));
  s3.on(HeadObjectCommand).resolves(recorded("s3-head-object"));
  s3.on(GetObjectCommand).callsFake(() => ({
    Body: bundleBody(healthyBundle),
    VersionId: "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
  }));
  acm.on(DescribeCertificateCommand).resolves(recorded("acm-describe-certificate"));
  pcaPages = [recorded("acm-pca-list-certificate-authorities")];
  pcaTags = recorded("acm-pca-list-tags");
});

function verify(apiType: "http" | "rest" = "http"): Promise<CheckResult[]> {
  return verifyEnvironment(configFor(apiType), clients, { now: NOW, minDays: 30, executeApiUrl });
}

const problems = (results: CheckResult[]) => results.filter((result) => result.status === "problem");

function onlyProblem(results: CheckResult[], check: string | RegExp, message: RegExp): void {
  expect(problems(results)).toEqual([
    {
      check: typeof check === "string" ? check : expect.stringMatching(check),
      status: "problem",
      message: expect.stringMatching(message),
    },
  ]);
}

describe("npm run verify", () => {
  test("a healthy HTTP API environment reports no problem, and says what it checked", async () => {
    const results = await verify();
    expect(problems(results)).toEqual([]);
    expect(results.map((result) => result.check)).toEqual([
      "domain status",
      "truststore warnings",
      "truststore version",
      "truststore CA CN=Example Issuing CA 1",
      "truststore CA CN=Example Root CA",
      "execute-api endpoint of a1b2c3d4e5",
      "server certificate api.example.com",
      "root CA Example Root CA",
      "issuing CA Example Issuing CA 1",
      "issuing CA Example Issuing CA 1 CRL",
    ]);
    expect(results.find((result) => result.check === "server certificate api.example.com")?.message).toBe(
      "253 days left",
    );
    expect(results.find((result) => result.check.startsWith("execute-api"))?.message).toMatch(/answers 403$/);
  });

  test("a healthy REST API environment reads the domain through the REST API client", async () => {
    const results = await verify("rest");
    expect(problems(results)).toEqual([]);
    expect(rest.commandCalls(GetRestDomainNameCommand)[0].args[0].input).toEqual({ domainName: "api.example.com" });
    expect(v2.commandCalls(GetDomainNameCommand)).toHaveLength(0);
    expect(results.map((result) => result.check)).toContain("execute-api endpoint of r1s2t3u4v5");
  });

  test("a domain that does not exist", async () => {
    v2.on(GetDomainNameCommand).rejects(
      new NotFoundException({ message: "Invalid domain name identifier specified", $metadata: {} }),
    );
    onlyProblem(await verify(), "domain", /does not exist in eu-west-1: apply the api stack/);
  });

  test("a domain pending ownership verification", async () => {
    const domain = recorded("apigatewayv2-get-domain-name");
    domain.DomainNameConfigurations[0].DomainNameStatus = "PENDING_OWNERSHIP_VERIFICATION";
    domain.DomainNameConfigurations[0].DomainNameStatusMessage = "Ownership verification certificate is not valid";
    v2.on(GetDomainNameCommand).resolves(domain);
    onlyProblem(
      await verify(),
      "domain status",
      /^PENDING_OWNERSHIP_VERIFICATION \(Ownership verification certificate is not valid\): .*public ACM certificate/,
    );
  });

  test("a domain pending certificate re-import", async () => {
    const domain = recorded("apigateway-get-domain-name");
    domain.domainNameStatus = "PENDING_CERTIFICATE_REIMPORT";
    rest.on(GetRestDomainNameCommand).resolves(domain);
    onlyProblem(await verify("rest"), "domain status", /^PENDING_CERTIFICATE_REIMPORT: .*re-import it into ACM/);
  });

  test("a domain that is still updating is a warning, not a problem", async () => {
    const domain = recorded("apigatewayv2-get-domain-name");
    domain.DomainNameConfigurations[0].DomainNameStatus = "UPDATING";
    v2.on(GetDomainNameCommand).resolves(domain);
    const results = await verify();
    expect(problems(results)).toEqual([]);
    expect(results[0]).toEqual({
      check: "domain status",
      status: "warning",
      message: expect.stringMatching(/^UPDATING/),
    });
  });

  test("truststore warnings API Gateway returned", async () => {
    const domain = recorded("apigatewayv2-get-domain-name");
    domain.MutualTlsAuthentication.TruststoreWarnings = [
      "Certificate CN=Example Issuing CA 1 uses an unsupported signature algorithm SHA1WithRSA",
    ];
    v2.on(GetDomainNameCommand).resolves(domain);
    onlyProblem(await verify(), "truststore warnings", /reported 1 problem\(s\).*SHA1WithRSA/);
  });

  test("a truststore version in use that is not the latest object version", async () => {
    s3.on(HeadObjectCommand).resolves({ ...recorded("s3-head-object"), VersionId: "NewerVersion.uploadedOutOfBand" });
    onlyProblem(
      await verify(),
      "truststore version",
      /uses version 3sL4kqtJlcpXroDTDmJ\.rmSpXd3dIbrHY but the latest version .* is NewerVersion\.uploadedOutOfBand/,
    );
  });

  test("a domain not pinned to any truststore version", async () => {
    const domain = recorded("apigatewayv2-get-domain-name");
    delete domain.MutualTlsAuthentication.TruststoreVersion;
    v2.on(GetDomainNameCommand).resolves(domain);
    onlyProblem(await verify(), "truststore version", /not pinned/);
  });

  test("an API whose execute-api endpoint is enabled in its settings", async () => {
    v2.on(GetApiCommand).resolves({ ...recorded("apigatewayv2-get-api"), DisableExecuteApiEndpoint: false });
    onlyProblem(await verify(), "execute-api endpoint of a1b2c3d4e5", /DisableExecuteApiEndpoint is false/);
  });

  test("a REST API disabled in its settings whose execute-api endpoint still answers (no new deployment)", async () => {
    probeStatus = 200;
    onlyProblem(await verify("rest"), "execute-api endpoint of r1s2t3u4v5", /answers 200: .*new deployment/);
  });

  test("a server certificate close to expiry", async () => {
    const described = recorded("acm-describe-certificate");
    described.Certificate.NotAfter = new Date(NOW.getTime() + 12 * DAY);
    acm.on(DescribeCertificateCommand).resolves(described);
    onlyProblem(await verify(), "server certificate api.example.com", /^12 days left, fewer than the 30 required/);
  });

  test("a truststore CA certificate close to expiry", async () => {
    const expiring = (await caCertificate("Example Issuing CA 1", 9)) + (await caCertificate("Example Root CA", 3500));
    s3.on(GetObjectCommand).callsFake(() => ({ Body: bundleBody(expiring) }));
    onlyProblem(await verify(), "truststore CA CN=Example Issuing CA 1", /^9 days left/);
  });

  test("a private CA of this environment that is expiring or no longer active", async () => {
    const listed = recorded("acm-pca-list-certificate-authorities");
    listed.CertificateAuthorities[0].NotAfter = new Date(NOW.getTime() - 2 * DAY);
    listed.CertificateAuthorities[1].Status = "DISABLED";
    pcaPages = [listed];
    expect(problems(await verify())).toEqual([
      { check: "root CA Example Root CA", status: "problem", message: "expired 2 days ago" },
      {
        check: "issuing CA Example Issuing CA 1",
        status: "problem",
        message: expect.stringMatching(/is DISABLED, not ACTIVE/),
      },
    ]);
  });

  test("an issuing CA that has not written its first CRL yet: the authorizer would deny everyone, verify says what to do", async () => {
    s3.on(HeadObjectCommand, { Key: "crl/11111111-2222-3333-4444-000000000002.crl" }).rejects(
      Object.assign(new Error("Not Found"), { name: "NotFound" }),
    );
    onlyProblem(
      await verify(),
      "issuing CA Example Issuing CA 1 CRL",
      /^no CRL published yet at s3:\/\/example-api-example-com-crl\/crl\/11111111-2222-3333-4444-000000000002\.crl: the authorizer denies every client until it exists\. AWS Private CA writes a CRL after the CA is activated .*MisconfiguredCRLBucket/,
    );
  });

  test("an issuing CA nearing the window in which ACM can no longer issue or renew its private certificates warns", async () => {
    const listed = recorded("acm-pca-list-certificate-authorities");
    const issuingCa = listed.CertificateAuthorities[1];
    const at = (days: number) => {
      issuingCa.NotAfter = new Date(NOW.getTime() + days * DAY);
      pcaPages = [listed];
      return verify().then((results) => results.filter((result) => result.check.endsWith("ACM issuance")));
    };
    expect(await at(395 + 91)).toEqual([]);
    expect(await at(395 + 30)).toEqual([
      {
        check: "issuing CA Example Issuing CA 1 ACM issuance",
        status: "warning",
        message: expect.stringMatching(
          /^in 30 days \(\d{4}-\d\d-\d\d\) ACM can no longer issue or renew the clients' certificates: ACM's private certificates last 395 days/,
        ),
      },
    ]);
    expect((await at(200))[0].message).toMatch(
      /^ACM can no longer issue or renew the clients' certificates since .*rotate the issuing CA$/,
    );
  });

  test("a CA of this environment on a later page of ListCertificateAuthorities is still checked", async () => {
    const [root, issuing, other] = recorded("acm-pca-list-certificate-authorities").CertificateAuthorities;
    issuing.Status = "DISABLED";
    pcaPages = [{ CertificateAuthorities: [root, other] }, { CertificateAuthorities: [issuing] }];
    onlyProblem(await verify(), "issuing CA Example Issuing CA 1", /is DISABLED, not ACTIVE/);
  });

  test("CAs of other environments or teams are not this environment's concern", async () => {
    const results = await verify();
    expect(results.map((result) => result.check)).not.toContain("root CA Another Team Root CA");
  });
});

describe("npm run verify exit code", () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
    const code = await runVerify(args, io, () => clients, { now: NOW, executeApiUrl });
    return { code, text: lines.join("\n") };
  };

  test("is 0 when nothing is wrong, and prints each check", async () => {
    const { code, text } = await run(["example"]);
    expect(code).toBe(0);
    expect(text).toMatch(/^ok {5} {2}domain status: AVAILABLE$/m);
    expect(text).toMatch(/No problem found\.$/);
  });

  test("is 1 on a problem, and names it", async () => {
    v2.on(GetApiCommand).resolves({ ...recorded("apigatewayv2-get-api"), DisableExecuteApiEndpoint: false });
    const { code, text } = await run(["example"]);
    expect(code).toBe(1);
    expect(text).toMatch(/^PROBLEM {2}execute-api endpoint of a1b2c3d4e5: DisableExecuteApiEndpoint is false/m);
  });

  test("is 2 with the config error when the environment's configuration is invalid or missing", async () => {
    const { code, text } = await run(["staging"]);
    expect(code).toBe(2);
    expect(text).toMatch(/config\/staging\.json/);
  });

  test("is 3 without credentials, says how to provide them, and --json still prints JSON", async () => {
    const noCredentials = Object.assign(new Error("Could not load credentials from any providers"), {
      name: "CredentialsProviderError",
    });
    v2.onAnyCommand().rejects(noCredentials);
    const plain = await run(["example"]);
    expect(plain.code).toBe(3);
    expect(plain.text).toBe(
      "verify: no AWS credentials found (Could not load credentials from any providers): verify reads with the AWS SDK's default credentials: set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is attached; read-only access to API Gateway, S3, ACM and ACM PCA is enough",
    );
    const json = await run(["example", "--json"]);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.text.split("\nverify: ")[0])).toEqual([
      { check: "verify", status: "could-not-check", message: expect.stringContaining("set AWS_PROFILE") },
    ]);
  });

  test("is 3 when AWS refuses the read", async () => {
    const denied = Object.assign(new Error("User is not authorized to perform: apigateway:GET"), {
      name: "AccessDeniedException",
      $metadata: { httpStatusCode: 403 },
    });
    v2.onAnyCommand().rejects(denied);
    const { code, text } = await run(["example"]);
    expect(code).toBe(3);
    expect(text).toMatch(/^verify: AWS refused the read \(AccessDeniedException: /);
  });

  test("is 3 in one line, no stack trace, when AWS answers with a server error", async () => {
    const failed = Object.assign(new Error("We encountered an internal error. Please try again."), {
      name: "InternalFailure",
      $fault: "server",
      $metadata: { httpStatusCode: 500 },
    });
    v2.onAnyCommand().rejects(failed);
    const { code, text } = await run(["example"]);
    expect(code).toBe(3);
    expect(text).toBe(
      "verify: AWS in eu-west-1 answered HTTP 500 (InternalFailure): nothing was checked; run verify again later",
    );
  });

  test("--json prints the results as JSON", async () => {
    const { text } = await run(["example", "--json"]);
    expect(JSON.parse(text.split("\nNo problem found.")[0])[0]).toEqual({
      check: "domain status",
      status: "ok",
      message: "AVAILABLE",
    });
  });
});

describe("self-managed mode", () => {
  test("the published CRLs are read from the CRL bucket and compared with the PKI folder", async () => {
    const pki = await createTestPki({ now: () => NOW });
    const config = selfManagedConfig(pki.layout.root);
    const crl = { Bucket: crlBucketName(config), Key: "crl/issuing-1.crl" };
    const publish = (der: Buffer) =>
      s3.on(GetObjectCommand, crl).resolves({ Body: s3Body({ transformToByteArray: async () => der }) });
    const crlChecks = async () =>
      (await verifyEnvironment(config, clients, { now: NOW, minDays: 30, executeApiUrl })).filter(
        (result) => result.check === "published CRL",
      );
    try {
      publish(fs.readFileSync(pki.layout.crlDer("issuing-1")));
      expect((await crlChecks()).map((result) => result.status)).toEqual(["ok", "ok"]);
      const published = fs.readFileSync(pki.layout.crlDer("issuing-1"));
      // The folder goes back to before that CRL: its pki.json records a lower number.
      const manifest = JSON.parse(fs.readFileSync(pki.layout.manifest, "utf8"));
      manifest.authorities[1].crlNumber -= 1;
      fs.writeFileSync(pki.layout.manifest, JSON.stringify(manifest));
      publish(published);
      const [behind] = await crlChecks();
      expect(behind).toMatchObject({
        status: "problem",
        message: expect.stringMatching(
          /holds CRL number \d+ of issuing-1, above the PKI folder's \d+: .*deploy the pki stack/,
        ),
      });
    } finally {
      fs.rmSync(path.dirname(pki.layout.root), { recursive: true, force: true });
    }
  });
});
