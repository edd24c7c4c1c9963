// pki bundle: rewrites the truststore bundle from the CAs in the record (issuing CA(s), then root(s)).
import { bundledAuthorities } from "../../../lib/pki-folder/manifest";
import type { CommandResult, PkiContext } from "../context";
import { exclusively } from "../exclusive";
import { bundleText, Changes, loadManifest } from "../store";
import { pkiCommand, pkiContext, printed } from "../command-line";

export function bundle(context: PkiContext): Promise<CommandResult> {
  return exclusively(context, "bundle", async () => rewriteBundle(context));
}

function rewriteBundle(context: PkiContext): CommandResult {
  const manifest = loadManifest(context);
  new Changes(context).add(context.layout.truststore, bundleText(context, manifest)).commit(manifest);
  const names = bundledAuthorities(manifest).map((ca) => ca.name);
  return { lines: [`${context.layout.display(context.layout.truststore)}: ${names.join(", ")}`] };
}

export const BUNDLE_COMMAND = pkiCommand({
  name: "bundle",
  summary: "rewrite the truststore bundle (issuing CA(s), then root(s))",
  options: {},
  run: async ({ values }) => printed(await bundle(pkiContext(values))),
});
