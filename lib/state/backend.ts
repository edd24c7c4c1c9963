// Where each stack keeps its state, and how a downstream stack reads an upstream stack's outputs. Both are
// built from the same StateLocation, so the reader always matches the writer's backend.
import {
  CloudBackend,
  DataTerraformRemoteState,
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateS3,
  LocalBackend,
  NamedCloudWorkspace,
  NamedRemoteWorkspace,
  S3Backend,
  TerraformRemoteState,
  TerraformStack,
} from "cdktf";
import type { Construct } from "constructs";
import type { Config } from "../config/schema";
import type { StackName } from "../contract";
import { stateLocation } from "./location";

export { localStatePath } from "./location";

export function configureBackend(stack: TerraformStack, config: Config, name: StackName): void {
  const location = stateLocation(config, name);
  switch (location.type) {
    case "local":
      new LocalBackend(stack, { path: location.path });
      return;
    case "s3": {
      const backend = new S3Backend(stack, {
        bucket: location.bucket,
        key: location.key,
        region: location.region,
        encrypt: location.encrypt,
        kmsKeyId: location.kmsKeyId,
        dynamodbTable: location.dynamodbTable,
        assumeRole: location.roleArn ? { roleArn: location.roleArn } : undefined,
      });
      // cdktf 0.21 predates Terraform's native S3 locking, so the attribute is added as an override.
      backend.addOverride("use_lockfile", location.useLockfile);
      return;
    }
    case "cloud":
      new CloudBackend(stack, {
        organization: location.organization,
        hostname: location.hostname,
        workspaces: new NamedCloudWorkspace(location.workspace, location.project),
      });
      return;
  }
}

/**
 * A terraform_remote_state data source named after the upstream stack. Terraform Cloud workspaces are read
 * through the "remote" backend (the cloud block has no remote-state counterpart); the upstream workspace must
 * share its state with the reading workspace (docs/teams.md).
 */
export function remoteStateReader(scope: Construct, config: Config, upstream: StackName): TerraformRemoteState {
  const location = stateLocation(config, upstream);
  switch (location.type) {
    case "local":
      return new DataTerraformRemoteStateLocal(scope, upstream, { path: location.path });
    case "s3":
      return new DataTerraformRemoteStateS3(scope, upstream, {
        bucket: location.bucket,
        key: location.key,
        region: location.region,
        assumeRole: location.roleArn ? { roleArn: location.roleArn } : undefined,
      });
    case "cloud":
      return new DataTerraformRemoteState(scope, upstream, {
        organization: location.organization,
        hostname: location.hostname,
        workspaces: new NamedRemoteWorkspace(location.workspace),
      });
  }
}
