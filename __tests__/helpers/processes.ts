import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as path from "node:path";
import { buildSync, stop } from "esbuild";
import { PROJECT_ROOT } from "../../lib/project-root";
import { cachedInRun, cacheKey } from "./run-cache";

export const TSX = path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx");

/**
 * A TypeScript entry point of the project (tools/..., main.ts) bundled once per test run: node starts the bundle
 * in a tenth of the time tsx takes to compile the tool on each start. Packages stay in node_modules, and the
 * bundle lies in the project (run-cache.ts), where the code finds the project root as it does from its source.
 */
export function bundledTool(script: string): string {
  return cachedInRun(`${path.basename(script, ".ts")}-${cacheKey(script)}.cjs`, (into) => {
    try {
      buildSync({
        absWorkingDir: PROJECT_ROOT,
        entryPoints: [script],
        bundle: true,
        platform: "node",
        target: "node20",
        format: "cjs",
        packages: "external",
        outfile: into,
        logLevel: "silent",
      });
    } finally {
      void stop();
    }
  });
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

/** Runs a TypeScript entry point of the project (tools/..., main.ts), bundled once per run (bundledTool). */
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
