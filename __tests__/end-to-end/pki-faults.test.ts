// The PKI tool under the faults a busy team meets: commands run at once (real processes), a command killed
// between the writes of its commit, a lock left by a dead process or held by a live one. Nothing is lost.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { readManifest } from "../../lib/pki-folder/manifest";
import { x509 } from "../../lib/x509/peculiar-x509";
import { canonicalSerial } from "../../lib/x509/serial";
import { bundle } from "../../tools/pki/commands/bundle";
import { crl } from "../../tools/pki/commands/crl";
import { issue } from "../../tools/pki/commands/issue";
import { status } from "../../tools/pki/commands/status";
import type { PkiContext } from "../../tools/pki/context";
import { LOCK_WAIT_VARIABLE } from "../../tools/pki/lock";
import { createTestPki, snapshotFolder, testPkiConfigFile } from "../helpers/pki";
import { runTool, runToolAsync, type Run } from "../helpers/processes";

const PKI = "tools/pki/cli.ts";

/** The PKI tool as a separate process on the test's PKI folder; slow machines get a long lock wait. */
const CONFIG = testPkiConfigFile();

function pkiArgs(context: PkiContext, args: string[]): [string, string[], NodeJS.ProcessEnv] {
  const env = { MTLS_CONFIG: CONFIG, MTLS_ENV: "", MTLS_PKI_PASSPHRASE: "", [LOCK_WAIT_VARIABLE]: "300" };
  return [PKI, [...args, "--dir", context.layout.root], env];
}

function revokedSerials(context: PkiContext, ca = "issuing-1"): string[] {
  const list = new x509.X509Crl(fs.readFileSync(context.layout.crlDer(ca)));
  return list.entries.map((entry) => canonicalSerial(entry.serialNumber));
}

function serialOf(context: PkiContext, name: string): string {
  return canonicalSerial(
    readManifest(context.layout).certificates.find((certificate) => certificate.name === name)!.serialNumber,
  );
}

/** status --json's problems; its note about a stale lock it removed is not under test here. */
async function problemsOf(context: PkiContext): Promise<string[]> {
  const notes = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    return JSON.parse((await status(context, { json: true })).lines[0]).problems;
  } finally {
    notes.mockRestore();
  }
}

/** Runs `pki bundle`, which first repairs what a killed command left; returns what it said on stderr. */
async function repairNotes(context: PkiContext): Promise<string> {
  const notes = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    await bundle(context);
    return notes.mock.calls.map((call) => call[0]).join("\n");
  } finally {
    notes.mockRestore();
  }
}

function expectKilled(run: Run): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  // The tool runs in node itself (bundled once per run), so the kill reaches the process the test started.
  expect(run.signal).toBe("SIGKILL");
}

describe("PKI commands run at once", () => {
  test("parallel issues are all recorded, and a revoke racing them survives the next crl", async () => {
    const context = await createTestPki();
    await issue(context, { name: "victim" });
    const names = Array.from({ length: 5 }, (_, index) => `parallel-${index}`);
    const runs = await Promise.all([
      ...names.map((name) => runToolAsync(...pkiArgs(context, ["issue", name]))),
      runToolAsync(...pkiArgs(context, ["revoke", "victim", "--reason", "keyCompromise"])),
    ]);
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });

    const manifest = readManifest(context.layout);
    expect(manifest.certificates.map((certificate) => certificate.name).sort()).toEqual(["victim", ...names].sort());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(fs.existsSync(context.layout.certificate("client", name))).toBe(true);
    expect(manifest.certificates.find((certificate) => certificate.name === "victim")!.revoked?.reason).toBe(
      "keyCompromise",
    );

    await crl(context);
    expect(revokedSerials(context)).toEqual([serialOf(context, "victim")]);
    expect(await problemsOf(context)).toEqual([]);
    expect(fs.existsSync(context.layout.lock)).toBe(false);
  });
});

