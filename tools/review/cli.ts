// npm run review [-- --json] [--env <environment> | --dir <output folder>]
// Reads a synthesized output folder (cdktf.out by default) and prints a pull-request-ready Markdown review, or
// the same data as JSON. Exits 1 when a policy rule fails (or throws), 2 when there is nothing to review.
import * as path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../../lib/project-root";
import { RULES } from "../../policies/registry";
import { loadSuppressions, SuppressionError } from "../../policies/suppression";
import { environmentOutdir } from "../environments/synth";
import { readSynthOutput, SynthOutputError } from "../environments/synth-output";
import { renderMarkdown } from "./markdown";
import { buildReport, reportJson } from "./report";

export interface ReviewIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export function review(args: string[], io: ReviewIo, root = PROJECT_ROOT): number {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean", default: false }, env: { type: "string" }, dir: { type: "string" } },
  });
  const outdir = values.dir
    ? path.resolve(values.dir)
    : values.env
      ? environmentOutdir(values.env, root)
      : path.join(root, "cdktf.out");
  try {
    const stacks = readSynthOutput(outdir);
    const source = path.relative(root, outdir).split(path.sep).join("/") || ".";
    const report = buildReport(source.startsWith("..") ? outdir : source, stacks, loadSuppressions(RULES));
    io.out(values.json ? JSON.stringify(reportJson(report), null, 2) : renderMarkdown(report));
    return report.policies.failed ? 1 : 0;
  } catch (error) {
    if (error instanceof SynthOutputError || error instanceof SuppressionError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  process.exitCode = review(process.argv.slice(2), { out: console.log, err: console.error });
}
