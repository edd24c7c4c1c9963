// The files the proving ground serves with: by default, those of the self-managed PKI of the configuration.
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../lib/pki/errors";
import { PkiLayout } from "../../lib/pki/layout";
import { readManifest } from "../../lib/pki/manifest";
import { readCaCertificate } from "../../lib/pki/public-files";

export interface GatewayFiles {
  readonly truststore: string;
  readonly certificate: string;
  readonly key: string;
  readonly crl: string;
}

export interface GatewayMaterial {
  readonly truststorePem: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
  /** The active issuing CA: it signs the CRL the authorizer checks. */
  readonly activeIssuingCaPem: string;
}

/** Default files for the PKI folder; any of them can be overridden. */
export function defaultGatewayFiles(layout: PkiLayout, serverName = "localhost"): GatewayFiles {
  const manifest = readManifest(layout);
  return {
    truststore: layout.truststore,
    certificate: layout.certificate("server", serverName),
    key: layout.key("server", serverName),
    crl: layout.crlDer(manifest.activeIssuingCa),
  };
}

function read(file: string, what: string, fix: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(`the ${what} ${path.relative(process.cwd(), file) || file} cannot be read: ${fix}`);
  }
}

export function readGatewayMaterial(files: GatewayFiles, layout: PkiLayout): GatewayMaterial {
  const serverFix = "issue it with `npm run pki -- server`, or pass --cert and --key";
  return {
    truststorePem: read(files.truststore, "truststore bundle", "run `npm run pki -- bundle`, or pass --truststore"),
    serverCertificatePem: read(files.certificate, "server certificate", serverFix),
    serverKeyPem: read(files.key, "server key", serverFix),
    activeIssuingCaPem: readCaCertificate(layout, readManifest(layout).activeIssuingCa).pem,
  };
}
