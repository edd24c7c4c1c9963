// The public interface between the stacks: the outputs each stack exports and downstream stacks read
// through remote state. Add to it; never rename (Terraform Cloud workspaces and other teams read these).

export const STACK_ORDER = ["pki", "truststore", "api", "dns"] as const;
export type StackName = (typeof STACK_ORDER)[number];

/** What an output holds: a string, or a map of strings keyed by name (CA names, client names). */
export type OutputKind = "string" | "map";

function stringOutput(description: string) {
  return { kind: "string", description } as const;
}

function mapOutput(description: string) {
  return { kind: "map", description } as const;
}

export const CONTRACT = {
  pki: {
    root_ca_certificate_pem: stringOutput("PEM of the root CA certificate (public)."),
    issuing_ca_certificate_pem: stringOutput(
      "PEM of the issuing CA certificate that signs client certificates (public).",
    ),
    issuing_ca_certificates_pem: mapOutput(
      "PEM of every issuing CA whose client certificates the API accepts, by CA name (the names of crl_object_keys): more than one during a CA rotation.",
    ),
    ca_chain_pem: stringOutput("Issuing CA then root CA, PEM: the chain a client certificate is verified against."),
    issuing_ca_arn: stringOutput("ARN of the ACM Private CA that issues client certificates (acm-pca mode only)."),
    crl_bucket_name: stringOutput("S3 bucket the CAs publish their certificate revocation lists to."),
    crl_object_key: stringOutput("Object key of the issuing CA's CRL (DER) in the CRL bucket."),
    crl_object_keys: mapOutput(
      "Object keys of the CRLs (DER) of every CA that issues client certificates, by CA name: more than one during a CA rotation.",
    ),
    client_certificate_arns: mapOutput(
      "ACM ARNs of the client certificates, by client name (empty in self-managed mode).",
    ),
  },
  truststore: {
    truststore_uri: stringOutput(
      "s3:// URI of the truststore bundle API Gateway verifies client certificates against.",
    ),
    truststore_version: stringOutput("S3 object version of the bundle; the api stack pins its custom domain to it."),
    truststore_bucket: stringOutput("Versioned bucket that holds the truststore bundle."),
    truststore_key: stringOutput("Object key of the truststore bundle."),
    truststore_sha256: stringOutput("SHA-256 of the bundle's bytes, for audits and drift checks."),
    // Passed through from pki, because each stack reads only the stack before it: the api stack's authorizer
    // needs the issuing CAs and where their CRLs are published.
    issuing_ca_certificate_pem: stringOutput("PEM of the active issuing CA certificate (passed through from pki)."),
    issuing_ca_certificates_pem: mapOutput(
      "PEM of every issuing CA the authorizer accepts, by CA name (passed through from pki).",
    ),
    crl_bucket_name: stringOutput("Bucket the issuing CAs publish their CRLs to (passed through from pki)."),
    crl_object_key: stringOutput(
      "Object key of the active issuing CA's CRL (DER) in that bucket (passed through from pki).",
    ),
    crl_object_keys: mapOutput("Object keys of every issuing CA's CRL, by CA name (passed through from pki)."),
  },
  api: {
    api_id: stringOutput("Id of the API Gateway API."),
    api_type: stringOutput("http or rest."),
    domain_name: stringOutput("The mTLS custom domain."),
    regional_domain_name: stringOutput("Regional target of the custom domain, for alias records."),
    regional_hosted_zone_id: stringOutput("Hosted zone of the regional target, for alias records."),
    endpoint_url: stringOutput(
      "https:// URL of the API on its custom domain (the only way in: execute-api is disabled).",
    ),
  },
  dns: {
    fqdn: stringOutput("Name of the alias records that point at the API."),
    url: stringOutput("https:// URL clients call with their certificate."),
  },
} as const satisfies Record<StackName, Record<string, { readonly kind: OutputKind; readonly description: string }>>;

export type OutputName<S extends StackName> = keyof (typeof CONTRACT)[S] & string;

/**
 * Outputs that a stack exports only in some configurations, with the pki modes that export them. Every other
 * output is exported whatever the configuration, so a downstream stack may read only those unconditionally.
 */
export const MODE_SPECIFIC_OUTPUTS = {
  pki: { issuing_ca_arn: ["acm-pca"] },
} as const satisfies { [S in StackName]?: { [O in OutputName<S>]?: readonly string[] } };

type ModeSpecific<S extends StackName> = S extends keyof typeof MODE_SPECIFIC_OUTPUTS
  ? keyof (typeof MODE_SPECIFIC_OUTPUTS)[S] & string
  : never;

/** The outputs a stack exports in every configuration. */
export type CommonOutputName<S extends StackName> = Exclude<OutputName<S>, ModeSpecific<S>>;

/** The names a stack exports in a given pki mode: the common ones and the mode's own. */
export function outputsInMode(stack: StackName, mode: string): string[] {
  const modes: Record<string, readonly string[]> =
    (MODE_SPECIFIC_OUTPUTS as Partial<Record<StackName, Record<string, readonly string[]>>>)[stack] ?? {};
  return Object.keys(CONTRACT[stack]).filter((name) => modes[name]?.includes(mode) ?? true);
}

type OfKind<S extends StackName, K extends OutputKind> = {
  [O in OutputName<S>]: (typeof CONTRACT)[S][O] extends { readonly kind: K } ? O : never;
}[OutputName<S>];

/** Outputs that hold one string. */
export type StringOutputName<S extends StackName> = OfKind<S, "string">;
/** Outputs that hold a map of strings. */
export type MapOutputName<S extends StackName> = OfKind<S, "map">;

export function outputDescription<S extends StackName>(stack: S, name: OutputName<S>): string {
  return (CONTRACT[stack] as Record<string, { description: string }>)[name].description;
}

type Before<Order extends readonly StackName[], S extends StackName> = Order extends readonly [
  infer First extends StackName,
  infer Second extends StackName,
  ...infer Rest extends StackName[],
]
  ? Second extends S
    ? First
    : Before<[Second, ...Rest], S>
  : never;

/** The one stack whose outputs stack S reads: the stack before it in STACK_ORDER (never for pki). */
export type UpstreamOf<S extends StackName> = Before<typeof STACK_ORDER, S>;

/** The stack each stack reads, from STACK_ORDER; pki reads none. */
export function upstreamOf<S extends StackName>(stack: S): UpstreamOf<S> | undefined {
  const index = STACK_ORDER.indexOf(stack);
  return index > 0 ? (STACK_ORDER[index - 1] as UpstreamOf<S>) : undefined;
}

/** upstreamOf for every stack, for loops and tests. */
export const UPSTREAM = Object.fromEntries(STACK_ORDER.map((stack) => [stack, upstreamOf(stack)])) as Record<
  StackName,
  StackName | undefined
>;
