// What the PKI tool asks of the file system beyond reading and writing: folders no one else can write to
// (whatever the umask), and a file system that refuses a write (read-only, full, a size limit, no permission)
// told in one line that names the path, with exit 3 (could not finish; docs/cli.md), never a stack trace.
import * as fs from "node:fs";
import * as path from "node:path";
import { PkiError } from "../../lib/pki-folder/errors";
import type { PkiLayout } from "../../lib/pki-folder/layout";
import { EXIT } from "../../lib/user-error";

/** Write bits for group and others: a folder with either lets another local user swap the CA files. */
const LOOSE = 0o022;

const REFUSALS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EFBIG: "the file is over the size limit (ulimit -f)",
  EIO: "an input/output error on the device",
};

/**
 * A file-system refusal as one line naming the path and the call that failed; anything else is returned as it
 * was. `interrupted` says whether a commit's journal is on disk (the next command then finishes it).
 */
export function fileSystemRefusal(layout: PkiLayout, error: unknown, interrupted: boolean): unknown {
  const { code, path: file, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (!code || !(code in REFUSALS)) return error;
  const shown = file ? (path.resolve(file).startsWith(layout.root) ? layout.display(file) : file) : layout.displayRoot;
  const outcome = interrupted
    ? "the commit's journal is on disk, and the next command finishes it"
    : "nothing was changed";
  return new PkiError(
    `${shown}: ${REFUSALS[code]} (${code} on ${syscall ?? "write"}); ${outcome}: free space, fix the permissions or the mount, then run the command again`,
    EXIT.couldNotCheck,
  );
}

/** Names this file in a file-system error (a write or fsync on a descriptor reports no path of its own). */
export function withPath<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    const errno = error as NodeJS.ErrnoException;
    if (errno && typeof errno === "object" && errno.code) errno.path = file;
    throw error;
  }
}

/** Creates a folder (and its missing parents) writable by its owner only, whatever the umask. */
export function makeFolder(folder: string, mode: 0o700 | 0o755): void {
  const first = fs.mkdirSync(folder, { recursive: true, mode });
  if (first === undefined) return;
  // The umask only takes bits away from mode; chmod makes each created folder exactly mode all the same.
  for (let created = folder; ; created = path.dirname(created)) {
    fs.chmodSync(created, mode);
    if (created === first || path.dirname(created) === created) break;
  }
}

/**
 * The PKI folder and everything in it, refused when group or others may write to any of it (as ssh refuses
 * loose key files): another local user could swap the CA certificates synth uploads into the truststore.
 */
export function checkWritableByOthers(layout: PkiLayout): void {
  const entries = [
    layout.root,
    ...fs
      .readdirSync(layout.root, { recursive: true, withFileTypes: true })
      // A symbolic link is judged by what it points to (stat follows it): a link to a folder others can write to
      // is as loose as that folder.
      .filter((entry) => entry.isDirectory() || entry.isFile() || entry.isSymbolicLink())
      .map((entry) => path.join(entry.parentPath, entry.name)),
  ];
  const loose = entries.filter((entry) => ((fs.statSync(entry, { throwIfNoEntry: false })?.mode ?? 0) & LOOSE) !== 0);
  if (loose.length === 0) return;
  const shown = (entry: string) => (entry === layout.root ? layout.displayRoot : layout.display(entry));
  const mode = (fs.statSync(loose[0]).mode & 0o777).toString(8);
  const more = loose.length > 1 ? `, and ${loose.length - 1} more` : "";
  throw new PkiError(
    `${shown(loose[0])} is writable by group or others (mode ${mode}${more}): another local user could swap the CA files; run \`chmod -R go-w ${layout.displayRoot}\`, then \`npm run pki -- status\` to check them`,
  );
}
