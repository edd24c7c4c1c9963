// Where each stack keeps its state, and how a downstream stack reads an upstream stack's outputs. The
// reader always matches the writer's backend.
import { DataTerraformRemoteStateLocal, LocalBackend, TerraformRemoteState, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { Config } from "../config/schema";
import type { StackName } from "../contract";

/**
 * Terraform runs each stack in <outdir>/stacks/<stack>, so this path puts state in state/<environment>/ beside
 * the synth output folder (the project root with the default cdktf.out). Relative, so the synthesized JSON
 * holds no machine path; outside cdktf.out, so a fresh synth never deletes it.
 */
export function localStatePath(environment: string, stack: StackName): string {
  return `../../../state/${environment}/${stack}.tfstate`;
}

export function configureBackend(stack: TerraformStack, config: Config, name: StackName): void {
  new LocalBackend(stack, { path: localStatePath(config.environment, name) });
}

export function remoteStateReader(scope: Construct, config: Config, upstream: StackName): TerraformRemoteState {
  return new DataTerraformRemoteStateLocal(scope, upstream, { path: localStatePath(config.environment, upstream) });
}
