// npm run gateway -- [--port N] [--host 127.0.0.1] [--dir DIR] [--truststore F] [--cert F] [--key F] [--crl F]
//                    [--crl-refresh SECONDS]
// Serves the mTLS proving ground until SIGINT or SIGTERM, following the PKI folder's changes as it runs.
// Exit status: 0 stopped cleanly, 2 could not start.
import * as path from "node:path";
import type { Config } from "../../lib/config/schema";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki-folder/layout";
import { EXIT, UsageError } from "../../lib/user-error";
import { command, ENV_OPTION, type OptionValues, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main } from "../cli/run";
import { PkiFollower } from "./follow";
import { LOCAL_AUTHORIZER } from "./local-authorizer";
import { servedRoutes } from "./routes";
import { startGateway } from "./server";
import { accessRules } from "../../lib/routes/access-rules";

function pkiLayout(dir: string | undefined, config: Config): PkiLayout {
  if (dir) return new PkiLayout(path.resolve(dir), dir);
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the proving ground serves a self-managed PKI; use --env self-managed (after \`npm run pki -- init\`) or pass --dir`,
    );
  }
  return pkiLayoutFor({ environment: config.environment, pki: config.pki });
}

const OPTIONS = {
  ...ENV_OPTION,
  port: { type: "string", value: "N", description: "port to listen on (default 8443; 0 picks a free one)" },
  host: { type: "string", value: "HOST", description: "loopback address to listen on (default 127.0.0.1)" },
  dir: { type: "string", value: "DIR", description: "PKI folder (default: the environment's, as for pki)" },
  truststore: { type: "string", value: "F", description: "truststore bundle (default: the PKI folder's)" },
  cert: { type: "string", value: "F", description: "server certificate and chain (default: npm run pki -- server)" },
  key: { type: "string", value: "F", description: "server key (default: the server certificate's)" },
  crl: { type: "string", value: "F", description: "CRL of the active issuing CA (default: the PKI folder's)" },
  "crl-refresh": {
    type: "string",
    value: "SECONDS",
    description:
      "re-read the CRLs at least this often, besides following the folder (default: the environment's api.authorizer.crlRefreshSeconds)",
  },
  stage: { type: "string", value: "NAME", description: "stage name in the access log (default $default)" },
  "stand-in": {
    type: "string",
    value: "URL",
    description:
      "a loopback HTTP backend for the routes whose backends are out of reach here (default: the echo function)",
  },
} as const;

type Values = OptionValues<typeof OPTIONS>;

async function serve(values: Values): Promise<number> {
  const port = Number(values.port ?? "8443");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port}: must be a port number (0 picks a free one)`);
  // The environment's configuration gives the authorizer its settings, as the api stack gives the Lambda its own.
  const config = loadChosenConfig(chooseEnvironment(values.env));
  const crlRefreshSeconds = Number(values["crl-refresh"] ?? config.api.authorizer.crlRefreshSeconds);
  if (!Number.isFinite(crlRefreshSeconds) || crlRefreshSeconds <= 0)
    throw new UsageError(`--crl-refresh ${values["crl-refresh"]}: must be a positive number of seconds`);
  const line = (entry: object) => console.log(JSON.stringify(entry));
  const layout = pkiLayout(values.dir, config);
  const served = servedRoutes(config, values["stand-in"]);
  const follower = new PkiFollower({
    layout,
    overrides: { truststore: values.truststore, certificate: values.cert, key: values.key, crl: values.crl },
    authorizer: { ...config.api.authorizer, crlRefreshSeconds, access: accessRules(config, "http") },
    log: line,
  });
  const gateway = await listen({
    ...follower.material,
    host: values.host ?? "127.0.0.1",
    port,
    stage: values.stage ?? "$default",
    authorize: follower.authorize,
    routes: served.routes,
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
      ...served.lines,
      `  following ${shown(layout.root)}: revocations and rotations take effect within seconds, CRLs re-read every ${crlRefreshSeconds} s`,
      `  try: curl --cacert ${shown(files.truststore)} --cert <client.pem> --key <client.key.pem> ${gateway.url}/`,
    ].join("\n"),
  );
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping`);
      follower.stop();
      void gateway.close().then(() => resolve(EXIT.ok));
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}

/** A taken port is the user's to fix: say how. */
async function listen(options: Parameters<typeof startGateway>[0]): ReturnType<typeof startGateway> {
  try {
    return await startGateway(options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new UsageError(
      `${(error as Error).message}: the port is taken; pass another with --port (0 picks a free one)`,
    );
  }
}

export const GATEWAY: ToolDeclaration = {
  script: "gateway",
  summary: "the local mTLS proving ground, following its PKI folder; stop with Ctrl-C",
  notes: ["exit status: 0 stopped cleanly, 2 could not start (bad option, missing file, port taken)"],
  commands: [command({ summary: "serve the proving ground", options: OPTIONS, run: ({ values }) => serve(values) })],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [GATEWAY];

if (require.main === module) main(GATEWAY);
