// The revocation-aware mTLS authorizer, independent of Lambda: give it the issuing CAs, each with its CRL source,
// then hand it API Gateway authorizer events. functions/authorizer/index.ts wires it to S3 for Lambda; the local
// proving ground wires it to a file. Every path that is not a clear allow is a deny (fail closed).
import { clientNameOf, routeAccess, type AccessRules } from "./access";
import { ClientCertificateReader, type ClientCertificate } from "./client-certificate";
import {
  apiTypeOf,
  clientCertificateOf,
  httpApiResult,
  isRestEvent,
  restApiResult,
  routeKeysOf,
  type AuthorizerContext,
  type AuthorizerEvent,
  type AuthorizerResult,
  type ClientCertificateFields,
  type HttpApiAuthorizerEvent,
  type HttpApiAuthorizerResult,
  type RestApiAuthorizerEvent,
  type RestApiAuthorizerResult,
} from "./events";
import { readIssuingCa } from "./issuing-ca";
import { jsonLineLogger, type DecisionLogEntry, type DenyReason, type Logger } from "./log";
import { RevocationList, type CrlSource } from "./revocation";
import { serialMatches } from "../../lib/x509/serial";

export type { CertificateIdentity } from "./client-certificate";
export type {
  AuthorizerContext,
  AuthorizerEvent,
  AuthorizerResult,
  ClientCertificateFields,
  HttpApiAuthorizerEvent,
  HttpApiAuthorizerResult,
  RestApiAuthorizerEvent,
  RestApiAuthorizerResult,
} from "./events";
export type { CrlLogEntry, DecisionLogEntry, DenyReason, LogEntry, Logger } from "./log";
export type { CrlFetchResult, CrlSource } from "./revocation";
export type { AccessRules, ClientRule } from "./access";
export { normalizeSerial } from "../../lib/x509/serial";

export const DEFAULT_CRL_REFRESH_SECONDS = 300;
export const DEFAULT_CRL_GRACE_SECONDS = 0;
export const DEFAULT_CRL_CLOCK_SKEW_SECONDS = 300;
/** Well under the function's 10 s timeout, so a hanging S3 costs one bounded wait, never a Lambda timeout. */
export const DEFAULT_CRL_FETCH_TIMEOUT_MS = 2000;

/** A CA whose client certificates are accepted, and where its CRL comes from. */
export interface TrustedIssuer {
  /** The CA's name in the pki stack's outputs, e.g. issuing-2; it names the CA in errors and log lines. */
  readonly name: string;
  /** PEM of the CA certificate: a client certificate it signed is checked against its CRL, which it must sign. */
  readonly pem: string;
  readonly crlSource: CrlSource;
}

export interface AuthorizerOptions {
  /** One issuing CA, or several during a CA rotation (old and new clients both call). */
  readonly issuers: readonly TrustedIssuer[];
  /** Seconds between CRL fetches (each one conditional on the ETag). @default 300 */
  readonly crlRefreshSeconds?: number;
  /** Seconds a CRL stays usable after its nextUpdate. @default 0 */
  readonly crlGraceSeconds?: number;
  /** Seconds a CRL's thisUpdate may lie ahead of the clock before the CRL is refused as not yet valid. @default 300 */
  readonly crlClockSkewSeconds?: number;
  /** Milliseconds a CRL fetch may take before it counts as failed. @default 2000 */
  readonly crlFetchTimeoutMs?: number;
  /** Milliseconds since the epoch. @default Date.now */
  readonly clock?: () => number;
  /** Receives one entry per decision and per CRL event. @default one JSON line on stdout */
  readonly log?: Logger;
  /** Which clients may call which route. @default every trusted client may call every route */
  readonly access?: AccessRules;
}

export interface Authorizer {
  /** HTTP API (payload format 2.0, simple responses): `{ isAuthorized, context }`. */
  authorize(event: HttpApiAuthorizerEvent): Promise<HttpApiAuthorizerResult>;
  /** REST API (REQUEST authorizer): an IAM policy for the stage. */
  authorize(event: RestApiAuthorizerEvent): Promise<RestApiAuthorizerResult>;
  authorize(event: AuthorizerEvent): Promise<AuthorizerResult>;
}

type Decision =
  | { readonly allow: true; readonly certificate: ClientCertificate; readonly clientName: string }
  | {
      readonly allow: false;
      readonly reason: DenyReason;
      readonly certificate?: ClientCertificate;
      readonly clientName?: string;
      readonly detail?: string;
    };

