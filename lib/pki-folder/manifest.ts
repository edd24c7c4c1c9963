// pki.json: the PKI tool's public record of its CAs, the certificates they issued and the revocations. It
// holds no key material; the pki stack reads it at synth time to find the CA certificates and CRLs.
import * as fs from "node:fs";
import { z } from "zod";
import { SIGNING_ALGORITHMS } from "../config/pki-algorithms";
import { PkiError } from "./errors";
import type { PkiLayout } from "./layout";
import { parseJsonText } from "../json-text";

export const REVOCATION_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "privilegeWithdrawn",
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

const caName = z.string().regex(/^(root|issuing)-[1-9][0-9]*$/);
const serialNumber = z.string().regex(/^[0-9a-f]+$/);
const isoDate = z.iso.datetime();

const authority = z.strictObject({
  name: caName,
  role: z.enum(["root", "issuing"]),
  /** The root that signed an issuing CA. */
  issuer: caName.optional(),
  serialNumber,
  signingAlgorithm: z.enum([...SIGNING_ALGORITHMS.RSA, ...SIGNING_ALGORITHMS.EC]),
  notAfter: isoDate,
  /** A retired CA leaves the truststore bundle and the CRL bucket; its files stay for the record. */
  retired: z.boolean().default(false),
  /** Number of the last CRL the CA signed (issuing CAs). */
  crlNumber: z.number().int().nonnegative().default(0),
});

const issuedCertificate = z.strictObject({
  name: z.string(),
  kind: z.enum(["client", "server"]),
  serialNumber,
  subject: z.string(),
  issuer: caName,
  notAfter: isoDate,
  revoked: z.strictObject({ date: isoDate, reason: z.enum(REVOCATION_REASONS) }).optional(),
});

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  /** The issuing CA that signs new certificates; the others are kept during a rotation. */
  activeIssuingCa: caName,
  authorities: z.array(authority),
  certificates: z.array(issuedCertificate),
});

export type Manifest = z.output<typeof manifestSchema>;
export type Authority = Manifest["authorities"][number];
export type IssuedCertificate = Manifest["certificates"][number];

export function readManifest(layout: PkiLayout): Manifest {
  let text: string;
  try {
    text = fs.readFileSync(layout.manifest, "utf8");
  } catch {
    throw new PkiError(
      `${layout.display(layout.manifest)} does not exist: create the CA with \`npm run pki -- init\` (same MTLS_ENV or MTLS_CONFIG)`,
    );
  }
  const document = parseJsonText(
    text,
    (where) =>
      new PkiError(`${layout.display(layout.manifest)} is not valid JSON (${where}): restore it from a backup`),
  );
  const parsed = manifestSchema.safeParse(document);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    throw new PkiError(
      `${layout.display(layout.manifest)} is not a PKI record the tool wrote (${problem.path.join(".")}: ${problem.message}): restore it from a backup`,
    );
  }
  return parsed.data;
}

/** Deterministic text: the same record always gives the same bytes. */
export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifestSchema.parse(manifest), null, 2)}\n`;
}

export function authorityNamed(manifest: Manifest, name: string): Authority {
  const found = manifest.authorities.find((candidate) => candidate.name === name);
  if (!found) throw new PkiError(`pki.json names CA ${name} but has no record of it: restore pki.json from a backup`);
  return found;
}

/** The CAs in the truststore bundle, in bundle order: issuing CAs first (oldest first), then roots. */
export function bundledAuthorities(manifest: Manifest): Authority[] {
  const current = manifest.authorities.filter((ca) => !ca.retired);
  const byGeneration = (a: Authority, b: Authority) => generation(a.name) - generation(b.name);
  return [
    ...current.filter((ca) => ca.role === "issuing").sort(byGeneration),
    ...current.filter((ca) => ca.role === "root").sort(byGeneration),
  ];
}

/** The issuing CAs in the truststore bundle, oldest first: the active one, and during a rotation the one it replaces. */
export function bundledIssuingCas(manifest: Manifest): Authority[] {
  return bundledAuthorities(manifest).filter((ca) => ca.role === "issuing");
}

export function generation(caName: string): number {
  return Number(caName.slice(caName.lastIndexOf("-") + 1));
}
