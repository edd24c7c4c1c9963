// The local backend and the matching remote-state reader. State paths are relative to the stack's own
// folder (cdktf.out/stacks/<stack>), so synthesized JSON holds no machine paths.
// Stand-in written on branch issue-4 because main's lib/state/backend.ts was never committed (the
// .gitignore pattern `state/` matched it); the lead's version replaces it at merge.
import { DataTerraformRemoteStateLocal, LocalBackend, type TerraformRemoteState, type TerraformStack } from "cdktf";
import type { Config } from "../config/schema";
import type { StackName } from "../contract";

/** state/<environment>/<stack>.tfstate at the project root, seen from cdktf.out/stacks/<stack>. */
export function localStatePath(config: Config, stack: StackName): string {
  return `../../../state/${config.environment}/${stack}.tfstate`;
}

export function configureBackend(stack: TerraformStack, config: Config, name: StackName): void {
  new LocalBackend(stack, { path: localStatePath(config, name) });
}

export function remoteStateReader(stack: TerraformStack, config: Config, upstream: StackName): TerraformRemoteState {
  return new DataTerraformRemoteStateLocal(stack, upstream, { path: localStatePath(config, upstream) });
}
