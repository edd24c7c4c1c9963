// Real Terraform on the self-managed pki and truststore stacks: init against the local provider mirror,
// validate, and `terraform test` applying them offline with the mocked AWS provider
// (terraform-tests/<stack>-self-managed.tftest.hcl).
import * as path from "node:path";
import { terraformAvailability } from "../tools/terraform/cli";
import { mockApplyStacks, type MockApplyRun } from "../tools/terraform/offline-stack";
import { validateStacks } from "../tools/terraform/validate-stacks";
import { issue } from "../tools/pki/commands/issue";
import { revoke } from "../tools/pki/commands/revoke";
import { createTestPki, selfManagedConfig } from "./helpers/pki";
import { synthToDirectory } from "./helpers/synth";
import { expectMockApplied, terraformLayerRuns } from "./helpers/terraform-layer";

const availability = terraformAvailability();
const STACKS = ["pki", "truststore"] as const;

if (terraformLayerRuns("self-managed real Terraform layer", availability)) {
  const env = availability.env;
  describe("self-managed stacks under real Terraform", () => {
    // A promise rather than beforeAll: jest starts concurrent tests before beforeAll hooks run.
    const synthesized = (async () => {
      const context = await createTestPki();
      await issue(context, { name: "partner-a" });
      await revoke(context, { certificate: "partner-a" });
      return synthToDirectory(selfManagedConfig(context.layout.root));
    })();

    test("both stacks init and validate", async () => {
      const outdir = await synthesized;
      const stacks = STACKS.map((stack) => ({ name: stack, directory: path.join(outdir, "stacks", stack) }));
      const { init, validate } = await validateStacks(stacks, env);
      expect({ init: init.code, output: init.code ? init.output : "" }).toEqual({ init: 0, output: "" });
      expect(validate?.output).toMatch(/Success! The configuration is valid/);
      expect(validate?.code).toBe(0);
    }, 120_000);

    // Both stacks mock-apply in one terraform test process, a test file each.
    let mergedRun: Promise<MockApplyRun> | undefined;
    const mockApplied = async () =>
      (mergedRun ??= synthesized.then((outdir) =>
        mockApplyStacks(
          STACKS.map((stack) => ({
            name: stack,
            directory: path.join(outdir, "stacks", stack),
            stack,
            apiType: "http" as const,
            pkiMode: "self-managed" as const,
          })),
          env,
        ),
      ));

    test.each(STACKS)(
      "%s mock-applies under terraform test",
      async (stack) => {
        const { run, outcomes } = await mockApplied();
        expectMockApplied({ run, outcomes }, stack);
        expect(run.output).toMatch(/Success! \d+ passed, 0 failed\./);
        expect(run.code).toBe(0);
      },
      120_000,
    );
  });
}
