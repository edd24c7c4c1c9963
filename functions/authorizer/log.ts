// One JSON line per decision and per CRL event. Never the PEM: the serial and names identify a certificate.
import type { ApiType } from "./events";

export type DenyReason =
  | "missing_certificate"
  | "malformed_certificate"
  | "wrong_issuer"
  | "serial_mismatch"
  | "not_yet_valid"
  | "expired"
  | "crl_unavailable"
  | "revoked"
  | "route_not_granted"
  | "route_unknown";

export interface DecisionLogEntry {
  readonly level: "INFO";
  readonly event: "decision";
  readonly decision: "allow" | "deny";
  readonly reason: "valid" | DenyReason;
  readonly apiType: ApiType;
  readonly requestId?: string;
  /** Canonical serial number (lower-case hex, no separators, no leading zeros). */
  readonly serial?: string;
  readonly subject?: string;
  readonly issuer?: string;
  readonly notAfter?: string;
  /** The client's name (api.clients or the ACM client list; "-" for none) and the route it asked for. */
  readonly client?: string;
  readonly route?: string;
  /** Why no CRL could be used (crl_unavailable), or which client was refused which route. */
  readonly detail?: string;
}

export interface CrlLogEntry {
  readonly level: "INFO" | "WARN" | "ERROR";
  readonly event: "crl_loaded" | "crl_refresh_failed" | "crl_unavailable";
  /** The issuing CA whose CRL it is. */
  readonly ca: string;
  /** Where the CRL comes from, e.g. s3://bucket/key. */
  readonly source: string;
  readonly message: string;
  readonly thisUpdate?: string;
  readonly nextUpdate?: string;
  readonly revokedCount?: number;
}

export type LogEntry = DecisionLogEntry | CrlLogEntry;

export type Logger = (entry: LogEntry) => void;

/** Writes the entry as one line of JSON on stdout (CloudWatch Logs keeps it as a structured event). */
export const jsonLineLogger: Logger = (entry) => {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};
