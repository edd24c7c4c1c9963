// npm run gateway -- [--port N] [--host HOST] [--dir DIR] [--truststore F] [--cert F] [--key F] [--crl F]
//                    [--crl-refresh SECONDS] (npm run gateway -- --help: each option's type, bounds and default)
// Serves the mTLS proving ground until SIGINT or SIGTERM, following the PKI folder's changes as it runs.
// Exit status: 0 stopped cleanly, 2 could not start.
import { AUTHORIZER_SETTINGS } from "../../functions/authorizer/settings";
import type { Config } from "../../lib/config/schema";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki-folder/layout";
import { EXIT, UsageError } from "../../lib/user-error";
import {
  command,
  ENV_OPTION,
  type OptionDeclarations,
  type OptionValues,
  type ToolDeclaration,
} from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { shownPath } from "../cli/options";
import { main } from "../cli/run";
import { PkiFollower } from "./follow";
import { LOCAL_AUTHORIZER } from "./local-authorizer";
import { servedRoutes } from "./routes";
import { GATEWAY_DEFAULTS, startGateway } from "./server";
import { accessRules } from "../../lib/routes/access-rules";

const CRL_REFRESH = AUTHORIZER_SETTINGS.crlRefreshSeconds;

function pkiLayout(dir: string | undefined, config: Config): PkiLayout {
  if (dir) return new PkiLayout(dir, shownPath(dir));
  if (config.pki.mode !== "self-managed") {
    throw new PkiError(
      `pki.mode is "${config.pki.mode}" in environment ${config.environment}: the proving ground serves a self-managed PKI; use --env self-managed (after \`npm run pki -- init\`) or pass --dir`,
    );
  }
  return pkiLayoutFor({ environment: config.environment, pki: config.pki });
}

const OPTIONS = {
  ...ENV_OPTION,
  port: {
    type: "integer",
    min: 0,
    max: 65535,
    default: GATEWAY_DEFAULTS.port,
    description: "port to listen on (0 picks a free one)",
  },
  host: { type: "string", value: "HOST", default: GATEWAY_DEFAULTS.host, description: "loopback address to listen on" },
  dir: { type: "path", kind: "folder", description: "PKI folder (default: the environment's, as for pki)" },
  truststore: { type: "path", kind: "file", value: "F", description: "truststore bundle (default: the PKI folder's)" },
  cert: {
    type: "path",
    kind: "file",
    value: "F",
    description: "server certificate and chain (default: npm run pki -- server)",
  },
  key: { type: "path", kind: "file", value: "F", description: "server key (default: the server certificate's)" },
  crl: {
    type: "path",
    kind: "file",
    value: "F",
    description: "CRL of the active issuing CA (default: the PKI folder's)",
  },
  "crl-refresh": {
    type: "integer",
    // The bounds the configuration and the deployed authorizer keep (functions/authorizer/settings.ts).
    min: CRL_REFRESH.min,
    max: CRL_REFRESH.max,
    unit: "seconds",
    value: "SECONDS",
    description:
      "re-read the CRLs at least this often, besides following the folder (default: the environment's api.authorizer.crlRefreshSeconds)",
  },
  stage: {
    type: "string",
    value: "NAME",
    default: GATEWAY_DEFAULTS.stage,
    description: "stage name in the access log",
  },
  "stand-in": {
    type: "string",
    value: "URL",
    description:
      "a loopback HTTP backend for the routes whose backends are out of reach here (default: the echo function)",
  },
} as const satisfies OptionDeclarations;

type Values = OptionValues<typeof OPTIONS>;

async function serve(values: Values): Promise<number> {
  // The environment's configuration gives the authorizer its settings, as the api stack gives the Lambda its own.
  const config = loadChosenConfig(chooseEnvironment(values.env));
  const crlRefreshSeconds = values["crl-refresh"] ?? config.api.authorizer.crlRefreshSeconds;
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
    host: values.host,
    port: values.port,
    stage: values.stage,
    authorize: follower.authorize,
    routes: served.routes,
    log: line,
  });
  follower.follow(gateway);
  const files = follower.files;
  console.log(
    [
      `mTLS proving ground listening on ${gateway.url}`,
      `  truststore ${shownPath(files.truststore)}, server certificate ${shownPath(files.certificate)}`,
      `  authorizer ${LOCAL_AUTHORIZER}`,
      ...served.lines,
      `  following ${shownPath(layout.root)}: revocations and rotations take effect within seconds, CRLs re-read every ${crlRefreshSeconds} s`,
      `  try: curl --cacert ${shownPath(files.truststore)} --cert <client.pem> --key <client.key.pem> ${gateway.url}/`,
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
