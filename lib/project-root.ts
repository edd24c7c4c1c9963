import * as fs from "node:fs";
import * as path from "node:path";

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, "cdktf.json"))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No cdktf.json above ${start}: run from inside the project.`);
  }
}

/**
 * Where tools/run-bundled.cjs says the project is. A bundle lies in node_modules/.cache, and node_modules may be a
 * link to another checkout's (the doc tests' and the workflow rehearsal's copies link the real one), so the
 * bundle's own folder does not tell which project it runs for.
 */
const LAUNCHER_ROOT = Symbol.for("apigw-mtls.project-root");

/** The repository root (the folder holding cdktf.json): every relative path the project uses starts here. */
export const PROJECT_ROOT: string =
  ((globalThis as Record<symbol, unknown>)[LAUNCHER_ROOT] as string | undefined) ?? findProjectRoot(__dirname);
