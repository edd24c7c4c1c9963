// npm run bench: synthesizes all four stacks of the example as a fresh process, the way `cdktf synth` runs
// the app (cdktf.json's "app" command), several times; prints the median and worst wall time and the peak
// memory of the app process. Targets on a 2-core machine: median under 2 s, peak under 400 MB.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { median } from "./measure";

const RUNS = Number(process.env.MTLS_BENCH_RUNS ?? 7);
const TARGET_SECONDS = 2;
const TARGET_MB = 400;

function appCommand(): string[] {
  const { app } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "cdktf.json"), "utf8"));
  const [program, ...args] = String(app).split(/\s+/);
  if (program !== "node") throw new Error(`bench expects cdktf.json's app to start with "node", got: ${app}`);
  return args;
}

function runOnce(args: string[], scratch: string, run: number): { seconds: number; peakMb: number } {
  const rssFile = path.join(scratch, `rss-${run}`);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--require", path.join(__dirname, "report-peak-rss.js"), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CDKTF_OUTDIR: path.join(scratch, `out-${run}`), MTLS_BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`synth failed (exit ${result.status}):\n${result.stderr}`);
  return { seconds, peakMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024 };
}

function main(): void {
  const args = appCommand();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-bench-"));
  runOnce(args, scratch, -1); // warm-up: fills tsx's transform cache and the OS file cache
  const runs = Array.from({ length: RUNS }, (_, run) => runOnce(args, scratch, run));
  fs.rmSync(scratch, { recursive: true, force: true });

  const seconds = runs.map((run) => run.seconds);
  const peakMb = Math.max(...runs.map((run) => run.peakMb));
  const medianSeconds = median(seconds);
  console.log(`synth of 4 stacks (example), ${RUNS} fresh processes: node ${args.join(" ")}`);
  console.log(
    `  wall time  median ${medianSeconds.toFixed(2)} s, min ${Math.min(...seconds).toFixed(2)} s, max ${Math.max(...seconds).toFixed(2)} s  (target < ${TARGET_SECONDS} s)`,
  );
  console.log(`  peak RSS   ${peakMb.toFixed(0)} MB  (target < ${TARGET_MB} MB)`);
  console.log(`  machine    ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  const met = medianSeconds < TARGET_SECONDS && peakMb < TARGET_MB;
  console.log(met ? "  targets met" : "  TARGETS MISSED");
  process.exitCode = met ? 0 : 1;
}

main();
