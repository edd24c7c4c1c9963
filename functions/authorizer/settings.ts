// The authorizer's settings codec: one table names each setting's field, environment variable, type, default and
// meaning. The api stack writes the Lambda environment with it (writeEnvironment), the function reads it back
// (readSettings), the configuration schema builds api.authorizer from its configured entries and
// docs/authorizer.md's settings table is generated from it. Adding a setting is one entry here plus its use.
// The issuing CAs and their CRL keys are two JSON objects keyed by the same CA names (the pki stack's
// issuing_ca_certificates_pem and crl_object_keys outputs), so a CA rotation adds a name to both.
import type { AccessRules } from "./access";

/** Where a setting's value comes from: the configuration's api.authorizer, the upstream stacks, or api.routes. */
type Origin = "config" | "upstream" | "routes";

interface SettingBase<T> {
  /** The Lambda environment variable; none for a setting API Gateway applies itself. */
  readonly variable?: string;
  readonly origin: Origin;
  readonly description: string;
  /** Written only when set: a function deployed before the setting existed reads undefined. */
  readonly optional?: boolean;
  decode(text: string): T | undefined;
  /** What decode accepts, for the error that names the variable. */
  readonly expects: string;
}

export interface SecondsSetting extends SettingBase<number> {
  readonly type: "seconds";
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Why the maximum is what it is, in a few words. */
  readonly limit: string;
}

export interface TextSetting extends SettingBase<string> {
  readonly type: "text";
}

export interface JsonSetting<T> extends SettingBase<T> {
  readonly type: "json";
}

const wholeSeconds = (text: string) => {
  const value = Number(text);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
};

function seconds<const S extends Omit<SecondsSetting, "type" | "origin" | "decode" | "expects">>(spec: S) {
  return {
    ...spec,
    type: "seconds",
    origin: "config",
    decode: wholeSeconds,
    expects: "a whole number of seconds",
  } as const satisfies SecondsSetting;
}

function byCaName<const V extends string>(variable: V, description: string) {
  return {
    type: "json",
    variable,
    origin: "upstream",
    description,
    expects: "a JSON object of CA name to non-empty string, with at least one CA",
    decode(text) {
      const parsed = parseJson(text);
      const entries = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed) : [];
      const valid = entries.length > 0 && entries.every(([, entry]) => typeof entry === "string" && entry.trim());
      return valid ? (Object.fromEntries(entries) as Record<string, string>) : undefined;
    },
  } as const satisfies JsonSetting<Record<string, string>>;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every setting of the authorizer, in the order docs/authorizer.md lists them. */
export const AUTHORIZER_SETTINGS = {
  resultCacheTtlSeconds: seconds({
    default: 300,
    min: 0,
    max: 3600,
    limit: "API Gateway's limit",
    description:
      "Seconds API Gateway caches a decision per client certificate (and per route when routes restrict their clients); 0 turns caching off.",
  }),
  crlRefreshSeconds: seconds({
    variable: "MTLS_CRL_REFRESH_SECONDS",
    default: 300,
    min: 1,
    max: 86_400,
    limit: "one day",
    description: "Seconds between the authorizer's CRL checks (each a conditional GET on S3).",
  }),
  crlGraceSeconds: seconds({
    variable: "MTLS_CRL_GRACE_SECONDS",
    default: 0,
    min: 0,
    max: 604_800,
    limit: "seven days",
    description: "Seconds a CRL stays usable after its nextUpdate, to ride out a late publication.",
  }),
  crlClockSkewSeconds: seconds({
    variable: "MTLS_CRL_CLOCK_SKEW_SECONDS",
    optional: true,
    default: 300,
    min: 0,
    max: 3600,
    limit: "one hour",
    description:
      "Seconds a CRL's thisUpdate may lie ahead of the authorizer's clock; a CRL dated further ahead is refused (RFC 5280: not yet valid).",
  }),
  issuingCas: byCaName(
    "MTLS_ISSUING_CAS",
    "PEM of each issuing CA whose clients are accepted, by CA name (the pki stack's issuing_ca_certificates_pem).",
  ),
  crlBucket: {
    type: "text",
    variable: "MTLS_CRL_BUCKET",
    origin: "upstream",
    description: "The bucket the issuing CAs' CRLs are published to (crl_bucket_name).",
    expects: "a bucket name",
    decode: (text: string): string | undefined => text,
  } as const satisfies TextSetting,
  crlKeys: byCaName("MTLS_CRL_KEYS", "Object key of each issuing CA's CRL, by the same CA names (crl_object_keys)."),
  access: {
    type: "json",
    variable: "MTLS_ACCESS",
    origin: "routes",
    optional: true,
    description:
      "Which clients may call which route: the clients by name (subject or SAN pattern; self-managed: also the PKI tool's names, subject CN=<name>) and each route's granted names; set only when api.routes is configured.",
    expects: 'a JSON object {"clients": [...], "routes": {...}}',
    decode: (text: string) => decodeAccess(parseJson(text)),
  } as const satisfies JsonSetting<AccessRules>,
} as const;

type Settings = typeof AUTHORIZER_SETTINGS;
type ValueOf<S> = S extends { decode(text: string): infer T } ? Exclude<T, undefined> : never;
type LambdaField = { [K in keyof Settings]: Settings[K] extends { variable: string } ? K : never }[keyof Settings];

