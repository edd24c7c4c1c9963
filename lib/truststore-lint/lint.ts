// Lints a truststore bundle the way API Gateway reads it, before API Gateway gets the chance to warn.
import { chainOf } from "./chains";
import {
  about,
  parseCertificate,
  type BundleCertificate,
  type Finding,
  type FindingSubject,
  type LintContext,
  type LintOptions,
} from "./model";
import { splitPem } from "./pem";
import { CHAIN_RULES, ISSUER_RULES, RULES } from "./rules";

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
/**
 * The largest bundle the linter reads: 4 MiB, twice a bundle of 1,000 RSA-4096 CAs. Memory grows with the input
 * (a hostile file of 4 MiB of unterminated BEGIN lines peaks at about 140 MB), so a larger file is refused unread
 * rather than linted in 800 MB (npm run bench:lint measures both).
 */
export const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;

/** The one line that refuses a bundle over MAX_BUNDLE_BYTES; none when it is within. */
export function bundleSizeRefusal(file: string, bytes: number): string | undefined {
  if (bytes <= MAX_BUNDLE_BYTES) return undefined;
  const mib = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MiB`;
  return `${file} is ${mib(bytes)}, over the ${mib(MAX_BUNDLE_BYTES)} the truststore linter reads (1,000 RSA-4096 CAs take about 2 MiB): it is not a truststore bundle; check the path, or rebuild it with \`npm run pki -- bundle\``;
}
/** Findings shown per rule and severity; the rest are counted in one finding, so hostile input stays readable. */
export const FINDINGS_SHOWN_PER_RULE = 20;

export interface CertificateSummary extends FindingSubject {
  readonly notAfter: string;
  /** Block indexes from the certificate up to its root, as far as the bundle allows. */
  readonly chain: number[];
  /** True when the certificate chains to a self-signed root through valid, unexpired CA certificates. */
  readonly chainValid: boolean;
}

export interface LintReport {
  readonly certificates: CertificateSummary[];
  /** At most FINDINGS_SHOWN_PER_RULE per rule and severity, then one finding counting the rest. */
  readonly findings: Finding[];
  /** Every error and warning, shown or counted. */
  readonly errors: number;
  readonly warnings: number;
}

/** 0: clean; 1: at least one error; 2: warnings only. */
export type LintStatus = 0 | 1 | 2;

export function lintStatus(report: LintReport): LintStatus {
  if (report.errors > 0) return 1;
  return report.warnings > 0 ? 2 : 0;
}

function buildContext(content: string, options: LintOptions): LintContext {
  const pem = splitPem(content);
  const certificates: BundleCertificate[] = [];
  const unparsable: LintContext["unparsable"] = [];
  for (const block of pem.blocks.filter((candidate) => candidate.label === "CERTIFICATE")) {
    try {
      certificates.push(parseCertificate(block));
    } catch (error) {
      unparsable.push({ block, reason: (error as Error).message });
    }
  }
  return {
    pem,
    certificates,
    unparsable,
    now: options.now ?? new Date(),
    expiryWarningDays: options.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
  };
}

export function lintTruststore(content: string, options: LintOptions = {}): LintReport {
  const context = buildContext(content, options);
  // Grouped by certificate, in file order; within one certificate, in rule order (the sort is stable).
  const findings = RULES.flatMap((rule) => rule.check(context)).sort(
    (a, b) => a.certificate.index - b.certificate.index || a.certificate.line - b.certificate.line,
  );
  const errorsOf = (rules: Set<string>) =>
    new Set(
      findings
        .filter((finding) => finding.severity === "error" && rules.has(finding.rule))
        .map((finding) => finding.certificate.index),
    );
  const chainErrors = errorsOf(CHAIN_RULES);
  const issuerErrors = errorsOf(ISSUER_RULES);
  const certificates = context.certificates.map((certificate) => {
    const chain = chainOf(context, certificate);
    return {
      ...about(certificate),
      notAfter: certificate.notAfter.toISOString(),
      chain: chain.path.map((link) => link.block.index),
      chainValid:
        chain.reachesRoot &&
        chain.path.every(
          (link, position) =>
            !chainErrors.has(link.block.index) && (position === 0 || !issuerErrors.has(link.block.index)),
        ),
    };
  });
  return {
    certificates,
    findings: capped(findings),
    errors: findings.filter((finding) => finding.severity === "error").length,
    warnings: findings.filter((finding) => finding.severity === "warning").length,
  };
}

/** The first findings of each rule and severity, then one that says how many more there are. */
function capped(findings: Finding[]): Finding[] {
  const shown: Finding[] = [];
  const omitted = new Map<string, { first: Finding; count: number }>();
  const seen = new Map<string, number>();
  for (const finding of findings) {
    const key = `${finding.rule} ${finding.severity}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count <= FINDINGS_SHOWN_PER_RULE) shown.push(finding);
    else {
      const entry = omitted.get(key) ?? { first: finding, count: 0 };
      entry.count += 1;
      omitted.set(key, entry);
    }
  }
  for (const { first, count } of omitted.values()) {
    shown.push({
      ...first,
      message: `and ${count} more ${first.severity}(s) of this rule, from here on (the first ${FINDINGS_SHOWN_PER_RULE} are shown)`,
    });
  }
  return shown;
}
