// Self-managed CRLs over time: a PKI folder restored from a real backup (cp -a) keeps signing CRL numbers a warm
// authorizer (functions/authorizer, in process) accepts, and `pki status` and `verify` say the folder is behind
// what was published; `pki crl --if-due` re-signs at half a CRL's life, and status and verify warn days ahead.
import { spawnSync } from "node:child_process";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { crlBucketName } from "../../lib/config/names";
import type { SelfManagedPkiConfig } from "../../lib/config/pki-schema";
import type { Config } from "../../lib/config/schema";
import { crlObjectKey } from "../../lib/pki-folder/deployed-crl";
import { readManifest } from "../../lib/pki-folder/manifest";
import { crl } from "../../tools/pki/commands/crl";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { status } from "../../tools/pki/commands/status";
import type { PkiContext } from "../../tools/pki/context";
import { LOCK_WAIT_VARIABLE } from "../../tools/pki/lock";
import { checkPublishedCrls } from "../../tools/verify/crl-checks";
import { harness, isAllowed, s3, s3Object, serveCrl, settle } from "../helpers/authorizer-harness";
import { createTestPki, DAY, selfManagedConfig, snapshotFolder } from "../helpers/pki";
import { runTool } from "../helpers/processes";

const made: string[] = [];
afterAll(() => {
  for (const folder of made) fs.rmSync(folder, { recursive: true, force: true });
});

/** A test PKI on a clock the test moves. */
async function pkiOnClock(): Promise<{ context: PkiContext; move: (ms: number) => void }> {
  let clock = Date.now();
  const context = await createTestPki({ now: () => new Date(clock) });
  made.push(path.dirname(context.layout.root));
  return { context, move: (ms) => (clock += ms) };
}

function quietly<T>(run: () => Promise<T>): Promise<T> {
  const notes = jest.spyOn(console, "error").mockImplementation(() => {});
  return run().finally(() => notes.mockRestore());
}

function crlOf(context: PkiContext): Buffer {
  return fs.readFileSync(context.layout.crlDer("issuing-1"));
}

function crlNumberOf(context: PkiContext): number {
  return readManifest(context.layout).authorities.find((ca) => ca.name === "issuing-1")!.crlNumber;
}

function clientPem(context: PkiContext, name: string): string {
  return fs.readFileSync(context.layout.certificate("client", name), "utf8");
}

function serialOf(context: PkiContext, name: string): string {
  return readManifest(context.layout).certificates.find((certificate) => certificate.name === name)!.serialNumber;
}

/** The pki stack's local state as Terraform writes it, holding the CRL object it uploaded. */
function stateWith(context: PkiContext, der: Buffer): string {
  const file = path.join(path.dirname(context.layout.root), "pki.tfstate");
  const object = { key: crlObjectKey("issuing-1"), content_base64: der.toString("base64") };
  const resource = {
    mode: "managed",
    type: "aws_s3_object",
    name: "crl_issuing_1",
    instances: [{ attributes: object }],
  };
  fs.writeFileSync(file, JSON.stringify({ version: 4, resources: [resource] }));
  return file;
}

function configOf(context: PkiContext): Config & { pki: SelfManagedPkiConfig } {
  return selfManagedConfig(context.layout.root) as Config & { pki: SelfManagedPkiConfig };
}

/** verify's published-CRL check against the bucket's object (the S3 API mocked with aws-sdk-client-mock). */
async function verifyCrl(context: PkiContext, published: Buffer, now: Date) {
  const config = configOf(context);
  s3.on(GetObjectCommand, { Bucket: crlBucketName(config), Key: crlObjectKey("issuing-1") }).resolves(
    s3Object(published, '"published"'),
  );
  return checkPublishedCrls({ s3: new S3Client({ region: "eu-west-1" }) }, config, now);
}

beforeEach(() => s3.reset());

