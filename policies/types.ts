// A policy rule reads the synthesized Terraform JSON of every stack and reports one finding per resource it
// checked. One rule per file in policies/rules/, with passing and failing fixtures beside it.
import type { RuleReads } from "./reads";

/** The synthesized Terraform JSON of every stack, by stack name (as in cdktf.out/stacks/<stack>/cdk.tf.json). */
export type SynthesizedApp = Record<string, Record<string, any>>;

export interface Finding {
  readonly stack: string;
  /** Terraform address, e.g. aws_s3_bucket.truststore_bucket (or a JSON path for rules that scan everything). */
  readonly resource: string;
  readonly passed: boolean;
  /** What was found, in a sentence. */
  readonly message: string;
  /** Passed, but needs action soon (a runtime nearing deprecation): shown, never failing. */
  readonly warning?: boolean;
}

/** Ids of matching checks in other scanners, so a team can map this report to the tools it already runs. */
export interface EquivalentChecks {
  readonly checkov?: readonly string[];
  readonly trivy?: readonly string[];
  readonly kics?: readonly string[];
  readonly cdkNag?: readonly string[];
  readonly tflint?: readonly string[];
}

export type RuleSeverity = "error" | "warning";

export interface PolicyRule {
  /** Stable id, also the file name: policies/rules/<id>.ts. */
  readonly id: string;
  /** One line: what must hold. */
  readonly title: string;
  /** What the rule reads; the documentation of each rule is written from it (describeReads). */
  readonly reads: RuleReads;
  /** What to change when the rule fails. */
  readonly fix: string;
  readonly equivalents: EquivalentChecks;
  /** The AWS document the rule encodes, for rules that hold AWS's own rules beyond the provider schema. */
  readonly source?: string;
  /**
   * How bad a failure is, for code scanning (review --sarif): error breaks the mTLS guarantee or exposes data,
   * warning weakens operations or hygiene. @default "error"
   */
  readonly severity?: RuleSeverity;
  check(app: SynthesizedApp): Finding[];
}