describe("the PKI folder's lock", () => {
  const saved = process.env[LOCK_WAIT_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[LOCK_WAIT_VARIABLE];
    else process.env[LOCK_WAIT_VARIABLE] = saved;
  });

  function writeLock(context: PkiContext, pid: number, host = os.hostname()): void {
    const holder = {
      pid,
      host,
      command: "pki crl",
      since: new Date(Date.now() - 42_000).toISOString(),
      nonce: "0123456789abcdef",
    };
    fs.writeFileSync(context.layout.lock, JSON.stringify(holder));
  }

  test("a live holder is waited for a bounded time, then the command refuses, naming it, having written nothing", async () => {
    const context = await createTestPki();
    process.env[LOCK_WAIT_VARIABLE] = "0.3";
    writeLock(context, process.pid);
    const before = snapshotFolder(context.layout.root);
    await expect(issue(context, { name: "late" })).rejects.toThrow(
      new RegExp(
        `pki\\.lock is held by pid ${process.pid} on host ${os.hostname()} \\(\`pki crl\`, for 4[2-9] s\\): wait for it to finish and try again`,
      ),
    );
    expect(snapshotFolder(context.layout.root)).toEqual(before);
  });

  test("a lock held on another host is never taken over; the refusal says when it is safe to delete", async () => {
    const context = await createTestPki();
    process.env[LOCK_WAIT_VARIABLE] = "0";
    writeLock(context, 1, "build-agent-7");
    await expect(bundle(context)).rejects.toThrow(
      /held by pid 1 on host build-agent-7 .*if no pki command runs on build-agent-7, delete .*pki\.lock/,
    );
  });

  test("a lock left by a process that died is removed, and the removal reported", async () => {
    const context = await createTestPki();
    const dead = spawnSync("true").pid;
    writeLock(context, dead);
    const notes = jest.spyOn(console, "error").mockImplementation(() => {});
    await issue(context, { name: "after-crash" });
    const said = notes.mock.calls.map((call) => call[0]);
    notes.mockRestore();
    expect(said[0]).toMatch(
      new RegExp(`^pki: removed a stale lock .*pki\\.lock left by pid ${dead} on host .*, which is no longer running$`),
    );
    expect(readManifest(context.layout).certificates.map((certificate) => certificate.name)).toEqual(["after-crash"]);
    expect(fs.existsSync(context.layout.lock)).toBe(false);
  });
});

describe("a command killed in the middle of its commit", () => {
  const crashing = (context: PkiContext, step: string, args: string[]) => {
    const [script, argv, env] = pkiArgs(context, args);
    return runTool(script, argv, { ...env, MTLS_PKI_CRASH_AT: step });
  };

  test("after the journal and the first rename: status names the damage; the next command finishes the commit", async () => {
    const context = await createTestPki();
    await issue(context, { name: "victim" });
    expectKilled(crashing(context, "renaming", ["revoke", "victim"]));

    // The CRL was renamed into place, its PEM and pki.json were not: the files disagree.
    const problems = (await problemsOf(context)).join("\n");
    expect(problems).toMatch(/pki\.journal\.json: a commit was interrupted, .*run `npm run pki -- bundle`/);
    expect(problems).toMatch(/crl\/issuing-1\.crl lists serial\(s\) pki\.json does not record as revoked/);

    expect(await repairNotes(context)).toMatch(/finished a commit that was interrupted \(2 of 3 file\(s\)/);
    expect(readManifest(context.layout).certificates[0].revoked).toBeDefined();
    await crl(context);
    expect(revokedSerials(context)).toEqual([serialOf(context, "victim")]);
    expect(await problemsOf(context)).toEqual([]);
  });

  test("after the journal landed, before any rename: the revocation is rolled forward, not lost", async () => {
    const context = await createTestPki();
    await issue(context, { name: "victim" });
    expectKilled(crashing(context, "journaled", ["revoke", "victim"]));
    const run = runTool(...pkiArgs(context, ["crl"]));
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /removed a stale lock .* which is no longer running\npki: finished a commit that was interrupted \(3 of 3/,
    );
    expect(revokedSerials(context)).toEqual([serialOf(context, "victim")]);
    expect(await problemsOf(context)).toEqual([]);
  });

  test("before the journal: the old state stands, and the staged files are reported, then removed", async () => {
    const context = await createTestPki();
    const before = readManifest(context.layout);
    expectKilled(crashing(context, "staged", ["issue", "never"]));
    expect(readManifest(context.layout)).toEqual(before);
    expect((await problemsOf(context)).join("\n")).toMatch(
      /temporary file\(s\) left by a command that stopped .*\.pki\.json\.[0-9a-f]{12}\.tmp/,
    );
    expect(await repairNotes(context)).toMatch(/removed 3 temporary file\(s\)/);
    expect(await problemsOf(context)).toEqual([]);
  });
});
