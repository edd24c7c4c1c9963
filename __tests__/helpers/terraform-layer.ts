import type { TerraformAvailability } from "../../tools/terraform/cli";
import type { MockApplyOutcome, MockApplyRun } from "../../tools/terraform/offline-stack";

/**
 * Registers the test that stands for a real-Terraform layer that cannot run here: skipped with the reason, or,
 * under MTLS_REQUIRE_ALL_LAYERS=1 (CI), failing with it. Returns false when the layer cannot run.
 */
export function terraformLayerRuns(
  layer: string,
  availability: TerraformAvailability,
): availability is TerraformAvailability & { available: true } {
  if (availability.available) return true;
  const reason = `${layer} skipped: ${availability.reason}`;
  if (process.env.MTLS_REQUIRE_ALL_LAYERS === "1") {
    test(layer, () => {
      throw new Error(`${reason} (MTLS_REQUIRE_ALL_LAYERS=1 makes this a failure)`);
    });
  } else {
    console.warn(`SKIPPED ${reason}`);
    test.skip(reason, () => {});
  }
  return false;
}

/** One stack's test file of a merged terraform test (mockApplyStacks) passed, every run block of it. */
export function expectMockApplied({ run, outcomes }: MockApplyRun, name: string): MockApplyOutcome {
  const outcome = outcomes[name];
  expect({ name, verdict: outcome.verdict, output: outcome.verdict === "pass" ? "" : run.output }).toEqual({
    name,
    verdict: "pass",
    output: "",
  });
  expect(outcome.output).toMatch(/^ {2}run "\w+"\.\.\. pass$/m);
  expect(outcome.output).not.toMatch(/\.\.\. (fail|skip|error)$/m);
  return outcome;
}