/** The settings the api stack writes into the function's environment. */
export type SettingValues = { readonly [K in LambdaField]: ValueOf<Settings[K]> };

/** The configured settings (api.authorizer), with their defaults. */
export type ConfiguredSettings = {
  readonly [K in keyof Settings as Settings[K]["origin"] extends "config" ? K : never]: number;
};

/** The environment variable of each setting that has one. */
export const LAMBDA_VARIABLES = Object.fromEntries(
  Object.entries(AUTHORIZER_SETTINGS).flatMap(([field, setting]) =>
    "variable" in setting ? [[field, setting.variable]] : [],
  ),
) as { readonly [K in LambdaField]: Settings[K]["variable"] };

/**
 * Lambda allows 4 KB of environment variables in all. Once the other settings are in, this much is left for the
 * issuing CAs' JSON: one RSA-4096 CA takes about 2 KB, an ECDSA P-256 CA under 1 KB.
 */
export const ISSUING_CAS_MAX_BYTES = 3500;

/**
 * What the access rules (MTLS_ACCESS) may take of that same budget; config refuses more. The issuing CAs then have
 * what the rules leave (the self-managed pki stack checks it at synth; one RSA-2048 ACM Private CA takes ~1.5 KB).
 */
export const ACCESS_MAX_BYTES = 1500;

/** The function's environment: every value as the text decode reads back; an optional unset value is left out. */
export function writeEnvironment(
  values: { readonly [K in keyof SettingValues]: SettingValues[K] | undefined },
  encode: { json(value: unknown): string } = { json: (value) => JSON.stringify(value) },
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const [field, value] of Object.entries(values)) {
    const setting = AUTHORIZER_SETTINGS[field as LambdaField];
    if (value === undefined) continue;
    environment[setting.variable] = setting.type === "json" ? encode.json(value) : String(value);
  }
  return environment;
}

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
  readonly access?: AccessRules;
}

/** Throws an error naming every missing or malformed variable, so a misconfigured function fails at init. */
export function readSettings(env: NodeJS.ProcessEnv): AuthorizerSettings {
  const problems: string[] = [];
  const read = <K extends LambdaField>(field: K): SettingValues[K] | undefined => {
    const setting: Settings[LambdaField] = AUTHORIZER_SETTINGS[field];
    const text = env[setting.variable]?.trim();
    if (!text) {
      if (!("optional" in setting && setting.optional)) problems.push(`${setting.variable} is not set`);
      return undefined;
    }
    const value = setting.decode(text);
    if (value === undefined) {
      problems.push(
        setting.type === "seconds"
          ? `${setting.variable} must be ${setting.expects} (got ${JSON.stringify(env[setting.variable])})`
          : `${setting.variable} must be ${setting.expects}`,
      );
    }
    return value as SettingValues[K] | undefined;
  };
  const pems = read("issuingCas") ?? {};
  const crlKeys = read("crlKeys") ?? {};
  const settings = {
    crlBucket: read("crlBucket") ?? "",
    crlRefreshSeconds: read("crlRefreshSeconds") ?? NaN,
    crlGraceSeconds: read("crlGraceSeconds") ?? NaN,
    crlClockSkewSeconds: read("crlClockSkewSeconds"),
    access: read("access"),
  };
  const names = Object.keys(pems);
  const unpaired = [...names, ...Object.keys(crlKeys)].filter((name) => !(name in pems && name in crlKeys));
  if (names.length > 0 && Object.keys(crlKeys).length > 0 && unpaired.length > 0) {
    problems.push(
      `${LAMBDA_VARIABLES.issuingCas} and ${LAMBDA_VARIABLES.crlKeys} must name the same CAs (only in one: ${unpaired.join(", ")})`,
    );
  }
  if (problems.length > 0) throw new Error(`The authorizer is misconfigured: ${problems.join("; ")}`);
  return {
    issuers: names.map((name) => ({ name, pem: pems[name], crlKey: crlKeys[name] })),
    crlBucket: settings.crlBucket,
    crlRefreshSeconds: settings.crlRefreshSeconds,
    crlGraceSeconds: settings.crlGraceSeconds,
    ...(settings.crlClockSkewSeconds === undefined ? {} : { crlClockSkewSeconds: settings.crlClockSkewSeconds }),
    ...(settings.access === undefined ? {} : { access: settings.access }),
  };
}

function decodeAccess(value: unknown): AccessRules | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { clients, routes, pkiNames } = value as Partial<AccessRules>;
  const isClient = (client: unknown) =>
    !!client && typeof client === "object" && typeof (client as { name?: unknown }).name === "string";
  const isGrant = (grant: unknown) =>
    grant === "*" || (Array.isArray(grant) && grant.every((name) => typeof name === "string"));
  if (!Array.isArray(clients) || !clients.every(isClient)) return undefined;
  if (!routes || typeof routes !== "object" || !Object.values(routes).every(isGrant)) return undefined;
  if (pkiNames !== undefined && typeof pkiNames !== "boolean") return undefined;
  return { clients, routes, ...(pkiNames ? { pkiNames } : {}) };
}
