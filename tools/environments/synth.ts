// Synthesizes one environment into its own output folder, cdktf.out.<environment>, so that synthesizing dev never
// touches prod's output (plain `cdktf synth` keeps writing cdktf.out). The folder sits beside cdktf.out, at the
// same depth, so the local backend's relative state path resolves to the same state/<environment>/ folder.
import { App } from "cdktf";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildStacks } from "../../stacks/app";
import { accountLoggingRoleConflicts } from "../../lib/account-logging-role";
import { ConfigError } from "../../lib/config/errors";
import { loadConfig } from "../../lib/config/load";
import type { Config } from "../../lib/config/schema";
import { PROJECT_ROOT } from "../../lib/project-root";
import { finishHcl } from "./hcl-output";

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
  return synthConfig(loadConfig({ MTLS_ENV: environment }, root), root);
}

export interface SynthOptions {
  /** @default cdktf.out.<environment> */
  readonly outdir?: string;
}

/**
 * synthEnvironment for a configuration already loaded (from --env, MTLS_CONFIG or MTLS_ENV). The new folder
 * replaces the old one whole, so no stack file of another environment or format stays behind; Terraform's
 * working files (.terraform, the lock file) of a stack that still exists move across, sparing a fresh init.
 */
export function synthConfig(config: Config, root = PROJECT_ROOT, options: SynthOptions = {}): SynthesizedEnvironment {
  return synthConfigs([config], root, options)[0];
}

/** The environments whose api stack manages the account-and-region API Gateway setting. */
export function accountLoggingRoleOwners(configs: readonly Config[]) {
  return configs
    .filter((config) => config.api.type === "rest" && config.api.manageAccountLoggingRole === true)
    .map(({ environment, accountId, region }) => ({ environment, accountId, region }));
}

/**
 * Several environments at once: each is synthesized into a scratch folder beside its output folder, and only when
 * all have synthesized are they swapped in, so one that fails (a missing PKI, say) leaves every output as it was.
 */
export function synthConfigs(
  configs: readonly Config[],
  root = PROJECT_ROOT,
  options: SynthOptions = {},
): SynthesizedEnvironment[] {
  if (options.outdir && configs.length > 1)
    throw new Error("synthConfigs: one outdir cannot hold several environments");
  // One setting per account and region: two environments that both manage it take it from each other.
  const conflicts = accountLoggingRoleConflicts(accountLoggingRoleOwners(configs));
  if (conflicts.length > 0) throw new ConfigError("config/", conflicts);
  const staged: Staged[] = [];
  try {
    for (const config of configs) stage(staged, config, root, options, false);
    return commit(staged);
  } finally {
    discard(staged);
  }
}

/**
 * synthConfig in HCL (cdk.tf) instead of Terraform JSON: cdktf's HCL, repaired, formatted by terraform fmt and
 * checked against the stack's Terraform JSON before the folder is swapped in (tools/environments/hcl-output.ts).
 */
export async function synthConfigHcl(
  config: Config,
  root = PROJECT_ROOT,
  options: SynthOptions = {},
): Promise<SynthesizedEnvironment> {
  const staged: Staged[] = [];
  try {
    const { scratch, json } = stage(staged, config, root, options, true);
    await finishHcl(scratch, json);
    return commit(staged)[0];
  } finally {
    discard(staged);
  }
}

interface Staged {
  readonly config: Config;
  readonly outdir: string;
  readonly scratch: string;
  /** Each stack's Terraform JSON, by stack name. */
  readonly json: Record<string, unknown>;
}

function stage(staged: Staged[], config: Config, root: string, options: SynthOptions, hcl: boolean): Staged {
  const outdir = options.outdir ?? environmentOutdir(config.environment, root);
  const entry = { config, outdir, scratch: `${outdir}.partial-${process.pid}`, json: {} };
  staged.push(entry);
  Object.assign(entry.json, synthInto(config, entry.scratch, hcl));
  return entry;
}

function commit(staged: readonly Staged[]): SynthesizedEnvironment[] {
  for (const { outdir, scratch } of staged) {
    keepTerraformWorkingFiles(outdir, scratch);
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.renameSync(scratch, outdir);
  }
  return staged.map(({ config, outdir }) => ({ config, outdir }));
}

function discard(staged: readonly Staged[]): void {
  for (const { scratch } of staged) fs.rmSync(scratch, { recursive: true, force: true });
}

/** Writes the stacks into scratch; returns each stack's Terraform JSON (what HCL output is checked against). */
function synthInto(config: Config, scratch: string, hcl: boolean): Record<string, unknown> {
  fs.rmSync(scratch, { recursive: true, force: true });
  // cdktf's stacks read the output format from the environment when they are constructed.
  const hclBefore = process.env.SYNTH_HCL_OUTPUT;
  process.env.SYNTH_HCL_OUTPUT = hcl ? "true" : "false";
  try {
    const app = new App({ outdir: scratch, skipValidation: false, hclOutput: hcl });
    const stacks = buildStacks(app, config);
    app.synth();
    if (!hcl) return {};
    return Object.fromEntries(
      Object.entries(stacks).map(([name, stack]) => [name, JSON.parse(JSON.stringify(stack.toTerraform()))]),
    );
  } finally {
    if (hclBefore === undefined) delete process.env.SYNTH_HCL_OUTPUT;
    else process.env.SYNTH_HCL_OUTPUT = hclBefore;
  }
}

const TERRAFORM_WORKING_FILES = [".terraform", ".terraform.lock.hcl"];

function keepTerraformWorkingFiles(outdir: string, scratch: string): void {
  const stacks = path.join(scratch, "stacks");
  if (!fs.existsSync(stacks)) return;
  for (const stack of fs.readdirSync(stacks)) {
    for (const name of TERRAFORM_WORKING_FILES) {
      const old = path.join(outdir, "stacks", stack, name);
      if (fs.existsSync(old)) fs.renameSync(old, path.join(stacks, stack, name));
    }
  }
}
