// `npm run gateway` as a child process, and a bounded wait for what a running gateway does next.
import { spawn } from "node:child_process";
import { PROJECT_ROOT } from "../../lib/project-root";
import { toolCommand } from "./processes";

export const GATEWAY = "tools/gateway/cli.ts";

/** Starts the CLI (in node itself, so that signals reach it directly) and resolves once it prints its URL. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(...toolCommand(GATEWAY, args), { cwd: PROJECT_ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = stdout.match(/listening on (https:\/\/\S+)/);
      if (match) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, url, exited, output: () => stdout, errors: () => stderr };
}
