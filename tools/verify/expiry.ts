import { ok, problem, type CheckResult } from "./result";

const DAY_MS = 24 * 60 * 60 * 1000;

export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

export function expiryResult(check: string, daysLeft: number, minDays: number): CheckResult {
  if (daysLeft < 0) return problem(check, `expired ${-daysLeft} days ago`);
  if (daysLeft < minDays)
    return problem(check, `${daysLeft} days left, fewer than the ${minDays} required: renew or rotate it now`);
  return ok(check, `${daysLeft} days left`);
}
