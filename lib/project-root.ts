import * as fs from "node:fs";
import * as path from "node:path";

function findProjectRoot(start: string): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, "cdktf.json"))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`No cdktf.json above ${start}: run from inside the project.`);
  }
}

/** The repository root (the folder holding cdktf.json): every relative path the project uses starts here. */
export const PROJECT_ROOT = findProjectRoot(__dirname);
