// The review of a synthesized output folder: resources per stack, mTLS posture, the outputs each stack exports
// and who reads them, and the policy results. Plain data, rendered as Markdown or printed as JSON.
import { runPolicies, type PolicyResults } from "../../policies/engine";
import { RULES } from "../../policies/registry";
import { remoteStateReaders, stackState } from "../../policies/state-identity";
import type { Suppression } from "../../policies/suppression";
import { describeReads } from "../../policies/reads";
import { stringsWithPaths } from "../../policies/terraform-json";
import type { SynthesizedApp } from "../../policies/types";
import type { SynthesizedStack } from "../environments/synth-output";
import { domainPosture, type DomainPosture } from "./posture";
import { describeState } from "./state-description";

export interface StackSummary {
  readonly name: string;
  readonly dependencies: readonly string[];
  readonly state: string;
  readonly resourcesByType: Record<string, number>;
}

export interface OutputUse {
  readonly stack: string;
  readonly output: string;
  readonly description: string;
  readonly readBy: readonly string[];
}

export interface ReviewReport {
  readonly source: string;
  readonly stacks: readonly StackSummary[];
  readonly posture: readonly DomainPosture[];
  readonly outputs: readonly OutputUse[];
  readonly policies: PolicyResults;
}

function resourcesByType(json: Record<string, any>): Record<string, number> {
  return Object.fromEntries(
    Object.entries<Record<string, unknown>>(json.resource ?? {})
      .map(([type, resources]) => [type, Object.keys(resources).length] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Which stacks read each output: a reference to data.terraform_remote_state.<reader>.outputs.<name>, where the reader reads the exporting stack's state. */
function outputUses(app: SynthesizedApp): OutputUse[] {
  const readers = remoteStateReaders(app);
  const reads = Object.entries(app).flatMap(([stack, json]) =>
    stringsWithPaths(json).flatMap(({ value }) =>
      [...value.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)].map((match) => ({
        reader: stack,
        upstream: readers.find((candidate) => candidate.stack === stack && candidate.name === match[1])?.upstream,
        output: match[2],
      })),
    ),
  );
  return Object.entries(app).flatMap(([stack, json]) =>
    Object.entries<Record<string, any>>(json.output ?? {}).map(([output, body]) => ({
      stack,
      output,
      description: String(body.description ?? ""),
      readBy: [
        ...new Set(
          reads.filter((read) => read.upstream === stack && read.output === output).map((read) => read.reader),
        ),
      ],
    })),
  );
}

export function buildReport(
  source: string,
  stacks: readonly SynthesizedStack[],
  suppressions: readonly Suppression[],
): ReviewReport {
  const app: SynthesizedApp = Object.fromEntries(stacks.map((stack) => [stack.name, stack.json]));
  return {
    source,
    stacks: stacks.map((stack) => {
      const state = stackState(stack.json);
      return {
        name: stack.name,
        dependencies: stack.dependencies,
        state: state ? describeState(state) : "no backend block",
        resourcesByType: resourcesByType(stack.json),
      };
    }),
    posture: domainPosture(app),
    outputs: outputUses(app),
    policies: runPolicies(RULES, app, suppressions),
  };
}

/** The report as JSON: rules by id, without their functions. */
export function reportJson(report: ReviewReport): unknown {
  return {
    ...report,
    policies: {
      failed: report.policies.failed,
      results: report.policies.results.map(({ rule, status, findings, error }) => ({
        id: rule.id,
        title: rule.title,
        reads: describeReads(rule.reads),
        fix: rule.fix,
        equivalents: rule.equivalents,
        status,
        error,
        findings,
      })),
      unusedSuppressions: report.policies.unusedSuppressions,
    },
  };
}
