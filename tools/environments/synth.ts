// Synthesizes one environment into its own output folder, cdktf.out.<environment>, so that synthesizing dev never
// touches prod's output (plain `cdktf synth` keeps writing cdktf.out). The folder sits beside cdktf.out, at the
// same depth, so the local backend's relative state path resolves to the same state/<environment>/ folder.
import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildStacks } from "../../stacks/app";
import { loadConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";

export function environmentOutdir(environment: string, root = PROJECT_ROOT): string {
  return path.join(root, `cdktf.out.${environment}`);
}

export interface SynthesizedEnvironment {
  readonly config: Config;
  readonly outdir: string;
}

/**
 * Validates the environment's configuration, then synthesizes into a scratch folder beside the output folder and
 * swaps it in, so a failed synth leaves the previous output whole and nothing half-written.
 */
export function synthEnvironment(environment: string, root = PROJECT_ROOT): SynthesizedEnvironment {
  const config = loadConfig({ MTLS_ENV: environment }, root);
  const outdir = environmentOutdir(environment, root);
  const scratch = `${outdir}.partial-${process.pid}`;
  fs.rmSync(scratch, { recursive: true, force: true });
  try {
    const app = new App({ outdir: scratch, skipValidation: false });
    buildStacks(app, config);
    app.synth();
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { config, outdir };
}
