import { aboutBlock, type Rule } from "../model";

export const parsesAsX509: Rule = {
  id: "parses-as-x509",
  title: "Every certificate block is a valid X.509 certificate",
  check: (context) =>
    context.unparsable.map(({ block, reason }) => ({
      rule: "parses-as-x509",
      severity: "error" as const,
      certificate: aboutBlock(block),
      message: `not a valid X.509 certificate (${reason})`,
      fix: "replace it with the CA's certificate as issued (check for truncation or edited base64)",
    })),
};
