// Scratch folders that never outlive the process that made them: each is removed when the process exits, and
// on Ctrl-C (SIGINT), SIGTERM or SIGHUP too, which would otherwise end Node before any `finally` runs.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const folders = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let hooked = false;

/**
 * Removes every folder, never throwing: on a signal, processes the run started may still be writing into them
 * (rmSync then meets ENOTEMPTY), and a throw here would end the process with 1 instead of the signal.
 */
function removeAll(): void {
  for (const folder of folders) removeWhileWritten(folder);
  folders.clear();
}

/** How long removal keeps trying while something still writes into the folder. */
const REMOVAL_WAIT_MS = 3_000;

/**
 * Removes the folder, trying again while another process refills it (a Terraform the run started, whose calls into
 * this process stall while it ends), for a bounded time.
 */
function removeWhileWritten(folder: string): void {
  const deadline = Date.now() + REMOVAL_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.rmSync(folder, { recursive: true, force: true });
      return;
    } catch {
      // Left for the system's own clean-up of its temporary folder: the signal must still end the process.
      if (Date.now() >= deadline) return;
      Atomics.wait(pause, 0, 0, 50);
    }
  }
}

/**
 * The folders go, then the process ends as the signal would have ended it (the shell sees 130 for Ctrl-C): the
 * signal is raised again with this listener gone. Listeners that only watch for an exit (signal-exit, which jest
 * and npm use, steps aside while another listener is there) then end it. A process that stops gracefully on a
 * signal of its own (the proving ground) makes no temporary folder.
 */
function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on("exit", removeAll);
  for (const signal of SIGNALS) process.once(signal, onSignal);
}

/** Removes this folder (made some other way) when the process ends, as if temporaryFolder had made it. */
export function removedWithProcess(folder: string): string {
  folders.add(folder);
  hook();
  return folder;
}

/** A new, empty folder under the system's temporary folder (os.tmpdir(), TMPDIR), removed with the process. */
export function temporaryFolder(prefix: string): string {
  return removedWithProcess(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** Removes a folder temporaryFolder made, now rather than at exit. */
export function removeTemporaryFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}
