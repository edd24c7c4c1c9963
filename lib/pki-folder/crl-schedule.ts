// When a self-managed CRL is re-signed, when its age is worth a warning, and which number it carries. One place
// for the PKI tool (`pki crl --if-due`, `pki status`) and the post-deploy check (`verify`).
//
// Due at half its life, as ACM Private CA regenerates its CRLs at half the expiry period: a daily schedule then
// re-signs a 7-day CRL with 3.5 days to spare. A warning when under a quarter of its life is left: the scheduled
// re-sign is late by a quarter of the period (1.75 days of a 7-day CRL), days before every client is refused.

export interface CrlDates {
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

function lifetimeMs(crl: CrlDates): number {
  return crl.nextUpdate.getTime() - crl.thisUpdate.getTime();
}

/** From when `pki crl --if-due` re-signs this CRL. */
export function crlDueAt(crl: CrlDates): Date {
  return new Date(crl.thisUpdate.getTime() + lifetimeMs(crl) / 2);
}

/** From when `pki status` and `verify` warn that this CRL was not re-signed in time. */
export function crlWarnAt(crl: CrlDates): Date {
  return new Date(crl.nextUpdate.getTime() - lifetimeMs(crl) / 4);
}

/**
 * The next CRL number: above the last one recorded, and at least the signing time in seconds since the epoch.
 * A folder restored from a backup, or a CA rotated, still signs a number above every CRL published before it
 * (as long as its clock is right), so a warm authorizer, which refuses a lower number as a rollback, takes it.
 */
export function nextCrlNumber(recorded: number, now: Date): number {
  return Math.max(recorded + 1, Math.floor(now.getTime() / 1000));
}
