// npm run plan:offline: real `terraform plan` of every stack with no AWS account. The stand-in answers only
// STS GetCallerIdentity; upstream outputs come from fixture state files; the environment's backend is replaced
// by scratch state, for local, s3 and HCP Terraform environments alike.
import * as fs from "node:fs";
import * as path from "node:path";
import { UPSTREAM } from "../../lib/contract";
import { readSynthOutput } from "../../tools/environments/synth-output";
import { initThen, terraformAvailability } from "../../tools/terraform/cli";
import { fixtureState } from "../../tools/terraform/fixture-state";
import { OFFLINE_ACCOUNT_ID, startOfflineAws, type OfflineAws } from "../../tools/terraform/offline-aws";
import { offlineOverride, OVERRIDE_FILE, planOffline } from "../../tools/terraform/offline-plan";
import { providerForConfiguredUses } from "../../tools/performance/shared-provider";
import { UPSTREAM_FIXTURES } from "../../tools/terraform/upstream-fixtures";
import { environmentConfig } from "../helpers/environments";
import { createTestPki, testFolder } from "../helpers/pki";
import { synthToDirectory } from "../helpers/synth";
import { terraformLayerRuns } from "../helpers/terraform-layer";

describe("offline plan ingredients", () => {
  test("fixture state files hold exactly the upstream stack's contract outputs", () => {
    const state = JSON.parse(fixtureState("truststore"));
    expect(state.version).toBe(4);
    expect(Object.keys(state.outputs).sort()).toEqual(Object.keys(UPSTREAM_FIXTURES.truststore).sort());
    expect(state.outputs.truststore_version).toEqual({
      value: UPSTREAM_FIXTURES.truststore.truststore_version,
      type: "string",
    });
    expect(JSON.parse(fixtureState("pki")).outputs.client_certificate_arns.type).toEqual(["map", "string"]);
  });

  test("the override replaces the backend, fakes the credentials and reads the upstream fixture", () => {
    const override = offlineOverride("api", "http://127.0.0.1:1234") as Record<string, any>;
    expect(override.terraform).toEqual({ backend: { local: { path: "offline.tfstate" } } });
    expect(override.provider.aws).toMatchObject({
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
    });
    expect(Object.values(override.provider.aws.endpoints[0]).every((url) => url === "http://127.0.0.1:1234")).toBe(
      true,
    );
    expect(override.data.terraform_remote_state[UPSTREAM.api!]).toEqual({
      backend: "local",
      config: { path: "../fixtures/truststore.tfstate" },
    });
    expect(offlineOverride("pki", "http://127.0.0.1:1234")).not.toHaveProperty("data");
  });

  describe("the AWS stand-in", () => {
    let aws: OfflineAws;
    beforeAll(async () => (aws = await startOfflineAws()));
    afterAll(() => aws.close());

    test("answers GetCallerIdentity with the offline account", async () => {
      const response = await fetch(aws.url, { method: "POST", body: "Action=GetCallerIdentity&Version=2011-06-15" });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(`<Account>${OFFLINE_ACCOUNT_ID}</Account>`);
    });

    test("refuses any other call, naming it, so a plan that needs AWS fails instead of planning against an account", async () => {
      const response = await fetch(`${aws.url}/example-bucket?versioning`, { method: "GET" });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("plan:offline has no offline answer for GET /example-bucket?versioning");
      expect(aws.refused).toEqual(["GET /example-bucket?versioning"]);
    });
  });
});

/** The machine's CA bundle for AWS when it names one, else a bundle made here. */
async function caBundle(): Promise<string> {
  if (process.env.AWS_CA_BUNDLE && fs.existsSync(process.env.AWS_CA_BUNDLE)) return process.env.AWS_CA_BUNDLE;
  const bundle = path.join(testFolder("ca-bundle"), "bundle.pem");
  fs.copyFileSync((await createTestPki()).layout.truststore, bundle);
  return bundle;
}

