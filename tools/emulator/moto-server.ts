// moto_server for one run: on a free loopback port, listening on 127.0.0.1 only, with whatever it writes in a
// folder of the run. It runs under a shell that stops it when the pipe from this process closes, so it cannot
// outlive the run even when the run is killed (Ctrl-C, a jest timeout) before it can clean up.
import { spawn, spawnSync } from "node:child_process";
import * as net from "node:net";

export interface MotoServer {
  readonly url: string;
  stop(): Promise<void>;
}

export type MotoAvailability = { available: true } | { available: false; reason: string };

/** Whether moto_server is on PATH (it prints its usage and exits). */
export function motoAvailability(env: NodeJS.ProcessEnv = process.env): MotoAvailability {
  const probe = spawnSync("moto_server", ["--help"], { env, encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return { available: false, reason: "no moto_server on PATH (pip install 'moto[server]==5.2.1')" };
  }
  return { available: true };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/moto-api/data.json`)).ok;
  } catch {
    return false;
  }
}

/** Starts moto_server with `stateFolder` as its working and temporary folder; resolves once it answers. */
export async function startMoto(stateFolder: string, timeoutMs = 30_000): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // `trap "" INT`, as the provider's guard has: a terminal's Ctrl-C signals the whole process group, and a shell
  // that exits on it (bash does when its foreground child dies of SIGINT; dash carries on) would never reach its
  // `kill`, while moto_server, a background job of a non-interactive shell, ignores SIGINT and would stay.
  const guard = 'trap "" INT; moto_server -H 127.0.0.1 -p "$0" & moto=$!; cat >/dev/null; kill "$moto"; wait "$moto"';
  const child = spawn("sh", ["-c", guard, String(port)], {
    cwd: stateFolder,
    stdio: ["pipe", "ignore", "pipe"],
    // MOTO_ACM_VALIDATION_WAIT: moto-gaps.ts, acm-validation-wait.
    env: { ...process.env, TMPDIR: stateFolder, HOME: stateFolder, MOTO_ACM_VALIDATION_WAIT: "0" },
  });
  let output = "";
  child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  let stopped = false;
  const stop = async () => {
    stopped = true;
    child.stdin.end();
    await exited;
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not answer on ${url} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  void exited.then(() => {
    if (!stopped) console.error(`moto_server on ${url} stopped on its own:\n${output}`);
  });
  return { url, stop };
}
