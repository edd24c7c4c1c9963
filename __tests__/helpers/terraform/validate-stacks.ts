// terraform init + validate of many synthesized stacks in one Terraform process: each stack becomes a child
// module of a scratch root module, so the ~700 MB provider schema loads once instead of once per stack.
// Child modules ignore backend and cloud blocks (Terraform warns "Backend configuration ignored"), and
// `terraform validate` skips backend blocks anyway, so each stack's backend block is also written into a
// terraform_remote_state data source (backend_probe.tf.json): validate checks a data source's backend
// configuration against the same backend schema `terraform init` uses, offline.
import * as fs from "node:fs";
import * as path from "node:path";
import { runTerraform, type TerraformResult } from "../../../tools/terraform/cli";
import { withSharedProvider } from "../../../tools/performance/shared-provider";
import { temporaryFolder } from "../../../lib/temporary-folder";

export const BACKEND_PROBE_FILE = "backend_probe.tf.json";

/** The stack's backend (or cloud block) as a terraform_remote_state data source Terraform can validate. */
export function backendProbe(stackJson: Record<string, any>): { type: string; probe: Record<string, unknown> } {
  const cloud = stackJson.terraform?.cloud;
  const [type, config] = cloud
    ? ["cloud", cloud]
    : (Object.entries<Record<string, unknown>>(stackJson.terraform?.backend ?? {})[0] ?? []);
  if (!type) throw new Error("the stack has no backend block");
  return { type, probe: { data: { terraform_remote_state: { backend_probe: { backend: type, config } } } } };
}

/** The title of each warning in Terraform's output. */
export function validationWarnings(output: string): string[] {
  return [...output.matchAll(/^Warning: (.+)$/gm)].map((match) => match[1]);
}

export interface StackToValidate {
  /** Module name: letters, digits, _ and -; errors name it as <name>/cdk.tf.json. */
  readonly name: string;
  /** The synthesized stack folder (<outdir>/stacks/<stack>). */
  readonly directory: string;
  /**
   * Validate only the stack's state wiring (its backend and its remote-state readers), for a stack whose resources
   * another module of the same run validates already, e.g. the same environment with another backend. Each module
   * with resources starts its own provider process, the main cost of a large validation.
   */
  readonly stateWiringOnly?: boolean;
  /**
   * The folder holds HCL (synth --hcl: cdk.tf) rather than Terraform JSON. Its backend is not probed: the same
   * stack's JSON, validated in the same run, probes it.
   */
  readonly hcl?: boolean;
}

/** The parts of a stack that depend on where state is kept: its backend (or cloud block) and its remote-state readers. */
export function stateWiring(stackJson: Record<string, any>): Record<string, unknown> {
  const readers = stackJson.data?.terraform_remote_state;
  return readers ? { data: { terraform_remote_state: readers } } : {};
}

/** The stack without its state wiring (and cdktf's notes on it): what must not change when only the backend does. */
export function withoutStateWiring(stackJson: Record<string, any>): Record<string, unknown> {
  const { backend: _backend, cloud: _cloud, ...terraform } = stackJson.terraform ?? {};
  const { terraform_remote_state: _readers, ...data } = stackJson.data ?? {};
  const { backend: _noted, cloud: _notedCloud, overrides = {}, ...metadata } = stackJson["//"]?.metadata ?? {};
  const { backend: _overridden, ...otherOverrides } = overrides;
  return {
    ...stackJson,
    "//": { ...stackJson["//"], metadata: { ...metadata, overrides: otherOverrides } },
    terraform,
    data,
  };
}

export interface Validation {
  readonly init: TerraformResult;
  readonly validate?: TerraformResult;
  /** Backend type of each stack, by module name. */
  readonly backends: Record<string, string>;
}

export interface ValidateOptions {
  /**
   * Let init install the provider from the mirror, as a user's init does, instead of attaching it to the run's
   * shared provider (which spares the ~0.9 CPU s of hashing the ~700 MB binary). One validation of the run does,
   * to prove the mirror installs; the others prove the configuration. @default false
   */
  readonly installProvider?: boolean;
}

export async function validateStacks(
  stacks: readonly StackToValidate[],
  env: NodeJS.ProcessEnv,
  options: ValidateOptions = {},
): Promise<Validation> {
  const root = temporaryFolder("mtls-validate-");
  const backends: Record<string, string> = {};
  for (const stack of stacks) {
    const directory = path.join(root, stack.name);
    if (stack.hcl) {
      fs.cpSync(stack.directory, directory, { recursive: true, filter: (source) => !source.includes(".terraform") });
      continue;
    }
    const stackJson = JSON.parse(fs.readFileSync(path.join(stack.directory, "cdk.tf.json"), "utf8"));
    if (stack.stateWiringOnly) {
      fs.mkdirSync(directory);
      fs.writeFileSync(path.join(directory, "cdk.tf.json"), JSON.stringify(stateWiring(stackJson), null, 2));
    } else {
      fs.cpSync(stack.directory, directory, { recursive: true, filter: (source) => !source.includes(".terraform") });
    }
    const { type, probe } = backendProbe(stackJson);
    fs.writeFileSync(path.join(directory, BACKEND_PROBE_FILE), JSON.stringify(probe, null, 2));
    backends[stack.name] = type;
  }
  const modules = Object.fromEntries(stacks.map((stack) => [stack.name, { source: `./${stack.name}` }]));
  fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ module: modules }, null, 2));
  // Validate only reads the provider's schema: from the run's shared provider when there is one.
  const attached = withSharedProvider(env);
  const init = await runTerraform(["init", "-input=false"], root, options.installProvider ? env : attached);
  const validate = init.code === 0 ? await runTerraform(["validate"], root, attached) : undefined;
  fs.rmSync(root, { recursive: true, force: true });
  return { init, validate, backends };
}