const availability = terraformAvailability();
if (terraformLayerRuns("real Terraform offline plan", availability)) {
  describe("real terraform plan, offline", () => {
    let aws: OfflineAws;
    const env = availability.env;
    beforeAll(async () => (aws = await startOfflineAws()));
    afterAll(() => aws.close());

    // The plans of a run configure one provider in turn (offline-plan.ts); AWS_CA_BUNDLE in its environment would
    // make the second configuration fail, so a bundle is set here whatever the machine has: the machine's own when
    // it has one, so that these plans are the ones the doc test and the workflow rehearsal take from the plan cache
    // (its key holds the bundle).
    test("every stack of the example plans, reading AWS only for the account id, on one provider even with AWS_CA_BUNDLE set", async () => {
      const progress: string[] = [];
      const stacks = readSynthOutput(synthToDirectory(environmentConfig("example")));
      const plans = await planOffline(stacks, aws, { ...env, AWS_CA_BUNDLE: await caBundle() }, (line) =>
        progress.push(line),
      );
      // A line as each stack starts, and one as it ends with its summary and time.
      expect(progress).toEqual(
        ["pki", "truststore", "api", "dns"].flatMap((stack, index) => [
          `plan:offline ${stack} (${index + 1}/4): terraform init and plan...`,
          expect.stringMatching(
            new RegExp(
              `^plan:offline ${stack}: Plan: \\d+ to add, 0 to change, 0 to destroy\\. \\(\\d+\\.\\d s(, planned earlier: from the plan cache)?\\)$`,
            ),
          ),
        ]),
      );
      expect(plans.map(({ stack, ok, summary, awsCalls }) => ({ stack, ok, summary, awsCalls }))).toEqual([
        {
          stack: "pki",
          ok: true,
          summary: expect.stringMatching(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/),
          awsCalls: ["sts:GetCallerIdentity (answered)"],
        },
        { stack: "truststore", ok: true, summary: "Plan: 8 to add, 0 to change, 0 to destroy.", awsCalls: [] },
        {
          stack: "api",
          ok: true,
          summary: expect.stringMatching(/^Plan: \d+ to add, 0 to change, 0 to destroy\.$/),
          awsCalls: [],
        },
        { stack: "dns", ok: true, summary: "Plan: 1 to add, 0 to change, 0 to destroy.", awsCalls: [] },
      ]);
      const pki = plans[0].output;
      expect(pki).toContain(`data.aws_caller_identity.current_account: Read complete after`);
      expect(pki).toContain(`"${OFFLINE_ACCOUNT_ID}"`);
      // Terraform pads names to align the "=" signs, so the spacing is not part of the check.
      expect(plans[1].output).toMatch(
        /\+ truststore_uri += "s3:\/\/example-api-example-com-truststore\/truststore\.pem"/,
      );
      // The dns stack's alias record points at the api stack's regional target, read from the fixture state.
      expect(plans[3].output).toMatch(
        new RegExp(`name += "${String(UPSTREAM_FIXTURES.api.regional_domain_name).split(".").join("\\.")}"`),
      );
    }, 600000);

    test("the account guard: credentials of another account than the environment names fail at plan, before any change", async () => {
      const dns = readSynthOutput(synthToDirectory(environmentConfig("dev"))).find((stack) => stack.name === "dns")!;
      expect(dns.json.provider.aws[0].allowed_account_ids).toEqual(["111122223333"]);
      const directory = path.join(testFolder("account-guard"), "dns");
      fs.cpSync(dns.directory, directory, { recursive: true });
      fs.mkdirSync(path.join(directory, "..", "fixtures"));
      fs.writeFileSync(path.join(directory, "..", "fixtures", "api.tfstate"), fixtureState("api"));
      // The scratch override as plan:offline writes it, but asking the stand-in (account 123456789012) who we are.
      const override = offlineOverride("dns", aws.url) as { provider: { aws: Record<string, unknown> } };
      delete override.provider.aws.allowed_account_ids;
      override.provider.aws.skip_requesting_account_id = false;
      fs.writeFileSync(path.join(directory, OVERRIDE_FILE), JSON.stringify(override));
      const provider = providerForConfiguredUses(env);
      const plan = await initThen(
        ["plan", "-input=false", "-lock=false", "-no-color"],
        directory,
        await provider.env(),
      );
      await provider.stop();
      expect(plan.code).not.toBe(0);
      expect(plan.output).toContain(`AWS account ID not allowed: ${OFFLINE_ACCOUNT_ID}`);
      fs.rmSync(path.dirname(directory), { recursive: true, force: true });
    }, 300000);

    test("an HCP Terraform environment plans offline too: its cloud blocks give way to scratch state", async () => {
      const stacks = readSynthOutput(synthToDirectory(environmentConfig("prod"))).filter(
        (stack) => stack.name === "dns",
      );
      expect(stacks[0].json.terraform.cloud.workspaces.name).toBe("apigw-mtls-prod-dns");
      const plans = await planOffline(stacks, aws, env);
      expect(plans).toMatchObject([{ ok: true, summary: "Plan: 1 to add, 0 to change, 0 to destroy." }]);
    }, 300000);
  });
}
