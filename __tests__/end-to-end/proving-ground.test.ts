// The local mTLS proving ground driven by real clients (curl, openssl s_client, Node's https) with
// certificates the PKI tool issued in this test: a trusted client gets 200 with its identity echoed; no
// certificate, another CA, expired, RSA-1024 and SHA-1 are refused with API Gateway's 403.
import type { APIGatewayRequestAuthorizerEventV2 } from "aws-lambda";
import * as fs from "node:fs";
import { readManifest } from "../../lib/pki-folder/manifest";
import { revoke } from "../../tools/pki/commands/revoke";
import { fileCrlSource } from "../../tools/gateway/crl-source";
import { REFUSAL_HEADER } from "../../tools/gateway/server";
import { issue } from "../../tools/pki/commands/issue";
import { rotate } from "../../tools/pki/commands/rotate";
import type { PkiContext } from "../../tools/pki/context";
import { defaultGatewayFiles, readGatewayMaterial } from "../../tools/gateway/files";
import {
  clientFiles,
  provingGroundFixture,
  startProvingGround,
  type ProvingGroundFixture,
  type StartedGround,
} from "../helpers/proving-ground";
import { createTestPki } from "../helpers/pki";
import { CLIENTS, curl, type ClientCall } from "../helpers/tls-clients";

const REFUSALS = [
  ["no certificate", undefined, "no-client-certificate"],
  ["a certificate from another CA", "stranger", "untrusted-certificate"],
  ["an expired certificate", "expired", "expired-certificate"],
  ["an RSA-1024 certificate", "rsa1024", "unsupported-key"],
  ["a SHA-1 signed certificate", "sha1", "insecure-signature-algorithm"],
] as const;

function colonSerial(hex: string): string {
  return hex.match(/../g)!.join(":");
}

