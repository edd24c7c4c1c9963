// The self-managed truststore bundle, linted at synth time: any error stops synthesis before anything is
// written, with every finding in the message; warnings become cdktf annotations.
import { Annotations } from "cdktf";
import type { IConstruct } from "constructs";
import type { SelfManagedPkiConfig } from "../../config/pki-schema";
import { formatFinding } from "../../truststore-lint/format";
import { bundleSizeRefusal, lintTruststore } from "../../truststore-lint/lint";
import { splitPem } from "../../truststore-lint/pem";
import { PkiError } from "../../pki-folder/errors";
import { pkiLayoutFor } from "../../pki-folder/layout";
import { readManifest } from "../../pki-folder/manifest";
import { readCaCertificate, readTruststoreBundle } from "../../pki-folder/public-files";

function base64Bodies(pem: string): string[] {
  return splitPem(pem)
    .blocks.filter((block) => block.label === "CERTIFICATE")
    .map((block) => block.text.replace(/-----[^-]+-----|\s/g, ""));
}

export function lintedTruststoreBundle(
  scope: IConstruct,
  config: { readonly environment: string; readonly pki: SelfManagedPkiConfig },
  now: Date = new Date(),
): string {
  const layout = pkiLayoutFor(config);
  const file = layout.display(layout.truststore);
  const bundle = readTruststoreBundle(layout);
  const refusal = bundleSizeRefusal(file, Buffer.byteLength(bundle));
  if (refusal) throw new PkiError(refusal);
  const report = lintTruststore(bundle, { now, expiryWarningDays: config.pki.expiryWarningDays });
  const errors = report.findings.filter((finding) => finding.severity === "error");
  if (errors.length > 0) {
    throw new PkiError(
      [
        `The truststore bundle ${file} has ${errors.length} error(s) that would make API Gateway warn or refuse clients; nothing was synthesized:`,
        ...errors.map((finding) => `  ${formatFinding(finding).replace(/\n/g, "\n  ")}`),
        `Fix the bundle (\`npm run pki -- bundle\` rewrites it from the CAs) and check it with \`npm run truststore:lint -- ${file}\`.`,
      ].join("\n"),
    );
  }
  for (const finding of report.findings) Annotations.of(scope).addWarning(`${file}: ${formatFinding(finding)}`);

  const active = readManifest(layout).activeIssuingCa;
  const [activeBody] = base64Bodies(readCaCertificate(layout, active).pem);
  if (!base64Bodies(bundle).includes(activeBody)) {
    throw new PkiError(
      `The truststore bundle ${file} lacks the active issuing CA ${active}, so API Gateway would refuse the certificates it issues: run \`npm run pki -- bundle\``,
    );
  }
  return bundle;
}
