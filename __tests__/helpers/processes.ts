import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";

/** The launcher every npm tool script runs through: node tools/run-bundled.cjs <entry.ts> [args...]. */
export const RUN_BUNDLED = "tools/run-bundled.cjs";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain CommonJS, so that it runs uncompiled
const { bundleOf } = require(path.join(PROJECT_ROOT, RUN_BUNDLED)) as { bundleOf: (entry: string) => string };

const bundles = new Map<string, string>();

/**
 * A TypeScript entry point of the project (tools/..., main.ts) as the npm scripts run it: the launcher's bundle,
 * made again only when a file it is made from has changed. Looked up once per test file.
 */
export function bundledTool(script: string): string {
  if (!bundles.has(script)) bundles.set(script, bundleOf(script));
  return bundles.get(script)!;
}

/** The command line that runs a project entry point: node and its arguments. */
export function toolCommand(script: string, args: string[]): [string, string[]] {
  return [process.execPath, [bundledTool(script), ...args]];
}

export interface Run {
  readonly status: number | null;
  /** The signal that ended the process, when one did. */
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function result(run: SpawnSyncReturns<string>): Run {
  if (run.error) throw run.error;
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

export function openssl(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  return result(
    spawnSync("openssl", args, { encoding: "utf8", input: options.input, env: options.env ?? process.env }),
  );
}

export function curl(args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  return result(spawnSync("curl", args, { encoding: "utf8", env, timeout: 20_000 }));
}

/** Runs a TypeScript entry point of the project (tools/..., main.ts) from its bundle (bundledTool). */
export function runTool(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const [command, commandArgs] = toolCommand(script, args);
  return result(
    spawnSync(command, commandArgs, {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      env: { ...process.env, ...env },
      timeout: 60_000,
    }),
  );
}

/** Runs a command without blocking the event loop (a server in the same process keeps answering). */
export function spawnAsync(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
    // A child that exits without reading its input (git does) closes the pipe first: that EPIPE is no failure.
    child.stdin.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") reject(error);
    });
    child.stdin.end(options.input ?? "");
  });
}

/** runTool, asynchronously: for tests that run several tools at once. */
export function runToolAsync(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const [command, commandArgs] = toolCommand(script, args);
  return spawnAsync(command, commandArgs, { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
}
