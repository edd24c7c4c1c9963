// Which processes a run left running: those still alive that carry the run's own marker in their environment
// (every process the run started inherits it), read from /proc (Linux only; elsewhere nothing is found).
import * as fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface RunningProcess {
  readonly pid: number;
  readonly argv: readonly string[];
}

/** Every other process still running whose environment variable `name` has a value `matches` accepts. */
export function processesWhose(name: string, matches: (value: string) => boolean): RunningProcess[] {
  if (!fs.existsSync("/proc")) return [];
  const prefix = `${name}=`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const environ = fs.readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
        if (!environ.some((line) => line.startsWith(prefix) && matches(line.slice(prefix.length)))) return [];
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").filter(Boolean);
        return [{ pid: Number(pid), argv }];
      } catch {
        return []; // gone meanwhile, or not ours to read
      }
    });
}

/** A process still running whose environment holds `name=value`, as "<pid> <command line>". */
export function processesWith(name: string, value: string): string[] {
  return processesWhose(name, (found) => found === value).map(({ pid, argv }) => `${pid} ${argv.join(" ")}`);
}

/** processesWith, asked again after a grace period: a process in the middle of exiting is not a leak. */
export async function leftRunning(name: string, value: string, graceMs = 2000): Promise<string[]> {
  if (processesWith(name, value).length === 0) return [];
  await sleep(graceMs);
  return processesWith(name, value);
}
