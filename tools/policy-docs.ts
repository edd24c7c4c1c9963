// npm run policies:docs: writes the table of rules in docs/policies.md from the rules themselves (what each reads
// comes from its declaration), so the reference cannot drift from the code.
import * as fs from "node:fs";
import * as path from "node:path";
import { describeReads } from "../policies/reads";
import { RULES } from "../policies/registry";
import { PROJECT_ROOT } from "../lib/project-root";
import { code, equivalentsText } from "./review/markdown";

export const POLICY_DOCS_FILE = path.join(PROJECT_ROOT, "docs", "policies.md");

const HEADER = ["id", "must hold", "reads", "fix", "same check elsewhere"];

export function policyRows(): string[][] {
  return RULES.map((rule) => [
    // The anchor the SARIF's helpUri points at (tools/review/sarif.ts).
    `<a id="${rule.id}"></a>${code(rule.id)}`,
    rule.title,
    describeReads(rule.reads).map(code).join(", "),
    rule.fix,
    equivalentsText(rule.equivalents),
  ]);
}

/** The rows of the rule table as docs/policies.md has them, cells trimmed. */
export function documentedRows(markdown: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => /^\|\s*id\s*\|/.test(line));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  return lines.slice(start + 2, end).map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

async function writePolicyDocs(): Promise<void> {
  const lines = fs.readFileSync(POLICY_DOCS_FILE, "utf8").split("\n");
  const start = lines.findIndex((line) => /^\|\s*id\s*\|/.test(line));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith("|"));
  const table = [HEADER, HEADER.map(() => "---"), ...policyRows()].map((row) => `| ${row.join(" | ")} |`);
  const text = [...lines.slice(0, start), ...table, ...lines.slice(end)].join("\n");
  // Loaded here, not at the top: jest (which reads policyRows) cannot load prettier's ES modules.
  const prettier = await import("prettier");
  const options = await prettier.resolveConfig(POLICY_DOCS_FILE);
  fs.writeFileSync(POLICY_DOCS_FILE, await prettier.format(text, { ...options, filepath: POLICY_DOCS_FILE }));
  console.log(`wrote ${path.relative(PROJECT_ROOT, POLICY_DOCS_FILE)}`);
}

if (require.main === module) void writePolicyDocs();
