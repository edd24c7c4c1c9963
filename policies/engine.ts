// Runs the policy rules over a synthesized app. Fail closed: a rule that throws counts as failing, and only an
// explicit suppression with a reason turns a failing finding into a waived one.
import type { Suppression } from "./suppression";
import type { Finding, PolicyRule, SynthesizedApp } from "./types";

export type RuleStatus = "pass" | "warn" | "fail" | "error" | "not-applicable";

export interface CheckedFinding extends Finding {
  /** Set when a suppression waives this failing finding. */
  readonly suppressedBecause?: string;
}

export interface RuleResult {
  readonly rule: PolicyRule;
  readonly status: RuleStatus;
  readonly findings: readonly CheckedFinding[];
  /** The rule threw: what it said. */
  readonly error?: string;
}

export interface PolicyResults {
  readonly results: readonly RuleResult[];
  /** Suppressions that matched no failing finding (the resource is gone or now passes). */
  readonly unusedSuppressions: readonly Suppression[];
  readonly failed: boolean;
}

function matches(suppression: Suppression, rule: PolicyRule, finding: Finding): boolean {
  return (
    suppression.rule === rule.id && suppression.stack === finding.stack && suppression.resource === finding.resource
  );
}

export function runRule(rule: PolicyRule, app: SynthesizedApp, suppressions: readonly Suppression[] = []): RuleResult {
  let raw: Finding[];
  try {
    raw = rule.check(app);
  } catch (error) {
    return { rule, status: "error", findings: [], error: error instanceof Error ? error.message : String(error) };
  }
  const findings = raw.map((finding): CheckedFinding => {
    const waiver = finding.passed ? undefined : suppressions.find((entry) => matches(entry, rule, finding));
    return waiver ? { ...finding, suppressedBecause: waiver.reason } : finding;
  });
  const failing = findings.some((finding) => !finding.passed && !finding.suppressedBecause);
  const warned = findings.some((finding) => finding.passed && finding.warning);
  const status: RuleStatus = failing ? "fail" : findings.length === 0 ? "not-applicable" : warned ? "warn" : "pass";
  return { rule, status, findings };
}

export function runPolicies(
  rules: readonly PolicyRule[],
  app: SynthesizedApp,
  suppressions: readonly Suppression[] = [],
): PolicyResults {
  const results = rules.map((rule) => runRule(rule, app, suppressions));
  const used = (entry: Suppression) =>
    results.some((result) =>
      result.findings.some((finding) => !finding.passed && matches(entry, result.rule, finding)),
    );
  return {
    results,
    unusedSuppressions: suppressions.filter((entry) => !used(entry)),
    failed: results.some((result) => result.status === "fail" || result.status === "error"),
  };
}
