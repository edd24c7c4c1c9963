// The fixed monthly cost of what an environment's stacks create, read from the synthesized JSON, so that plan and
// deploy say it before anything is applied. Usage-priced services (API Gateway, Lambda, S3, CloudWatch Logs,
// Route 53 queries) depend on traffic and are named, not estimated.
import { resourcesOf } from "../../policies/terraform-json";
import type { SynthesizedApp } from "../../policies/types";

/** List prices in USD, from the page below; they are the same in most regions. */
export const PRICES = {
  source: "https://aws.amazon.com/private-ca/pricing/",
  checked: "2026-12-02",
  /** Per private CA per month, by usage mode (charged from creation until deletion, prorated). */
  privateCaMonthly: { GENERAL_PURPOSE: 400, SHORT_LIVED_CERTIFICATE: 50 },
  /** Per private certificate whose key can be exported (the first 1,000 a month), charged once when issued. */
  exportableCertificate: 0.75,
} as const;

export interface CostLine {
  readonly stack: string;
  readonly what: string;
  readonly count: number;
  readonly monthlyUsd: number;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly monthlyUsd: number;
  /** Private certificates issued from an ACM Private CA: billed once each, not monthly. */
  readonly privateCertificates: number;
}

type UsageMode = keyof typeof PRICES.privateCaMonthly;

export function estimateMonthlyCost(app: SynthesizedApp): CostEstimate {
  const authorities = resourcesOf(app, "aws_acmpca_certificate_authority");
  const lines = (Object.keys(PRICES.privateCaMonthly) as UsageMode[]).flatMap((mode) => {
    const byStack = new Map<string, number>();
    for (const ca of authorities) {
      if ((ca.body.usage_mode ?? "GENERAL_PURPOSE") === mode) byStack.set(ca.stack, (byStack.get(ca.stack) ?? 0) + 1);
    }
    return [...byStack].map(([stack, count]) => ({
      stack,
      what: `ACM Private CA, ${mode === "GENERAL_PURPOSE" ? "general-purpose" : "short-lived certificate"} mode`,
      count,
      monthlyUsd: count * PRICES.privateCaMonthly[mode],
    }));
  });
  const privateCertificates = resourcesOf(app, "aws_acm_certificate").filter(
    (certificate) => certificate.body.certificate_authority_arn !== undefined,
  ).length;
  return { lines, monthlyUsd: lines.reduce((sum, line) => sum + line.monthlyUsd, 0), privateCertificates };
}

const usd = (amount: number) => `USD ${amount.toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

export function describeCost(environment: string, estimate: CostEstimate): string {
  return [
    `Fixed monthly cost of what ${environment} creates (list prices, ${PRICES.source}, checked ${PRICES.checked}):`,
    ...estimate.lines.map((line) => `  ${line.stack}: ${line.count} × ${line.what}: ${usd(line.monthlyUsd)} a month`),
    `  total: ${usd(estimate.monthlyUsd)} a month, charged from creation until the resources are deleted`,
    ...(estimate.privateCertificates > 0
      ? [
          `  plus ${usd(PRICES.exportableCertificate)} once per exported private certificate (${estimate.privateCertificates} declared)`,
        ]
      : []),
    "  plus usage: API Gateway requests, Lambda, S3, CloudWatch Logs and Route 53 queries, priced by traffic.",
  ].join("\n");
}
