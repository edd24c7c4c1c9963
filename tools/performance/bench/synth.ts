// npm run bench: how much `npm run synth` costs beyond the app itself. Synthesizes the example's four stacks as
// fresh processes, several times each: the app alone (cdktf.json's "app" command, what cdktf-cli runs) and
// `npm run synth` as users type it. Prints both medians, their ratio and the app's peak memory. Targets on a
// 2-core machine: npm run synth within 1.5x of the app alone; the app's median under 2 s, peak under 400 MB.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../../lib/project-root";
import { median, runBenchmark } from "./measure";
import { temporaryFolder } from "../../../lib/temporary-folder";

const RUNS = Number(process.env.MTLS_BENCH_RUNS ?? 7);
const TARGETS = { ratio: 1.5, appSeconds: 2, appMb: 400 };

function appArgs(): string[] {
  const { app } = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "cdktf.json"), "utf8"));
  const [program, ...args] = String(app).split(/\s+/);
  if (program !== "node") throw new Error(`bench expects cdktf.json's app to start with "node", got: ${app}`);
  return args;
}

function seconds(command: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status}):\n${result.stderr}`);
  return elapsed;
}

function main(): number {
  const scratch = temporaryFolder("mtls-bench-");
  const env = { MTLS_ENV: "example", MTLS_CONFIG: "" };
  const app = (run: number) => {
    const rssFile = path.join(scratch, `rss-${run}`);
    const runEnv = { ...env, CDKTF_OUTDIR: path.join(scratch, `app-${run}`), MTLS_BENCH_RSS_FILE: rssFile };
    const args = [
      "--require",
      path.join(PROJECT_ROOT, "tools", "performance", "bench", "report-peak-rss.js"),
      ...appArgs(),
    ];
    return {
      seconds: seconds(process.execPath, args, runEnv),
      peakMb: Number(fs.readFileSync(rssFile, "utf8")) / 1024,
    };
  };
  const npmSynth = (run: number) =>
    seconds("npm", ["run", "--silent", "synth", "--", "--outdir", path.join(scratch, `npm-${run}`)], env);
  app(-1); // warm-up: the launcher's bundle and the OS file cache
  npmSynth(-1);
  const apps: { seconds: number; peakMb: number }[] = [];
  const npms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    apps.push(app(run)); // alternated, so a change in the machine's load falls on both
    npms.push(npmSynth(run));
  }
  fs.rmSync(scratch, { recursive: true, force: true });

  const appMedian = median(apps.map((run) => run.seconds));
  const npmMedian = median(npms);
  const ratio = npmMedian / appMedian;
  const peakMb = Math.max(...apps.map((run) => run.peakMb));
  const range = (values: number[]) =>
    `min ${Math.min(...values).toFixed(2)} s, max ${Math.max(...values).toFixed(2)} s`;
  console.log(`synth of 4 stacks (example), ${RUNS} fresh processes each, alternated`);
  console.log(
    `  app alone       median ${appMedian.toFixed(2)} s, ${range(apps.map((run) => run.seconds))}: node ${appArgs().join(" ")}`,
  );
  console.log(`  npm run synth   median ${npmMedian.toFixed(2)} s, ${range(npms)}`);
  console.log(`  ratio           ${ratio.toFixed(2)}x the app alone  (target <= ${TARGETS.ratio}x)`);
  console.log(
    `  app peak RSS    ${peakMb.toFixed(0)} MB  (target < ${TARGETS.appMb} MB; app median target < ${TARGETS.appSeconds} s)`,
  );
  console.log(`  machine         ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`);
  const met = ratio <= TARGETS.ratio && appMedian < TARGETS.appSeconds && peakMb < TARGETS.appMb;
  console.log(met ? "  targets met" : "  TARGETS MISSED");
  return met ? 0 : 1;
}

runBenchmark("bench", "time npm run synth against the app alone, and the app's peak memory", main);
