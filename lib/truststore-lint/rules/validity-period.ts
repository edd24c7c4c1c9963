import { about, type Rule } from "../model";

export const validityPeriod: Rule = {
  id: "validity-period",
  title: "Every certificate is within its validity period",
  check: (context) =>
    context.certificates.flatMap((certificate) => {
      if (certificate.notAfter < context.now) {
        return [
          {
            rule: "validity-period",
            severity: "error" as const,
            certificate: about(certificate),
            message: `expired on ${certificate.notAfter.toISOString()}: API Gateway refuses every client that chains through it`,
            fix: "replace it with a renewed CA certificate, or remove it if no client depends on it any more",
          },
        ];
      }
      if (certificate.notBefore > context.now) {
        return [
          {
            rule: "validity-period",
            severity: "error" as const,
            certificate: about(certificate),
            message: `not valid before ${certificate.notBefore.toISOString()}`,
            fix: "check the signing machine's clock, or wait until the certificate is valid before deploying it",
          },
        ];
      }
      return [];
    }),
};
