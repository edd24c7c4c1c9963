// Self-managed mode: a route may grant a name the PKI tool issued a client certificate under (the authorizer
// recognises it by CN=<name>). The configuration alone cannot tell a misspelled name from such a name, so those
// grants are checked against the PKI folder's record when the pki stack reads it: a grant that names nobody
// would otherwise deny the team it meant at its first call, far from the typo.
import type { Config } from "../config/schema";
import { PkiError } from "../pki-folder/errors";
import type { PkiLayout } from "../pki-folder/layout";
import type { Manifest } from "../pki-folder/manifest";
import { clientRules } from "./access-rules";

/** A name a route grants that no configured client has: the field it stands in, and the name. */
export interface PkiNameGrant {
  readonly field: string;
  readonly name: string;
}

/** The names api.routes grants beyond api.clients (and pki.clients): in self-managed mode, the PKI tool's names. */
export function grantsOfPkiNames(config: Pick<Config, "api" | "pki">): PkiNameGrant[] {
  const configured = new Set(clientRules(config).map((client) => client.name));
  return (config.api.routes ?? []).flatMap((route, index) =>
    (route.clients ?? []).flatMap((name, position) =>
      configured.has(name) ? [] : [{ field: `api.routes[${index}].clients[${position}]`, name }],
    ),
  );
}

/** Refuses, one line each, the grants of names the PKI's record has issued no client certificate under. */
export function checkGrantsIssued(grants: readonly PkiNameGrant[], manifest: Manifest, layout: PkiLayout): void {
  const issued = new Set(manifest.certificates.filter(({ kind }) => kind === "client").map(({ name }) => name));
  const problems = grants
    .filter(({ name }) => !issued.has(name))
    .map(
      ({ field, name }) =>
        `${field}: "${name}" names no client: ${layout.display(layout.manifest)} records no client certificate issued under that name and api.clients has none; check the spelling, or issue it first (\`npm run pki -- issue ${name}\`)`,
    );
  if (problems.length > 0) throw new PkiError(problems.join("\n"));
}
