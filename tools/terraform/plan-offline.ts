// npm run plan:offline [-- <environment>]: real terraform plan of every stack, no AWS account (offline-plan.ts).
// Progress goes to stderr (each stack as it starts and ends, with its time); the plans and the summary to stdout.
import * as fs from "node:fs";
import { App } from "cdktf";
import { CannotCheckError, EXIT } from "../../lib/user-error";
import { command, ENV_OPTION, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main } from "../cli/run";
import { readSynthOutput } from "../environments/synth-output";
import { terraformAvailability } from "./cli";
import { startOfflineAws } from "./offline-aws";
import { planOffline, type StackPlan } from "./offline-plan";
import { temporaryFolder } from "../../lib/temporary-folder";

function summaryTable(plans: StackPlan[]): string {
  return [
    "| stack | plan | AWS calls during plan |",
    "| --- | --- | --- |",
    ...plans.map((plan) => `| ${plan.stack} | ${plan.summary} | ${plan.awsCalls.join(", ") || "none"} |`),
  ].join("\n");
}

export const PLAN_OFFLINE: ToolDeclaration = {
  script: "plan:offline",
  summary: "real terraform plan of every stack with no AWS account (default environment: example)",
  notes: [
    "The environment: <env> or --env, else MTLS_CONFIG, else MTLS_ENV, else example.",
    "exit status: 0 every stack planned, 1 a stack failed to plan, 2 bad usage or configuration, 3 no Terraform or provider mirror",
  ],
  commands: [
    command({
      positionals: ["[<env>]"],
      summary: "plan every stack offline",
      options: { ...ENV_OPTION },
      run: async ({ values, positionals }) => {
        const config = loadChosenConfig(chooseEnvironment(values.env, positionals[0]));
        const environment = config.environment;
        const availability = terraformAvailability();
        if (!availability.available) {
          throw new CannotCheckError(`plan:offline needs Terraform and the provider mirror: ${availability.reason}`);
        }
        // Loaded only once the configuration is valid: the stacks pull in the AWS provider bindings.
        const { buildStacks } = await import("../../stacks/app");
        // A scratch synth: an offline plan must not replace the environment's own output folder.
        const outdir = temporaryFolder("mtls-plan-offline-synth-");
        const aws = await startOfflineAws();
        try {
          const app = new App({ outdir, skipValidation: false });
          buildStacks(app, config);
          app.synth();
          const progress = (line: string) => console.error(line);
          const plans = await planOffline(readSynthOutput(outdir), aws, availability.env, progress);
          for (const plan of plans) console.log(`\n===== ${plan.stack} (${environment}, offline)\n${plan.output}`);
          console.log(`\nOffline plan of ${environment} (${config.backend.type} backend replaced by scratch state):\n`);
          console.log(summaryTable(plans));
          const failed = plans.filter((plan) => !plan.ok).map((plan) => plan.stack);
          if (failed.length > 0) console.error(`\nplan:offline failed for: ${failed.join(", ")}`);
          return failed.length > 0 ? EXIT.findings : EXIT.ok;
        } finally {
          await aws.close();
          fs.rmSync(outdir, { recursive: true, force: true });
        }
      },
    }),
  ],
};

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [PLAN_OFFLINE];

if (require.main === module) main(PLAN_OFFLINE);
