// One PKI command at a time per folder (tools/file-lock.ts). Without it two commands each read pki.json, add their
// record and write it back, and one record is lost.
import * as os from "node:os";
import { acquireFileLock, describeHolder, type HeldLock } from "../file-lock";
import { PkiError } from "../../lib/pki-folder/errors";
import type { PkiLayout } from "../../lib/pki-folder/layout";

export const LOCK_WAIT_VARIABLE = "MTLS_PKI_LOCK_WAIT_SECONDS";
const DEFAULT_WAIT_SECONDS = 30;

function waitMs(): number {
  const configured = process.env[LOCK_WAIT_VARIABLE];
  const seconds = configured === undefined || configured === "" ? DEFAULT_WAIT_SECONDS : Number(configured);
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new PkiError(`${LOCK_WAIT_VARIABLE}=${JSON.stringify(configured)}: must be a number of seconds, 0 or more`);
  }
  return seconds * 1000;
}

/** Takes the folder's lock, waiting up to MTLS_PKI_LOCK_WAIT_SECONDS for its holder, then refusing with its name. */
export function acquireLock(layout: PkiLayout, command: string): Promise<HeldLock> {
  const display = layout.display(layout.lock);
  return acquireFileLock(layout.lock, {
    command: `pki ${command}`,
    waitMs: waitMs(),
    display,
    tool: "pki",
    timedOut: (last) =>
      new PkiError(
        !last
          ? `${display} names no holder (empty or unreadable) and is younger than the wait: a command may be taking it right now; run the command again (a lock left so is removed as stale once older than the wait)`
          : `${display} is held by ${describeHolder(last)}: wait for it to finish and try again` +
              (last.host !== os.hostname()
                ? `; if no pki command runs on ${last.host}, delete ${display}`
                : ` (or raise ${LOCK_WAIT_VARIABLE})`),
      ),
  });
}
