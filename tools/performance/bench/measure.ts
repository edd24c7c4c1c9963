// Timing helpers shared by the benchmarks: each prints what it measured, on this machine, now.
import * as os from "node:os";
import { EXIT } from "../../../lib/user-error";
import { command } from "../../cli/declaration";
import { main } from "../../cli/run";
import { temporaryFolder } from "../../../lib/temporary-folder";

export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function scratchFolder(name: string): string {
  return temporaryFolder(`mtls-bench-${name}-`);
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} x ${cpus[0]?.model ?? "unknown CPU"}, load average ${os.loadavg()[0].toFixed(2)}, Node ${process.version}`;
}

export function report(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`${title}\n  machine: ${machine()}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

/**
 * A benchmark's entry point: the command-line frame refuses any option (benchmarks take none but --help) and
 * catches errors; the body resolves with 0 when the targets are met, 1 when one is missed.
 */
export function runBenchmark(script: string, summary: string, body: () => Promise<number | void> | number | void) {
  main({
    script,
    summary,
    notes: ["exit status: 0 targets met (or no target), 1 a target missed, 3 the benchmark could not run"],
    commands: [command({ summary, options: {}, run: async () => (await body()) ?? EXIT.ok })],
  });
}
