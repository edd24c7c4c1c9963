// Writes a command's files all-or-nothing: every file goes to a temporary name first, and only when all are
// written are they renamed into place, the PKI record last. A failure leaves the existing files untouched.
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

export interface FileWrite {
  readonly file: string;
  readonly content: string | Uint8Array;
  /** Private key material: owner-only file (0600) in an owner-only folder (0700). */
  readonly secret?: boolean;
}

export function writeFilesAtomically(writes: readonly FileWrite[]): void {
  const staged: { temporary: string; file: string }[] = [];
  try {
    for (const write of writes) {
      const folder = path.dirname(write.file);
      fs.mkdirSync(folder, { recursive: true, mode: write.secret ? 0o700 : 0o755 });
      if (write.secret) fs.chmodSync(folder, 0o700);
      const temporary = path.join(folder, `.${path.basename(write.file)}.${randomBytes(6).toString("hex")}.tmp`);
      // The mode applies at creation, so a key is never readable by others, not even for an instant.
      fs.writeFileSync(temporary, write.content, { mode: write.secret ? 0o600 : 0o644, flag: "wx" });
      staged.push({ temporary, file: write.file });
    }
  } catch (error) {
    for (const { temporary } of staged) fs.rmSync(temporary, { force: true });
    throw error;
  }
  for (const { temporary, file } of staged) fs.renameSync(temporary, file);
}
