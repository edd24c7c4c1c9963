import { issuerLink } from "../chains";
import { about, type Rule } from "../model";

export const issuerPresent: Rule = {
  id: "issuer-present",
  title: "Every issuer is in the bundle, up to a self-signed root",
  check: (context) =>
    context.certificates
      .filter((certificate) => !issuerLink(context, certificate).issuer)
      .map((certificate) => ({
        rule: "issuer-present",
        severity: "error" as const,
        certificate: about(certificate),
        message: `its issuer "${certificate.issuer}" is not in the bundle: API Gateway needs the full chain up to the root`,
        fix: `add the certificate of "${certificate.issuer}" (and its own issuers, up to the self-signed root) after this one`,
      })),
};
