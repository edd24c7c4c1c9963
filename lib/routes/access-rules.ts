// The authorizer's access rules (MTLS_ACCESS) from the configuration: the client teams (api.clients, and in
// acm-pca mode each pki.clients entry by its domainName SAN; in self-managed mode the PKI tool's names, by the
// subject CN=<name> it writes) and, for each route key the API type uses, the
// client names it grants. Written only when api.routes is configured, so the default shape stays as it was.
import type { AccessRules, ClientRule } from "../../functions/authorizer/access";
import type { Config } from "../config/schema";
import { restMethodKeys } from "./route-key";

type AccessInputs = Pick<Config, "pki"> & {
  readonly api: Pick<Config["api"], "routes" | "clients" | "type">;
};

export function clientRules(config: AccessInputs): ClientRule[] {
  const fromPki =
    config.pki.mode === "acm-pca" ? config.pki.clients.map(({ name, domainName }) => ({ name, san: domainName })) : [];
  return [...(config.api.clients ?? []), ...fromPki];
}

/** The access rules for an API of the given type (the proving ground routes as an HTTP API). */
export function accessRules(config: AccessInputs, apiType: "http" | "rest"): AccessRules | undefined {
  if (!config.api.routes) return undefined;
  const routes: Record<string, readonly string[] | "*"> = {};
  for (const route of config.api.routes) {
    const keys = apiType === "rest" ? restMethodKeys(route.route) : [route.route];
    for (const key of keys) routes[key] = route.clients ?? "*";
  }
  return { clients: clientRules(config), routes, ...(config.pki.mode === "self-managed" ? { pkiNames: true } : {}) };
}

/** Whether any route restricts its clients: then API Gateway must cache decisions per route. */
export function restrictsClients(config: AccessInputs): boolean {
  return (config.api.routes ?? []).some((route) => route.clients !== undefined);
}

/** What the access rules take of the authorizer's 4 KB Lambda environment (its MTLS_ACCESS variable's value). */
export function accessRulesBytes(config: AccessInputs & { readonly api: { readonly type: "http" | "rest" } }): number {
  const rules = accessRules(config, config.api.type);
  return rules ? Buffer.byteLength(JSON.stringify(rules)) : 0;
}
