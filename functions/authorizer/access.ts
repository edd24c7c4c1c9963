// Per-client access: which client a certificate belongs to (by subject or SAN pattern, from api.clients and the
// ACM client list; in self-managed mode also by the name the PKI tool issued it under), and whether that client may call the route the request matched (api.routes[].clients).
// The rules arrive as one JSON setting (MTLS_ACCESS); without them every trusted client may call every route.

/** A client team, recognised by its certificate's subject DN or one of its SANs. `*` in a pattern matches any run. */
export interface ClientRule {
  readonly name: string;
  /** Pattern on the RFC 4514 subject, e.g. "CN=partner-a,O=Partner A*". */
  readonly subject?: string;
  /** Pattern on a DNS, URI or email SAN, e.g. "partner-b.clients.example.com". */
  readonly san?: string;
}

/**
 * The clients, and for each route key the client names it grants ("*": every trusted client). Route keys are
 * HTTP API route keys ("GET /orders/{proxy+}", "$default"); a REST API's are "<method> <resource path>".
 */
export interface AccessRules {
  readonly clients: readonly ClientRule[];
  readonly routes: Readonly<Record<string, readonly string[] | "*">>;
  /**
   * Self-managed mode: a certificate no client rule matches whose subject is exactly `CN=<name>` is the client
   * <name>, the name `npm run pki -- issue <name>` issued it under (the tool writes that subject, from a CSR too).
   */
  readonly pkiNames?: boolean;
}

/** The names the PKI tool issues certificates under (`npm run pki -- issue <name>`). */
export const PKI_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Shown when no client rule matches a certificate (not a valid client name, so nothing can grant it). */
export const UNNAMED_CLIENT = "-";

function globMatches(pattern: string, value: string): boolean {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "i").test(value);
}

/** The SAN values of Node's X509Certificate.subjectAltName ("DNS:a, URI:b, email:c"). */
export function sanValues(subjectAltName: string | undefined): string[] {
  if (!subjectAltName) return [];
  return subjectAltName
    .split(/,\s*/)
    .map((entry) => entry.replace(/^(DNS|URI|email|IP Address):/, ""))
    .filter(Boolean);
}

/**
 * The first client whose pattern matches (a rule with both patterns needs both); else, with pkiNames, the name
 * in a subject of exactly `CN=<name>`.
 */
export function clientNameOf(
  rules: Pick<AccessRules, "clients" | "pkiNames"> | undefined,
  certificate: { readonly subjectDN: string; readonly sans: readonly string[] },
): string {
  const match = (rules?.clients ?? []).find(
    (rule) =>
      (rule.subject !== undefined || rule.san !== undefined) &&
      (rule.subject === undefined || globMatches(rule.subject, certificate.subjectDN)) &&
      (rule.san === undefined || certificate.sans.some((san) => globMatches(rule.san!, san))),
  );
  if (match) return match.name;
  const commonName = /^CN=(.*)$/.exec(certificate.subjectDN)?.[1];
  return rules?.pkiNames && commonName !== undefined && PKI_NAME.test(commonName) ? commonName : UNNAMED_CLIENT;
}

export type AccessVerdict =
  | { readonly allow: true }
  | { readonly allow: false; readonly reason: "route_not_granted" | "route_unknown"; readonly detail: string };

/** Whether the client may call the route; a route the rules do not name is refused (fail closed). */
export function routeAccess(
  rules: AccessRules | undefined,
  routeKey: readonly string[],
  client: string,
): AccessVerdict {
  if (!rules) return { allow: true };
  const key = routeKey.find((candidate) => candidate in rules.routes);
  if (key === undefined) {
    return { allow: false, reason: "route_unknown", detail: `no access rule for route ${routeKey.join(" or ")}` };
  }
  const granted = rules.routes[key];
  if (granted === "*" || granted.includes(client)) return { allow: true };
  return {
    allow: false,
    reason: "route_not_granted",
    detail: `client ${client} is not granted route ${key} (granted: ${granted.join(", ") || "nobody"})`,
  };
}
