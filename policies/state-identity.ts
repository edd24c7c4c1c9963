// Where a stack writes its state and where a terraform_remote_state data source reads, as comparable strings:
// a reader matches a stack exactly when both name the same state, through the same kind of backend.
import { block, dataSourcesOf, type ResourceRef } from "./terraform-json";
import type { SynthesizedApp } from "./types";

const DEFAULT_CLOUD_HOST = "app.terraform.io";

function identity(type: string, config: Record<string, any> | undefined): string | undefined {
  if (!config) return undefined;
  switch (type) {
    case "local":
      return `local:${config.path ?? "terraform.tfstate"}`;
    case "s3":
      return `s3://${config.bucket}/${config.key}`;
    case "remote":
    case "cloud": {
      const workspace = block(config.workspaces)?.name;
      return `${config.hostname ?? DEFAULT_CLOUD_HOST}/${config.organization}/workspaces/${workspace}`;
    }
    default:
      return `${type}:${JSON.stringify(config)}`;
  }
}

export interface StackState {
  /** local, s3, cloud, remote, ... */
  readonly type: string;
  readonly identity: string;
  readonly settings: Record<string, any>;
}

/** The state a synthesized stack writes, from its terraform.backend or terraform.cloud block. */
export function stackState(json: Record<string, any>): StackState | undefined {
  const cloud = json.terraform?.cloud;
  if (cloud) return { type: "cloud", identity: identity("cloud", cloud)!, settings: cloud };
  const [type, settings] = Object.entries<Record<string, any>>(json.terraform?.backend ?? {})[0] ?? [];
  if (!type) return undefined;
  return { type, identity: identity(type, settings)!, settings };
}

export interface RemoteStateReader extends ResourceRef {
  readonly identity: string | undefined;
  /** The stack of this app whose state the reader reads, when one matches. */
  readonly upstream: string | undefined;
}

/** The state a terraform_remote_state data source reads, and the stack of the app that writes it. */
export function remoteStateReader(app: SynthesizedApp, reader: ResourceRef): RemoteStateReader {
  const readerIdentity = identity(reader.body.backend, reader.body.config);
  const upstream = Object.entries(app).find(([, json]) => {
    const state = stackState(json);
    return state !== undefined && state.identity === readerIdentity;
  })?.[0];
  return { ...reader, identity: readerIdentity, upstream };
}

export function remoteStateReaders(app: SynthesizedApp): RemoteStateReader[] {
  return dataSourcesOf(app, "terraform_remote_state").map((reader) => remoteStateReader(app, reader));
}
