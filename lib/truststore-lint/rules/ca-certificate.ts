import { issuersInBundle } from "../chains";
import { about, type Rule } from "../model";

export const caCertificate: Rule = {
  id: "ca-certificate",
  title: "Certificates that sign others are marked as CAs",
  check: (context) => {
    const issuers = issuersInBundle(context);
    return context.certificates
      .filter((certificate) => !certificate.x509.ca)
      .map((certificate) =>
        issuers.has(certificate)
          ? {
              rule: "ca-certificate",
              severity: "error" as const,
              certificate: about(certificate),
              message:
                "it signs other certificates in the bundle but is not a CA (basicConstraints CA:TRUE is missing)",
              fix: "re-issue it as a CA certificate (basicConstraints critical CA:TRUE, keyUsage keyCertSign, cRLSign)",
            }
          : {
              rule: "ca-certificate",
              severity: "warning" as const,
              certificate: about(certificate),
              message:
                "not a CA certificate: a truststore holds the CAs that issue client certificates, not the clients",
              fix: "replace it with the certificate of the CA that issued it, unless you mean to trust this one self-signed client",
            },
      );
  },
};
