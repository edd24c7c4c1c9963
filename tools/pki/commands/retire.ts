// pki retire <ca>: takes a CA out of the truststore bundle (and its CRL out of the CRL bucket) once no client
// depends on it. Its files stay for the record.
import { PkiError } from "../../../lib/pki-folder/errors";
import { authorityNamed } from "../../../lib/pki-folder/manifest";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { activeIssuingCa, bundleText, Changes, loadManifest } from "../store";
import { pkiCommand, pkiContext, printed } from "../command-line";

export interface RetireOptions {
  readonly ca: string;
  /** Retire even though unexpired, unrevoked certificates it issued remain. @default false */
  readonly force?: boolean;
}

export function retire(context: PkiContext, options: RetireOptions): Promise<CommandResult> {
  return exclusively(context, "retire", async () => retireLocked(context, options));
}

function retireLocked(context: PkiContext, options: RetireOptions): CommandResult {
  const manifest = loadManifest(context);
  const ca = manifest.authorities.find((candidate) => candidate.name === options.ca);
  if (!ca) {
    const names = manifest.authorities.filter((candidate) => !candidate.retired).map((candidate) => candidate.name);
    throw new PkiError(`no CA named ${JSON.stringify(options.ca)}: the CAs in use are ${names.join(", ")}`);
  }
  if (ca.retired) throw new PkiError(`${ca.name} is already retired`);
  const active = activeIssuingCa(manifest);
  if (ca.name === active.name || ca.name === active.issuer) {
    throw new PkiError(
      `${ca.name} signs new certificates (directly or through ${active.name}): rotate first (\`npm run pki -- rotate issuing|root\`)`,
    );
  }
  const liveChildren = manifest.authorities.filter((candidate) => candidate.issuer === ca.name && !candidate.retired);
  if (liveChildren.length > 0) {
    throw new PkiError(
      `${ca.name} still signs ${liveChildren.map((child) => child.name).join(", ")}: retire those first`,
    );
  }
  const now = context.now();
  const live = manifest.certificates.filter(
    (certificate) => certificate.issuer === ca.name && !certificate.revoked && new Date(certificate.notAfter) > now,
  );
  if (live.length > 0 && !options.force) {
    throw new PkiError(
      `${ca.name} issued ${live.length} certificate(s) still valid (${live.map((certificate) => certificate.name).join(", ")}): re-issue them from ${active.name} first, or pass --force to cut those clients off`,
    );
  }
  authorityNamed(manifest, ca.name).retired = true;
  new Changes(context).add(context.layout.truststore, bundleText(context, manifest)).commit(manifest);
  return {
    lines: [
      `Retired ${ca.name}: it left ${context.layout.display(context.layout.truststore)}.`,
      "Next: lint the bundle, deploy the pki, truststore and api stacks.",
    ],
  };
}

export const RETIRE_COMMAND = pkiCommand({
  name: "retire",
  positionals: ["<ca>"],
  summary: "take an old CA out of the bundle",
  options: { force: { type: "boolean", description: "retire even though certificates it issued are valid" } },
  run: async ({ values, positionals }) =>
    printed(await retire(pkiContext(values), { ca: positionals[0], force: values.force })),
});