/** Builds an authorizer; throws at once when a CA certificate or a setting is unusable. */
export function createAuthorizer(options: AuthorizerOptions): Authorizer {
  const refreshSeconds = options.crlRefreshSeconds ?? DEFAULT_CRL_REFRESH_SECONDS;
  const graceSeconds = options.crlGraceSeconds ?? DEFAULT_CRL_GRACE_SECONDS;
  const skewSeconds = options.crlClockSkewSeconds ?? DEFAULT_CRL_CLOCK_SKEW_SECONDS;
  const fetchTimeoutMs = options.crlFetchTimeoutMs ?? DEFAULT_CRL_FETCH_TIMEOUT_MS;
  if (!Number.isFinite(refreshSeconds) || refreshSeconds <= 0) {
    throw new Error(`crlRefreshSeconds must be a positive number of seconds (got ${refreshSeconds})`);
  }
  for (const [name, value] of Object.entries({ crlGraceSeconds: graceSeconds, crlClockSkewSeconds: skewSeconds })) {
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`${name} must be zero or a positive number of seconds (got ${value})`);
    }
  }
  if (!Number.isFinite(fetchTimeoutMs) || fetchTimeoutMs <= 0) {
    throw new Error(`crlFetchTimeoutMs must be a positive number of milliseconds (got ${fetchTimeoutMs})`);
  }
  if (options.issuers.length === 0) throw new Error("The authorizer needs at least one issuing CA");
  const names = options.issuers.map((issuer) => issuer.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new Error(`Issuing CA names must be unique (repeated: ${repeated.join(", ")})`);
  const clock = options.clock ?? Date.now;
  const log = options.log ?? jsonLineLogger;
  const timing = {
    refreshMs: refreshSeconds * 1000,
    graceMs: graceSeconds * 1000,
    clockSkewMs: skewSeconds * 1000,
    fetchTimeoutMs,
  };
  // Each CA's own CRL, held and refreshed on its own: a certificate is checked against its issuer's CRL only.
  const revocationByCa = new Map(
    options.issuers.map((issuer) => {
      const ca = readIssuingCa(issuer.name, issuer.pem);
      return [ca, new RevocationList(issuer.crlSource, ca, timing, clock, log)];
    }),
  );
  const certificates = new ClientCertificateReader([...revocationByCa.keys()]);

  async function decide(fields: ClientCertificateFields | undefined, routeKeys: readonly string[]): Promise<Decision> {
    if (!fields?.clientCertPem) return { allow: false, reason: "missing_certificate" };
    let certificate: ClientCertificate;
    try {
      certificate = certificates.read(fields.clientCertPem);
    } catch {
      return { allow: false, reason: "malformed_certificate" };
    }
    const deny = (reason: DenyReason, detail?: string): Decision => ({ allow: false, reason, certificate, detail });
    if (!certificate.issuer) return deny("wrong_issuer");
    if (fields.serialNumber !== undefined && !serialMatches(fields.serialNumber, certificate.identity.serialNumber)) {
      return deny("serial_mismatch");
    }
    const now = clock();
    if (now < certificate.notBeforeMs) return deny("not_yet_valid");
    if (now > certificate.notAfterMs) return deny("expired");
    const crl = await revocationByCa.get(certificate.issuer)!.current();
    if (!crl.usable) return deny("crl_unavailable", crl.why);
    if (crl.crl.revokedSerials.has(certificate.identity.serialNumber)) return deny("revoked");
    const clientName = clientNameOf(options.access, certificate);
    const verdict = routeAccess(options.access, routeKeys, clientName);
    if (!verdict.allow)
      return { allow: false, reason: verdict.reason, certificate, clientName, detail: verdict.detail };
    return { allow: true, certificate, clientName };
  }

  async function authorize(event: AuthorizerEvent): Promise<AuthorizerResult> {
    const apiType = apiTypeOf(event);
    const routeKeys = routeKeysOf(event);
    const decision = await decide(clientCertificateOf(event), routeKeys);
    log(logEntry(decision, apiType, event.requestContext?.requestId, routeKeys[0]));
    const identity = decision.certificate?.identity;
    const allowed: AuthorizerContext | undefined = decision.allow
      ? { ...decision.certificate.identity, clientName: decision.clientName }
      : undefined;
    return isRestEvent(event)
      ? restApiResult(event, allowed, identity?.subjectDN, options.access !== undefined)
      : httpApiResult(allowed);
  }

  return { authorize } as Authorizer;
}

function logEntry(
  decision: Decision,
  apiType: DecisionLogEntry["apiType"],
  requestId: string | undefined,
  route: string,
): DecisionLogEntry {
  const identity = decision.certificate?.identity;
  return {
    level: "INFO",
    event: "decision",
    decision: decision.allow ? "allow" : "deny",
    reason: decision.allow ? "valid" : decision.reason,
    apiType,
    requestId,
    serial: identity?.serialNumber,
    subject: identity?.subjectDN,
    issuer: identity?.issuerDN,
    notAfter: identity?.notAfter,
    ...(decision.clientName === undefined ? {} : { client: decision.clientName, route }),
    ...(!decision.allow && decision.detail ? { detail: decision.detail } : {}),
  };
}
