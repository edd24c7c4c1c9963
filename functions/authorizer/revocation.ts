// Keeps the issuing CA's CRL: fetched on first use, refreshed at most once per refresh interval (conditional
// on the ETag, so an unchanged CRL is never downloaded or parsed twice), and used only while it is signed by
// the CA and no older than nextUpdate plus the grace period. A fetch is bounded in time; while a still-usable
// CRL is cached, requests decide with it and never wait for a refresh, and a failed refresh keeps it. A CRL
// dated ahead of the clock beyond the allowed skew, or older than the cached one (by CRL number, RFC 5280), is
// refused and forgotten, so the next good CRL is taken as soon as it is published.
import { readCrl, type Crl } from "./crl";
import type { IssuingCa } from "./issuing-ca";
import type { CrlLogEntry, Logger } from "./log";

export type CrlFetchResult =
  /** The CRL has not changed since the ETag passed to fetch. */
  | { readonly status: "not-modified" }
  /** The CRL's bytes (DER, or PEM "X509 CRL") and, when the source has one, its ETag. */
  | { readonly status: "fetched"; readonly body: Uint8Array; readonly etag?: string };

/** Where the CRL comes from: S3 in Lambda, a file in the local proving ground. */
export interface CrlSource {
  /** Names the source in log lines, e.g. "s3://bucket/crl/<CA id>.crl". */
  readonly description: string;
  /**
   * Fetches the CRL. `previousEtag` is the ETag of the CRL in use: a source that can tell the CRL has not
   * changed answers not-modified. Throws when the CRL cannot be read.
   */
  fetch(previousEtag?: string, signal?: AbortSignal): Promise<CrlFetchResult>;
}

export interface RevocationTiming {
  readonly refreshMs: number;
  readonly graceMs: number;
  /** How far a CRL's thisUpdate may lie ahead of the clock. */
  readonly clockSkewMs: number;
  /** A fetch that has not answered by then has failed (its request is aborted). */
  readonly fetchTimeoutMs: number;
}

export type RevocationState =
  { readonly usable: true; readonly crl: Crl } | { readonly usable: false; readonly why: string };

/** Without a usable CRL every request is denied, so retry sooner than the refresh interval, but not on every request. */
const UNAVAILABLE_RETRY_MS = 5000;

export class RevocationList {
  private cached?: { readonly crl: Crl; readonly etag?: string };
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastFailure = "the CRL has not been loaded yet";
  private lastRefreshFailed = false;
  /** The last CRL event logged, so that a failure repeated refresh after refresh is logged once. */
  private lastReported?: string;
  private refreshing?: Promise<void>;
  /**
   * The last CRL refused for what its bytes say (unreadable, forged, older than the one held), by ETag. It is
   * asked for conditionally after that: while it stays in place a retry costs a 304, not the download and parse of
   * what may be a 50 MB CRL every 5 seconds. A CRL refused as not yet valid is not kept: time will make it valid.
   */
  private refused?: { readonly etag: string; readonly why: string };

  constructor(
    private readonly source: CrlSource,
    private readonly ca: IssuingCa,
    private readonly timing: RevocationTiming,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  /** The CRL to decide with, refreshed first when it is due. */
  async current(): Promise<RevocationState> {
    const usable = this.usableAt(this.clock());
    const retryMs =
      usable && !this.lastRefreshFailed ? this.timing.refreshMs : Math.min(this.timing.refreshMs, UNAVAILABLE_RETRY_MS);
    if (this.clock() - this.lastAttempt >= retryMs) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    }
    // Without a usable CRL, requests wait for the fetch under way (bounded by fetchTimeoutMs) rather than decide
    // without one; with one, they decide now and the refresh lands for the requests after it.
    if (!usable && this.refreshing) await this.refreshing;
    const now = this.clock();
    if (this.cached && this.usableAt(now)) return { usable: true, crl: this.cached.crl };
    return { usable: false, why: this.cached ? this.staleness(this.cached.crl) : this.lastFailure };
  }

  private usableAt(now: number): boolean {
    return this.cached !== undefined && now <= this.cached.crl.nextUpdate + this.timing.graceMs;
  }

