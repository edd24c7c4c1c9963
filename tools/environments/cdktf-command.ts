// Which cdktf-cli command started the app (main.ts), read from the command lines of the process's ancestors: cdktf
// runs the app the same way for synth, diff, deploy and destroy, and says nothing in its environment. Linux reads
// /proc; elsewhere `ps` answers.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

interface ProcessInfo {
  readonly parent: number;
  readonly args: readonly string[];
}

function fromProc(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").filter(Boolean);
    return { parent, args };
  } catch {
    return undefined;
  }
}

function fromPs(pid: number): ProcessInfo | undefined {
  const run = spawnSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], { encoding: "utf8" });
  const match = /^\s*(\d+)\s+(.*)$/.exec(run.stdout?.trim() ?? "");
  return match ? { parent: Number(match[1]), args: match[2].split(/\s+/) } : undefined;
}

const DEPTH = 8;

/** The cdktf command (deploy, destroy, diff, synth, ...) among this process's ancestors; undefined when none. */
export function cdktfCommand(start = process.ppid): string | undefined {
  const read = fs.existsSync("/proc/self/stat") ? fromProc : fromPs;
  for (let pid = start, depth = 0; pid > 1 && depth < DEPTH; depth += 1) {
    const info = read(pid);
    if (!info) return undefined;
    const cli = info.args.findIndex((arg) => /^cdktf(\.js)?$/.test(path.basename(arg)));
    if (cli >= 0) return info.args.slice(cli + 1).find((arg) => !arg.startsWith("-"));
    pid = info.parent;
  }
  return undefined;
}
