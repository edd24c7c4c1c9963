// Creating CAs, shared by init and rotate: a self-signed root, or an issuing CA signed by a root.
import type { KeyObject } from "node:crypto";
import type { Subject } from "../../../lib/config/pki-common";
import type { Authority, Manifest } from "../../../lib/pki-folder/manifest";
import type { x509 } from "../../../lib/x509/peculiar-x509";
import type { PkiContext } from "../context";
import { keySpec, signingHash } from "../crypto/algorithms";
import { generateKeys } from "../crypto/keys";
import { subjectName } from "../../../lib/x509/names";
import { signCertificate, type Signer } from "../crypto/sign";
import { stageCrl } from "./crl";
import { bundleText, pemText, type Changes } from "../store";

export interface CreatedCa {
  readonly authority: Authority;
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
}

const YEAR = 365 * 24 * 60 * 60 * 1000;
/** Backdating tolerates clocks a little behind the CA's. */
export const BACKDATE = 5 * 60 * 1000;

export function nextCaName(manifest: Manifest | undefined, role: "root" | "issuing"): string {
  const taken = manifest?.authorities.filter((ca) => ca.role === role).length ?? 0;
  return `${role}-${taken + 1}`;
}

async function createCa(
  context: PkiContext,
  name: string,
  subject: Subject,
  validityYears: number,
  issuer: { signer: Signer; authority: Authority } | undefined,
): Promise<CreatedCa> {
  const settings = context.settings;
  const keys = await generateKeys(keySpec(settings.keyAlgorithm));
  const hash = signingHash(settings.signingAlgorithm);
  const now = context.now().getTime();
  let notAfter = new Date(now + validityYears * YEAR);
  if (issuer && notAfter > issuer.signer.certificate.notAfter) notAfter = issuer.signer.certificate.notAfter;
  const certificate = await signCertificate(
    {
      profile: issuer ? "issuing-ca" : "root-ca",
      subject: subjectName(subject),
      publicKey: keys.publicKey,
      notBefore: new Date(now - BACKDATE),
      notAfter,
    },
    issuer ? issuer.signer : { selfSigned: keys.privateKey, hash },
  );
  const authority: Authority = {
    name,
    role: issuer ? "issuing" : "root",
    ...(issuer ? { issuer: issuer.authority.name } : {}),
    serialNumber: certificate.serialNumber.toLowerCase(),
    signingAlgorithm: issuer ? issuer.authority.signingAlgorithm : settings.signingAlgorithm,
    notAfter: certificate.notAfter.toISOString(),
    retired: false,
    crlNumber: 0,
  };
  return { authority, certificate, privateKey: keys.privateKey };
}

export function createRootCa(context: PkiContext, name: string): Promise<CreatedCa> {
  return createCa(context, name, context.settings.rootCa.subject, context.settings.rootCa.validityYears, undefined);
}

export function createIssuingCa(
  context: PkiContext,
  name: string,
  root: { signer: Signer; authority: Authority },
): Promise<CreatedCa> {
  return createCa(context, name, context.settings.issuingCa.subject, context.settings.issuingCa.validityYears, root);
}

export function asSigner(created: CreatedCa): Signer {
  return {
    certificate: created.certificate,
    privateKey: created.privateKey,
    hash: signingHash(created.authority.signingAlgorithm),
  };
}

/**
 * Stages new CAs: their certificates and keys, the new issuing CA's first (empty) CRL, and the bundle with
 * them in it. The record must already list them.
 */
export async function stageNewCas(
  context: PkiContext,
  changes: Changes,
  manifest: Manifest,
  created: CreatedCa[],
): Promise<void> {
  const pems: Record<string, string> = {};
  for (const ca of created) {
    pems[ca.authority.name] = pemText(ca.certificate);
    changes.add(context.layout.caCertificate(ca.authority.name), pems[ca.authority.name]);
    changes.addKey(context.layout.caKey(ca.authority.name), ca.privateKey, true);
    if (ca.authority.role === "issuing") await stageCrl(context, changes, manifest, ca.authority, asSigner(ca));
  }
  changes.add(context.layout.truststore, bundleText(context, manifest, pems));
}

export function describeCa(context: PkiContext, ca: CreatedCa): string {
  return `${ca.authority.name}: "${ca.certificate.subject}" serial ${ca.authority.serialNumber}, expires ${ca.authority.notAfter} -> ${context.layout.display(context.layout.caCertificate(ca.authority.name))}`;
}
