// Ctrl-C in the middle of the emulator layer: the layer's jest run, interrupted while Terraform applies a stack,
// ends within a bounded time and leaves nothing behind: no moto_server, provider or Terraform process, and nothing
// in its temporary folder. A terminal's Ctrl-C signals the whole foreground process group (jest, the shells
// guarding moto and the providers, Terraform); a `kill -INT` reaches jest alone. Both are tried.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { processesWhose } from "../../tools/performance/bench/left-behind";
import { emulatorLayerAvailability } from "../helpers/emulator";
import { waitFor } from "../helpers/wait-for";
import { terraformLayerRuns } from "../helpers/terraform-layer";

const availability = emulatorLayerAvailability();

/** Every process whose TMPDIR lies in `folder`: what a run started with TMPDIR=folder started, orphans included. */
function processesOfRun(folder: string): { pid: number; command: string }[] {
  return processesWhose("TMPDIR", (tmpdir) => tmpdir === folder || tmpdir.startsWith(`${folder}/`)).map(
    ({ pid, argv }) => ({ pid, command: argv.map((arg) => path.basename(arg)).join(" ") }),
  );
}

const JEST = path.join(PROJECT_ROOT, "node_modules", "jest", "bin", "jest.js");
/** In the temporary folder of this jest run (removed with it), shared by both interrupted runs. */
const CACHE = path.join(os.tmpdir(), "mtls-emulator-interrupt-jest-cache");

if (terraformLayerRuns("the emulator layer's Ctrl-C (apply against moto)", availability)) {
  // Both at once: each run is a minute or more of jest, synthesis and Terraform before its first apply.
  test.concurrent.each([
    { signalled: "the process group (a terminal's Ctrl-C)", group: true },
    { signalled: "jest alone (kill -INT)", group: false },
  ])(
    "SIGINT to $signalled while Terraform applies: jest ends within 30 s, no process of the run is left within 30 s more, nor any file in its temporary folder",
    async ({ group }) => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-emulator-interrupt-"));
      const child = spawn(
        process.execPath,
        [
          JEST,
          "-c",
          "jest.emulator.config.js",
          "--ci",
          // jest's own transform cache, which every jest run keeps (in /tmp by default): in this run's folder.
          `--cacheDirectory=${CACHE}`,
          path.join("__tests__", "emulator", "stacks.test.ts"),
        ],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, TMPDIR: folder },
          stdio: ["ignore", "pipe", "pipe"],
          detached: true,
        },
      );
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
      child.stderr.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
      const exited = new Promise<number | string>((resolve) =>
        child.on("close", (code, signal) => resolve(signal ?? code ?? "?")),
      );
      const started = Date.now();
      const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
      try {
        const kinds = [/^terraform apply /, /moto_server/, /^terraform-provider-aws/];
        const running = await waitFor(
          () => processesOfRun(folder),
          (processes) => kinds.every((kind) => processes.some(({ command }) => kind.test(command))),
          300_000,
        ).catch((error: Error) => {
          throw new Error(
            `a Terraform apply of the run, with moto_server and the provider running: ${error.message}\n${output}`,
          );
        });
        const phases = [`apply under way at ${seconds()} s (${running.length} processes)`];
        process.kill(group ? -child.pid! : child.pid!, "SIGINT");
        let timer: NodeJS.Timeout | undefined;
        const ended = await Promise.race([
          exited,
          new Promise((resolve) => (timer = setTimeout(() => resolve("running"), 30_000))),
        ]);
        clearTimeout(timer);
        phases.push(`jest ended at ${seconds()} s`);
        expect({ ended, output: ended === "running" ? output : "" }).toEqual({ ended: "SIGINT", output: "" });
        await waitFor(
          () => processesOfRun(folder).length,
          (count) => count === 0,
          30_000,
        ).catch(() => undefined);
        expect(processesOfRun(folder).map((each) => each.command)).toEqual([]);
        phases.push(`its last process gone at ${seconds()} s`);
        console.log(`SIGINT to ${group ? "the process group" : "jest"}: ${phases.join(", ")}`);
        expect(fs.readdirSync(folder, { recursive: true })).toEqual([]);
      } finally {
        for (const { pid } of processesOfRun(folder)) process.kill(pid, "SIGKILL");
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
        fs.rmSync(folder, { recursive: true, force: true });
      }
    },
  );
}
