// What plan and deploy say and check before Terraform runs: the fixed monthly cost of what the environment would
// create, and, for deploy, a refusal while the configuration still carries the shipped placeholders.
import type { Config } from "../../lib/config/schema";
import { describeCost, estimateMonthlyCost } from "./cost-estimate";
import { placeholderProblems } from "./placeholders";
import type { StackAction } from "./run-stacks";
import type { SynthesizedStack } from "./synth-output";

export interface Preflight {
  /** Printed before Terraform asks anything. */
  readonly notice: string;
  /** Set when the action must not run: what to fix. */
  readonly refusal?: string;
}

export function preflight(
  action: StackAction,
  environment: string,
  config: Config,
  stacks: readonly Pick<SynthesizedStack, "name" | "json">[],
): Preflight {
  const app = Object.fromEntries(stacks.map((stack) => [stack.name, stack.json]));
  const notice = describeCost(environment, estimateMonthlyCost(app));
  const problems = placeholderProblems(config, `config/${environment}.json`);
  if (action !== "deploy" || problems.length === 0) return { notice };
  return {
    notice,
    refusal: [
      `deploy refused for ${environment}: its configuration still carries the shipped placeholders. Nothing was applied.`,
      ...problems.map((problem) => `  - ${problem}`),
    ].join("\n"),
  };
}
