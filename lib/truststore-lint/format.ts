import type { Finding } from "./model";
import type { LintReport } from "./lint";

export function describeCertificate(finding: Finding): string {
  const { index, line, subject, serialNumber } = finding.certificate;
  if (index === 0) return `line ${line}`;
  if (subject === undefined) return `block ${index} (line ${line})`;
  return `certificate ${index} (line ${line}) "${subject}" serial ${serialNumber}`;
}

export function formatFinding(finding: Finding): string {
  return `${finding.severity} [${finding.rule}] ${describeCertificate(finding)}: ${finding.message}\n    fix: ${finding.fix}`;
}

export function formatReport(file: string, report: LintReport): string {
  const lines = report.findings.map(formatFinding);
  const summary =
    report.errors + report.warnings === 0
      ? `${file}: ${report.certificates.length} certificate(s), no problems`
      : `${file}: ${report.certificates.length} certificate(s), ${report.errors} error(s), ${report.warnings} warning(s)`;
  return [...lines, summary].join("\n");
}
