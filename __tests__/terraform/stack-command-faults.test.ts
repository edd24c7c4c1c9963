// npm run plan / deploy / destroy where a new user first tries them: no AWS credentials, no network, no registry.
// Each ends in one line naming the cause and what to do (exit 3, could not check), and init finds the AWS
// provider in the local mirror when there is one. Real Terraform; the network is cut by a proxy on a closed port.
import * as fs from "node:fs";
import { CannotCheckError, EXIT } from "../../lib/user-error";
import { runStacks, streamingTerraform } from "../../tools/environments/run-stacks";
import { requireAwsCredentials, terraformSource } from "../../tools/environments/stack-command-faults";
import { readSynthOutput } from "../../tools/environments/synth-output";
import { terraformAvailability } from "../../tools/terraform/cli";
import { findProviderMirror, MIRROR_ENV } from "../../tools/terraform/provider-mirror";
import { environmentConfig, withoutAwsCredentials } from "../helpers/environments";
import { testFolder } from "../helpers/pki";
import { synthToDirectory } from "../helpers/synth";
import { terraformLayerRuns } from "../helpers/terraform-layer";

describe("plan, deploy and destroy before Terraform", () => {
  test("no AWS credentials: one line naming the cause and what to do, exit 3", async () => {
    const error = await withoutAwsCredentials(testFolder("no-aws-home"), () =>
      requireAwsCredentials("plan", environmentConfig("example")).catch((caught) => caught),
    );
    expect(error).toBeInstanceOf(CannotCheckError);
    expect(error.exitCode).toBe(EXIT.couldNotCheck);
    expect(error.message).toMatch(/^plan needs AWS credentials and found none .*set AWS_PROFILE .*plan:offline/);
    expect(error.message).not.toContain("\n");
  });

  test("an HCP Terraform backend keeps its credentials in the workspace: none asked for here", async () => {
    const cloud = environmentConfig("example", "cloud");
    await expect(
      withoutAwsCredentials(testFolder("no-aws-home"), () => requireAwsCredentials("plan", cloud)),
    ).resolves.toBeUndefined();
  });

  test("init uses the provider mirror when there is one, else says it needs the registry", () => {
    const mirror = findProviderMirror();
    const env = { PATH: process.env.PATH, [MIRROR_ENV]: mirror.found ? mirror.mirror : undefined };
    const withMirror = terraformSource(env);
    if (mirror.found) {
      expect(withMirror.note).toBe(`Terraform installs the AWS provider from the local mirror ${mirror.mirror}.`);
      expect(fs.readFileSync(withMirror.env.TF_CLI_CONFIG_FILE!, "utf8")).toContain(JSON.stringify(mirror.mirror));
    }
    const none = terraformSource({ PATH: process.env.PATH, [MIRROR_ENV]: testFolder("empty-mirror") });
    expect(none.note).toMatch(/from registry\.terraform\.io \(needs the network; MTLS_TF_PROVIDER_MIRROR/);
    expect(none.env.TF_CLI_CONFIG_FILE).toBeUndefined();
  });
});

describe("plan with real Terraform and no way to the registry", () => {
  if (!terraformLayerRuns("real Terraform", terraformAvailability())) return;
  test("init that cannot reach registry.terraform.io is one line with the fix; Terraform's output is held back", async () => {
    const stacks = readSynthOutput(synthToDirectory(environmentConfig("example")));
    expect(stacks.map((stack) => stack.name)).toContain("pki");
    const env = {
      ...terraformSource({ PATH: process.env.PATH, [MIRROR_ENV]: testFolder("empty-mirror") }).env,
      HOME: testFolder("terraform-home"),
      HTTPS_PROXY: "http://127.0.0.1:9",
      TF_CLI_CONFIG_FILE: "",
      TF_PLUGIN_CACHE_DIR: "",
    };
    const written = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const held = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const result = await runStacks("plan", stacks, streamingTerraform(env), () => {});
      expect(result.ok).toBe(false);
      expect(!result.ok && result.cannotRun).toMatch(
        /^terraform init in stack pki could not reach registry\.terraform\.io .*set MTLS_TF_PROVIDER_MIRROR/,
      );
      expect([...written.mock.calls, ...held.mock.calls]).toEqual([]);
    } finally {
      written.mockRestore();
      held.mockRestore();
    }
  });
});
