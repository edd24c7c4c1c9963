// The issuing CAs the authorizer trusts: a client certificate must be signed by one of them, and that CA's CRL
// must be signed by it too. More than one only during a CA rotation, when old and new clients both call.
import { X509Certificate } from "node:crypto";
import { distinguishedName } from "../../lib/x509/names";
import { childrenOf, encodingOf, isUniversal, parseDer, asn1 } from "./der";

export interface IssuingCa {
  /** The CA's name in the pki stack's outputs (e.g. issuing-2), used in errors and log lines. */
  readonly name: string;
  readonly certificate: X509Certificate;
  /** DER of the CA's subject name (binary string): a CRL must name exactly this issuer. */
  readonly subjectDer: string;
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
  const tbs = childrenOf(
    childrenOf(parseDer(certificate.raw, "The issuing CA certificate"), "Certificate", 3)[0],
    "TBSCertificate",
    6,
  );
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const first = isUniversal(tbs[0], asn1.Type.INTEGER) ? 0 : 1;
  return { name, certificate, subjectDer: encodingOf(tbs[first + 4]) };
}
