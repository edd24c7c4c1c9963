// The files the proving ground serves with: by default, those of the self-managed PKI of the configuration.
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../lib/pki-folder/errors";
import { PkiLayout } from "../../lib/pki-folder/layout";
import { bundledIssuingCas, readManifest } from "../../lib/pki-folder/manifest";
import { readCaCertificate, type CaCertificate } from "../../lib/pki-folder/public-files";

export interface GatewayFiles {
  readonly truststore: string;
  readonly certificate: string;
  readonly key: string;
  /** The CRL (DER) of each issuing CA in the bundle, by CA name. */
  readonly crls: Readonly<Record<string, string>>;
}

export interface GatewayMaterial {
  readonly truststorePem: string;
  readonly serverCertificatePem: string;
  readonly serverKeyPem: string;
  /** Every issuing CA in the bundle (old and new during a rotation): the authorizer accepts their clients. */
  readonly issuingCas: readonly CaCertificate[];
}

function issuingCaNames(layout: PkiLayout): string[] {
  return bundledIssuingCas(readManifest(layout)).map((ca) => ca.name);
}

/** Default files for the PKI folder; any of them can be overridden. */
export function defaultGatewayFiles(layout: PkiLayout, serverName = "localhost"): GatewayFiles {
  return {
    truststore: layout.truststore,
    certificate: layout.certificate("server", serverName),
    key: layout.key("server", serverName),
    crls: Object.fromEntries(issuingCaNames(layout).map((name) => [name, layout.crlDer(name)])),
  };
}

function read(file: string, what: string, fix: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    throw new PkiError(`the ${what} ${path.relative(process.cwd(), file) || file} cannot be read: ${fix}`);
  }
}

/** Files given on the command line in place of the PKI folder's own. */
export interface GatewayOverrides {
  readonly truststore?: string;
  readonly certificate?: string;
  readonly key?: string;
  /** Replaces the active issuing CA's CRL; the CRLs of CAs being rotated out stay the PKI folder's. */
  readonly crl?: string;
}

/** The files to serve with now: the PKI folder's (per its current record), with the overrides applied. */
export function gatewayFiles(layout: PkiLayout, overrides: GatewayOverrides = {}): GatewayFiles {
  const defaults = defaultGatewayFiles(layout);
  const active = readManifest(layout).activeIssuingCa;
  return {
    truststore: overrides.truststore ?? defaults.truststore,
    certificate: overrides.certificate ?? defaults.certificate,
    key: overrides.key ?? defaults.key,
    crls: { ...defaults.crls, ...(overrides.crl ? { [active]: overrides.crl } : {}) },
  };
}

export function readGatewayMaterial(files: GatewayFiles, layout: PkiLayout): GatewayMaterial {
  const serverFix = "issue it with `npm run pki -- server`, or pass --cert and --key";
  return {
    truststorePem: read(files.truststore, "truststore bundle", "run `npm run pki -- bundle`, or pass --truststore"),
    serverCertificatePem: read(files.certificate, "server certificate", serverFix),
    serverKeyPem: read(files.key, "server key", serverFix),
    issuingCas: issuingCaNames(layout).map((name) => readCaCertificate(layout, name)),
  };
}
