// npm run gateway -- [--port N] [--host 127.0.0.1] [--dir DIR] [--truststore F] [--cert F] [--key F] [--crl F]
// Serves the mTLS proving ground until SIGINT or SIGTERM. Exit status: 0 stopped cleanly, 2 could not start.
import * as path from "node:path";
import { loadConfig } from "../../lib/config/load";
import { PkiError } from "../../lib/pki/errors";
import { PkiLayout, pkiLayoutFor } from "../../lib/pki/layout";
import { readManifest } from "../../lib/pki/manifest";
import { EXIT, UsageError } from "../../lib/user-error";
import { command, ENV_OPTION, type OptionValues, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment } from "../cli/environment";
import { main } from "../cli/run";
import { defaultGatewayFiles, readGatewayMaterial } from "./files";
import { issuersFromFiles, LOCAL_AUTHORIZER, localAuthorizer } from "./local-authorizer";
import { startGateway } from "./server";

function pkiLayout(dir: string | undefined, environment: string | undefined): PkiLayout {
  if (dir) return new PkiLayout(path.resolve(dir), dir);
  const config = loadConfig(chooseEnvironment(environment).configEnv);
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
  stage: { type: "string", value: "NAME", description: "stage name in the access log (default $default)" },
} as const;

type Values = OptionValues<typeof OPTIONS>;

async function serve(values: Values): Promise<number> {
  const port = Number(values.port ?? "8443");
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port ${values.port}: must be a port number (0 picks a free one)`);
  const layout = pkiLayout(values.dir, values.env);
  const defaults = defaultGatewayFiles(layout);
  const active = readManifest(layout).activeIssuingCa;
  const files = {
    truststore: values.truststore ?? defaults.truststore,
    certificate: values.cert ?? defaults.certificate,
    key: values.key ?? defaults.key,
    // --crl replaces the active issuing CA's CRL; the CRLs of CAs being rotated out stay the PKI folder's.
    crls: { ...defaults.crls, ...(values.crl ? { [active]: values.crl } : {}) },
  };
  const material = readGatewayMaterial(files, layout);
  const gateway = await listen({
    ...material,
    host: values.host ?? "127.0.0.1",
    port,
    stage: values.stage ?? "$default",
    authorize: localAuthorizer({ issuers: issuersFromFiles(material, files) }),
    log: (entry) => console.log(JSON.stringify(entry)),
  });
  const shown = (file: string) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith("..") ? relative : file;
  };
  console.log(
    [
      `mTLS proving ground listening on ${gateway.url}`,
      `  truststore ${shown(files.truststore)}, server certificate ${shown(files.certificate)}`,
      `  authorizer ${LOCAL_AUTHORIZER}`,
      `  try: curl --cacert ${shown(files.truststore)} --cert <client.pem> --key <client.key.pem> ${gateway.url}/`,
    ].join("\n"),
  );
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.log(`${signal}: stopping`);
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
  summary: "the local mTLS proving ground; stop with Ctrl-C",
  notes: ["exit status: 0 stopped cleanly, 2 could not start (bad option, missing file, port taken)"],
  commands: [command({ summary: "serve the proving ground", options: OPTIONS, run: ({ values }) => serve(values) })],
};

if (require.main === module) main(GATEWAY);