describe("proving ground with real clients", () => {
  let fixture: ProvingGroundFixture;
  let ground: StartedGround;
  const call = (client?: keyof ProvingGroundFixture["clients"], path = "/orders?id=7"): ClientCall => ({
    url: ground.gateway.url,
    truststore: fixture.truststore,
    weakClientConfig: fixture.weakClientConfig,
    client: client ? fixture.clients[client] : undefined,
    path,
  });

  beforeAll(async () => {
    fixture = await provingGroundFixture();
    ground = await startProvingGround(fixture);
  });
  afterAll(async () => {
    await ground?.gateway.close();
  });

  describe.each(Object.entries(CLIENTS))("%s", (_name, client) => {
    test("trusted client -> 200 with its identity echoed", async () => {
      const result = await client(call("trusted"));
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(200);
      const serial = readManifest(fixture.pki.layout).certificates.find(
        (certificate) => certificate.name === "trusted",
      )!.serialNumber;
      expect(JSON.parse(result.body).clientCertificate).toEqual({
        subjectDN: "CN=trusted",
        issuerDN: "CN=Example Issuing CA 1,O=Example Ltd,C=GB",
        serialNumber: colonSerial(serial),
        notBefore: expect.stringMatching(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/),
        notAfter: expect.stringMatching(/^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT$/),
      });
      // The authorizer allowed it after checking the CRL, and passed the identity on as context.
      expect(JSON.parse(result.body).authorizer).toMatchObject({ subjectDN: expect.stringContaining("CN=trusted") });
    });

    test("revoked client -> 403 from the authorizer", async () => {
      const result = await client(call("revoked"));
      expect(result.error).toBeUndefined();
      expect({ status: result.status, reason: result.headers[REFUSAL_HEADER] }).toEqual({
        status: 403,
        reason: "authorizer-denied",
      });
    });

    test.each(REFUSALS)("%s -> 403 Forbidden", async (_case, name, reason) => {
      const result = await client(call(name));
      expect(result.error).toBeUndefined();
      expect({ status: result.status, body: result.body, reason: result.headers[REFUSAL_HEADER] }).toEqual({
        status: 403,
        body: '{"message":"Forbidden"}',
        reason,
      });
    });
  });

  test("every refusal is in the access log, with why", () => {
    const refusals = ground.log.filter((entry) => entry.status === 403).map((entry) => entry.refusal);
    for (const [, , reason] of REFUSALS) expect(refusals.filter((refusal) => refusal === reason)).toHaveLength(3);
    const untrusted = ground.log.find((entry) => entry.refusal === "untrusted-certificate")!;
    expect(untrusted.detail).toMatch(/OpenSSL verification against the truststore: /);
  });

  test("TLS below 1.2 is refused during the handshake (API Gateway's TLS_1_2 policy)", async () => {
    const result = await curl(call("trusted"), ["--tls-max", "1.1"]);
    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(/curl exit 35/);
  });

  test("the authorizer gets API Gateway's payload 2.0 REQUEST event with the client certificate", async () => {
    const events: APIGatewayRequestAuthorizerEventV2[] = [];
    const spy = await startProvingGround(fixture, {
      authorize: async (event) => {
        events.push(event);
        return { isAuthorized: true, context: { partner: "trusted" } };
      },
    });
    try {
      const result = await curl({ ...call("trusted", "/orders?id=7"), url: spy.gateway.url });
      expect(JSON.parse(result.body).authorizer).toEqual({ partner: "trusted" });
    } finally {
      await spy.gateway.close();
    }
    expect(events).toHaveLength(1);
    const event = events[0];
    expect(event).toMatchObject({
      version: "2.0",
      type: "REQUEST",
      rawPath: "/orders",
      rawQueryString: "id=7",
      queryStringParameters: { id: "7" },
      requestContext: { http: { method: "GET", path: "/orders", sourceIp: "127.0.0.1" }, stage: "$default" },
    });
    const clientCert = (event.requestContext as any).authentication.clientCert;
    expect(clientCert.clientCertPem).toBe(fs.readFileSync(fixture.clients.trusted.certificate, "utf8"));
    expect(clientCert.subjectDN).toBe("CN=trusted");
    expect(clientCert.serialNumber).toMatch(/^([0-9a-f]{2}:)+[0-9a-f]{2}$/);
  });

  test("a denying authorizer -> 403, and the backend is not called", async () => {
    let backendCalls = 0;
    const denying = await startProvingGround(fixture, {
      authorize: async () => ({ isAuthorized: false }),
      backend: async () => {
        backendCalls++;
        return { statusCode: 200, body: "should not happen" };
      },
    });
    try {
      const result = await curl({ ...call("trusted"), url: denying.gateway.url });
      expect({ status: result.status, reason: result.headers[REFUSAL_HEADER] }).toEqual({
        status: 403,
        reason: "authorizer-denied",
      });
    } finally {
      await denying.gateway.close();
    }
    expect(backendCalls).toBe(0);
  });

  test("routes: the most specific one serves, its key reaches the authorizer, and a path no route matches is a 404 before it", async () => {
    const routeKeys: string[] = [];
    const routed = await startProvingGround(fixture, {
      authorize: async (event) => {
        routeKeys.push(event.routeKey);
        return { isAuthorized: true };
      },
      routes: [
        { route: "GET /orders/{id}", backend: async () => ({ statusCode: 200, body: "one order" }) },
        { route: "ANY /orders/{proxy+}", backend: async () => ({ statusCode: 200, body: "orders" }) },
      ],
    });
    try {
      const get = (path: string) => curl({ ...call("trusted"), url: routed.gateway.url, path });
      expect((await get("/orders/7")).body).toBe("one order");
      expect((await get("/orders/7/lines")).body).toBe("orders");
      const none = await get("/payments");
      expect({ status: none.status, reason: none.headers[REFUSAL_HEADER] }).toEqual({
        status: 404,
        reason: "no-route",
      });
      expect(routeKeys).toEqual(["GET /orders/{id}", "ANY /orders/{proxy+}"]);
    } finally {
      await routed.gateway.close();
    }
  });

  test("an authorizer that throws -> 500, as API Gateway answers", async () => {
    const failing = await startProvingGround(fixture, {
      authorize: async () => Promise.reject(new Error("CRL unreadable")),
    });
    try {
      const result = await curl({ ...call("trusted"), url: failing.gateway.url });
      expect({ status: result.status, body: result.body }).toEqual({
        status: 500,
        body: '{"message":"Internal Server Error"}',
      });
      expect(failing.log[0]).toMatchObject({ refusal: "authorizer-error", detail: "CRL unreadable" });
    } finally {
      await failing.gateway.close();
    }
  });

  test("the revoked client is ready for the authorizer: it is in the signed CRL the authorizer reads", async () => {
    const source = fileCrlSource(fixture.pki.layout.crlDer("issuing-1"));
    const fetched = await source.fetch();
    if (fetched.status !== "fetched") throw new Error("first fetch must return the CRL");
    const { x509 } = await import("../../lib/x509/peculiar-x509");
    const crl = new x509.X509Crl(fetched.body);
    const serial = readManifest(fixture.pki.layout).certificates.find(
      (certificate) => certificate.name === "revoked",
    )!.serialNumber;
    expect(crl.findRevoked(serial)).not.toBeNull();
    const active = readManifest(fixture.pki.layout).activeIssuingCa;
    const issuingCa = fixture.material.issuingCas.find((ca) => ca.name === active)!;
    expect(await crl.verify({ publicKey: new x509.X509Certificate(issuingCa.pem) })).toBe(true);
  });
});

