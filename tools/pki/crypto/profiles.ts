// What each kind of certificate may do: CAs sign certificates and CRLs (the root one level of CA below it, the
// issuing CA none), clients authenticate with TLS client auth, the proving ground's server with server auth.
import type { KeyObject } from "node:crypto";
import { x509 } from "../../../lib/x509/peculiar-x509";

export type CertificateProfile = "root-ca" | "issuing-ca" | "client" | "server";

const CA_KEY_USAGE = x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign;

function endEntityKeyUsage(publicKey: KeyObject): number {
  // RSA key exchange (TLS 1.2 without ECDHE) needs keyEncipherment; ECDSA keys only sign.
  const usage = x509.KeyUsageFlags.digitalSignature;
  return publicKey.asymmetricKeyType === "rsa" ? usage | x509.KeyUsageFlags.keyEncipherment : usage;
}

export function profileExtensions(profile: CertificateProfile, publicKey: KeyObject): x509.Extension[] {
  switch (profile) {
    case "root-ca":
      return [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(CA_KEY_USAGE, true)];
    case "issuing-ca":
      return [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(CA_KEY_USAGE, true)];
    case "client":
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(endEntityKeyUsage(publicKey), true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      ];
    case "server":
      return [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(endEntityKeyUsage(publicKey), true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      ];
  }
}
