export type CheckStatus = "ok" | "warning" | "problem";

export interface CheckResult {
  /** What was checked, e.g. "domain status". */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found and, for a problem, what to do. */
  readonly message: string;
}

export const ok = (check: string, message: string): CheckResult => ({ check, status: "ok", message });
export const warning = (check: string, message: string): CheckResult => ({ check, status: "warning", message });
export const problem = (check: string, message: string): CheckResult => ({ check, status: "problem", message });
