// npm run bench:handshakes: mutual TLS handshakes per second against the proving ground on loopback. The
// gateway runs in its own process (as `npm run gateway` does); clients here open a new connection every
// time (no session resumption), present their certificate, and either stop at the handshake or send one
// request through the checks, the authorizer and the echo backend.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as tls from "node:tls";
import { selfManagedPkiSchema } from "../../../lib/config/pki-self-managed-schema";
import { PkiLayout } from "../../../lib/pki-folder/layout";
import { PROJECT_ROOT } from "../../../lib/project-root";
import { init } from "../../pki/commands/init";
import { issue } from "../../pki/commands/issue";
import { report, scratchFolder, runBenchmark } from "./measure";

const SECONDS = 5;
const CONCURRENCY = 8;

interface Client {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

function connect(port: number, client: Client, maxVersion: tls.SecureVersion, request: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: "127.0.0.1",
      port,
      ...client,
      maxVersion,
      servername: "localhost",
      session: undefined,
    });
    socket.once("error", reject);
    socket.once("secureConnect", () => {
      if (!request) {
        socket.destroy();
        resolve();
        return;
      }
      let response = "";
      socket.on("data", (chunk) => (response += chunk));
      socket.on("end", () =>
        response.startsWith("HTTP/1.1 200") ? resolve() : reject(new Error(response.split("\r\n")[0])),
      );
      socket.write("GET /bench HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    });
  });
}

async function rate(port: number, client: Client, maxVersion: tls.SecureVersion, request: boolean): Promise<number> {
  const deadline = Date.now() + SECONDS * 1000;
  let done = 0;
  const loop = async () => {
    while (Date.now() < deadline) {
      await connect(port, client, maxVersion, request);
      done++;
    }
  };
  const start = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return done / ((Date.now() - start) / 1000);
}

async function main(): Promise<void> {
  const layout = new PkiLayout(path.join(scratchFolder("handshakes"), "pki"));
  const settings = selfManagedPkiSchema.parse({
    mode: "self-managed",
    rootCa: { subject: { commonName: "Bench Root" } },
    issuingCa: { subject: { commonName: "Bench Issuing" } },
  });
  const pki = { layout, settings, now: () => new Date() };
  await init(pki);
  await issue(pki, { name: "localhost", kind: "server" });
  await issue(pki, { name: "bench-client" });
  const client = {
    ca: fs.readFileSync(layout.truststore),
    cert: fs.readFileSync(layout.certificate("client", "bench-client")),
    key: fs.readFileSync(layout.key("client", "bench-client")),
  };

  const gateway = spawn(
    process.execPath,
    ["tools/run-bundled.cjs", "tools/gateway/cli.ts", "--dir", layout.root, "--port", "0"],
    {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let output = "";
      gateway.stdout!.on("data", (chunk) => {
        output += chunk;
        const match = output.match(/listening on https:\/\/127\.0\.0\.1:(\d+)/);
        if (match) resolve(Number(match[1]));
      });
      gateway.once("exit", (code) => reject(new Error(`the gateway exited with ${code}`)));
    });
    gateway.stdout!.resume();
    const rows: [string, string][] = [];
    for (const [label, version, request] of [
      ["TLS 1.3 handshakes", "TLSv1.3", false],
      ["TLS 1.2 handshakes", "TLSv1.2", false],
      ["TLS 1.3 new connection + GET (checks, authorizer, echo)", "TLSv1.3", true],
    ] as const) {
      rows.push([label, `${(await rate(port, client, version, request)).toFixed(0)} per second`]);
    }
    report(
      `proving ground handshake benchmark (${CONCURRENCY} concurrent clients, ${SECONDS} s each, EC P-256 server, RSA-2048 client)`,
      rows,
    );
  } finally {
    gateway.kill("SIGTERM");
  }
}

runBenchmark("bench:handshakes", "mTLS handshakes per second against the proving ground", main);
