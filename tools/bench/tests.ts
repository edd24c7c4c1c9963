// npm run bench:tests: runs the whole `npm test` (type-check and every jest layer, all layers required) once and
// prints its wall time and the CPU time of everything it started, against the 90 s target on a 2-core machine.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { PROJECT_ROOT } from "../../lib/project-root";
import { report, runBenchmark } from "./measure";

const TARGET_SECONDS = 90;
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux architecture Node supports

/** CPU seconds of this process's waited-for descendants, from /proc (Linux only). */
function childrenCpuSeconds(): number | undefined {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // After "pid (comm) ", field 3 is index 0; cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND;
}

function main(): number {
  const cpuBefore = childrenCpuSeconds();
  const started = process.hrtime.bigint();
  const run = spawnSync("npm", ["test", "--silent"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, MTLS_REQUIRE_ALL_LAYERS: "1", CHECKPOINT_DISABLE: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = childrenCpuSeconds();
  const summary = run.stderr
    .split("\n")
    .filter((line) => /^(Tests|Test Suites):/.test(line))
    .map((line) => line.replace(/\s+/g, " "));
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;

  report("npm test, all layers required, one run", [
    ["result", run.status === 0 ? `passed (${summary.join("; ")})` : `FAILED with exit ${run.status}`],
    ["wall time", `${seconds.toFixed(1)} s  (target < ${TARGET_SECONDS} s)`],
    ["CPU time", cpu === undefined ? "not measured (needs /proc)" : `${cpu.toFixed(1)} s on ${os.cpus().length} cores`],
  ]);
  if (run.status !== 0) {
    const failures = run.stderr.split("\n").filter((line) => /^(FAIL|\s+● )/.test(line));
    console.log(["  failures:", ...new Set(failures)].join("\n    "));
  }
  const met = run.status === 0 && seconds < TARGET_SECONDS;
  console.log(met ? "  target met" : "  TARGET MISSED");
  return met ? 0 : 1;
}

runBenchmark("bench:tests", "time the whole npm test (wall and CPU) against its 90 s target", main);
