// Which processes a run left running: those still alive that carry the run's own marker in their environment
// (every process the run started inherits it), read from /proc (Linux only; elsewhere nothing is found).
import * as fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** A process still running whose environment holds `name=value`, as "<pid> <command line>". */
export function processesWith(name: string, value: string): string[] {
  if (!fs.existsSync("/proc")) return [];
  const marker = `${name}=${value}`;
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        if (!fs.readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(marker)) return [];
        const command = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
        return [`${pid} ${command}`];
      } catch {
        return []; // gone meanwhile, or not ours to read
      }
    });
}

/** processesWith, asked again after a grace period: a process in the middle of exiting is not a leak. */
export async function leftRunning(name: string, value: string, graceMs = 2000): Promise<string[]> {
  if (processesWith(name, value).length === 0) return [];
  await sleep(graceMs);
  return processesWith(name, value);
}
