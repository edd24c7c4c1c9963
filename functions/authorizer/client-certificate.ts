// Reads the PEM a client presented. Parsing and verifying a certificate costs far more than the rest of a
// decision, and a warm function sees the same few certificates again and again, so results are remembered
// per PEM: everything remembered depends on the PEM and the issuing CAs alone, never on the time or the CRL.
import { X509Certificate } from "node:crypto";
import type { IssuingCa } from "./issuing-ca";
import { sanValues } from "./access";
import { distinguishedName } from "../../lib/x509/names";
import { serialOfCertificate } from "../../lib/x509/serial";

/** Who called: what an allow passes to the backend and what each log line names. */
export interface CertificateIdentity {
  /** Canonical serial number, read from the DER: lower-case hex, no separators, no leading zeros, "-" if negative. */
  readonly serialNumber: string;
  /** Subject distinguished name, RFC 4514 order (most specific first), e.g. "CN=partner-a,O=Example,C=GB". */
  readonly subjectDN: string;
  readonly issuerDN: string;
  /** ISO 8601. */
  readonly notBefore: string;
  /** ISO 8601. */
  readonly notAfter: string;
}

export interface ClientCertificate {
  readonly identity: CertificateIdentity;
  readonly subjectDN: string;
  /** Its DNS, URI and email subject alternative names: per-client access may match them. */
  readonly sans: readonly string[];
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** The issuing CA it names as its issuer and whose key verifies its signature; none when no CA does. */
  readonly issuer?: IssuingCa;
}

/** Certificates remembered at most; beyond it the oldest is forgotten. */
export const REMEMBERED_CERTIFICATES = 5000;

export class ClientCertificateReader {
  private readonly remembered = new Map<string, ClientCertificate>();

  constructor(
    private readonly cas: readonly IssuingCa[],
    private readonly capacity = REMEMBERED_CERTIFICATES,
  ) {}

  /** Throws when the PEM is no readable certificate. */
  read(pem: string): ClientCertificate {
    const known = this.remembered.get(pem);
    if (known) return known;
    const certificate = this.parse(pem);
    if (this.remembered.size >= this.capacity) this.remembered.delete(this.remembered.keys().next().value!);
    this.remembered.set(pem, certificate);
    return certificate;
  }

  private parse(pem: string): ClientCertificate {
    const certificate = new X509Certificate(pem);
    const notBeforeMs = Date.parse(certificate.validFrom);
    const notAfterMs = Date.parse(certificate.validTo);
    if (Number.isNaN(notBeforeMs) || Number.isNaN(notAfterMs)) throw new Error("unreadable validity dates");
    const subjectDN = distinguishedName(certificate.subject);
    return {
      subjectDN,
      sans: sanValues(certificate.subjectAltName),
      identity: {
        serialNumber: serialOfCertificate(certificate.raw),
        subjectDN,
        issuerDN: distinguishedName(certificate.issuer),
        notBefore: new Date(notBeforeMs).toISOString(),
        notAfter: new Date(notAfterMs).toISOString(),
      },
      notBeforeMs,
      notAfterMs,
      issuer: this.cas.find(
        (ca) => certificate.checkIssued(ca.certificate) && certificate.verify(ca.certificate.publicKey),
      ),
    };
  }
}
