// npm run cli:docs: writes the options reference at the end of docs/cli.md from what each tool's --help prints
// (its declaration), so the documented types, bounds and defaults cannot drift from the code. The tools are
// package.json's framed scripts (tools/cli/scripts.ts), each started as npm starts it.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../lib/project-root";
import { withReference } from "./cli/reference";
import { framedScripts } from "./cli/scripts";

const CLI_DOCS_FILE = path.join(PROJECT_ROOT, "docs", "cli.md");

const usages = framedScripts().map(({ script, command }) => {
  const run = spawnSync(process.execPath, [...command.slice(1), "--help"], { cwd: PROJECT_ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run ${script} -- --help exited ${run.status}: ${run.stderr}`);
  return { script, usage: run.stdout };
});
fs.writeFileSync(CLI_DOCS_FILE, withReference(fs.readFileSync(CLI_DOCS_FILE, "utf8"), usages));
console.log(`wrote ${path.relative(PROJECT_ROOT, CLI_DOCS_FILE)} (${usages.length} tools)`);
