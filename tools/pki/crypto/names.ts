// Distinguished names from the configuration's subject fields, in the conventional most-general-first order.
import type { Subject } from "../../../lib/config/pki-common";
import type { x509 } from "../../../lib/pki/x509";

const ATTRIBUTES: [keyof Subject, string][] = [
  ["country", "C"],
  ["state", "ST"],
  ["locality", "L"],
  ["organization", "O"],
  ["organizationalUnit", "OU"],
  ["commonName", "CN"],
];

export function distinguishedName(subject: Subject): x509.JsonName {
  return ATTRIBUTES.filter(([field]) => subject[field] !== undefined).map(([field, type]) => ({
    [type]: [subject[field] as string],
  }));
}
