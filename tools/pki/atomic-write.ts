// Writes a command's files all-or-nothing, and survives a crash at any step. Every file goes to a temporary
// name first; then a journal listing the renames lands (the commit point); then the renames run, the PKI
// record last; then the journal goes. A crash before the journal leaves only temporary files (the old state
// stands); a crash after it is rolled forward by the next command (recoverCommit) from the journal.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../lib/pki-folder/errors";
import type { PkiLayout } from "../../lib/pki-folder/layout";
import { makeFolder, withPath } from "./file-system";

export interface FileWrite {
  readonly file: string;
  readonly content: string | Uint8Array;
  /** Private key material: owner-only file (0600) in an owner-only folder (0700). */
  readonly secret?: boolean;
}

/** A rename still to do, both paths relative to the PKI folder (so a moved folder recovers too). */
interface JournalEntry {
  readonly temporary: string;
  readonly file: string;
}

const TEMPORARY_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

function temporaryFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
}

/**
 * Tests kill the process at a named step (MTLS_PKI_CRASH_AT=staged|journaled|renaming) to prove recovery;
 * outside jest (NODE_ENV=test) the variable is ignored.
 */
function crashPoint(step: "staged" | "journaled" | "renaming"): void {
  if (process.env.NODE_ENV === "test" && process.env.MTLS_PKI_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}

/** Writes a new file (never an existing one) and flushes it to the device before returning. */
function writeDurably(file: string, content: string | Uint8Array, mode: number): void {
  const descriptor = fs.openSync(file, "wx", mode);
  try {
    fs.writeFileSync(descriptor, content);
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

/** Flushes a folder's entries (a file created, renamed or removed in it), so the step survives a power cut. */
function syncFolder(folder: string): void {
  const descriptor = fs.openSync(folder, "r");
  try {
    fs.fsyncSync(descriptor);
  } finally {
    fs.closeSync(descriptor);
  }
}

function syncFolders(files: readonly string[]): void {
  for (const folder of new Set(files.map((file) => path.dirname(file)))) syncFolder(folder);
}

function stage(writes: readonly FileWrite[]): { temporary: string; file: string }[] {
  const staged: { temporary: string; file: string }[] = [];
  try {
    for (const write of writes) {
      const folder = path.dirname(write.file);
      makeFolder(folder, write.secret ? 0o700 : 0o755);
      if (write.secret) fs.chmodSync(folder, 0o700);
      const temporary = temporaryFor(write.file);
      // Listed before it is written: a write cut short (a full disk) leaves no partial file behind.
      staged.push({ temporary, file: write.file });
      // The mode applies at creation, so a key is never readable by others, not even for an instant.
      // A refusal names the file being written, not its temporary name.
      withPath(write.file, () => writeDurably(temporary, write.content, write.secret ? 0o600 : 0o644));
    }
    syncFolders(staged.map((entry) => entry.temporary));
  } catch (error) {
    for (const { temporary } of staged) fs.rmSync(temporary, { force: true });
    throw error;
  }
  return staged;
}

function writeJournal(layout: PkiLayout, entries: JournalEntry[]): void {
  const temporary = temporaryFor(layout.journal);
  try {
    withPath(layout.journal, () =>
      writeDurably(temporary, `${JSON.stringify({ renames: entries }, null, 2)}\n`, 0o644),
    );
    fs.renameSync(temporary, layout.journal);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    for (const entry of entries) fs.rmSync(path.join(layout.root, entry.temporary), { force: true });
    throw error;
  }
  syncFolder(layout.root);
}

/**
 * Writes every file, the PKI record last, so that a crash at any point leaves a state recoverCommit repairs.
 * Each step is flushed to the device before the next (the staged files and their folders, the journal, the
 * renames): a power cut cannot reorder them. npm run bench:pki measures the cost.
 */
export function commitFiles(layout: PkiLayout, writes: readonly FileWrite[]): void {
  const staged = stage(writes);
  crashPoint("staged");
  const relative = (file: string) => path.relative(layout.root, file);
  writeJournal(
    layout,
    staged.map((entry) => ({ temporary: relative(entry.temporary), file: relative(entry.file) })),
  );
  crashPoint("journaled");
  staged.forEach(({ temporary, file }, index) => {
    fs.renameSync(temporary, file);
    if (index === 0) crashPoint("renaming");
  });
  // The renames reach the disk before the journal goes; the journal's removal need not (a journal that comes back
  // after a power cut finds its renames done, and recoverCommit only removes it).
  syncFolders(staged.map((entry) => entry.file));
  fs.rmSync(layout.journal);
}

function readJournal(layout: PkiLayout): JournalEntry[] {
  try {
    return (JSON.parse(fs.readFileSync(layout.journal, "utf8")) as { renames: JournalEntry[] }).renames;
  } catch (error) {
    throw new PkiError(
      `${layout.display(layout.journal)} cannot be read (${(error as Error).message}): restore the PKI folder from a backup`,
    );
  }
}

/** Temporary files a commit left behind anywhere in the PKI folder. */
export function leftoverTemporaryFiles(layout: PkiLayout): string[] {
  if (!fs.existsSync(layout.root)) return [];
  return fs
    .readdirSync(layout.root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && TEMPORARY_NAME.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * Finishes a commit a crash interrupted (from its journal), then removes temporary files of commits that never
 * reached their journal. Idempotent: a crash during recovery is recovered by the next command. One line per repair.
 */
export function recoverCommit(layout: PkiLayout): string[] {
  const notes: string[] = [];
  if (fs.existsSync(layout.journal)) {
    const entries = readJournal(layout);
    let finished = 0;
    for (const entry of entries) {
      const temporary = path.join(layout.root, entry.temporary);
      if (!fs.existsSync(temporary)) continue;
      fs.renameSync(temporary, path.join(layout.root, entry.file));
      finished += 1;
    }
    fs.rmSync(layout.journal);
    notes.push(
      `pki: finished a commit that was interrupted (${finished} of ${entries.length} file(s) were still to be renamed; ${layout.display(layout.journal)})`,
    );
  }
  const leftovers = leftoverTemporaryFiles(layout);
  for (const file of leftovers) fs.rmSync(file, { force: true });
  if (leftovers.length > 0) {
    notes.push(
      `pki: removed ${leftovers.length} temporary file(s) of a command that stopped before committing: ${leftovers.map((file) => layout.display(file)).join(", ")}`,
    );
  }
  return notes;
}
