// The Lambda function's settings, from the environment variables the api stack sets.
export const ENVIRONMENT = {
  issuingCaPem: "MTLS_ISSUING_CA_PEM",
  crlBucket: "MTLS_CRL_BUCKET",
  crlKey: "MTLS_CRL_KEY",
  crlRefreshSeconds: "MTLS_CRL_REFRESH_SECONDS",
  crlGraceSeconds: "MTLS_CRL_GRACE_SECONDS",
} as const;

export interface AuthorizerSettings {
  readonly issuingCaPem: string;
  readonly crlBucket: string;
  readonly crlKey: string;
  readonly crlRefreshSeconds: number;
  readonly crlGraceSeconds: number;
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
  const settings = {
    issuingCaPem: text(ENVIRONMENT.issuingCaPem),
    crlBucket: text(ENVIRONMENT.crlBucket),
    crlKey: text(ENVIRONMENT.crlKey),
    crlRefreshSeconds: seconds(ENVIRONMENT.crlRefreshSeconds),
    crlGraceSeconds: seconds(ENVIRONMENT.crlGraceSeconds),
  };
  if (problems.length > 0) throw new Error(`The authorizer is misconfigured: ${problems.join("; ")}`);
  return settings;
}
