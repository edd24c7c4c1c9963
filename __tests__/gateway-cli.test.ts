// npm run gateway: serves the configured PKI, prints where it listens, and stops cleanly on SIGINT or SIGTERM.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";
import { issue } from "../tools/pki/commands/issue";
import type { PkiContext } from "../tools/pki/context";
import { createTestPki } from "./helpers/pki";
import { runToolAsync, toolCommand } from "./helpers/processes";
import { curl } from "./helpers/tls-clients";

const GATEWAY = "tools/gateway/cli.ts";

/** Starts the CLI (in node itself, so that signals reach it directly) and resolves once it prints its URL. */
function startCli(args: string[]) {
  const child = spawn(...toolCommand(GATEWAY, args), { cwd: PROJECT_ROOT });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (https:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, url, exited, output: () => stdout, errors: () => stderr };
}

describe("npm run gateway", () => {
  let pki: PkiContext;
  beforeAll(async () => {
    pki = await createTestPki();
    await issue(pki, { name: "localhost", kind: "server" });
    await issue(pki, { name: "partner-a" });
  });

  test("is the package's gateway script", () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).scripts;
    expect(scripts.gateway).toBe(`tsx ${GATEWAY}`);
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

  test("refuses a host other than loopback, and a missing server certificate, with the fix", async () => {
    const empty = await createTestPki();
    const [outside, noServer] = await Promise.all([
      runToolAsync(GATEWAY, ["--dir", pki.layout.root, "--host", "0.0.0.0", "--port", "0"]),
      runToolAsync(GATEWAY, ["--dir", empty.layout.root, "--port", "0"]),
    ]);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain("--host 0.0.0.0: the proving ground listens on loopback only");
    expect(noServer.status).toBe(1);
    expect(noServer.stderr).toMatch(/the server certificate .* cannot be read: issue it with `npm run pki -- server`/);
  });
});
