// The tools as package.json starts them: each script `node tools/run-bundled.cjs <entry> [<name>]` whose entry
// runs the command-line frame exports `declaredTools(io)`, and the script's tool is the declaration named after
// the script. Tests take their list of tools from here, so a new script is checked without being listed again.
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import type { ToolDeclaration } from "../../tools/cli/declaration";
import type { Io } from "../../tools/cli/run";

export interface ScriptEntry {
  readonly script: string;
  /** The entry point, relative to the project root (tools/pki/cli.ts). */
  readonly entry: string;
}

/** Every npm script that starts a TypeScript entry point through tools/run-bundled.cjs. */
export function bundledScripts(): ScriptEntry[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  return Object.entries(scripts).flatMap(([script, line]) => {
    const entry = /^node tools\/run-bundled\.cjs (\S+\.ts)\b/.exec(line)?.[1];
    return entry ? [{ script, entry }] : [];
  });
}

/** Benchmarks run at load (tools/performance/bench/measure.ts runBenchmark) and take no option but --help and --runs. */
const isBenchmark = ({ entry }: ScriptEntry) => entry.startsWith("tools/performance/bench/");

/** An entry point that runs the command-line frame (tools/cli/run.ts main). */
function runsTheFrame({ entry }: ScriptEntry): boolean {
  return /from "\.\.\/cli\/run"/.test(fs.readFileSync(path.join(PROJECT_ROOT, entry), "utf8"));
}

/**
 * The declaration of every framed tool package.json starts, benchmarks aside. Throws when a framed entry does not
 * export `declaredTools` or declares no tool named after its script.
 */
export function scriptTools(io: Io): ToolDeclaration[] {
  return bundledScripts()
    .filter((script) => !isBenchmark(script) && runsTheFrame(script))
    .map(({ script, entry }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { declaredTools } = require(path.join(PROJECT_ROOT, entry)) as {
        declaredTools?: (io: Io) => ToolDeclaration[];
      };
      const tool = declaredTools?.(io).find((candidate) => candidate.script === script);
      if (!tool) throw new Error(`${entry} (npm run ${script}) must export declaredTools(io) with a tool "${script}"`);
      return tool;
    });
}
