// Keeps the issuing CA's CRL: fetched on first use, refreshed at most once per refresh interval (conditional
// on the ETag, so an unchanged CRL is never downloaded or parsed twice), and used only while it is signed by
// the CA and no older than nextUpdate plus the grace period. A failed refresh keeps a still-usable CRL.
import { readCrl, type Crl } from "./crl";
import type { IssuingCa } from "./issuing-ca";
import type { Logger } from "./log";

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
  fetch(previousEtag?: string): Promise<CrlFetchResult>;
}

export interface RevocationTiming {
  readonly refreshMs: number;
  readonly graceMs: number;
}

export type RevocationState =
  { readonly usable: true; readonly crl: Crl } | { readonly usable: false; readonly why: string };

/** Without a usable CRL every request is denied, so retry sooner than the refresh interval, but not on every request. */
const UNAVAILABLE_RETRY_MS = 5000;

export class RevocationList {
  private cached?: { readonly crl: Crl; readonly etag?: string };
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastFailure = "the CRL has not been loaded yet";
  private refreshing?: Promise<void>;

  constructor(
    private readonly source: CrlSource,
    private readonly ca: IssuingCa,
    private readonly timing: RevocationTiming,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {}

  /** The CRL to decide with, refreshed first when it is due. */
  async current(): Promise<RevocationState> {
    const retryMs = this.usableAt(this.clock())
      ? this.timing.refreshMs
      : Math.min(this.timing.refreshMs, UNAVAILABLE_RETRY_MS);
    if (this.clock() - this.lastAttempt >= retryMs) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
    }
    // Requests that arrive while a fetch is under way wait for it rather than decide without a CRL.
    if (this.refreshing) await this.refreshing;
    const now = this.clock();
    if (this.cached && this.usableAt(now)) return { usable: true, crl: this.cached.crl };
    return { usable: false, why: this.cached ? this.staleness(this.cached.crl) : this.lastFailure };
  }

  private usableAt(now: number): boolean {
    return this.cached !== undefined && now <= this.cached.crl.nextUpdate + this.timing.graceMs;
  }

  private async refresh(): Promise<void> {
    this.lastAttempt = this.clock();
    try {
      const result = await this.source.fetch(this.cached?.etag);
      if (result.status === "not-modified" && !this.cached) {
        throw new Error("the source answered not-modified although no CRL is loaded");
      }
      // A source without conditional requests may send the same object again: same ETag, nothing to parse.
      if (result.status === "fetched" && (result.etag === undefined || result.etag !== this.cached?.etag)) {
        this.accept(readCrl(result.body, this.ca), result.etag);
      }
      if (!this.usableAt(this.clock())) this.reportUnavailable(this.staleness(this.cached!.crl));
    } catch (error) {
      this.lastFailure = (error as Error).message;
      if (this.usableAt(this.clock())) {
        this.log({
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
    if (this.cached && crl.thisUpdate < this.cached.crl.thisUpdate) {
      throw new Error("the fetched CRL is older than the cached one (rolled back?)");
    }
    this.cached = { crl, etag };
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

  private reportUnavailable(why: string): void {
    this.log({
      level: "ERROR",
      event: "crl_unavailable",
      ca: this.ca.name,
      source: this.source.description,
      message: `No usable CRL, every request is denied: ${why}`,
      ...(this.cached ? this.describe(this.cached.crl) : {}),
    });
  }

  private staleness(crl: Crl): string {
    return `the CRL is past its nextUpdate (${new Date(crl.nextUpdate).toISOString()}) plus the grace period of ${this.timing.graceMs / 1000} s`;
  }

  private describe(crl: Crl): { thisUpdate: string; nextUpdate: string } {
    return { thisUpdate: new Date(crl.thisUpdate).toISOString(), nextUpdate: new Date(crl.nextUpdate).toISOString() };
  }
}
