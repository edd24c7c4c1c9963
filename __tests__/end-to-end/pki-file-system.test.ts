// The PKI tool against a hostile file system, with real faults: a file-size limit (ulimit -f, EFBIG), a full
// small tmpfs (ENOSPC), a read-only mount (EROFS), a user without permission (EACCES: as root, the tool runs
// as nobody; otherwise the folder is made read-only), umask 000, folders others can write to, an empty lock, a passphrase for keys
// that are not encrypted. Each is one line naming the path, the exit code docs/cli.md promises, nothing
// half-written.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readManifest } from "../../lib/pki-folder/manifest";
import { bundle } from "../../tools/pki/commands/bundle";
import { crl } from "../../tools/pki/commands/crl";
import { init } from "../../tools/pki/commands/init";
import { issue } from "../../tools/pki/commands/issue";
import { retire } from "../../tools/pki/commands/retire";
import { revoke } from "../../tools/pki/commands/revoke";
import { rotate } from "../../tools/pki/commands/rotate";
import { status } from "../../tools/pki/commands/status";
import type { PkiContext } from "../../tools/pki/context";
import { LOCK_WAIT_VARIABLE } from "../../tools/pki/lock";
import { createTestPki, snapshotFolder, testContext } from "../helpers/pki";
import { bundledTool, type Run } from "../helpers/processes";

const made: string[] = [];
const mounts: string[] = [];
afterAll(() => {
  for (const mount of mounts) spawnSync("umount", [mount]);
  for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
});

function scratch(prefix: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), `mtls-${prefix}-`));
  made.push(folder);
  return folder;
}

const ENV = { MTLS_CONFIG: "", MTLS_ENV: "self-managed", MTLS_PKI_PASSPHRASE: "", [LOCK_WAIT_VARIABLE]: "60" };

