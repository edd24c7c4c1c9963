// The declaration of every tool package.json starts (tools/cli/scripts.ts): each framed entry exports
// `declaredTools(io)`, and the script's tool is the declaration named after the script. Tests take their list of
// tools from here, so a new script is checked without being listed again.
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import type { ToolDeclaration } from "../../tools/cli/declaration";
import type { Io } from "../../tools/cli/run";
import { framedScripts } from "../../tools/cli/scripts";

/**
 * The declaration of every framed tool package.json starts, benchmarks aside. Throws when a framed entry does not
 * export `declaredTools` or declares no tool named after its script.
 */
export function scriptTools(io: Io): ToolDeclaration[] {
  return framedScripts().map(({ script, entry }) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { declaredTools } = require(path.join(PROJECT_ROOT, entry)) as {
      declaredTools?: (io: Io) => ToolDeclaration[];
    };
    const tool = declaredTools?.(io).find((candidate) => candidate.script === script);
    if (!tool) throw new Error(`${entry} (npm run ${script}) must export declaredTools(io) with a tool "${script}"`);
    return tool;
  });
}
