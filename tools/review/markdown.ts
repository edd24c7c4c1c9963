// Renders a review report as Markdown for a pull-request comment: verdict first, then the mTLS posture, the
// policy findings, the stacks and the outputs between them.
import type { RuleResult } from "../../policies/engine";
import type { EquivalentChecks } from "../../policies/types";
import type { DomainPosture } from "./posture";
import type { ReviewReport } from "./report";

const STATUS_MARK: Record<RuleResult["status"], string> = {
  pass: "✅ pass",
  warn: "⚠️ pass, act soon",
  fail: "❌ fail",
  error: "❌ error (rule threw)",
  "not-applicable": "➖ nothing to check",
};

function cell(value: string): string {
  return value.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

function yesNo(ok: boolean, detail: string): string {
  return ok ? `✅ ${detail}` : `❌ ${detail}`;
}

function postureRows(posture: readonly DomainPosture[]): string[][] {
  return posture.map((domain) => [
    code(domain.domainName),
    domain.apiType.toUpperCase(),
    yesNo(
      domain.securityPolicy === "TLS_1_2" && domain.endpointType === "REGIONAL",
      `${domain.securityPolicy}, ${domain.endpointType}`,
    ),
    domain.truststoreUriSource === "literal in the stack" ? code(domain.truststoreUri) : domain.truststoreUriSource,
    domain.truststoreVersionSource,
    yesNo(
      domain.defaultEndpointEnabledOn.length === 0,
      domain.defaultEndpointEnabledOn.length === 0
        ? "disabled"
        : `enabled on ${domain.defaultEndpointEnabledOn.join(", ")}`,
    ),
    yesNo(
      domain.routes.total > 0 && domain.routes.open.length === 0,
      domain.routes.open.length === 0
        ? `${domain.routes.total} of ${domain.routes.total}`
        : `open: ${domain.routes.open.join(", ")}`,
    ),
    yesNo(
      domain.accessLog.stages > 0 && domain.accessLog.missingClientCertFields.length === 0,
      domain.accessLog.missingClientCertFields.length === 0
        ? "subjectDN, issuerDN, serialNumber, validity"
        : `missing ${domain.accessLog.missingClientCertFields.map((field) => field.replace("$context.identity.clientCert.", "")).join(", ")}`,
    ),
    domain.backend,
  ]);
}

/** The matching checks of other scanners, in one line ("none found" when there are none). */
export function equivalentsText({ checkov, trivy, kics, cdkNag, tflint }: EquivalentChecks): string {
  return (
    [
      checkov && `Checkov ${checkov.join(", ")}`,
      trivy && `Trivy ${trivy.join(", ")}`,
      kics && `KICS ${kics.join(", ")}`,
      cdkNag && `cdk-nag ${cdkNag.join(", ")}`,
      tflint && `tflint-ruleset-aws ${tflint.join(", ")}`,
    ]
      .filter(Boolean)
      .join("; ") || "none found"
  );
}

function findingDetails(report: ReviewReport): string[] {
  return report.policies.results.flatMap((result) => {
    if (result.status === "error") {
      return [`- ❌ **${result.rule.id}** threw: ${result.error}. A rule that cannot decide counts as failing.`];
    }
    const failing = result.findings.filter((finding) => !finding.passed && !finding.suppressedBecause);
    const warnings = result.findings.filter((finding) => finding.passed && finding.warning);
    return [
      ...failing.map(
        (finding) =>
          `- ❌ **${result.rule.id}** \`${finding.stack}\` ${code(finding.resource)}: ${finding.message}. Fix: ${result.rule.fix}`,
      ),
      ...warnings.map(
        (finding) =>
          `- ⚠️ **${result.rule.id}** \`${finding.stack}\` ${code(finding.resource)}: ${finding.message}. ${result.rule.fix}`,
      ),
    ];
  });
}

function suppressedDetails(report: ReviewReport): string[] {
  const used = report.policies.results.flatMap((result) =>
    result.findings
      .filter((finding) => finding.suppressedBecause)
      .map(
        (finding) =>
          `- ⚪ **${result.rule.id}** \`${finding.stack}\` ${code(finding.resource)}: ${finding.suppressedBecause}`,
      ),
  );
  const unused = report.policies.unusedSuppressions.map(
    (entry) =>
      `- ➖ **${entry.rule}** \`${entry.stack}\` ${code(entry.resource)}: no failing finding to suppress in this output.`,
  );
  return [...used, ...unused];
}

export function renderMarkdown(report: ReviewReport): string {
  const failing = report.policies.results.filter((result) => result.status === "fail" || result.status === "error");
  const verdict =
    failing.length === 0
      ? `✅ **All ${report.policies.results.length} policy rules pass.**`
      : `❌ **${failing.length} policy rule${failing.length === 1 ? "" : "s"} fail${failing.length === 1 ? "s" : ""}: ${failing.map((result) => result.rule.id).join(", ")}.**`;
  const suppressed = suppressedDetails(report);
  return [
    `## mTLS review of \`${report.source}\``,
    "",
    verdict,
    "",
    "### mTLS posture",
    "",
    report.posture.length === 0
      ? "No custom domain in this output."
      : table(
          [
            "domain",
            "API",
            "security policy",
            "truststore URI from",
            "truststore version from",
            "default endpoint",
            "authorizer on every route",
            "access-log client-cert fields",
            "state backend",
          ],
          postureRows(report.posture),
        ),
    "",
    "### Policy findings",
    "",
    table(
      ["rule", "status", "what must hold", "same check elsewhere"],
      report.policies.results.map((result) => [
        code(result.rule.id),
        STATUS_MARK[result.status],
        result.rule.title,
        equivalentsText(result.rule.equivalents),
      ]),
    ),
    "",
    ...findingDetails(report),
    ...(suppressed.length > 0 ? ["", "Suppressed (policies/suppressions.json):", "", ...suppressed] : []),
    "",
    "### Stacks",
    "",
    table(
      ["stack", "after", "state", "resources"],
      report.stacks.map((stack) => [
        code(stack.name),
        stack.dependencies.join(", ") || "-",
        stack.state,
        String(Object.values(stack.resourcesByType).reduce((sum, count) => sum + count, 0)),
      ]),
    ),
    "",
    ...report.stacks.flatMap((stack) => [
      `<details><summary>${stack.name}: resources by type</summary>`,
      "",
      table(
        ["type", "count"],
        Object.entries(stack.resourcesByType).map(([type, count]) => [code(type), String(count)]),
      ),
      "",
      "</details>",
      "",
    ]),
    "### Outputs between stacks",
    "",
    table(
      ["stack", "output", "read by", "description"],
      report.outputs.map((use) => [code(use.stack), code(use.output), use.readBy.join(", ") || "-", use.description]),
    ),
    "",
  ].join("\n");
}
