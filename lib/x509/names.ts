// Distinguished names, both ways: the text API Gateway writes for a certificate's subject and issuer, and the
// name the PKI tool builds from the configuration's subject fields.
import type { Subject } from "../config/pki-common";
import type { x509 } from "./peculiar-x509";

/**
 * A name as API Gateway writes it in clientCert.subjectDN and issuerDN: RFC 4514 order (most specific first) and
 * comma-separated, e.g. "CN=partner-a,O=Example,C=GB". Node prints a name one attribute per line, least specific
 * first, so the lines are reversed.
 */
export function distinguishedName(nodeName: string): string {
  return nodeName.split("\n").filter(Boolean).reverse().join(",");
}

const SUBJECT_ATTRIBUTES: [keyof Subject, string][] = [
  ["country", "C"],
  ["state", "ST"],
  ["locality", "L"],
  ["organization", "O"],
  ["organizationalUnit", "OU"],
  ["commonName", "CN"],
];

/** The name to put in a certificate for the configuration's subject fields, most general first as is usual. */
export function subjectName(subject: Subject): x509.JsonName {
  return SUBJECT_ATTRIBUTES.filter(([field]) => subject[field] !== undefined).map(([field, type]) => ({
    [type]: [subject[field] as string],
  }));
}
