// npm run gateway: serves the configured PKI, prints where it listens, and stops cleanly on SIGINT or SIGTERM.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { issue } from "../../tools/pki/commands/issue";
import type { PkiContext } from "../../tools/pki/context";
import { createTestPki } from "../helpers/pki";
import { GATEWAY, startCli } from "../helpers/gateway-cli";
import { RUN_BUNDLED, runToolAsync } from "../helpers/processes";
import { curl } from "../helpers/tls-clients";

describe("npm run gateway", () => {
  let pki: PkiContext;
  beforeAll(async () => {
    pki = await createTestPki();
    await issue(pki, { name: "localhost", kind: "server" });
    await issue(pki, { name: "partner-a" });
  });

  test("is the package's gateway script", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.gateway).toBe(`node ${RUN_BUNDLED} ${GATEWAY}`);
  });

  test.each(["SIGTERM", "SIGINT"] as const)(
    "prints where it listens, serves mTLS, and stops cleanly on %s",
    async (signal) => {
      const cli = startCli(["--dir", pki.layout.root, "--port", "0"]);
      try {
        const url = await cli.url;
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(cli.output()).toContain(`truststore ${pki.layout.truststore}`);
        const client = {
          certificate: pki.layout.certificate("client", "partner-a"),
          key: pki.layout.key("client", "partner-a"),
        };
        const result = await curl({ url, truststore: pki.layout.truststore, client, weakClientConfig: "" });
        expect(result.status).toBe(200);
      } catch (error) {
        cli.child.kill("SIGKILL");
        throw error;
      }
      cli.child.kill(signal);
      expect(await cli.exited).toBe(0);
      expect(cli.output()).toContain(`${signal}: stopping`);
      expect(cli.output()).toMatch(/"status":200/);
    },
  );

  test("refuses a host other than loopback, a missing server certificate and a remote stand-in, with the fix", async () => {
    const empty = await createTestPki();
    const [outside, noServer, remoteStandIn] = await Promise.all([
      runToolAsync(GATEWAY, ["--dir", pki.layout.root, "--host", "0.0.0.0", "--port", "0"]),
      runToolAsync(GATEWAY, ["--dir", empty.layout.root, "--port", "0"]),
      runToolAsync(GATEWAY, ["--dir", pki.layout.root, "--port", "0", "--stand-in", "https://backend.example.com"]),
    ]);
    expect(remoteStandIn.status).toBe(2);
    expect(remoteStandIn.stderr.trim().split("\n")).toEqual([
      expect.stringContaining(
        "--stand-in https://backend.example.com: must be an http:// or https:// URL on loopback, e.g. http://127.0.0.1:9000",
      ),
    ]);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toContain("--host 0.0.0.0: the proving ground listens on loopback only");
    expect(noServer.status).toBe(2);
    expect(noServer.stderr).toMatch(/the server certificate .* cannot be read: issue it with `npm run pki -- server`/);
  });
});
