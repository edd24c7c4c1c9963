// Runs the Terraform CLI offline: a CLI configuration of our own points provider installation at the local
// mirror, and telemetry and prompts are off.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { findProviderMirror } from "./provider-mirror";
import { temporaryFolder } from "../../lib/temporary-folder";

export type TerraformAvailability =
  | { available: true; env: NodeJS.ProcessEnv; /** `terraform version -json` */ version: string }
  | { available: false; reason: string };

/** The CLI configuration: the aws provider comes from the mirror and never from the network. */
export function cliConfiguration(mirror: string): string {
  return [
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/hashicorp/*"]',
    "  }",
    "  direct {",
    '    exclude = ["registry.terraform.io/hashicorp/*"]',
    "  }",
    "}",
    "",
  ].join("\n");
}

let cached: TerraformAvailability | undefined;

/**
 * What a successful check found, as JSON in the environment it returns: the CLI configuration, the mirror, PATH and
 * `terraform version -json`. The test run puts it in its own environment (global setup), so the test files and the
 * tools they start reuse it instead of running `terraform version` again; a check with another PATH or mirror
 * does not.
 */
export const TERRAFORM_CHECKED_ENV = "MTLS_TERRAFORM_CHECKED";

interface Check {
  readonly configFile: string;
  readonly mirror: string;
  readonly path: string;
  readonly version: string;
}

export function earlierCheck(env: NodeJS.ProcessEnv, mirror: string): Check | undefined {
  try {
    const check = JSON.parse(env[TERRAFORM_CHECKED_ENV] ?? "") as Check;
    const same = check.mirror === mirror && check.path === (env.PATH ?? "") && fs.existsSync(check.configFile);
    return same ? check : undefined;
  } catch {
    return undefined;
  }
}

/** Checks for a Terraform CLI and the provider mirror; on success, the environment to run Terraform with. */
export function terraformAvailability(env: NodeJS.ProcessEnv = process.env): TerraformAvailability {
  if (cached) return cached;
  const mirror = findProviderMirror(env);
  const check = (mirror.found && earlierCheck(env, mirror.mirror)) || newCheck(env, mirror);
  if ("reason" in check) return (cached = { available: false, reason: check.reason });
  // No plugin cache: Terraform's is not safe for concurrent `terraform init`, and the tests run many at once.
  // From an unpacked mirror, init links the provider instead of copying it anyway.
  const withoutPluginCache = Object.fromEntries(Object.entries(env).filter(([name]) => name !== "TF_PLUGIN_CACHE_DIR"));
  return (cached = {
    available: true,
    version: check.version,
    env: {
      ...withoutPluginCache,
      TF_CLI_CONFIG_FILE: check.configFile,
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      [TERRAFORM_CHECKED_ENV]: JSON.stringify(check),
    },
  });
}

function newCheck(env: NodeJS.ProcessEnv, mirror: ReturnType<typeof findProviderMirror>): Check | { reason: string } {
  const version = spawnSync("terraform", ["version", "-json"], {
    encoding: "utf8",
    env: { ...env, CHECKPOINT_DISABLE: "1" },
  });
  if (version.error || version.status !== 0) return { reason: "no terraform CLI on PATH (install Terraform >= 1.11)" };
  if (!mirror.found) return { reason: mirror.reason };
  const configFile = path.join(temporaryFolder("mtls-terraform-cli-"), "terraform.rc");
  fs.writeFileSync(configFile, cliConfiguration(mirror.mirror));
  return { configFile, mirror: mirror.mirror, path: env.PATH ?? "", version: version.stdout };
}

export interface TerraformResult {
  readonly code: number;
  readonly output: string;
}

/** Runs one terraform command; resolves with its exit code and combined output (never rejects on failure). */
export function runTerraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<TerraformResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", [...args, "-no-color"], { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

export interface StepResult extends TerraformResult {
  /** The command that ran last: "init" when init failed, otherwise the command asked for. */
  readonly step: string;
}

/** terraform init, then the command in the same folder; stops at a failed init and returns its result. */
export async function initThen(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  const init = await runTerraform(["init", "-input=false"], cwd, env);
  if (init.code !== 0) return { step: "init", ...init };
  return { step: args[0], ...(await runTerraform(args, cwd, env)) };
}
