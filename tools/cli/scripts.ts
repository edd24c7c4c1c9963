// The tools as package.json starts them: each script `node tools/run-bundled.cjs <entry> [<name>]`. Read from
// package.json, so a new script is checked (and documented, npm run cli:docs) without being listed again.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

export interface ScriptEntry {
  readonly script: string;
  /** The entry point, relative to the project root (tools/pki/cli.ts). */
  readonly entry: string;
  /** The script's command line, split on spaces (node tools/run-bundled.cjs tools/environments/run.ts plan). */
  readonly command: readonly string[];
}

/** Every npm script that starts a TypeScript entry point through tools/run-bundled.cjs. */
export function bundledScripts(root = PROJECT_ROOT): ScriptEntry[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return Object.entries(scripts).flatMap(([script, line]) => {
    const entry = /^node tools\/run-bundled\.cjs (\S+\.ts)\b/.exec(line)?.[1];
    return entry ? [{ script, entry, command: line.split(" ") }] : [];
  });
}

/** Benchmarks run at load (tools/performance/bench/measure.ts runBenchmark) and take no option but --help and --runs. */
const isBenchmark = ({ entry }: ScriptEntry) => entry.startsWith("tools/performance/bench/");

/** An entry point that runs the command-line frame (tools/cli/run.ts main). */
function runsTheFrame({ entry }: ScriptEntry, root: string): boolean {
  return /from "\.\.\/cli\/run"/.test(fs.readFileSync(path.join(root, entry), "utf8"));
}

/** The scripts whose entry point runs the command-line frame, benchmarks aside: the project's tools. */
export function framedScripts(root = PROJECT_ROOT): ScriptEntry[] {
  return bundledScripts(root).filter((script) => !isBenchmark(script) && runsTheFrame(script, root));
}
