// The one CA the authorizer trusts: client certificates must be signed by it, and so must its CRL.
import { X509Certificate } from "node:crypto";
import { childrenOf, encodingOf, isUniversal, parseDer, asn1 } from "./der";

export interface IssuingCa {
  readonly certificate: X509Certificate;
  /** DER of the CA's subject name (binary string): a CRL must name exactly this issuer. */
  readonly subjectDer: string;
}

/** Reads the issuing CA's PEM; throws an error that says what is wrong with it. */
export function readIssuingCa(pem: string): IssuingCa {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(pem);
  } catch (error) {
    throw new Error(`The issuing CA certificate is not a readable PEM certificate: ${(error as Error).message}`);
  }
  if (!certificate.ca) {
    throw new Error(`The issuing CA certificate (${certificate.subject.replace(/\n/g, ", ")}) is not a CA certificate`);
  }
  const tbs = childrenOf(
    childrenOf(parseDer(certificate.raw, "The issuing CA certificate"), "Certificate", 3)[0],
    "TBSCertificate",
    6,
  );
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const first = isUniversal(tbs[0], asn1.Type.INTEGER) ? 0 : 1;
  return { certificate, subjectDer: encodingOf(tbs[first + 4]) };
}