  /** The source's answer, or an error once fetchTimeoutMs has passed without one. */
  private async fetchBounded(): Promise<CrlFetchResult> {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort.abort();
        reject(new Error(`no answer from ${this.source.description} within ${this.timing.fetchTimeoutMs} ms`));
      }, this.timing.fetchTimeoutMs);
    });
    try {
      return await Promise.race([this.source.fetch(this.refused?.etag ?? this.cached?.etag, abort.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async refresh(): Promise<void> {
    this.lastAttempt = this.clock();
    try {
      const result = await this.fetchBounded();
      // A source without conditional requests may send the same object again: same ETag, nothing to parse.
      const etag = result.status === "fetched" ? result.etag : (this.refused?.etag ?? this.cached?.etag);
      if (this.refused && etag === this.refused.etag) throw new Error(this.refused.why);
      this.refused = undefined;
      if (result.status === "not-modified" && !this.cached) {
        throw new Error("the source answered not-modified although no CRL is loaded");
      }
      if (result.status === "fetched" && (etag === undefined || etag !== this.cached?.etag)) {
        this.accept(
          this.refusing(etag, () => readCrl(result.body, this.ca)),
          etag,
        );
      }
      this.lastRefreshFailed = false;
      if (!this.usableAt(this.clock())) this.reportUnavailable(this.staleness(this.cached!.crl));
    } catch (error) {
      this.lastFailure = (error as Error).message;
      this.lastRefreshFailed = true;
      if (this.usableAt(this.clock())) {
        this.logOnce({
          level: "WARN",
          event: "crl_refresh_failed",
          ca: this.ca.name,
          source: this.source.description,
          message: `CRL refresh failed; still using the cached CRL: ${this.lastFailure}`,
          ...this.describe(this.cached!.crl),
        });
      } else {
        this.reportUnavailable(this.lastFailure);
      }
    }
  }

  private accept(crl: Crl, etag: string | undefined): void {
    const now = this.clock();
    if (crl.thisUpdate > now + this.timing.clockSkewMs) {
      throw new Error(
        `the fetched CRL is not yet valid: its thisUpdate ${new Date(crl.thisUpdate).toISOString()} is ahead of the clock by more than the allowed clock skew of ${this.timing.clockSkewMs / 1000} s`,
      );
    }
    const held = this.cached?.crl;
    if (held && isOlder(crl, held)) {
      this.refusing(etag, () => {
        throw new Error(
          `the fetched CRL is older than the cached one (${describeOrder(crl)} < ${describeOrder(held)}; rolled back?)`,
        );
      });
    }
    this.cached = { crl, etag };
    this.lastReported = undefined;
    this.log({
      level: "INFO",
      event: "crl_loaded",
      ca: this.ca.name,
      source: this.source.description,
      message: "CRL loaded and verified",
      ...this.describe(crl),
      revokedCount: crl.revokedSerials.size,
    });
  }

  /** `read`'s result; when it throws, the CRL with this ETag is remembered as refused. */
  private refusing<T>(etag: string | undefined, read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (etag !== undefined) this.refused = { etag, why: (error as Error).message };
      throw error;
    }
  }

  private reportUnavailable(why: string): void {
    this.logOnce({
      level: "ERROR",
      event: "crl_unavailable",
      ca: this.ca.name,
      source: this.source.description,
      message: `No usable CRL, every request is denied: ${why}`,
      ...(this.cached ? this.describe(this.cached.crl) : {}),
    });
  }

  /** Logs a CRL failure unless it is the one logged last: a stuck S3 or a bad CRL is one line, not one per retry. */
  private logOnce(entry: CrlLogEntry): void {
    const key = `${entry.event} ${entry.message}`;
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.log(entry);
  }

  private staleness(crl: Crl): string {
    return `the CRL is past its nextUpdate (${new Date(crl.nextUpdate).toISOString()}) plus the grace period of ${this.timing.graceMs / 1000} s`;
  }

  private describe(crl: Crl): { thisUpdate: string; nextUpdate: string } {
    return { thisUpdate: new Date(crl.thisUpdate).toISOString(), nextUpdate: new Date(crl.nextUpdate).toISOString() };
  }
}

/** RFC 5280 orders a CA's CRLs by CRL number; dates decide only when a CRL carries none. */
function isOlder(candidate: Crl, cached: Crl): boolean {
  if (candidate.crlNumber !== undefined && cached.crlNumber !== undefined && candidate.crlNumber !== cached.crlNumber) {
    return candidate.crlNumber < cached.crlNumber;
  }
  return candidate.thisUpdate < cached.thisUpdate;
}

function describeOrder(crl: Crl): string {
  const date = new Date(crl.thisUpdate).toISOString();
  return crl.crlNumber === undefined ? `thisUpdate ${date}` : `CRL number ${crl.crlNumber}, thisUpdate ${date}`;
}
