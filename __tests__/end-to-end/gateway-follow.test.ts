// The proving ground follows its PKI folder while it runs: `pki revoke` and `pki rotate issuing` take effect
// within seconds without a restart, through the folder watch and, when watch events are lost, the poll; a
// half-written file keeps the last good state and is reported once.
import * as fs from "node:fs";
import { PkiFollower, type FollowLogEntry, type FollowOptions } from "../../tools/gateway/follow";
import { REFUSAL_HEADER, startGateway, type RunningGateway } from "../../tools/gateway/server";
import { issue } from "../../tools/pki/commands/issue";
import { revoke } from "../../tools/pki/commands/revoke";
import { rotate } from "../../tools/pki/commands/rotate";
import type { PkiContext } from "../../tools/pki/context";
import { startCli } from "../helpers/gateway-cli";
import { waitFor } from "../helpers/wait-for";
import { createTestPki } from "../helpers/pki";
import { clientFiles } from "../helpers/proving-ground";
import { curl, type ClientResult } from "../helpers/tls-clients";

async function pkiWithClients(...names: string[]): Promise<PkiContext> {
  const pki = await createTestPki();
  await issue(pki, { name: "localhost", kind: "server" });
  for (const name of names) await issue(pki, { name });
  return pki;
}

/** curl as each client; the server is checked against a copy of the truststore taken now, which tests may break. */
function caller(pki: PkiContext, url: () => string) {
  const truststore = `${pki.layout.truststore}.client-copy`;
  fs.copyFileSync(pki.layout.truststore, truststore);
  return (name: string): Promise<ClientResult> =>
    curl({ url: url(), truststore, client: clientFiles(pki, name), weakClientConfig: "" });
}

const statusOf = (result: ClientResult) => result.status ?? result.error;

describe("npm run gateway, running while the PKI changes", () => {
  let pki: PkiContext;
  let cli: ReturnType<typeof startCli>;
  let url = "";
  let call: (name: string) => Promise<ClientResult>;

  beforeAll(async () => {
    pki = await pkiWithClients("partner-a", "partner-b");
    cli = startCli(["--dir", pki.layout.root, "--port", "0", "--crl-refresh", "300"]);
    url = await cli.url;
    call = caller(pki, () => url);
  });
  afterAll(async () => {
    cli?.child.kill("SIGTERM");
    await cli?.exited;
  });

  test("says it follows the folder, and the CRL bound", () => {
    expect(cli.output()).toContain(`following ${pki.layout.root}: revocations and rotations take effect`);
    expect(cli.output()).toContain("CRLs re-read every 300 s");
  });

  test("pki revoke: the revoked client gets 403 within seconds, the others still 200", async () => {
    expect(statusOf(await call("partner-a"))).toBe(200);
    await revoke(pki, { certificate: "partner-a", reason: "keyCompromise" });
    const refused = await waitFor(
      () => call("partner-a"),
      (result) => result.status === 403,
    );
    expect(refused.headers[REFUSAL_HEADER]).toBe("authorizer-denied");
    expect(statusOf(await call("partner-b"))).toBe(200);
    expect(cli.output()).toMatch(/"event":"pki_reloaded".*crl\/issuing-1\.crl/);
  });

  test("pki rotate issuing: the new CA's client gets 200 within seconds, the old CA's client still 200", async () => {
    await rotate(pki, "issuing");
    await issue(pki, { name: "partner-c" });
    await waitFor(
      () => call("partner-c"),
      (result) => result.status === 200,
    );
    expect(statusOf(await call("partner-b"))).toBe(200);
    expect(statusOf(await call("partner-a"))).toBe(403);
    expect(cli.child.exitCode).toBeNull();
  });
});

describe("PkiFollower", () => {
  let gateway: RunningGateway | undefined;
  let follower: PkiFollower | undefined;
  afterEach(async () => {
    follower?.stop();
    await gateway?.close();
  });

  async function serve(pki: PkiContext, options: Partial<FollowOptions>) {
    const log: FollowLogEntry[] = [];
    follower = new PkiFollower({
      layout: pki.layout,
      authorizerLog: () => {},
      log: (entry) => log.push(entry),
      ...options,
    });
    gateway = await startGateway({ ...follower.material, port: 0, authorize: follower.authorize });
    follower.follow(gateway);
    return { log, call: caller(pki, () => gateway!.url) };
  }

  test("the folder watch alone carries a revocation (the poll is an hour away)", async () => {
    const pki = await pkiWithClients("partner-a");
    const { call } = await serve(pki, { pollMs: 3_600_000 });
    expect(statusOf(await call("partner-a"))).toBe(200);
    await revoke(pki, { certificate: "partner-a" });
    await waitFor(
      () => call("partner-a"),
      (result) => result.status === 403,
    );
  });

  test("the poll alone carries a rotation when no watch event arrives", async () => {
    const pki = await pkiWithClients();
    const { call } = await serve(pki, { watch: false, pollMs: 200 });
    await rotate(pki, "issuing");
    await issue(pki, { name: "new-client" });
    await waitFor(
      () => call("new-client"),
      (result) => result.status === 200,
    );
  });

  test.each([
    [
      "truststore bundle",
      (pki: PkiContext) => pki.layout.truststore,
      /truststore bundle .* outside complete PEM certificates \(half-written\?\)/,
    ],
    ["CRL", (pki: PkiContext) => pki.layout.crlDer("issuing-1"), /the CRL .*issuing-1\.crl of issuing-1 is unusable/],
  ])("a half-written %s keeps the last good state and is reported once", async (_what, fileOf, message) => {
    const pki = await pkiWithClients("partner-a");
    const { log, call } = await serve(pki, { watch: false, pollMs: 3_600_000 });
    expect(statusOf(await call("partner-a"))).toBe(200);
    const file = fileOf(pki);
    const whole = fs.readFileSync(file);
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 2)));

    expect(follower!.check()).toBe(false);
    expect(follower!.check()).toBe(false);
    expect(log).toEqual([
      expect.objectContaining({ level: "ERROR", event: "pki_reload_failed", message: expect.stringMatching(message) }),
    ]);
    expect(log[0].message).toContain("still serving the last good state");
    expect(statusOf(await call("partner-a"))).toBe(200);

    fs.writeFileSync(file, whole);
    expect(follower!.check()).toBe(true);
    expect(log.map((entry) => entry.event)).toEqual(["pki_reload_failed", "pki_reloaded"]);
    expect(statusOf(await call("partner-a"))).toBe(200);
  });
});