describe("a PKI folder restored from a backup", () => {
  test("signs CRL numbers above the published one, so a warm authorizer denies the client revoked after the restore", async () => {
    const { context, move } = await pkiOnClock();
    await issue(context, { name: "early" });
    await issue(context, { name: "late" });
    const backup = path.join(path.dirname(context.layout.root), "backup");
    expect(spawnSync("cp", ["-a", context.layout.root, backup]).status).toBe(0);

    serveCrl(crlOf(context), '"v1"');
    const authorizer = harness(fs.readFileSync(context.layout.caCertificate("issuing-1"), "utf8"), {
      crlRefreshSeconds: 60,
    });
    const decide = async (name: string) => isAllowed(await authorizer.call("http", clientPem(context, name)));
    expect(await decide("late")).toBe(true);

    // After the backup: a revocation, then the scheduled re-sign; both published, both read by the warm authorizer.
    move(60_000);
    await revoke(context, { certificate: "early" });
    move(60_000);
    await crl(context);
    const published = crlOf(context);
    const publishedNumber = crlNumberOf(context);
    serveCrl(published, '"v3"');
    authorizer.advance(61);
    await decide("early");
    await settle();
    expect(await decide("early")).toBe(false);

    // The disk is lost; the backup comes back (cp -a, modes kept). It knows nothing of the revocation.
    fs.rmSync(context.layout.root, { recursive: true });
    expect(spawnSync("cp", ["-a", backup, context.layout.root]).status).toBe(0);
    expect(crlNumberOf(context)).toBeLessThan(publishedNumber);

    // status (the pki stack's state) and verify (the bucket) both see the folder is behind, and name the loss.
    const restored = { ...context, deployedState: stateWith(context, published) };
    const report = await quietly(() => status(restored, { json: true }));
    const problems: string[] = JSON.parse(report.lines[0]).problems;
    expect(report.exitCode).toBe(1);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^the pki stack's state \\(.*pki\\.tfstate\\) holds CRL number ${publishedNumber} of issuing-1, above the PKI folder's ${crlNumberOf(context)}: .* revokes serial\\(s\\) the folder does not: ${serialOf(context, "early").replace(/^0+/, "")}; revoke each again`,
      ),
    );
    const verified = await verifyCrl(context, published, context.now());
    expect(verified.map((result) => result.status)).toEqual(["problem", "ok"]);
    expect(verified[0].message).toMatch(
      /^s3:\/\/.*\/crl\/issuing-1\.crl holds CRL number \d+ of issuing-1, above the PKI folder's/,
    );

    // A minute later the next revocation: its CRL number is above the published one, and the warm authorizer takes it.
    move(60_000);
    await quietly(() => revoke(context, { certificate: "late" }));
    expect(crlNumberOf(context)).toBeGreaterThan(publishedNumber);
    serveCrl(crlOf(context), '"after-restore"');
    authorizer.advance(61);
    await decide("late");
    await settle();
    expect(await decide("late")).toBe(false);
    expect(authorizer.lastDecision().reason).toBe("revoked");
    expect(authorizer.logs.filter((entry) => /older than the cached one/.test(JSON.stringify(entry)))).toEqual([]);

    // The revocation the restore lost, made again, clears both checks.
    await quietly(() => revoke(context, { certificate: "early" }));
    const again = JSON.parse((await quietly(() => status(restored, { json: true }))).lines[0]);
    expect(again.problems).toEqual([]);
    expect((await verifyCrl(context, published, context.now()))[0].status).toBe("warning");
  });
});

describe("pki crl --if-due", () => {
  test("leaves a CRL before half its life, re-signs it after, and says which", async () => {
    const { context, move } = await pkiOnClock();
    const before = snapshotFolder(context.layout.root);
    const early = await crl(context, { ifDue: true });
    expect(early.lines).toEqual([
      expect.stringMatching(/^CRL \d+ of issuing-1: not due \(next update .*; re-signed from .*\), left as it is$/),
      "Nothing re-signed: no CRL is due.",
    ]);
    expect(snapshotFolder(context.layout.root)).toEqual(before);

    const number = crlNumberOf(context);
    move(3.6 * DAY);
    const due = await crl(context, { ifDue: true });
    expect(due.lines[0]).toMatch(/^CRL \d+ of issuing-1: 0 revoked certificate\(s\), next update /);
    expect(due.lines[1]).toBe("Re-signed 1 CRL(s): deploy the pki stack to publish them.");
    expect(crlNumberOf(context)).toBeGreaterThan(number);
  });

  test("as the scheduled workflow runs it: exit 0 whether or not it signed, and one line per CA", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-if-due-"));
    made.push(folder);
    const env = { MTLS_CONFIG: "", MTLS_ENV: "self-managed", MTLS_PKI_PASSPHRASE: "", [LOCK_WAIT_VARIABLE]: "60" };
    const dir = path.join(folder, "pki");
    expect(runTool("tools/pki/cli.ts", ["init", "--dir", dir], env).status).toBe(0);
    const run = runTool("tools/pki/cli.ts", ["crl", "--if-due", "--dir", dir], env);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    expect(run.stdout).toMatch(/^CRL \d+ of issuing-1: not due .*\nNothing re-signed: no CRL is due\.\n$/);
  });
});

describe("warnings days ahead of a CRL's nextUpdate", () => {
  test("status marks the CRL expiring once under a quarter of its life is left, and exits 1", async () => {
    const { context, move } = await pkiOnClock();
    move(4 * DAY);
    const fine = await status(context, { json: true });
    expect(fine.exitCode).toBe(0);
    move(1.5 * DAY);
    const late = await status(context, { json: true });
    const rows = JSON.parse(late.lines[0]).rows.filter((row: { kind: string }) => row.kind === "CRL");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "issuing-1", state: "expiring", daysLeft: 1 });
    expect(late.exitCode).toBe(1);
  });

  test("verify warns on a published CRL whose re-sign is late, and finds one past its nextUpdate a problem", async () => {
    const { context } = await pkiOnClock();
    const published = crlOf(context);
    const at = (days: number) => new Date(Date.now() + days * DAY);
    const states = async (days: number) =>
      (await verifyCrl(context, published, at(days))).map((result) => result.status);
    expect(await states(3)).toEqual(["ok", "ok"]);
    expect(await states(5.5)).toEqual(["ok", "warning"]);
    const past = await verifyCrl(context, published, at(7.5));
    expect(past[1]).toMatchObject({
      status: "problem",
      message: expect.stringMatching(/past: the authorizer refuses every client/),
    });
  });
});
