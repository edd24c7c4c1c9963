// The public interface between the stacks: the outputs each stack exports and downstream stacks read
// through remote state. Add to it; never rename (Terraform Cloud workspaces and other teams read these).

export const STACK_ORDER = ["pki", "truststore", "api", "dns"] as const;
export type StackName = (typeof STACK_ORDER)[number];

export const CONTRACT = {
  pki: {
    root_ca_certificate_pem: "PEM of the root CA certificate (public).",
    issuing_ca_certificate_pem: "PEM of the issuing CA certificate that signs client certificates (public).",
    issuing_ca_certificates_pem:
      "PEM of every issuing CA whose client certificates the API accepts, by CA name (the names of crl_object_keys): more than one during a CA rotation.",
    ca_chain_pem: "Issuing CA then root CA, PEM: the chain a client certificate is verified against.",
    issuing_ca_arn: "ARN of the ACM Private CA that issues client certificates (acm-pca mode only).",
    crl_bucket_name: "S3 bucket the CAs publish their certificate revocation lists to.",
    crl_object_key: "Object key of the issuing CA's CRL (DER) in the CRL bucket.",
    crl_object_keys:
      "Object keys of the CRLs (DER) of every CA that issues client certificates, by CA name: more than one during a CA rotation.",
    client_certificate_arns: "ACM ARNs of the client certificates, by client name (empty in self-managed mode).",
  },
  truststore: {
    truststore_uri: "s3:// URI of the truststore bundle API Gateway verifies client certificates against.",
    truststore_version: "S3 object version of the bundle; the api stack pins its custom domain to it.",
    truststore_bucket: "Versioned bucket that holds the truststore bundle.",
    truststore_key: "Object key of the truststore bundle.",
    truststore_sha256: "SHA-256 of the bundle's bytes, for audits and drift checks.",
    // Passed through from pki, because each stack reads only the stack before it: the api stack's authorizer
    // needs the issuing CAs and where their CRLs are published.
    issuing_ca_certificate_pem: "PEM of the active issuing CA certificate (passed through from pki).",
    issuing_ca_certificates_pem:
      "PEM of every issuing CA the authorizer accepts, by CA name (passed through from pki).",
    crl_bucket_name: "Bucket the issuing CAs publish their CRLs to (passed through from pki).",
    crl_object_key: "Object key of the active issuing CA's CRL (DER) in that bucket (passed through from pki).",
    crl_object_keys: "Object keys of every issuing CA's CRL, by CA name (passed through from pki).",
  },
  api: {
    api_id: "Id of the API Gateway API.",
    api_type: "http or rest.",
    domain_name: "The mTLS custom domain.",
    regional_domain_name: "Regional target of the custom domain, for alias records.",
    regional_hosted_zone_id: "Hosted zone of the regional target, for alias records.",
    endpoint_url: "https:// URL of the API on its custom domain (the only way in: execute-api is disabled).",
  },
  dns: {
    fqdn: "Name of the alias records that point at the API.",
    url: "https:// URL clients call with their certificate.",
  },
} as const satisfies Record<StackName, Record<string, string>>;

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

/** The stack whose outputs each stack reads; pki reads none. */
export const UPSTREAM: Record<StackName, StackName | undefined> = {
  pki: undefined,
  truststore: "pki",
  api: "truststore",
  dns: "api",
};
