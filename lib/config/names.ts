// Names derived from the configuration when it does not set them, so that every environment gets its own.
const MAX_BUCKET_NAME = 63;

function derivedBucketName(environment: string, domain: string, purpose: string): string {
  return `${environment}-${domain.replace(/\./g, "-")}-${purpose}`;
}

export interface NamingInput {
  readonly environment: string;
  readonly domain: { readonly name: string };
  readonly truststore: { readonly bucketName?: string };
  readonly pki: { readonly crlBucketName?: string };
}

export function truststoreBucketName(config: NamingInput): string {
  return config.truststore.bucketName ?? derivedBucketName(config.environment, config.domain.name, "truststore");
}

export function crlBucketName(config: NamingInput): string {
  return config.pki.crlBucketName ?? derivedBucketName(config.environment, config.domain.name, "crl");
}

/** The derived names that are too long for S3, with the field that would override each. */
export function overlongDerivedBucketNames(config: NamingInput): { field: string[]; name: string }[] {
  const candidates = [
    { field: ["truststore", "bucketName"], explicit: config.truststore.bucketName, name: truststoreBucketName(config) },
    { field: ["pki", "crlBucketName"], explicit: config.pki.crlBucketName, name: crlBucketName(config) },
  ];
  return candidates
    .filter((candidate) => candidate.explicit === undefined && candidate.name.length > MAX_BUCKET_NAME)
    .map(({ field, name }) => ({ field, name }));
}
