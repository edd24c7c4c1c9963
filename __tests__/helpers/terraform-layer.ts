import type { TerraformAvailability } from "../../tools/terraform/cli";
import { layerRuns } from "./layer-skip";
import type { MockApplyOutcome, MockApplyRun } from "./terraform/offline-stack";

/** The test that stands for a real-Terraform layer that cannot run here (layerRuns). */
export function terraformLayerRuns(
  layer: string,
  availability: TerraformAvailability,
): availability is TerraformAvailability & { available: true } {
  return layerRuns(layer, availability);
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