describe("during an issuing CA rotation", () => {
  let pki: PkiContext;
  let ground: StartedGround;
  const call = (name: string): ClientCall => ({
    url: ground.gateway.url,
    truststore: pki.layout.truststore,
    weakClientConfig: "",
    client: clientFiles(pki, name),
  });

  beforeAll(async () => {
    pki = await createTestPki();
    await issue(pki, { name: "localhost", kind: "server" });
    await issue(pki, { name: "old-client" });
    await issue(pki, { name: "old-retired" });
    await rotate(pki, "issuing");
    await issue(pki, { name: "new-client" });
    await revoke(pki, { certificate: "old-retired" });
    const material = readGatewayMaterial(defaultGatewayFiles(pki.layout), pki.layout);
    ground = await startProvingGround({ pki, material });
  });
  afterAll(async () => {
    await ground?.gateway.close();
  });

  test("clients of the old and the new issuing CA both get 200; a client revoked by the old CA gets 403", async () => {
    const [oldClient, newClient, retired] = await Promise.all(
      ["old-client", "new-client", "old-retired"].map((name) => curl(call(name))),
    );
    const issuerOf = (name: string) =>
      readManifest(pki.layout).certificates.find((certificate) => certificate.name === name)?.issuer;
    expect([issuerOf("old-client"), issuerOf("new-client")]).toEqual(["issuing-1", "issuing-2"]);
    expect([oldClient.status, newClient.status]).toEqual([200, 200]);
    expect({ status: retired.status, reason: retired.headers[REFUSAL_HEADER] }).toEqual({
      status: 403,
      reason: "authorizer-denied",
    });
  });
});

describe("file-backed CRL source", () => {
  test("returns the bytes with an entity tag, then not-modified until the CRL changes", async () => {
    const pki = await createTestPki();
    const file = pki.layout.crlDer("issuing-1");
    const source = fileCrlSource(file);
    const first = await source.fetch();
    expect(first).toEqual({
      status: "fetched",
      body: fs.readFileSync(file),
      etag: expect.stringMatching(/^"[0-9a-f]{64}"$/),
    });
    const etag = first.status === "fetched" ? first.etag : "";
    expect(await source.fetch(etag)).toEqual({ status: "not-modified" });
    await issue(pki, { name: "later" });
    await revoke(pki, { certificate: "later" });
    const after = await source.fetch(etag);
    expect(after.status === "fetched" && after.etag !== etag).toBe(true);
  });
});
