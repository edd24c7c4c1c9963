// npm run review [-- --json | --sarif] [--sarif-file FILE] [--env <environment> | --dir <output folder>]
// npm run review -- --all [--sarif-dir DIR]
// Reads a synthesized output folder (cdktf.out by default) and prints a pull-request-ready Markdown review, the
// same data as JSON, or the policy results as SARIF for GitHub code scanning (--sarif-file writes the SARIF too,
// beside the printed review, so CI reviews an environment once for both). --all reviews cdktf.out.<env>/ of every
// environment in config/, one Markdown review after another (--sarif-dir: DIR/<env>.sarif each), so the
// pull-request workflow reviews them all in one process. Exit status (tools/cli convention): 0 every rule passes,
// 1 a policy rule fails (or throws), 2 nothing to review (no output, HCL output, bad option).
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { accountLoggingRoleConflicts } from "../../lib/account-logging-role";
import { listEnvironments } from "../../lib/config/load";
import { PROJECT_ROOT } from "../../lib/project-root";
import { EXIT } from "../../lib/user-error";
import { RULES } from "../../policies/registry";
import { loadSuppressions } from "../../policies/suppression";
import { command, type ToolDeclaration } from "../cli/declaration";
import { main, runCommandLine, type Io } from "../cli/run";
import { environmentOutdir } from "../environments/synth";
import { readSynthOutput, type SynthesizedStack } from "../environments/synth-output";
import { renderMarkdown } from "./markdown";
import { buildReport, reportJson } from "./report";
import { renderSarif } from "./sarif";

export type ReviewIo = Io;

/** cdktf's name for a stack's Terraform JSON in its folder (readSynthOutput refuses any other). */
const STACK_FILE = "cdk.tf.json";

/** A path as the report shows it: relative to the project when inside it, with forward slashes. */
function shown(file: string, root: string): string {
  const relative = path.relative(root, file).split(path.sep).join("/") || ".";
  return relative.startsWith("..") ? file : relative;
}

/** The review of one output folder, and its SARIF made on demand. */
function reviewFolder(outdir: string, root: string) {
  const stacks = readSynthOutput(outdir);
  const report = buildReport(shown(outdir, root), stacks, loadSuppressions(RULES));
  const sarif = () => {
    const byName = new Map(stacks.map((stack) => [stack.name, stack]));
    const stackFile = (name: string) => {
      const stack = byName.get(name);
      const file = stack ? path.join(stack.directory, STACK_FILE) : path.join(outdir, "manifest.json");
      // Relative to the repository, as code scanning wants; a file outside it as an absolute file: URI (SARIF takes
      // a path starting with a slash for a relative reference).
      const relative = shown(file, root);
      const uri = relative === file ? pathToFileURL(file).href : relative;
      return { uri, text: fs.readFileSync(file, "utf8") };
    };
    return JSON.stringify(renderSarif(report, stackFile), null, 2);
  };
  return { report, sarif, stacks };
}

/** The environment's api stack manages the account-and-region API Gateway setting: where, from its provider. */
function accountLoggingRoleOwner(environment: string, stacks: readonly SynthesizedStack[]) {
  const api = stacks.find((stack) => stack.name === "api")?.json;
  if (!api?.resource?.aws_api_gateway_account) return [];
  const provider = api.provider?.aws?.[0] ?? {};
  return [
    { environment, accountId: String(provider.allowed_account_ids?.[0] ?? "(any)"), region: String(provider.region) },
  ];
}

/**
 * --all: each environment's output folder is read before anything is printed or written, so a missing one stops
 * the review whole (exit 2); then one Markdown review per environment, a blank line after each.
 */
function reviewEveryEnvironment(values: { "sarif-dir"?: string }, io: Io, root: string): number {
  const reviews = listEnvironments(root).map((environment) => ({
    environment,
    ...reviewFolder(environmentOutdir(environment, root), root),
  }));
  const sarifDir = values["sarif-dir"];
  if (sarifDir) fs.mkdirSync(sarifDir, { recursive: true });
  for (const { environment, report, sarif } of reviews) {
    if (sarifDir) fs.writeFileSync(path.join(sarifDir, `${environment}.sarif`), `${sarif()}\n`);
    io.out(`${renderMarkdown(report)}\n`);
  }
  const conflicts = accountLoggingRoleConflicts(
    reviews.flatMap(({ environment, stacks }) => accountLoggingRoleOwner(environment, stacks)),
  );
  if (conflicts.length > 0) {
    io.out(["## Across environments: failed", "", ...conflicts.map((conflict) => `- ${conflict}`), ""].join("\n"));
  }
  return conflicts.length > 0 || reviews.some(({ report }) => report.policies.failed) ? EXIT.findings : EXIT.ok;
}

export function reviewTool(io: Io, root = PROJECT_ROOT): ToolDeclaration {
  return {
    script: "review",
    summary: "PR-ready review of a synthesized output folder: mTLS posture, policy findings, stacks, outputs",
    notes: [
      "Reads cdktf.out/ (npm run synth), cdktf.out.<ENV>/ with --env (npm run synth:env), or any folder with --dir.",
      "exit status: 0 every rule passes, 1 a policy rule fails, 2 nothing to review or a bad option",
    ],
    commands: [
      command({
        summary: "review the synthesized Terraform JSON",
        options: {
          json: { type: "boolean", description: "print the review as JSON", conflicts: ["sarif"] },
          sarif: {
            type: "boolean",
            description: "print the policy results as SARIF 2.1.0 (GitHub code scanning)",
            conflicts: ["sarif-file"],
          },
          "sarif-file": {
            type: "path",
            kind: "file",
            check: "parent-exists",
            description: "also write the policy results as SARIF 2.1.0 to FILE, beside the printed review",
          },
          env: {
            type: "string",
            value: "ENV",
            description: "review cdktf.out.<ENV>/ (written by synth:env)",
            conflicts: ["dir"],
          },
          dir: { type: "path", kind: "folder", description: "review this output folder" },
          all: {
            type: "boolean",
            description: "review cdktf.out.<env>/ of every environment in config/, as Markdown only",
            conflicts: ["json", "sarif", "sarif-file", "env", "dir"],
          },
          "sarif-dir": {
            type: "path",
            kind: "folder",
            description: "also write each environment's SARIF to DIR/<env>.sarif (for one folder: --sarif-file FILE)",
            requires: ["all"],
          },
        },
        run: ({ values }) => {
          if (values.all) return reviewEveryEnvironment(values, io, root);
          const outdir = values.dir
            ? values.dir
            : values.env
              ? environmentOutdir(values.env, root)
              : path.join(root, "cdktf.out");
          const sarifFile = values["sarif-file"];
          const { report, sarif } = reviewFolder(outdir, root);
          if (sarifFile) fs.writeFileSync(sarifFile, `${sarif()}\n`);
          if (values.sarif) io.out(sarif());
          else io.out(values.json ? JSON.stringify(reportJson(report), null, 2) : renderMarkdown(report));
          return report.policies.failed ? EXIT.findings : EXIT.ok;
        },
      }),
    ],
  };
}

/** Runs the review with these arguments; gives the exit code. */
export function review(args: string[], io: Io, root = PROJECT_ROOT): number {
  return runCommandLine(reviewTool(io, root), args, io) as number;
}

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (io: Io): ToolDeclaration[] => [reviewTool(io)];

if (require.main === module) main(reviewTool({ out: console.log, err: console.error }));
