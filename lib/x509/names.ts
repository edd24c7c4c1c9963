import type { X509Certificate } from "node:crypto";

/** A distinguished name as API Gateway writes it in clientCert.subjectDN: certificate order, comma-separated. */
export function distinguishedName(nodeName: string): string {
  return nodeName.split("\n").join(",");
}

/** Lower-case hex without separators: how the PKI tool and the linter name a serial number. */
export function serialHex(certificate: X509Certificate): string {
  return certificate.serialNumber.toLowerCase();
}

/** Colon-separated lower-case hex pairs, as API Gateway passes clientCert.serialNumber. */
export function colonSerial(hex: string): string {
  const even = hex.length % 2 ? `0${hex}` : hex;
  return even.toLowerCase().match(/../g)!.join(":");
}
