// The run's shared AWS provider (tools/performance/shared-provider.ts): validate and terraform test attach to it,
// and it stops, socket folder and all, when its starter lets go. Without a Terraform CLI or mirror the layer is
// skipped with the reason; MTLS_REQUIRE_ALL_LAYERS=1 makes that a failure.
import * as fs from "node:fs";
import * as path from "node:path";
import { runTerraform, terraformAvailability } from "../../tools/terraform/cli";
import {
  providerExecutable,
  reattachLine,
  SHARED_PROVIDER_ENV,
  startSharedProvider,
  withSharedProvider,
} from "../../tools/performance/shared-provider";
import { testFolder } from "../helpers/pki";
import { terraformLayerRuns } from "../helpers/terraform-layer";

test("the reattach configuration is read from the provider's debug-mode banner", () => {
  const json = '{"registry.terraform.io/hashicorp/aws":{"Protocol":"grpc","Pid":42}}';
  const banner = `Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:\n\n\tTF_REATTACH_PROVIDERS='${json}'\n`;
  expect(reattachLine(banner)).toBe(json);
  expect(reattachLine("Starting github.com/hashicorp/terraform-provider-aws@5.100.0")).toBeUndefined();
});

test("only commands given the shared provider's variable attach to it; others keep their own provider", () => {
  const env = { [SHARED_PROVIDER_ENV]: "{}", PATH: "/bin" };
  expect(withSharedProvider(env)).toEqual({ ...env, TF_REATTACH_PROVIDERS: "{}" });
  const withoutShared = { PATH: "/bin" };
  const saved = process.env[SHARED_PROVIDER_ENV];
  delete process.env[SHARED_PROVIDER_ENV];
  try {
    expect(withSharedProvider(withoutShared)).toEqual(withoutShared);
  } finally {
    if (saved !== undefined) process.env[SHARED_PROVIDER_ENV] = saved;
  }
});

const availability = terraformAvailability();
if (terraformLayerRuns("shared provider layer", availability)) {
  test("validate attaches to a provider started from the mirror, which stops with its socket folder", async () => {
    const executable = providerExecutable();
    expect(executable).toMatch(/terraform-provider-aws/);
    const provider = await startSharedProvider(executable!);
    const attached = JSON.parse(provider.reattach)["registry.terraform.io/hashicorp/aws"];
    const alive = () => {
      try {
        process.kill(attached.Pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      const folder = testFolder("attached");
      fs.writeFileSync(
        path.join(folder, "main.tf.json"),
        JSON.stringify({ resource: { aws_s3_bucket: { probe: { bucket: "attached-probe" } } } }),
      );
      const env = { ...availability.env, TF_REATTACH_PROVIDERS: provider.reattach };
      const init = await runTerraform(["init", "-input=false"], folder, env);
      expect(init.output).not.toMatch(/Installing hashicorp\/aws/);
      const validate = await runTerraform(["validate"], folder, env);
      expect(validate.output).toMatch(/Success! The configuration is valid/);
      expect(alive()).toBe(true);
    } finally {
      await provider.stop();
    }
    expect(alive()).toBe(false);
    expect(fs.existsSync(path.dirname(attached.Addr.String))).toBe(false);
  });
}
