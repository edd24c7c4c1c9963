// Where one stack of one environment keeps its state, resolved from the backend settings. The writer (the stack's
// own backend) and every reader (downstream terraform_remote_state) are built from this one value, so they
// cannot disagree.
import * as path from "node:path";
import { ENVIRONMENT_PLACEHOLDER, STACK_PLACEHOLDER } from "../config/backend-schema";
import type { Config } from "../config/schema";
import type { StackName } from "../contract";

export type StateLocation =
  | { readonly type: "local"; readonly path: string }
  | {
      readonly type: "s3";
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      readonly encrypt: boolean;
      readonly kmsKeyId?: string;
      readonly useLockfile: boolean;
      readonly dynamodbTable?: string;
      readonly roleArn?: string;
    }
  | {
      readonly type: "cloud";
      readonly organization: string;
      readonly hostname: string;
      readonly workspace: string;
      readonly project?: string;
    };

/**
 * Terraform runs each stack in <outdir>/stacks/<stack>, so this path puts state in state/<environment>/ beside
 * the synth output folder (the project root for cdktf.out and for the per-environment cdktf.out.<environment>).
 * Relative, so the synthesized JSON holds no machine path; outside the output folder, so a fresh synth never
 * deletes it.
 */
export function localStatePath(environment: string, stack: StackName): string {
  return `../../../state/${environment}/${stack}.tfstate`;
}

/** The same local state file as an absolute path, for tools that read it outside Terraform (`pki status`). */
export function localStateFile(projectRoot: string, environment: string, stack: StackName): string {
  return path.resolve(projectRoot, "cdktf.out", "stacks", stack, localStatePath(environment, stack));
}

export function expandPattern(pattern: string, environment: string, stack: StackName): string {
  return pattern.split(ENVIRONMENT_PLACEHOLDER).join(environment).split(STACK_PLACEHOLDER).join(stack);
}

export function stateLocation(
  config: Pick<Config, "environment" | "region" | "backend">,
  stack: StackName,
): StateLocation {
  const backend = config.backend;
  switch (backend.type) {
    case "local":
      return { type: "local", path: localStatePath(config.environment, stack) };
    case "s3": {
      const { type, bucket, encrypt, kmsKeyId, useLockfile, dynamodbTable, roleArn } = backend;
      return {
        type,
        bucket,
        key: expandPattern(backend.key, config.environment, stack),
        region: backend.region ?? config.region,
        encrypt,
        kmsKeyId,
        useLockfile,
        dynamodbTable,
        roleArn,
      };
    }
    case "cloud":
      return {
        type: "cloud",
        organization: backend.organization,
        hostname: backend.hostname,
        workspace: expandPattern(backend.workspace, config.environment, stack),
        project: backend.project,
      };
  }
}

/** One string that names the state uniquely: two stacks share state exactly when these are equal. */
export function stateIdentity(location: StateLocation): string {
  switch (location.type) {
    case "local":
      return `local:${location.path}`;
    case "s3":
      return `s3://${location.bucket}/${location.key}`;
    case "cloud":
      return `${location.hostname}/${location.organization}/workspaces/${location.workspace}`;
  }
}
