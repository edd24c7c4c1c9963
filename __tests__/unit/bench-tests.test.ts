// npm run bench:tests -- --runs N: a bad count is a usage error, said in one line, before any test run starts;
// a process a run leaves running is found and named.
import { spawn } from "node:child_process";
import { leftRunning, processesWith } from "../../tools/performance/bench/left-behind";
import { runTool } from "../helpers/processes";

test.each(["0", "two", "1.5"])("--runs %s is refused with exit 2, naming the flag and the value", (runs) => {
  const run = runTool("tools/performance/bench/tests.ts", ["--runs", runs]);
  expect({ status: run.status, stderr: run.stderr.trim(), stdout: run.stdout }).toEqual({
    status: 2,
    stderr: `bench:tests: --runs "${runs}": must be a whole number, at least 1; usage: npm run bench:tests -- [--runs N] (npm run bench:tests -- --help explains each option)`,
    stdout: "",
  });
});

test("an unknown flag is refused with exit 2 and the usage", () => {
  const run = runTool("tools/performance/bench/tests.ts", ["--fast"]);
  expect(run.status).toBe(2);
  expect(run.stderr.trim()).toMatch(/^bench:tests: unknown option --fast; usage: npm run bench:tests /);
  expect(run.stderr).not.toMatch(/\n\s+at /);
});

describe("a process left running by a run is found by the run's marker in its environment", () => {
  const marker = `bench-marker-${process.pid}-${Date.now()}`;

  test("found while it runs, with its command line; not found once it has exited", async () => {
    const child = spawn("sleep", ["30"], { env: { ...process.env, MTLS_TEST_MARKER: marker }, stdio: "ignore" });
    await new Promise((resolve) => child.once("spawn", resolve));
    expect(processesWith("MTLS_TEST_MARKER", marker)).toEqual([`${child.pid} sleep 30`]);
    expect(processesWith("MTLS_TEST_MARKER", `${marker}-other`)).toEqual([]);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
    expect(await leftRunning("MTLS_TEST_MARKER", marker, 10)).toEqual([]);
  });
});
