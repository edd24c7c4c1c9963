// pki rotate issuing|root: a new issuing CA (under the current root, or under a new root) that signs from now
// on. The old CAs stay in the bundle, so clients they issued keep working until you retire them.
import { PkiError } from "../../../lib/pki-folder/errors";
import { authorityNamed, bundledAuthorities } from "../../../lib/pki-folder/manifest";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { activeIssuingCa, Changes, loadManifest, loadSigner, readCertificate } from "../store";
import {
  asSigner,
  createIssuingCa,
  createRootCa,
  describeCa,
  nextCaName,
  stageNewCas,
  type CreatedCa,
} from "./authorities";
import { pkiCommand, pkiContext, printed } from "../command-line";

export type RotationScope = "issuing" | "root";

export async function rotate(context: PkiContext, scope: string): Promise<CommandResult> {
  if (scope !== "issuing" && scope !== "root") {
    throw new PkiError(
      `rotate ${JSON.stringify(scope)}: say what to rotate, \`rotate issuing\` (new issuing CA, same root) or \`rotate root\` (new root and issuing CA)`,
    );
  }
  return exclusively(context, "rotate", () => rotateLocked(context, scope));
}

async function rotateLocked(context: PkiContext, scope: RotationScope): Promise<CommandResult> {
  const manifest = loadManifest(context);
  // The new CA keys are encrypted with the passphrase given now: a mistyped one would leave `pki crl` unable
  // to open every key at once. Opening each key in use first proves the passphrase before anything is made.
  for (const ca of bundledAuthorities(manifest)) loadSigner(context, ca);
  const created: CreatedCa[] = [];
  let root;
  if (scope === "root") {
    const newRoot = await createRootCa(context, nextCaName(manifest, "root"));
    created.push(newRoot);
    root = { signer: asSigner(newRoot), authority: newRoot.authority };
  } else {
    const authority = authorityNamed(manifest, activeIssuingCa(manifest).issuer ?? "");
    root = { signer: loadSigner(context, authority), authority };
  }
  const issuing = await createIssuingCa(context, nextCaName(manifest, "issuing"), root);
  created.push(issuing);
  const previous = manifest.activeIssuingCa;
  const subject = issuing.certificate.subject;
  const sameSubject = readCertificate(context, context.layout.caCertificate(previous)).subject === subject;
  manifest.authorities.push(...created.map((ca) => ca.authority));
  manifest.activeIssuingCa = issuing.authority.name;
  const changes = new Changes(context);
  await stageNewCas(context, changes, manifest, created);
  changes.commit(manifest);
  return {
    lines: [
      ...created.map((ca) => `Created ${describeCa(context, ca)}`),
      `${issuing.authority.name} now issues new certificates; ${previous} stays in the bundle until you retire it.`,
      ...(sameSubject
        ? [
            `${issuing.authority.name} has the same subject as ${previous} ("${subject}", from pki.issuingCa.subject): clients and API Gateway tell them apart by key identifier and serial; to give the new CA its own name, change pki.issuingCa.subject before rotating.`,
          ]
        : []),
      "Next: lint and deploy the bundle (truststore, then api stack), re-issue client certificates, then `npm run pki -- retire <ca>` (see the rotation runbook in docs/self-managed-pki.md).",
    ],
  };
}

export const ROTATE_COMMAND = pkiCommand({
  name: "rotate",
  positionals: ["<issuing|root>"],
  summary: "create a new issuing CA (and root); the old ones stay in the bundle",
  options: {},
  run: async ({ values, positionals }) => printed(await rotate(pkiContext(values), positionals[0])),
});
