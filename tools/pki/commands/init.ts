// pki init: a root CA and one issuing CA it signs (path length 0), their keys (owner-only, encrypted when a
// passphrase is set), the issuing CA's first CRL and the truststore bundle.
import * as fs from "node:fs";
import { PkiError } from "../../../lib/pki-folder/errors";
import type { Manifest } from "../../../lib/pki-folder/manifest";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { Changes } from "../store";
import { asSigner, createIssuingCa, createRootCa, describeCa, stageNewCas } from "./authorities";
import { pkiCommand, pkiContext, printed } from "../command-line";

export function init(context: PkiContext): Promise<CommandResult> {
  return exclusively(context, "init", () => createPki(context));
}

async function createPki(context: PkiContext): Promise<CommandResult> {
  const layout = context.layout;
  if (fs.existsSync(layout.manifest)) {
    throw new PkiError(
      `${layout.display(layout.manifest)} already exists: this folder holds a PKI. Use \`npm run pki -- rotate issuing|root\` to replace its CAs, or set pki.directory to start another`,
    );
  }
  const root = await createRootCa(context, "root-1");
  const issuing = await createIssuingCa(context, "issuing-1", { signer: asSigner(root), authority: root.authority });
  const manifest: Manifest = {
    version: 1,
    activeIssuingCa: issuing.authority.name,
    authorities: [root.authority, issuing.authority],
    certificates: [],
  };
  const changes = new Changes(context);
  await stageNewCas(context, changes, manifest, [root, issuing]);
  changes.commit(manifest);
  return {
    lines: [
      `Created the PKI in ${layout.displayRoot}:`,
      `  root CA    ${describeCa(context, root)}`,
      `  issuing CA ${describeCa(context, issuing)}`,
      `  truststore ${layout.display(layout.truststore)}`,
      context.passphrase
        ? "CA keys are encrypted with the passphrase from MTLS_PKI_PASSPHRASE / --passphrase-file: keep it safe."
        : "CA keys are NOT encrypted: set MTLS_PKI_PASSPHRASE before init to encrypt them.",
      "Next: `npm run pki -- issue <client-name>` and `npm run truststore:lint -- " +
        layout.display(layout.truststore) +
        "`.",
    ],
  };
}

export const INIT_COMMAND = pkiCommand({
  name: "init",
  summary: "create a root CA, an issuing CA, their first CRL and the truststore bundle",
  options: {},
  run: async ({ values }) => printed(await init(pkiContext(values))),
});
