// npm run gateway -- [--port N] [--host 127.0.0.1] [--dir DIR] [--truststore F] [--cert F] [--key F] [--crl F]
//                    [--crl-refresh SECONDS]
// Serves the mTLS proving ground until SIGINT or SIGTERM, following the PKI folder's changes as it runs.
// Exit status: 0 stopped cleanly, 1 could not start.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../../lib/config/errors";
import { loadConfig } from "../../lib/config/load";
import { PkiError } from "../../lib/pki/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki/layout";
import { PkiFollower } from "./follow";
import { LOCAL_AUTHORIZER } from "./local-authorizer";
import { startGateway } from "./server";

const OPTIONS = {
  port: { type: "string", default: "8443" },
  host: { type: "string", default: "127.0.0.1" },
  dir: { type: "string" },
  truststore: { type: "string" },
  cert: { type: "string" },
  key: { type: "string" },
  crl: { type: "string" },
  "crl-refresh": { type: "string", default: "300" },
  stage: { type: "string", default: "$default" },
} as const;

function pkiLayout(dir: string | undefined): PkiLayout {
  if (dir) return new PkiLayout(path.resolve(dir), dir);
  const config = loadConfig();
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the proving ground serves a self-managed PKI; use MTLS_ENV=self-managed (after \`npm run pki -- init\`) or pass --dir`,
    );
  }
  return pkiLayoutFor({ environment: config.environment, pki: config.pki });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: OPTIONS });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new PkiError(`--port ${values.port}: must be a port number (0 picks a free one)`);
  const crlRefreshSeconds = Number(values["crl-refresh"]);
  if (!Number.isFinite(crlRefreshSeconds) || crlRefreshSeconds <= 0)
    throw new PkiError(`--crl-refresh ${values["crl-refresh"]}: must be a positive number of seconds`);
  const line = (entry: object) => console.log(JSON.stringify(entry));
  const layout = pkiLayout(values.dir);
  const follower = new PkiFollower({
    layout,
    overrides: { truststore: values.truststore, certificate: values.cert, key: values.key, crl: values.crl },
    crlRefreshSeconds,
    log: line,
  });
  const gateway = await startGateway({
    ...follower.material,
    host: values.host,
    port,
    stage: values.stage,
    authorize: follower.authorize,
    log: line,
  });
  follower.follow(gateway);
  const files = follower.files;
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") ? relative : file;
  };
  console.log(
    [
      `mTLS proving ground listening on ${gateway.url}`,
      `  truststore ${shown(files.truststore)}, server certificate ${shown(files.certificate)}`,
      `  authorizer ${LOCAL_AUTHORIZER}`,
      `  following ${shown(layout.root)}: revocations and rotations take effect within seconds, CRLs re-read every ${crlRefreshSeconds} s`,
      `  try: curl --cacert ${shown(files.truststore)} --cert <client.pem> --key <client.key.pem> ${gateway.url}/`,
    ].join("\n"),
  );
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    follower.stop();
    void gateway.close().then(() => process.exit(0));
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

function explain(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return `${error.message}: the port is taken; pass another with --port (0 picks a free one)`;
  const known = error instanceof PkiError || error instanceof ConfigError || code?.startsWith("ERR_PARSE_ARGS");
  return known ? error.message : (error.stack ?? error.message);
}

main().catch((error: Error) => {
  console.error(`gateway: ${explain(error)}`);
  process.exit(1);
});
