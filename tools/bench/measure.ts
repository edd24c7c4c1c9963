// Timing helpers shared by the benchmarks: each prints what it measured, on this machine, now.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

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
  return fs.mkdtempSync(path.join(os.tmpdir(), `mtls-bench-${name}-`));
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
