// One command at a time on a shared file: an O_EXCL lock file naming its holder (pid, host, command, since). The
// PKI folder's lock (tools/pki/lock.ts) and the offline plan cache (tools/performance/plan-cache.ts) use it.
// A lock whose holder is a dead process on this host is stale, and so is a lock that names no holder (empty or
// unreadable) once it is older than the bounded wait: either is removed and the removal reported. A lock held
// by a live process, or by another host (whose processes cannot be checked), is waited for, then refused.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

/** Removing a stale lock takes milliseconds; a breaker mutex older than this was left by a crash. */
const BREAKER_STALE_MS = 10_000;
/** An unreadable lock younger than this may be one a holder is writing right now (and never younger than the wait). */
const UNREADABLE_STALE_MS = 2_000;

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** What holds it, as a user would type it: "pki issue". */
  readonly command: string;
  readonly since: string;
  /** Tells this holder's lock from a later one at the same path. */
  readonly nonce: string;
}

export interface HeldLock {
  /** Stale locks this command removed before taking its own, one line each. */
  readonly notes: string[];
  release(): void;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as LockHolder;
  } catch {
    // Gone, or caught between its creation and its first write: either way, look again shortly.
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(holder: LockHolder): boolean {
  return holder.host === os.hostname() && !isAlive(holder.pid);
}

export function describeHolder(holder: LockHolder, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(holder.since)) / 1000));
  return `pid ${holder.pid} on host ${holder.host} (\`${holder.command}\`, for ${seconds} s)`;
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let descriptor: number;
  try {
    descriptor = fs.openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    fs.writeFileSync(descriptor, `${JSON.stringify(holder)}\n`);
  } catch (error) {
    // A full disk: the lock was created but not written; leave no empty lock behind for others to wait on.
    fs.closeSync(descriptor);
    fs.rmSync(file, { force: true });
    const errno = error as NodeJS.ErrnoException;
    if (!errno.path) errno.path = file;
    throw error;
  }
  fs.closeSync(descriptor);
  return true;
}

/**
 * The age of a lock that cannot be read (empty: a crash between its creation and its write, or a full disk),
 * when it is old enough to be stale; a holder writes its lock within microseconds of creating it.
 */
function unreadableLockAge(file: string, waitMs: number): number | undefined {
  const modified = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (modified === undefined) return undefined;
  const age = Date.now() - modified;
  return age >= Math.max(waitMs, UNREADABLE_STALE_MS) ? age : undefined;
}

/**
 * Removes the lock if it is still the stale one that was read. Breakers take turns through a second O_EXCL file,
 * so one cannot remove a fresh lock another process took after the first breaker removed the stale one.
 */
function removeStale(file: string, isStill: (current: LockHolder | undefined) => boolean): boolean {
  const breaker = `${file}.breaking`;
  try {
    fs.writeFileSync(breaker, String(process.pid), { flag: "wx" });
  } catch {
    const age = Date.now() - (fs.statSync(breaker, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > BREAKER_STALE_MS) fs.rmSync(breaker, { force: true });
    return false;
  }
  try {
    if (!isStill(readHolder(file))) return false;
    fs.rmSync(file, { force: true });
    return true;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

export interface LockOptions {
  /** What takes the lock, as a user would type it ("pki issue"): named to whoever waits for it. */
  readonly command: string;
  /** How long to wait for a live holder before giving up. */
  readonly waitMs: number;
  /** The file as messages show it. */
  readonly display: string;
  /** Prefix of the note about a stale lock removed ("pki"). */
  readonly tool: string;
  /** The error when the wait runs out, given the holder last seen (none when it could not be read). */
  readonly timedOut: (holder: LockHolder | undefined) => Error;
}

/** Takes the lock at `file`, removing a stale one, waiting up to `waitMs` for a live holder, then refusing. */
export async function acquireFileLock(file: string, options: LockOptions): Promise<HeldLock> {
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    command: options.command,
    since: new Date().toISOString(),
    nonce: randomBytes(8).toString("hex"),
  };
  const deadline = Date.now() + options.waitMs;
  const notes: string[] = [];
  let last: LockHolder | undefined;
  for (;;) {
    if (tryCreate(file, { ...holder, since: new Date().toISOString() })) break;
    const current = readHolder(file);
    last = current ?? last;
    if (current && isStale(current) && removeStale(file, (still) => still?.nonce === current.nonce)) {
      notes.push(
        `${options.tool}: removed a stale lock ${options.display} left by ${describeHolder(current)}, which is no longer running`,
      );
      continue;
    }
    const age = current ? undefined : unreadableLockAge(file, options.waitMs);
    if (
      age !== undefined &&
      removeStale(file, (still) => !still && unreadableLockAge(file, options.waitMs) !== undefined)
    ) {
      notes.push(
        `${options.tool}: removed a stale lock ${options.display} that names no holder (empty or unreadable, ${Math.round(age / 1000)} s old: a command crashed while taking it, or the disk was full)`,
      );
      continue;
    }
    if (Date.now() >= deadline) throw options.timedOut(last);
    await sleep(25 + Math.random() * 75);
  }
  return {
    notes,
    release: () => {
      if (readHolder(file)?.nonce === holder.nonce) fs.rmSync(file, { force: true });
    },
  };
}
