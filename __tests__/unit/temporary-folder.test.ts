// Nothing a tool makes in the temporary folder outlives it: not when it ends, not when Ctrl-C (SIGINT) or a
// SIGTERM stops it halfway, and not the Terraform check's CLI configuration file (each plan:offline left one).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { once } from "node:events";
import { PROJECT_ROOT } from "../../lib/project-root";
import { TERRAFORM_CHECKED_ENV } from "../../tools/terraform/cli";
import { testFolder } from "../helpers/pki";
import { runTool, toolCommand } from "../helpers/processes";

const CHILD = "__tests__/fixtures/temporary-folder/child.ts";

/** A fresh TMPDIR for one child, so that what it leaves is all that is there. */
function childEnv(): { TMPDIR: string } {
  return { TMPDIR: testFolder("tmpdir") };
}

describe("temporary folders", () => {
  test("are removed when the process ends", () => {
    const env = childEnv();
    const run = runTool(CHILD, ["exit"], env);
    expect(run.status).toBe(0);
    expect(path.dirname(run.stdout.trim())).toBe(env.TMPDIR);
    expect(fs.readdirSync(env.TMPDIR)).toEqual([]);
  });

  test.each(["SIGINT", "SIGTERM"] as const)(
    "are removed when %s stops the process, which still ends by it",
    async (signal) => {
      const env = childEnv();
      const [command, args] = toolCommand(CHILD, ["wait"]);
      const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      expect(fs.readdirSync(env.TMPDIR)).toEqual([path.basename(line.toString().trim())]);
      child.kill(signal);
      const [status, endedBy] = await once(child, "close");
      expect([status, endedBy]).toEqual([null, signal]);
      expect(fs.readdirSync(env.TMPDIR)).toEqual([]);
    },
  );

  test("a process still writing into the folder (a Terraform the run started) does not turn SIGINT into exit 1", async () => {
    const env = childEnv();
    const [command, args] = toolCommand(CHILD, ["wait"]);
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    const [line] = (await once(child.stdout, "data")) as [Buffer];
    const folder = line.toString().trim();
    // Makes files in the folder as fast as it can, from another process, while the child removes it.
    const writer = spawn(process.execPath, [
      "-e",
      `const fs = require("node:fs"); let n = 0; process.stdout.write("go\\n");
       for (;;) { try { fs.mkdirSync(process.argv[1] + "/d" + (n % 50), { recursive: true });
       fs.writeFileSync(process.argv[1] + "/d" + (n % 50) + "/f" + n++, "x"); } catch {} }`,
      folder,
    ]);
    await once(writer.stdout, "data");
    try {
      child.kill("SIGINT");
      const [status, endedBy] = await once(child, "close");
      expect([status, endedBy]).toEqual([null, "SIGINT"]);
    } finally {
      writer.kill("SIGKILL");
      await once(writer, "close");
    }
  });

  test("the Terraform check's CLI configuration goes with the process that wrote it", () => {
    const env = { ...childEnv(), [TERRAFORM_CHECKED_ENV]: "" };
    const run = runTool(CHILD, ["terraform"], env);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty("available");
    expect(fs.readdirSync(env.TMPDIR)).toEqual([]);
  });

  test("a test run's own temporary folder is TMPDIR for every worker (global-setup.ts)", () => {
    expect(path.basename(process.env.TMPDIR ?? "")).toMatch(/^apigw-mtls-test-run-/);
  });
});
