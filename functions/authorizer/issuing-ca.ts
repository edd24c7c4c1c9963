// The issuing CAs the authorizer trusts: a client certificate must be signed by one of them, and that CA's CRL
// must be signed by it too. More than one only during a CA rotation, when old and new clients both call.
import { X509Certificate } from "node:crypto";
import { distinguishedName } from "../../lib/x509/names";
import { childrenOf, derRoot, encodingOf, expectTag, TAG } from "../../lib/x509/der";

export interface IssuingCa {
  /** The CA's name in the pki stack's outputs (e.g. issuing-2), used in errors and log lines. */
  readonly name: string;
  readonly certificate: X509Certificate;
  /** DER of the CA's subject name: a CRL must name exactly this issuer. */
  readonly subjectDer: Uint8Array;
}

/** Reads an issuing CA's PEM; throws an error that names the CA and says what is wrong with it. */
export function readIssuingCa(name: string, pem: string): IssuingCa {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new Error(
      `The issuing CA certificate ${name} is not a readable PEM certificate: ${(error as Error).message}`,
    );
  }
  if (!certificate.ca) {
    throw new Error(
      `The issuing CA certificate ${name} (${distinguishedName(certificate.subject)}) is not a CA certificate`,
    );
  }
  const der = certificate.raw;
  const [tbs] = childrenOf(der, derRoot(der, "The issuing CA certificate"), "Certificate");
  const fields = childrenOf(der, expectTag(tbs, TAG.SEQUENCE, "TBSCertificate"), "TBSCertificate");
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const first = fields[0]?.tag === TAG.CONTEXT_0 ? 1 : 0;
  const subject = expectTag(fields[first + 4], TAG.SEQUENCE, "The issuing CA certificate's subject");
  return { name, certificate, subjectDer: encodingOf(der, subject) };
}
