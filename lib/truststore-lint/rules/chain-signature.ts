import { issuerLink } from "../chains";
import { about, type Rule } from "../model";

export const chainSignature: Rule = {
  id: "chain-signature",
  title: "Every signature verifies with its issuer's key",
  check: (context) =>
    context.certificates.flatMap((certificate) => {
      const link = issuerLink(context, certificate);
      if (!link.issuer || link.signatureValid) return [];
      const signer =
        link.issuer === certificate
          ? "its own key (it claims to be self-signed)"
          : `the key of "${link.issuer.subject}"`;
      return [
        {
          rule: "chain-signature",
          severity: "error" as const,
          certificate: about(certificate),
          message: `its signature does not verify with ${signer}: it was altered, or another CA of the same name signed it`,
          fix: "replace it with the certificate exactly as its CA issued it, or add the CA that really signed it",
        },
      ];
    }),
};
