// Onboarding and offboarding two client teams, end to end in the proving ground (docs/onboarding.md): issue their
// certificates with the PKI tool, grant them routes in the configuration, and call with curl: 200 on a granted
// route with the identity headers at the backend (a forged one overwritten), 403 on a route not granted, 403
// after a revocation, 403 once the grant is removed from the configuration. The gateway CLI reads the routes,
// clients and api.authorizer from MTLS_CONFIG; the teams are known by the names the PKI tool issued them under.
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { exportP12, p12File } from "../../tools/pki/commands/export";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import type { PkiContext } from "../../tools/pki/context";
import { startCli } from "../helpers/gateway-cli";
import { waitFor } from "../helpers/wait-for";
import { createTestPki, selfManagedDocument } from "../helpers/pki";
import { clientFiles } from "../helpers/proving-ground";
import { curl } from "../helpers/tls-clients";

describe("onboarding client teams in the proving ground", () => {
  let pki: PkiContext;
  let backend: http.Server;
  const seen: http.IncomingHttpHeaders[] = [];
  let cli: ReturnType<typeof startCli>;
  let url: string;
  let standIn: string;
  let document: Record<string, any>;
  const handoverPassword = randomBytes(18).toString("base64url");

  beforeAll(async () => {
    pki = await createTestPki();
    await issue(pki, { name: "localhost", kind: "server" });
    await issue(pki, { name: "partner-a" });
    await issue(pki, { name: "partner-b" });
    // Handed over as the team receives it (docs/client-handover.md): one PKCS#12 file and its password.
    await exportP12(pki, { name: "partner-b", password: handoverPassword });
    backend = http.createServer((request, response) => {
      seen.push(request.headers);
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ path: request.url, client: request.headers["x-mtls-client"] }));
    });
    await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
    standIn = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
    document = selfManagedDocument();
    document.pki.directory = pki.layout.root;
    document.api.authorizer = { crlRefreshSeconds: 1 };
    // No api.clients: the routes grant the names `pki issue` used (the authorizer reads them from CN=<name>).
    document.api.routes = [
      { route: "$default", backend: { type: "echo" } },
      {
        route: "GET /orders/{proxy+}",
        backend: { type: "lambda", functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders" },
        clients: ["partner-a"],
      },
      {
        route: "POST /payments",
        backend: { type: "http", url: "https://payments.example.com/pay" },
        clients: ["partner-b"],
      },
    ];
    cli = serve("partners.json", document);
    url = await cli.url;
  });

  /** A gateway serving `configuration`, written as `file` in the PKI folder (the test's own). */
  const serve = (file: string, configuration: Record<string, any>) => {
    const configFile = path.join(pki.layout.root, file);
    fs.writeFileSync(configFile, JSON.stringify(configuration));
    return startCli(["--port", "0", "--stand-in", standIn], { ...process.env, MTLS_CONFIG: configFile, MTLS_ENV: "" });
  };

  afterAll(async () => {
    cli?.child.kill("SIGTERM");
    await cli?.exited;
    await new Promise((resolve) => backend?.close(resolve));
  });

  /** partner-a calls with its PEM certificate and key, partner-b with the PKCS#12 file it was handed. */
  const call = (client: "partner-a" | "partner-b", route: string, extra: string[] = [], at = url) =>
    curl(
      {
        url: at,
        path: route,
        truststore: pki.layout.truststore,
        weakClientConfig: "",
        ...(client === "partner-b"
          ? { p12: { file: p12File(pki, client), password: handoverPassword } }
          : { client: clientFiles(pki, client) }),
      },
      extra,
    );

  test("serves the configured routes with the config's authorizer settings, saying what stands in for what", () => {
    expect(cli.output()).toContain("CRLs re-read every 1 s");
    expect(cli.output()).toMatch(
      /route GET \/orders\/\{proxy\+\} -> http:\/\/127\.0\.0\.1:\d+ \(standing in for arn:aws:lambda:eu-west-1:123456789012:function:orders\), for partner-a/,
    );
  });

  test("a granted route answers 200, and the backend sees the client's identity, never the client's own headers", async () => {
    const result = await call("partner-a", "/orders/17", [
      "-H",
      "x-mtls-client: partner-b",
      "-H",
      "X-Mtls-Subject: CN=forged",
    ]);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ path: "/orders/17", client: "partner-a" });
    const headers = seen.at(-1)!;
    expect(headers["x-mtls-client"]).toBe("partner-a");
    expect(headers["x-mtls-subject"]).toBe("CN=partner-a");
    expect(headers["x-mtls-serial"]).toMatch(/^[0-9a-f]+$/);
    expect(headers["x-mtls-issuer"]).toContain("CN=");
    expect(Date.parse(String(headers["x-mtls-not-after"]))).toBeGreaterThan(Date.now());
  });

  test("a route not granted answers 403 with the reason in the authorizer's log; another client's grant works", async () => {
    expect((await call("partner-a", "/payments", ["-X", "POST"])).status).toBe(403);
    expect(cli.output()).toMatch(/"reason":"route_not_granted".*"client":"partner-a","route":"POST \/payments"/);
    expect((await call("partner-b", "/payments", ["-X", "POST"])).status).toBe(200);
    expect((await call("partner-b", "/orders/17")).status).toBe(403);
    // Every trusted client may call a route that names no clients.
    expect((await call("partner-b", "/anything")).status).toBe(200);
  });

  test("after a revocation the client is refused on its granted route too", async () => {
    await revoke(pki, { certificate: "partner-a", reason: "cessationOfOperation" });
    const result = await waitFor(
      () => call("partner-a", "/orders/17"),
      (answer) => answer.status === 403,
      20_000,
    );
    expect(result.status).toBe(403);
    expect(cli.output()).toMatch(/"reason":"revoked".*"subject":"CN=partner-a"/);
  });

  test("once its grant is removed from the configuration, the gateway serving it refuses the team, saying why", async () => {
    const removed = structuredClone(document);
    const payments = removed.api.routes.find((route: { route: string }) => route.route === "POST /payments");
    expect(payments.clients).toEqual(["partner-b"]);
    payments.clients = ["partner-a"];
    const after = serve("partners-removed.json", removed);
    try {
      expect((await call("partner-b", "/payments", ["-X", "POST"], await after.url)).status).toBe(403);
      expect(after.output()).toMatch(
        /"reason":"route_not_granted".*"client":"partner-b","route":"POST \/payments".*"detail":"client partner-b is not granted route POST \/payments \(granted: partner-a\)"/,
      );
      // A route open to every trusted client still answers: removing a grant is not a revocation.
      expect((await call("partner-b", "/anything", [], await after.url)).status).toBe(200);
    } finally {
      after.child.kill("SIGTERM");
      await after.exited;
    }
  });
});
