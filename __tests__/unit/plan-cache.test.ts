// plan:offline's plan cache (tools/performance/plan-cache.ts): a plan is reused only when everything it reads is the
// same, a failed plan is never kept, and two runs planning the same stack at once plan it once.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cachedPlan, planKey } from "../../tools/performance/plan-cache";
import { testFolder } from "../helpers/pki";

const AWS = "http://127.0.0.1:40001";

function stackFolder(json: object, aws = AWS): string {
  const folder = testFolder("plan-cache-stack");
  fs.writeFileSync(path.join(folder, "cdk.tf.json"), JSON.stringify(json));
  fs.writeFileSync(path.join(folder, "plan_offline_override.tf.json"), JSON.stringify({ endpoints: { sts: aws } }));
  return folder;
}

describe("the plan cache's key", () => {
  const env = process.env;
  const base = planKey({ directory: stackFolder({ resource: { a: 1 } }), fixture: "{}", awsUrl: AWS }, env);

  test("is the same for the same stack, whatever port the stand-in listens on", () => {
    const elsewhere = "http://127.0.0.1:40002";
    const key = planKey(
      { directory: stackFolder({ resource: { a: 1 } }, elsewhere), fixture: "{}", awsUrl: elsewhere },
      env,
    );
    expect(key).toBe(base);
  });

  test("changes with the CA bundle the provider is given", () => {
    const bundle = path.join(testFolder("plan-cache-bundle"), "bundle.pem");
    fs.writeFileSync(bundle, "-----BEGIN CERTIFICATE-----\nA\n-----END CERTIFICATE-----\n");
    const withBundle = { ...env, AWS_CA_BUNDLE: bundle };
    const key = () =>
      planKey({ directory: stackFolder({ resource: { a: 1 } }), fixture: "{}", awsUrl: AWS }, withBundle);
    const first = key();
    expect(
      planKey(
        { directory: stackFolder({ resource: { a: 1 } }), fixture: "{}", awsUrl: AWS },
        { ...env, AWS_CA_BUNDLE: "" },
      ),
    ).not.toBe(first);
    fs.writeFileSync(bundle, "-----BEGIN CERTIFICATE-----\nB\n-----END CERTIFICATE-----\n");
    expect(key()).not.toBe(first);
  });

  test("changes with the stack's configuration, its files, and the upstream fixture", () => {
    expect(planKey({ directory: stackFolder({ resource: { a: 2 } }), fixture: "{}", awsUrl: AWS }, env)).not.toBe(base);
    const withAsset = stackFolder({ resource: { a: 1 } });
    fs.mkdirSync(path.join(withAsset, "assets"));
    fs.writeFileSync(path.join(withAsset, "assets", "function.zip"), "PK");
    expect(planKey({ directory: withAsset, fixture: "{}", awsUrl: AWS }, env)).not.toBe(base);
    expect(planKey({ directory: stackFolder({ resource: { a: 1 } }), fixture: '{"x":1}', awsUrl: AWS }, env)).not.toBe(
      base,
    );
  });

  test("tells binary assets apart byte by byte", () => {
    const keyWith = (bytes: number[]) => {
      const folder = stackFolder({ resource: { a: 1 } });
      fs.writeFileSync(path.join(folder, "function.zip"), Buffer.from(bytes));
      return planKey({ directory: folder, fixture: "{}", awsUrl: AWS }, env);
    };
    // Both are invalid UTF-8: read as text, each would become the same replacement character.
    expect(keyWith([0xff])).not.toBe(keyWith([0xfe]));
  });

  test("ignores what terraform init leaves in the folder", () => {
    const initialized = stackFolder({ resource: { a: 1 } });
    fs.mkdirSync(path.join(initialized, ".terraform", "providers"), { recursive: true });
    fs.writeFileSync(path.join(initialized, ".terraform", "providers", "x"), "binary");
    expect(planKey({ directory: initialized, fixture: "{}", awsUrl: AWS }, env)).toBe(base);
  });
});

describe("cachedPlan", () => {
  const keep = (plan: { ok: boolean }) => plan.ok;

  test("without a cache folder, every call plans", async () => {
    let plans = 0;
    const produce = async () => ({ ok: true, n: ++plans });
    await cachedPlan(() => "k", produce, keep, "");
    await cachedPlan(() => "k", produce, keep, "");
    expect(plans).toBe(2);
  });

  test("a kept plan is reused under the same key, and a different key plans again", async () => {
    const folder = testFolder("plan-cache");
    let plans = 0;
    const produce = async () => ({ ok: true, n: ++plans });
    expect(await cachedPlan(() => "k1", produce, keep, folder)).toEqual({ value: { ok: true, n: 1 }, cached: false });
    expect(await cachedPlan(() => "k1", produce, keep, folder)).toEqual({ value: { ok: true, n: 1 }, cached: true });
    expect(await cachedPlan(() => "k2", produce, keep, folder)).toEqual({ value: { ok: true, n: 2 }, cached: false });
  });

  test("a failed plan is not kept: the next run plans again", async () => {
    const folder = testFolder("plan-cache");
    let plans = 0;
    const produce = async () => ({ ok: false, n: ++plans });
    await cachedPlan(() => "k", produce, keep, folder);
    expect((await cachedPlan(() => "k", produce, keep, folder)).value.n).toBe(2);
    expect(fs.readdirSync(folder)).toEqual([]);
  });

  test("two runs planning the same stack at once plan it once: the second waits and takes the first's plan", async () => {
    const folder = testFolder("plan-cache");
    let plans = 0;
    const produce = async () => {
      plans++;
      await sleep(300);
      return { ok: true, n: plans };
    };
    const both = await Promise.all([
      cachedPlan(() => "k", produce, keep, folder),
      cachedPlan(() => "k", produce, keep, folder),
    ]);
    expect(plans).toBe(1);
    expect(both.map((run) => run.cached).sort()).toEqual([false, true]);
    expect(both[0].value).toEqual(both[1].value);
    expect(fs.readdirSync(folder)).toEqual(["k.json"]);
  });

  test("a lock left by a run that died is removed, and the plan goes ahead", async () => {
    const folder = testFolder("plan-cache");
    // Above Linux's largest pid (2^22), so no process has it.
    const dead = { pid: 2 ** 22 + 1, host: os.hostname(), command: "plan:offline", since: new Date().toISOString() };
    fs.writeFileSync(path.join(folder, "k.json.lock"), JSON.stringify(dead));
    const run = await cachedPlan(
      () => "k",
      async () => ({ ok: true }),
      keep,
      folder,
    );
    expect(run).toEqual({ value: { ok: true }, cached: false });
  });
});
