import { about, type Rule } from "../model";

export const duplicate: Rule = {
  id: "duplicate",
  title: "No certificate appears twice",
  check: (context) => {
    const firstSeen = new Map<string, number>();
    return context.certificates.flatMap((certificate) => {
      const key = certificate.x509.raw.toString("latin1");
      const first = firstSeen.get(key);
      if (first === undefined) {
        firstSeen.set(key, certificate.block.index);
        return [];
      }
      return [
        {
          rule: "duplicate",
          severity: "warning" as const,
          certificate: about(certificate),
          message: `the same certificate as block ${first}`,
          fix: "remove this copy (`npm run pki -- bundle` writes each CA once)",
        },
      ];
    });
  },
};
