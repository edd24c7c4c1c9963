// Reads what the pki and truststore stacks need from the PKI folder at synth time: CA certificates, CRLs and
// the truststore bundle, all public. It opens no file under private/; a synthesis test holds it to that.
import * as fs from "node:fs";
import { PkiError } from "./errors";
import type { PkiLayout } from "./layout";
import { authorityNamed, bundledIssuingCas, readManifest, type Manifest } from "./manifest";
import { x509 } from "../x509/peculiar-x509";

export interface CaCertificate {
  readonly name: string;
  readonly pem: string;
}

export interface PublishedCrl {
  /** The issuing CA that signed it. */
  readonly ca: string;
  readonly der: Buffer;
  readonly nextUpdate: Date;
}

export interface PublicPki {
  readonly manifest: Manifest;
  readonly activeIssuingCa: CaCertificate;
  readonly activeRootCa: CaCertificate;
  /** Every issuing CA in the bundle: the active one, and the one it replaces during a rotation. */
  readonly issuingCas: CaCertificate[];
  /** One CRL per issuing CA in the bundle. */
  readonly crls: PublishedCrl[];
}

const RUN = (command: string) => `run \`npm run pki -- ${command}\` (same MTLS_ENV or MTLS_CONFIG)`;

function readPublicFile(layout: PkiLayout, file: string, fix: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new PkiError(`${layout.display(file)} is missing: ${fix}`);
  }
}

export function readCaCertificate(layout: PkiLayout, name: string): CaCertificate {
  const pem = readPublicFile(layout, layout.caCertificate(name), RUN("init")).toString("utf8");
  return { name, pem };
}

function readCrl(layout: PkiLayout, ca: string, caPem: string, now: Date): PublishedCrl {
  const file = layout.crlDer(ca);
  const der = readPublicFile(layout, file, RUN("crl"));
  let crl: x509.X509Crl;
  try {
    crl = new x509.X509Crl(der);
  } catch (error) {
    throw new PkiError(`${layout.display(file)} is not a DER CRL (${(error as Error).message}): ${RUN("crl")}`);
  }
  const issuer = new x509.X509Certificate(caPem);
  if (crl.issuer !== issuer.subject) {
    throw new PkiError(
      `${layout.display(file)} was issued by "${crl.issuer}", not by CA ${ca} ("${issuer.subject}"): ${RUN("crl")}`,
    );
  }
  if (!crl.nextUpdate || crl.nextUpdate <= now) {
    throw new PkiError(
      `${layout.display(file)} expired at ${crl.nextUpdate?.toISOString() ?? "(no nextUpdate)"}: an authorizer would refuse every client; ${RUN("crl")}`,
    );
  }
  return { ca, der, nextUpdate: crl.nextUpdate };
}

/** The truststore bundle exactly as the PKI tool wrote it (the truststore stack lints it before upload). */
export function readTruststoreBundle(layout: PkiLayout): string {
  return readPublicFile(layout, layout.truststore, RUN("bundle")).toString("utf8");
}

export function readPublicPki(layout: PkiLayout, now: Date = new Date()): PublicPki {
  if (fs.existsSync(layout.journal)) {
    throw new PkiError(
      `${layout.display(layout.journal)} shows a PKI command was interrupted mid-commit, so its files may disagree: ${RUN("bundle")} to finish it, then \`npm run pki -- status\``,
    );
  }
  const manifest = readManifest(layout);
  const active = authorityNamed(manifest, manifest.activeIssuingCa);
  const activeIssuingCa = readCaCertificate(layout, active.name);
  const activeRootCa = readCaCertificate(layout, authorityNamed(manifest, active.issuer ?? "").name);
  const issuingCas = bundledIssuingCas(manifest).map((ca) =>
    ca.name === active.name ? activeIssuingCa : readCaCertificate(layout, ca.name),
  );
  const crls = issuingCas.map((ca) => readCrl(layout, ca.name, ca.pem, now));
  return { manifest, activeIssuingCa, activeRootCa, issuingCas, crls };
}
