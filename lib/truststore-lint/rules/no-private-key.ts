import { aboutBlock, type Rule } from "../model";

export const noPrivateKey: Rule = {
  id: "no-private-key",
  title: "No private key in the truststore",
  check: (context) =>
    context.pem.blocks
      .filter((block) => block.label.includes("PRIVATE KEY"))
      .map((block) => ({
        rule: "no-private-key",
        severity: "error" as const,
        certificate: aboutBlock(block),
        message: `a "${block.label}" block: the truststore is uploaded to S3 and read by API Gateway, so the key would leak`,
        fix: "remove the block, and treat the key as exposed: rotate it if this file was ever shared or committed",
      })),
};
