import { about, type Rule } from "../model";

const DAY = 24 * 60 * 60 * 1000;

export const expiryWarning: Rule = {
  id: "expiry-warning",
  title: "No certificate expires within the warning period",
  check: (context) =>
    context.certificates
      .filter((certificate) => certificate.notAfter >= context.now)
      .filter((certificate) => certificate.notAfter.getTime() - context.now.getTime() < context.expiryWarningDays * DAY)
      .map((certificate) => {
        const days = Math.floor((certificate.notAfter.getTime() - context.now.getTime()) / DAY);
        return {
          rule: "expiry-warning",
          severity: "warning" as const,
          certificate: about(certificate),
          message: `expires in ${days} day(s), on ${certificate.notAfter.toISOString()}; API Gateway never re-checks expiry and will not warn you`,
          fix: "rotate the CA now (see docs/self-managed-pki.md, rotation runbook) so old and new are bundled together",
        };
      }),
};