/** The PKI tool in a shell that sets limits first (`ulimit -f`, umask), as a user's shell would. */
function pkiInShell(setup: string, args: string[], options: { uid?: number } = {}): Run {
  const quoted = [process.execPath, bundledTool("tools/pki/cli.ts"), ...args].map((word) => `'${word}'`).join(" ");
  const run = spawnSync("sh", ["-c", `${setup}; exec ${quoted}`], {
    encoding: "utf8",
    env: { ...process.env, ...ENV },
    timeout: 60_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  if (run.error) throw run.error;
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** One line on stderr, no stack trace, the exit code promised. */
function expectOneLine(run: Run, code: number, pattern: RegExp): void {
  expect({ status: run.status, lines: run.stderr.trim().split("\n").length }).toEqual({ status: code, lines: 1 });
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at |a bug/);
}

async function pkiIn(parent: string): Promise<PkiContext> {
  const context = testContext(path.join(parent, "pki"));
  await init(context);
  return context;
}

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the command was not refused");
}

/** A small tmpfs, when this machine lets the tests mount one (root in a container that allows it). */
function smallTmpfs(kilobytes: number): string | undefined {
  const folder = scratch("tmpfs");
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${kilobytes}k,mode=0755`, "tmpfs", folder]);
  if (mounted.status !== 0) return undefined;
  mounts.unshift(folder);
  return folder;
}

const canMount = (() => {
  if (process.getuid?.() !== 0) return "the tests do not run as root";
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-probe-"));
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", probe]).status === 0;
  if (mounted) spawnSync("umount", [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return mounted ? undefined : "mount -t tmpfs is not permitted here";
})();

/**
 * Tests that need a mount: skipped with the reason where none can be made (GitHub's runners test as a user that
 * cannot mount; .ci/run runs as root). The file-size limit test, which runs everywhere, takes the same code path.
 */
function withMounts(name: string, body: () => Promise<void>): void {
  if (!canMount) return void test(name, body, 60_000);
  console.warn(`SKIPPED ${name}: ${canMount}`);
  test.skip(`${name} (${canMount})`, () => {});
}

describe("a file system that refuses the write", () => {
  test("a file-size limit (ulimit -f, EFBIG) mid-commit: one line naming the file, exit 3, nothing half-written", async () => {
    const context = await pkiIn(scratch("efbig"));
    const before = snapshotFolder(context.layout.root);
    // 1 block of 512 bytes: the lock fits, a certificate does not. SIGXFSZ ignored, as a shell job's would be.
    const run = pkiInShell("trap '' XFSZ; ulimit -f 1", ["issue", "alice", "--dir", context.layout.root]);
    expectOneLine(
      run,
      3,
      /^pki issue: .*\/pki\/clients\/alice\.pem: the file is over the size limit .*\(EFBIG on write\); nothing was changed/,
    );
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });

  test("a user without write permission (EACCES): one line naming the folder, exit 3, nothing written", async () => {
    const parent = scratch("eacces");
    fs.chmodSync(parent, 0o755);
    // The test run's own temporary folder is private (0700): let the other user through it, as /tmp lets them.
    const runTemporary = os.tmpdir();
    fs.chmodSync(runTemporary, (fs.statSync(runTemporary).mode & 0o7777) | 0o011);
    const context = await pkiIn(parent);
    const before = snapshotFolder(context.layout.root);
    // Root writes anywhere: as root the tool runs as nobody (it cannot read private/); else the folder is 0555.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) fs.chmodSync(context.layout.root, 0o555);
    const run = pkiInShell("true", ["crl", "--dir", context.layout.root], asRoot ? { uid: 65534 } : {});
    if (!asRoot) fs.chmodSync(context.layout.root, 0o755);
    expectOneLine(
      run,
      3,
      /^pki crl: .*\/pki(\/private|\/pki\.lock): permission denied \(EACCES on (scandir|open)\); nothing was changed/,
    );
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });

  withMounts(
    "a full disk (a small tmpfs, ENOSPC) while staging: one line, exit 3, no temporary file, no lock",
    async () => {
      const disk = smallTmpfs(96)!;
      const context = await pkiIn(disk);
      // Fill the disk but for a few blocks: the lock fits, the new certificate, key and record do not.
      const free = () => fs.statfsSync(disk).bavail * fs.statfsSync(disk).bsize;
      fs.writeFileSync(path.join(disk, "filler"), Buffer.alloc(free() - 8192));
      const before = snapshotFolder(context.layout.root);
      const run = pkiInShell("true", ["issue", "alice", "--dir", context.layout.root]);
      expectOneLine(run, 3, /^pki issue: .*: no space left on the device \(ENOSPC on write\); nothing was changed/);
      expect(snapshotFolder(context.layout.root)).toEqual(before);
      fs.rmSync(path.join(disk, "filler"));
      await issue(context, { name: "alice" });
      expect(readManifest(context.layout).certificates.map((certificate) => certificate.name)).toEqual(["alice"]);
    },
  );

  withMounts(
    "a full disk when the journal is written: its staged files are removed, the folder as it was",
    async () => {
      const disk = smallTmpfs(96)!;
      const context = await pkiIn(disk);
      // pki crl stages three files (CRL, its PEM, pki.json): with the lock, four blocks fit and the journal does not.
      const statfs = () => fs.statfsSync(disk);
      fs.writeFileSync(path.join(disk, "filler"), Buffer.alloc(statfs().bavail * statfs().bsize - 4 * statfs().bsize));
      const before = snapshotFolder(context.layout.root);
      const run = pkiInShell("true", ["crl", "--dir", context.layout.root]);
      expectOneLine(
        run,
        3,
        /^pki crl: .*\/pki\/pki\.journal\.json: no space left on the device \(ENOSPC on write\); nothing was changed/,
      );
      expect(snapshotFolder(context.layout.root)).toEqual(before);
    },
  );

  withMounts("a read-only mount (EROFS): one line naming the lock, exit 3, the folder as it was", async () => {
    const disk = smallTmpfs(256)!;
    const context = await pkiIn(disk);
    const before = snapshotFolder(context.layout.root);
    expect(spawnSync("mount", ["-o", "remount,ro", disk]).status).toBe(0);
    const run = pkiInShell("true", ["revoke", "nobody", "--dir", context.layout.root]);
    expectOneLine(
      run,
      3,
      /^pki revoke: .*\/pki\/pki\.lock: the file system is read-only \(EROFS on open\); nothing was changed/,
    );
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });
});

describe("permissions", () => {
  test("under umask 000, init creates every folder writable by its owner only, and no file others can write", () => {
    const parent = scratch("umask");
    const root = path.join(parent, "new", "pki");
    const run = pkiInShell("umask 000", ["init", "--dir", root]);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    const entries = [
      path.join(parent, "new"),
      root,
      ...fs.readdirSync(root, { recursive: true }).map((entry) => path.join(root, String(entry))),
    ];
    expect(entries.length).toBeGreaterThan(10);
    const loose = entries.filter((entry) => (fs.statSync(entry).mode & 0o022) !== 0);
    expect(loose).toEqual([]);
    expect(fs.statSync(path.join(root, "private")).mode & 0o777).toBe(0o700);
  });

  test("a folder group or others can write to is refused by every command, in one line saying what to chmod", async () => {
    const context = await createTestPki();
    made.push(path.dirname(context.layout.root));
    await issue(context, { name: "alice" });
    fs.chmodSync(path.join(context.layout.root, "ca"), 0o777);
    const before = snapshotFolder(context.layout.root);
    const commands: [string, () => Promise<unknown>][] = [
      ["issue", () => issue(context, { name: "bob" })],
      ["revoke", () => revoke(context, { certificate: "alice" })],
      ["crl", () => crl(context)],
      ["bundle", () => bundle(context)],
      ["status", () => status(context)],
      ["rotate", () => rotate(context, "issuing")],
      ["retire", () => retire(context, { ca: "issuing-1" })],
    ];
    expect(commands).toHaveLength(7);
    for (const [, run] of commands) {
      expect(await refusal(run)).toMatch(
        /\/pki\/ca is writable by group or others \(mode 777\): .*run `chmod -R go-w .*\/pki`, then `npm run pki -- status`/,
      );
    }
    expect(snapshotFolder(context.layout.root)).toEqual(before);
    const run = pkiInShell("true", ["status", "--dir", context.layout.root]);
    expectOneLine(run, 2, /^pki status: .*\/pki\/ca is writable by group or others/);
  });

  test("a folder linked in from a place others can write to is refused as that place would be", async () => {
    const context = await createTestPki();
    const parent = path.dirname(context.layout.root);
    made.push(parent);
    const shared = path.join(parent, "shared-crl");
    fs.mkdirSync(shared);
    fs.chmodSync(shared, 0o777);
    fs.cpSync(path.join(context.layout.root, "crl"), shared, { recursive: true });
    fs.rmSync(path.join(context.layout.root, "crl"), { recursive: true });
    fs.symlinkSync(shared, path.join(context.layout.root, "crl"));
    expect(await refusal(() => crl(context))).toMatch(/\/pki\/crl is writable by group or others \(mode 777\)/);
  });

  test("a passphrase for a PKI whose keys are not encrypted is refused before anything is written", async () => {
    const context = await createTestPki();
    made.push(path.dirname(context.layout.root));
    const typo = { ...context, passphrase: "typo" };
    const before = snapshotFolder(context.layout.root);
    for (const run of [() => rotate(typo, "issuing"), () => issue(typo, { name: "x" }), () => crl(typo)]) {
      expect(await refusal(run)).toMatch(
        /private\/ca\/.*\.key\.pem is not encrypted, but a passphrase was given \(MTLS_PKI_PASSPHRASE or --passphrase-file\): unset it/,
      );
    }
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });
});

describe("a lock that names no holder", () => {
  const saved = process.env[LOCK_WAIT_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[LOCK_WAIT_VARIABLE];
    else process.env[LOCK_WAIT_VARIABLE] = saved;
  });

  test("empty and older than the bounded wait: stale, removed and reported; the command runs", async () => {
    const context = await createTestPki();
    made.push(path.dirname(context.layout.root));
    process.env[LOCK_WAIT_VARIABLE] = "5";
    fs.writeFileSync(context.layout.lock, "");
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(context.layout.lock, old, old);
    const notes = jest.spyOn(console, "error").mockImplementation(() => {});
    const started = Date.now();
    await issue(context, { name: "after-crash" });
    const said = notes.mock.calls.map((call) => call[0]);
    notes.mockRestore();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(said[0]).toMatch(
      /^pki: removed a stale lock .*pki\.lock that names no holder \(empty or unreadable, 1\d s old/,
    );
    expect(fs.existsSync(context.layout.lock)).toBe(false);
  });

  test("empty and younger than a short wait: refused in one line that says it names no holder, nothing written", async () => {
    const context = await createTestPki();
    made.push(path.dirname(context.layout.root));
    process.env[LOCK_WAIT_VARIABLE] = "0";
    fs.writeFileSync(context.layout.lock, "");
    const before = snapshotFolder(context.layout.root);
    expect(await refusal(() => issue(context, { name: "x" }))).toMatch(
      /pki\.lock names no holder \(empty or unreadable\) and is younger than the wait: .*run the command again/,
    );
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });

  test("empty and fresh: waited for, and once the wait has passed it is stale; never a forever-wait", async () => {
    const context = await createTestPki();
    made.push(path.dirname(context.layout.root));
    process.env[LOCK_WAIT_VARIABLE] = "2";
    fs.writeFileSync(context.layout.lock, "garbage, not JSON");
    const notes = jest.spyOn(console, "error").mockImplementation(() => {});
    const started = Date.now();
    await bundle(context);
    notes.mockRestore();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(fs.existsSync(context.layout.lock)).toBe(false);
  });
});
