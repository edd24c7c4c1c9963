import * as path from "node:path";

/** The repository root: every relative path the project writes or reads starts here. */
export const PROJECT_ROOT = path.resolve(__dirname, "..");
