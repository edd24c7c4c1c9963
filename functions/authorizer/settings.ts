// The Lambda function's settings, from the environment variables the api stack sets. The issuing CAs and their
// CRL keys are two JSON objects keyed by the same CA names (the pki stack's issuing_ca_certificates_pem and
// crl_object_keys outputs), so a CA rotation adds a name to both.
export const LAMBDA_VARIABLES = {
  issuingCas: "MTLS_ISSUING_CAS",
  crlBucket: "MTLS_CRL_BUCKET",
  crlKeys: "MTLS_CRL_KEYS",
  crlRefreshSeconds: "MTLS_CRL_REFRESH_SECONDS",
  crlGraceSeconds: "MTLS_CRL_GRACE_SECONDS",
  /** How far a CRL's thisUpdate may lie ahead of the function's clock (api.authorizer.crlClockSkewSeconds). */
  crlClockSkewSeconds: "MTLS_CRL_CLOCK_SKEW_SECONDS",
} as const;

/**
 * Lambda allows 4 KB of environment variables in all. Once the other settings are in, this much is left for the
 * issuing CAs' JSON: one RSA-4096 CA takes about 2 KB, an ECDSA P-256 CA under 1 KB.
 */
export const ISSUING_CAS_MAX_BYTES = 3500;

export interface IssuerSettings {
  readonly name: string;
  readonly pem: string;
  readonly crlKey: string;
}

export interface AuthorizerSettings {
  readonly issuers: readonly IssuerSettings[];
  readonly crlBucket: string;
  readonly crlRefreshSeconds: number;
  readonly crlGraceSeconds: number;
  readonly crlClockSkewSeconds?: number;
}

/** Throws an error naming every missing or malformed variable, so a misconfigured function fails at init. */
export function readSettings(env: NodeJS.ProcessEnv): AuthorizerSettings {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    if (!value) problems.push(`${name} is not set`);
    return value ?? "";
  };
  const seconds = (name: string) => {
    const value = Number(text(name));
    if (env[name]?.trim() && !(Number.isInteger(value) && value >= 0)) {
      problems.push(`${name} must be a whole number of seconds (got ${JSON.stringify(env[name])})`);
    }
    return value;
  };
  const byCaName = (name: string): Record<string, string> => {
    const value = text(name);
    if (!value) return {};
    try {
      const parsed: unknown = JSON.parse(value);
      const entries = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed) : [];
      if (entries.length > 0 && entries.every(([, entry]) => typeof entry === "string" && entry.trim())) {
        return Object.fromEntries(entries) as Record<string, string>;
      }
    } catch {
      // reported below
    }
    problems.push(`${name} must be a JSON object of CA name to non-empty string, with at least one CA`);
    return {};
  };
  const pems = byCaName(LAMBDA_VARIABLES.issuingCas);
  const crlKeys = byCaName(LAMBDA_VARIABLES.crlKeys);
  const names = Object.keys(pems);
  const unpaired = [...names, ...Object.keys(crlKeys)].filter((name) => !(name in pems && name in crlKeys));
  if (names.length > 0 && Object.keys(crlKeys).length > 0 && unpaired.length > 0) {
    problems.push(
      `${LAMBDA_VARIABLES.issuingCas} and ${LAMBDA_VARIABLES.crlKeys} must name the same CAs (only in one: ${unpaired.join(", ")})`,
    );
  }
  const settings = {
    issuers: names.map((name) => ({ name, pem: pems[name], crlKey: crlKeys[name] })),
    crlBucket: text(LAMBDA_VARIABLES.crlBucket),
    crlRefreshSeconds: seconds(LAMBDA_VARIABLES.crlRefreshSeconds),
    crlGraceSeconds: seconds(LAMBDA_VARIABLES.crlGraceSeconds),
    ...(env[LAMBDA_VARIABLES.crlClockSkewSeconds]?.trim()
      ? { crlClockSkewSeconds: seconds(LAMBDA_VARIABLES.crlClockSkewSeconds) }
      : {}),
  };
  if (problems.length > 0) throw new Error(`The authorizer is misconfigured: ${problems.join("; ")}`);
  return settings;
}
