// Runs a PKI command under the folder's lock: state is read only once the lock is held, and a commit an earlier
// command left half done is finished first. What was repaired is said on stderr (stdout may be --json). A
// folder others can write to is refused before anything is read, and a file system that refuses a write is
// one line naming the path (file-system.ts).
import * as fs from "node:fs";
import { recoverCommit } from "./atomic-write";
import type { CommandResult, PkiContext } from "./context";
import { checkWritableByOthers, fileSystemRefusal, makeFolder } from "./file-system";
import { acquireLock } from "./lock";

export interface ExclusiveOptions {
  /** Finish an interrupted commit before running; status reports one instead. @default true */
  readonly recover?: boolean;
}

export async function exclusively(
  context: PkiContext,
  command: string,
  run: () => Promise<CommandResult>,
  options: ExclusiveOptions = {},
): Promise<CommandResult> {
  try {
    return await locked(context, command, run, options);
  } catch (error) {
    throw fileSystemRefusal(context.layout, error, fs.existsSync(context.layout.journal));
  }
}

async function locked(
  context: PkiContext,
  command: string,
  run: () => Promise<CommandResult>,
  options: ExclusiveOptions,
): Promise<CommandResult> {
  const root = context.layout.root;
  if (command === "init") makeFolder(root, 0o755);
  // No folder, no PKI: the command says so, and nothing is created just to lock it.
  else if (!fs.existsSync(root)) return run();
  checkWritableByOthers(context.layout);
  const lock = await acquireLock(context.layout, command);
  try {
    const repaired = options.recover === false ? [] : recoverCommit(context.layout);
    for (const note of [...lock.notes, ...repaired]) console.error(note);
    return await run();
  } finally {
    lock.release();
  }
}
