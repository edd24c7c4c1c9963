// npm run plan / deploy: stacks run in dependency order, the first failure stops the run and names its stack.
// First the ordering rules with a recording runner, then real Terraform runs of a synthesized environment whose
// AWS API calls go to the loopback stand-in (it answers STS GetCallerIdentity and refuses everything else).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { commandsFor, describeResult, runStacks, type TerraformRunner } from "../../tools/environments/run-stacks";
import { synthEnvironment } from "../../tools/environments/synth";
import { dependencyOrder, readSynthOutput, type SynthesizedStack } from "../../tools/environments/synth-output";
import { runTerraform, terraformAvailability } from "../../tools/terraform/cli";
import { startOfflineAws, type OfflineAws } from "../../tools/terraform/offline-aws";
import { providerForConfiguredUses } from "../../tools/performance/shared-provider";
import { PROJECT_ROOT } from "../../lib/project-root";
import { terraformLayerRuns } from "../helpers/terraform-layer";

const STACKS: SynthesizedStack[] = [
  { name: "dns", directory: "/out/stacks/dns", dependencies: ["api"], json: {} },
  { name: "api", directory: "/out/stacks/api", dependencies: ["truststore"], json: {} },
  { name: "pki", directory: "/out/stacks/pki", dependencies: [], json: {} },
  { name: "truststore", directory: "/out/stacks/truststore", dependencies: ["pki"], json: {} },
];

/** Records each terraform command; fails the one named. */
function recordingRunner(failOn?: string, output = "") {
  const calls: string[] = [];
  const run: TerraformRunner = async (args, cwd) => {
    const call = `${path.basename(cwd)}: ${args.join(" ")}`;
    calls.push(call);
    return { code: call === failOn ? 1 : 0, output: call === failOn ? output : "" };
  };
  return { calls, run };
}

describe("running the stacks of an environment", () => {
  test("orders stacks after the stacks they depend on", () => {
    expect(dependencyOrder(STACKS).map((stack) => stack.name)).toEqual(["pki", "truststore", "api", "dns"]);
  });

  test("refuses a dependency cycle, naming the stacks", () => {
    const cycle = [
      { name: "a", dependencies: ["b"] },
      { name: "b", dependencies: ["a"] },
    ];
    expect(() => dependencyOrder(cycle)).toThrow(/cycle or name a missing stack: a \(needs b\); b \(needs a\)/);
  });

  test("plan runs init and plan in every stack, in order", async () => {
    const { calls, run } = recordingRunner();
    const result = await runStacks("plan", dependencyOrder(STACKS), run, () => {});
    expect(result).toEqual({ ok: true, completed: ["pki", "truststore", "api", "dns"] });
    expect(calls).toEqual(
      ["pki", "truststore", "api", "dns"].flatMap((stack) => [
        `${stack}: init -input=false`,
        `${stack}: plan -input=false`,
      ]),
    );
  });

  test("deploy asks before each apply, or applies without asking with --auto-approve", () => {
    expect(commandsFor("deploy")).toEqual([["init", "-input=false"], ["apply"]]);
    expect(commandsFor("deploy", { autoApprove: true })[1]).toEqual(["apply", "-input=false", "-auto-approve"]);
  });

  test("destroy runs in reverse dependency order, and asks before each destroy unless --auto-approve", async () => {
    const { calls, run } = recordingRunner();
    const result = await runStacks("destroy", dependencyOrder(STACKS), run, () => {});
    expect(result).toEqual({ ok: true, completed: ["dns", "api", "truststore", "pki"] });
    expect(calls.filter((call) => !call.endsWith("init -input=false"))).toEqual([
      "dns: destroy",
      "api: destroy",
      "truststore: destroy",
      "pki: destroy",
    ]);
    expect(commandsFor("destroy", { autoApprove: true })[1]).toEqual(["destroy", "-input=false", "-auto-approve"]);
  });

  test("a destroy stopped by deletion protection says how to lift it", async () => {
    const refusal =
      "Error: Instance cannot be destroyed\n  on cdk.tf.json line 12: aws_acmpca_certificate_authority.root_ca";
    const { run } = recordingRunner("pki: destroy", refusal);
    const result = await runStacks("destroy", dependencyOrder(STACKS), run, () => {});
    expect(describeResult("destroy", "prod", result)).toBe(
      [
        'destroy failed in stack "pki" of environment prod (terraform destroy).',
        "Done before it: dns, api, truststore.",
        "pki is protected from deletion (pki.deletionProtection puts prevent_destroy on the CAs): to delete it on purpose, set pki.deletionProtection to false in the environment's configuration and run destroy again; ACM Private CA then keeps each CA restorable for pki.permanentDeletionDays (7-30 days).",
      ].join("\n"),
    );
  });

  test("stops at the first failure and says which stack failed and what did not run", async () => {
    const { calls, run } = recordingRunner("truststore: apply");
    const result = await runStacks("deploy", dependencyOrder(STACKS), run, () => {});
    expect(calls.at(-1)).toBe("truststore: apply");
    expect(describeResult("deploy", "dev", result)).toBe(
      'deploy failed in stack "truststore" of environment dev (terraform apply).\nDone before it: pki.\nNot run: api, dns.',
    );
  });
});

const availability = terraformAvailability();
if (terraformLayerRuns("real Terraform plan/deploy runs", availability)) {
  describe("real Terraform", () => {
    let aws: OfflineAws;
    let stacks: SynthesizedStack[];
    let env: NodeJS.ProcessEnv;
    // The plan and the apply configure one provider in turn, as plan:offline's plans do.
    let provider: ReturnType<typeof providerForConfiguredUses>;

    beforeAll(async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-run-"));
      fs.mkdirSync(path.join(root, "config"));
      fs.copyFileSync(path.join(PROJECT_ROOT, "config", "example.json"), path.join(root, "config", "example.json"));
      stacks = readSynthOutput(synthEnvironment("example", root).outdir);
      aws = await startOfflineAws();
      provider = providerForConfiguredUses({
        ...availability.env,
        AWS_ACCESS_KEY_ID: "AKIDRUNSTACKSTEST",
        AWS_SECRET_ACCESS_KEY: "run-stacks-test",
        AWS_EC2_METADATA_DISABLED: "true",
        AWS_ENDPOINT_URL: aws.url,
      });
      env = await provider.env();
    });
    afterAll(async () => {
      await provider.stop();
      await aws.close();
    });

    const terraform: () => TerraformRunner = () => (args, cwd) => runTerraform(args, cwd, env);

    // pki plans as in npm run plan:offline (plan-offline.test.ts); the real failure under test is the next
    // stack's, so the run starts there.
    test("a plan before the first deploy stops at truststore, which has no upstream state yet, and says why", async () => {
      const [first, ...rest] = dependencyOrder(stacks);
      expect(first.name).toBe("pki");
      const result = await runStacks("plan", rest, terraform(), () => {});
      expect(describeResult("plan", "example", result)).toBe(
        [
          'plan failed in stack "truststore" of environment example (terraform plan -input=false).',
          "Not run: api, dns.",
          "truststore reads the outputs of pki, which has no state in this environment yet: apply the stacks in order (npm run deploy -- <environment>) before planning the later ones.",
        ].join("\n"),
      );
    }, 300000);

    test("a deploy whose first apply fails stops there, naming the stack", async () => {
      const result = await runStacks("deploy", stacks, terraform(), () => {}, { autoApprove: true });
      expect(result).toMatchObject({ ok: false, failedStack: "pki", notRun: ["truststore", "api", "dns"] });
      expect(aws.refused.length).toBeGreaterThan(0);
    }, 300000);
  });
}
