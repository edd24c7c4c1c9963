// The policy results as SARIF 2.1.0 for GitHub code scanning (review --sarif): one reporting rule per policy rule
// with its severity, a friendly name and a link to its row of docs/policies.md, one result per failing or waived
// finding, located at the resource's line in its stack's synthesized JSON. Microsoft's SARIF multitool validates it
// without a warning (__tests__/unit/review.test.ts).
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { RuleResult } from "../../policies/engine";
import type { PolicyRule, RuleSeverity } from "../../policies/types";
import { pathToFileURL } from "node:url";
import PACKAGE from "../../package.json";
import { PROJECT_ROOT } from "../../lib/project-root";
import type { ReviewReport } from "./report";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** Each rule's section: docs/policies.md gives every rule's row an anchor named by its id. */
const POLICY_DOCS = "docs/policies.md";

/** GitHub ranks security alerts by this score (CVSS scale): 7.0 and up is high, 4.0 to 6.9 medium. */
const SECURITY_SEVERITY: Record<RuleSeverity, string> = { error: "8.0", warning: "5.0" };

export function ruleSeverity(rule: PolicyRule): RuleSeverity {
  return rule.severity ?? "error";
}

/** A stack's synthesized file, as code scanning names it (relative to the repository) and its text. */
export interface StackFile {
  readonly uri: string;
  readonly text: string;
}

/** A rule's friendly name, distinct from its id as SARIF asks: the id in Pascal case (routes-authorized: RoutesAuthorized). */
export function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/**
 * Where the review's documentation is, for the SARIF's links: the repository at the reviewed commit when GitHub
 * Actions runs the review (code scanning's own links point there), else package.json's homepage, else this checkout
 * as a file: URI (what a local SARIF viewer opens).
 */
export function documentationBase(env: NodeJS.ProcessEnv = process.env): string {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_SHA: sha } = env;
  if (server && repository && sha) return `${server}/${repository}/blob/${sha}`;
  const homepage = (PACKAGE as { homepage?: string }).homepage;
  return (homepage ?? pathToFileURL(PROJECT_ROOT).href).replace(/\/$/, "");
}

function descriptor(rule: PolicyRule, docs: string): ReportingDescriptor {
  const severity = ruleSeverity(rule);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    help: { text: `Fix: ${rule.fix}` },
    helpUri: `${docs}/${POLICY_DOCS}#${rule.id}`,
    defaultConfiguration: { level: severity },
    properties: { "security-severity": SECURITY_SEVERITY[severity], tags: ["security", "terraform", "mtls"] },
  };
}

/** The line of `"<type>": { ... "<name>": {` in the stack's JSON, so the alert points at the resource. */
export function resourceLine(text: string, resource: string): number {
  const [type, name] = resource.split(".");
  const typeAt = text.indexOf(`"${type}": {`);
  if (typeAt < 0 || name === undefined) return 1;
  const nameAt = text.indexOf(`"${name}": {`, typeAt);
  const at = nameAt < 0 ? typeAt : nameAt;
  return text.slice(0, at).split("\n").length;
}

function results(
  result: RuleResult,
  ruleIndex: number,
  stackFile: (stack: string) => StackFile,
  firstStack: string,
): Result[] {
  const level = ruleSeverity(result.rule);
  if (result.status === "error") {
    const first = stackFile(firstStack);
    return [
      {
        ruleId: result.rule.id,
        ruleIndex,
        level: "error",
        message: { text: `The rule could not run (it counts as failing): ${result.error}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: first.uri }, region: { startLine: 1 } } }],
      },
    ];
  }
  return result.findings
    .filter((finding) => !finding.passed)
    .map((finding) => {
      const file = stackFile(finding.stack);
      return {
        ruleId: result.rule.id,
        ruleIndex,
        level,
        message: { text: `${finding.stack}: ${finding.resource}: ${finding.message}. Fix: ${result.rule.fix}` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: file.uri },
              region: { startLine: resourceLine(file.text, finding.resource) },
            },
            logicalLocations: [{ fullyQualifiedName: `${finding.stack}/${finding.resource}`, kind: "resource" }],
          },
        ],
        ...(finding.suppressedBecause
          ? { suppressions: [{ kind: "external" as const, justification: finding.suppressedBecause }] }
          : {}),
      };
    });
}

export function renderSarif(
  report: ReviewReport,
  stackFile: (stack: string) => StackFile,
  docs = documentationBase(),
): Log {
  const rules = report.policies.results.map((result) => result.rule);
  const driver = {
    name: "apigw-mtls-review",
    version: PACKAGE.version,
    semanticVersion: PACKAGE.version,
    informationUri: `${docs}/${POLICY_DOCS}`,
    rules: rules.map((rule) => descriptor(rule, docs)),
  };
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: { driver },
        automationDetails: { id: `review/${report.source}/` },
        results: report.policies.results.flatMap((result, index) =>
          results(result, index, stackFile, report.stacks[0]?.name ?? ""),
        ),
      },
    ],
  };
}
