// npm run plan|deploy|destroy -- [<environment>] [--auto-approve]
// Synthesizes the environment into cdktf.out.<environment>, then runs terraform init and plan (apply, destroy) in
// each stack folder in dependency order (destroy: the reverse), stopping at the first failure. Needs Terraform,
// and AWS credentials for the state and the resources: without Terraform, credentials or the network (or the
// registry, when there is no provider mirror) it ends in one line naming the cause, exit 3.
import { spawnSync } from "node:child_process";
import { accountLoggingRoleResetNotice } from "../../lib/account-logging-role";
import { CannotCheckError, EXIT, UsageError, UserError } from "../../lib/user-error";
import { command, ENV_OPTION, type CommandDeclaration, type ToolDeclaration } from "../cli/declaration";
import { chooseEnvironment, loadChosenConfig } from "../cli/environment";
import { main } from "../cli/run";
import { preflight } from "./preflight";
import { describeResult, runStacks, streamingTerraform, type StackAction } from "./run-stacks";
import { requireAwsCredentials, terraformSource } from "./stack-command-faults";
import { synthConfig } from "./synth";
import { readSynthOutput } from "./synth-output";

const SUMMARIES: Record<StackAction, string> = {
  plan: "terraform init + plan of every stack, in dependency order; stops at the first failing stack",
  deploy: "the same with terraform apply (asks per stack; --auto-approve to skip)",
  destroy: "terraform destroy of every stack in reverse order: dns, api, truststore, pki (asks per stack)",
};

function requireTerraform(): void {
  const version = spawnSync("terraform", ["version"], { env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  if (version.error || version.status !== 0) {
    throw new CannotCheckError("no terraform CLI on PATH: install Terraform >= 1.11 and run again");
  }
}

/** Plans, deploys or destroys every stack of the chosen environment; resolves with the exit code. */
async function runStackAction(
  action: StackAction,
  chosen: { env?: string; positional?: string },
  autoApprove: boolean,
): Promise<number> {
  const config = loadChosenConfig(chooseEnvironment(chosen.env, chosen.positional));
  requireTerraform();
  if (action === "destroy" && config.pki.mode === "acm-pca" && config.pki.deletionProtection) {
    console.log(
      `Note: pki.deletionProtection is on in ${config.environment}: terraform refuses to destroy the CAs (prevent_destroy), so the pki stack will stop the run after the others are gone.`,
    );
  }
  if (action === "destroy" && config.api.type === "rest" && config.api.manageAccountLoggingRole) {
    console.log(accountLoggingRoleResetNotice(config));
  }
  const stacks = readSynthOutput(synthConfig(config).outdir);
  if (action !== "destroy") {
    const { notice, refusal } = preflight(action, config.environment, config, stacks);
    console.log(notice);
    if (refusal) throw new UserError(refusal, EXIT.usage);
  }
  await requireAwsCredentials(action, config);
  const source = terraformSource();
  console.log(source.note);
  const result = await runStacks(action, stacks, streamingTerraform(source.env), console.log, { autoApprove });
  if (!result.ok && result.cannotRun) throw new CannotCheckError(result.cannotRun);
  (result.ok ? console.log : console.error)(`\n${describeResult(action, config.environment, result)}`);
  return result.ok ? EXIT.ok : EXIT.findings;
}

function stackCommand(action: StackAction): CommandDeclaration {
  const shared = { positionals: ["[<env>]"], summary: SUMMARIES[action] };
  if (action === "plan") {
    return command({
      ...shared,
      options: ENV_OPTION,
      run: ({ values, positionals }) => runStackAction(action, { env: values.env, positional: positionals[0] }, false),
    });
  }
  return command({
    ...shared,
    options: {
      "auto-approve": { type: "boolean", description: `${action} without asking (CI with a reviewed plan)` },
      ...ENV_OPTION,
    },
    run: ({ values, positionals }) =>
      runStackAction(action, { env: values.env, positional: positionals[0] }, values["auto-approve"] === true),
  });
}

export function stackTool(action: StackAction): ToolDeclaration {
  return {
    script: action,
    summary: `${SUMMARIES[action]}; needs Terraform and AWS credentials`,
    notes: [
      "The environment: <env> or --env, else MTLS_CONFIG, else MTLS_ENV, else example.",
      "exit status: 0 done, 1 a stack failed (named), 2 bad usage or configuration, 3 could not run (no Terraform, AWS credentials or network)",
    ],
    commands: [stackCommand(action)],
  };
}

/** The tools this entry point runs, as the npm scripts that start it name them (__tests__/helpers/script-tools.ts). */
export const declaredTools = (): ToolDeclaration[] => [stackTool("plan"), stackTool("deploy"), stackTool("destroy")];

if (require.main === module) {
  const action = process.argv[2];
  if (action !== "plan" && action !== "deploy" && action !== "destroy") {
    throw new UsageError(`run.ts takes plan, deploy or destroy first (got ${action})`);
  }
  main(stackTool(action), process.argv.slice(3));
}
