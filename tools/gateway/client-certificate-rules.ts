// API Gateway's checks on the certificate a client presents: it must be there, chain to the truststore and
// be within its validity (OpenSSL verifies both against the truststore during the handshake), and use a
// supported algorithm (the truststore linter's rules). Any failure is a 403, as API Gateway answers.
import type { X509Certificate } from "node:crypto";
import type { TLSSocket } from "node:tls";
import { keyProblem } from "../../lib/x509/key-strength";
import { hasStrongHash, signatureAlgorithmOf } from "../../lib/x509/signature-algorithm";

export type RefusalReason =
  | "no-client-certificate"
  | "untrusted-certificate"
  | "expired-certificate"
  | "not-yet-valid-certificate"
  | "insecure-signature-algorithm"
  | "unsupported-key";

export interface Refusal {
  readonly reason: RefusalReason;
  readonly detail: string;
}

const VALIDITY_ERRORS: Record<string, RefusalReason> = {
  CERT_HAS_EXPIRED: "expired-certificate",
  CERT_NOT_YET_VALID: "not-yet-valid-certificate",
};

function algorithmRefusal(certificate: X509Certificate): Refusal | undefined {
  const signature = signatureAlgorithmOf(certificate.raw);
  if (!hasStrongHash(signature)) {
    return { reason: "insecure-signature-algorithm", detail: `signed with ${signature.name}` };
  }
  const key = keyProblem(certificate.publicKey);
  return key ? { reason: "unsupported-key", detail: key.message } : undefined;
}

/** Why API Gateway would refuse this connection's client certificate, or undefined when it would accept it. */
export function clientCertificateRefusal(socket: TLSSocket): Refusal | undefined {
  const certificate = socket.getPeerX509Certificate();
  if (!certificate) return { reason: "no-client-certificate", detail: "the client presented no certificate" };
  const weak = algorithmRefusal(certificate);
  if (weak) return weak;
  if (socket.authorized) return undefined;
  const code = String(socket.authorizationError ?? "UNKNOWN");
  return {
    reason: VALIDITY_ERRORS[code] ?? "untrusted-certificate",
    detail: `OpenSSL verification against the truststore: ${code}`,
  };
}
