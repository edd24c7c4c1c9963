// Real `terraform plan` of every synthesized stack with no AWS account. terraform plan cannot use mock_provider
// (only terraform test can), so each stack runs in a scratch copy with an override file that:
//   - keeps state in the scratch folder (a plan must not touch the environment's real state or workspaces),
//   - gives the AWS provider static fake credentials and skips the credential, account and metadata lookups (so it
//     also lifts the environment's account guard, allowed_account_ids, which needs the account it skips asking for),
//   - points every AWS endpoint at a loopback stand-in that answers STS GetCallerIdentity only (offline-aws.ts),
//   - reads each upstream stack's outputs from a fixture state file built from the contract-typed fixtures.
// The synthesized configuration itself is planned unchanged.
import * as fs from "node:fs";
import * as path from "node:path";
import { UPSTREAM, type StackName } from "../../lib/contract";
import type { SynthesizedStack } from "../environments/synth-output";
import { initThen } from "./cli";
import { fixtureState } from "./fixture-state";
import { OFFLINE_SERVICES, type OfflineAws } from "./offline-aws";
import { cachedPlan, planKey } from "../performance/plan-cache";
import { providerForConfiguredUses } from "../performance/shared-provider";
import { temporaryFolder } from "../../lib/temporary-folder";

export const OVERRIDE_FILE = "plan_offline_override.tf.json";

export function offlineOverride(stack: StackName, awsUrl: string): Record<string, unknown> {
  const upstream = UPSTREAM[stack];
  return {
    "//": "Written by npm run plan:offline for this scratch copy only: local scratch state, fake credentials, loopback AWS endpoints, fixture upstream outputs.",
    terraform: { backend: { local: { path: "offline.tfstate" } } },
    provider: {
      aws: {
        access_key: "plan-offline",
        secret_key: "plan-offline",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        allowed_account_ids: null,
        endpoints: [Object.fromEntries(OFFLINE_SERVICES.map((service) => [service, awsUrl]))],
      },
    },
    ...(upstream && {
      data: {
        terraform_remote_state: {
          [upstream]: { backend: "local", config: { path: `../fixtures/${upstream}.tfstate` } },
        },
      },
    }),
  };
}

export interface StackPlan {
  readonly stack: string;
  readonly ok: boolean;
  /** "Plan: 8 to add, 0 to change, 0 to destroy." or the failing step. */
  readonly summary: string;
  /** What terraform plan printed (what init printed, when init failed). */
  readonly output: string;
  /** AWS requests the loopback stand-in answered or refused while this stack planned. */
  readonly awsCalls: string[];
  /** How long terraform init and plan took. */
  readonly seconds: number;
}

/**
 * Plans each stack in a scratch folder (stack folders side by side with a fixtures/ folder). `progress` hears a
 * line as each stack starts and as it ends, with its time.
 */
export async function planOffline(
  stacks: readonly SynthesizedStack[],
  aws: OfflineAws,
  env: NodeJS.ProcessEnv,
  progress: (line: string) => void = () => {},
): Promise<StackPlan[]> {
  const scratch = temporaryFolder("mtls-plan-offline-");
  fs.mkdirSync(path.join(scratch, "fixtures"));
  const plans: StackPlan[] = [];
  const provider = providerForConfiguredUses(env);
  try {
    for (const stack of stacks) {
      const name = stack.name as StackName;
      const upstream = UPSTREAM[name];
      const fixture = upstream && fixtureState(upstream);
      if (upstream) fs.writeFileSync(path.join(scratch, "fixtures", `${upstream}.tfstate`), fixture!);
      const directory = path.join(scratch, name);
      fs.cpSync(stack.directory, directory, { recursive: true, filter: (source) => !source.includes(".terraform") });
      fs.writeFileSync(path.join(directory, OVERRIDE_FILE), JSON.stringify(offlineOverride(name, aws.url), null, 2));
      progress(`plan:offline ${name} (${plans.length + 1}/${stacks.length}): terraform init and plan...`);
      const { value: plan, cached } = await cachedPlan(
        () => planKey({ directory, fixture, awsUrl: aws.url }, env),
        async () => planOne(name, directory, aws, await provider.env()),
        (done) => done.ok,
      );
      const from = cached ? ", planned earlier: from the plan cache" : "";
      progress(`plan:offline ${name}: ${plan.summary} (${plan.seconds.toFixed(1)} s${from})`);
      plans.push(plan);
    }
  } finally {
    await provider.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return plans;
}

async function planOne(
  stack: StackName,
  directory: string,
  aws: OfflineAws,
  env: NodeJS.ProcessEnv,
): Promise<StackPlan> {
  const before = { answered: aws.answered.length, refused: aws.refused.length };
  const started = Date.now();
  const plan = await initThen(["plan", "-input=false", "-lock=false"], directory, env);
  const awsCalls = [
    ...aws.answered.slice(before.answered).map((call) => `${call} (answered)`),
    ...aws.refused.slice(before.refused).map((call) => `${call} (refused)`),
  ];
  const summary =
    plan.code !== 0
      ? `terraform ${plan.step} failed`
      : (plan.output.match(/^(Plan: .*|No changes\..*)$/m)?.[1] ?? "planned");
  const seconds = (Date.now() - started) / 1000;
  return { stack, ok: plan.code === 0, summary, output: plan.output, awsCalls, seconds };
}
