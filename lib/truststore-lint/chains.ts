// Links each certificate to the certificate in the bundle that signed it, and walks those links up to a
// self-signed root. Computed once per lint and shared by the chain rules.
import type { BundleCertificate, LintContext } from "./model";

export interface IssuerLink {
  /** The issuing certificate: one whose key verifies the signature, else the first with the issuer's name. */
  readonly issuer?: BundleCertificate;
  readonly signatureValid: boolean;
}

export interface Chain {
  /** The certificate, its issuer, and so on, as far as the bundle allows. */
  readonly path: BundleCertificate[];
  /** True when the path ends at a self-signed certificate. */
  readonly reachesRoot: boolean;
}

const links = new WeakMap<LintContext, Map<BundleCertificate, IssuerLink>>();

function verifies(certificate: BundleCertificate, issuer: BundleCertificate): boolean {
  try {
    return certificate.x509.verify(issuer.x509.publicKey);
  } catch {
    return false;
  }
}

function computeLinks(context: LintContext): Map<BundleCertificate, IssuerLink> {
  const bySubject = new Map<string, BundleCertificate[]>();
  for (const certificate of context.certificates) {
    const named = bySubject.get(certificate.subject) ?? [];
    named.push(certificate);
    bySubject.set(certificate.subject, named);
  }
  const result = new Map<BundleCertificate, IssuerLink>();
  for (const certificate of context.certificates) {
    const candidates = certificate.selfIssued ? [certificate] : (bySubject.get(certificate.issuer) ?? []);
    const verified = candidates.find((candidate) => verifies(certificate, candidate));
    result.set(certificate, { issuer: verified ?? candidates[0], signatureValid: verified !== undefined });
  }
  return result;
}

export function issuerLink(context: LintContext, certificate: BundleCertificate): IssuerLink {
  let computed = links.get(context);
  if (!computed) {
    computed = computeLinks(context);
    links.set(context, computed);
  }
  return computed.get(certificate)!;
}

export function chainOf(context: LintContext, certificate: BundleCertificate): Chain {
  const path = [certificate];
  for (let current = certificate; !current.selfIssued;) {
    const issuer = issuerLink(context, current).issuer;
    if (!issuer || path.includes(issuer)) return { path, reachesRoot: false };
    path.push(issuer);
    current = issuer;
  }
  return { path, reachesRoot: true };
}

/** Certificates that some other certificate in the bundle names as its issuer. */
export function issuersInBundle(context: LintContext): Set<BundleCertificate> {
  const issuers = new Set<BundleCertificate>();
  for (const certificate of context.certificates) {
    const issuer = issuerLink(context, certificate).issuer;
    if (issuer && issuer !== certificate) issuers.add(issuer);
  }
  return issuers;
}
