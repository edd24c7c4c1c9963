import { chainOf, issuerLink } from "../chains";
import { about, type BundleCertificate, type Finding, type LintContext, type Rule } from "../model";

function missingIssuer(certificate: BundleCertificate): Finding {
  return {
    rule: "issuer-present",
    severity: "error",
    certificate: about(certificate),
    message: `its issuer "${certificate.issuer}" is not in the bundle: API Gateway needs the full chain up to the root`,
    fix: `add the certificate of "${certificate.issuer}" (and its own issuers, up to the self-signed root) after this one`,
  };
}

/** A certificate whose issuers lead back to itself: CAs that sign each other, with no self-signed root above. */
function loopThrough(context: LintContext, certificate: BundleCertificate): Finding[] {
  const chain = chainOf(context, certificate);
  const last = chain.path[chain.path.length - 1];
  if (chain.reachesRoot || issuerLink(context, last).issuer !== certificate) return [];
  const others = chain.path.slice(1).map((member) => `"${member.subject}"`);
  return [
    {
      rule: "issuer-present",
      severity: "error",
      certificate: about(certificate),
      message: `it and ${others.join(", ")} sign each other in a loop that never reaches a self-signed root: API Gateway (and openssl verify) find no chain`,
      fix: "add the self-signed root these CAs descend from, or replace the cross-signed certificates with ones its root issued",
    },
  ];
}

export const issuerPresent: Rule = {
  id: "issuer-present",
  title: "Every issuer is in the bundle, up to a self-signed root",
  check: (context) =>
    context.certificates.flatMap((certificate) =>
      issuerLink(context, certificate).issuer ? loopThrough(context, certificate) : [missingIssuer(certificate)],
    ),
};
