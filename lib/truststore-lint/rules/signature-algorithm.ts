import { hasStrongHash } from "../../x509/signature-algorithm";
import { about, type Rule } from "../model";

export const signatureAlgorithm: Rule = {
  id: "signature-algorithm",
  title: "Signatures use SHA-256 or stronger",
  check: (context) =>
    context.certificates
      .filter((certificate) => !hasStrongHash(certificate.signatureAlgorithm))
      .map((certificate) => ({
        rule: "signature-algorithm",
        severity: "error" as const,
        certificate: about(certificate),
        message: `signed with ${certificate.signatureAlgorithm.name}: API Gateway requires RSA or ECDSA signatures with SHA-256 or stronger`,
        fix: "have the issuer re-sign it with SHA-256 or stronger (e.g. sha256WithRSAEncryption, ecdsa-with-SHA256)",
      })),
};
