import { aboutBlock, type Finding, type LintContext, type Rule } from "../model";

function emptyBundle(context: LintContext): Finding[] {
  if (context.certificates.length > 0 || context.unparsable.length > 0) return [];
  return [
    {
      rule: "certificate-blocks-only",
      severity: "error",
      certificate: { index: 0, line: 1 },
      message: "the bundle holds no certificate",
      fix: "write the bundle with `npm run pki -- bundle`, or add your CA certificates in PEM",
    },
  ];
}

export const certificateBlocksOnly: Rule = {
  id: "certificate-blocks-only",
  title: "The bundle holds PEM CERTIFICATE blocks and nothing else",
  check: (context) => [
    ...emptyBundle(context),
    ...context.pem.blocks
      .filter((block) => block.label !== "CERTIFICATE" && !block.label.includes("PRIVATE KEY"))
      .map((block) => ({
        rule: "certificate-blocks-only",
        severity: "error" as const,
        certificate: aboutBlock(block),
        message: `a "${block.label}" block: API Gateway's truststore takes PEM certificates only`,
        fix: "remove the block; keep only -----BEGIN CERTIFICATE----- blocks",
      })),
    ...context.pem.strayText.map((stray) =>
      stray.text.startsWith("-----BEGIN ")
        ? {
            rule: "certificate-blocks-only",
            severity: "error" as const,
            certificate: { index: 0, line: stray.line },
            message: `a BEGIN line without its END line (a truncated block): ${JSON.stringify(stray.text.slice(0, 60))}`,
            fix: "restore the whole block, or rebuild the bundle with `npm run pki -- bundle`",
          }
        : {
            rule: "certificate-blocks-only",
            severity: "warning" as const,
            certificate: { index: 0, line: stray.line },
            message: `text outside any PEM block: ${JSON.stringify(stray.text.slice(0, 60))}`,
            fix: "remove it (rebuild the bundle with `npm run pki -- bundle`)",
          },
    ),
  ],
};
