// The faults a new user meets first with plan, deploy, diff and destroy, each as one line naming the cause and
// what to do (exit 3, could not check) instead of Terraform's wall of text: no AWS credentials, no network, a
// registry out of reach. The provider mirror, when there is one, spares init the registry.
import { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "../../lib/config/schema";
import { CannotCheckError } from "../../lib/user-error";
import { cliConfiguration } from "../terraform/cli";
import { findProviderMirror, MIRROR_ENV } from "../terraform/provider-mirror";
import { temporaryFolder } from "../../lib/temporary-folder";
import * as fs from "node:fs";
import * as path from "node:path";

const OFFLINE_ALTERNATIVE = "npm run plan:offline plans every stack with no AWS account and no network";

export const CREDENTIALS_FIX =
  "set AWS_PROFILE (after `aws sso login` or `aws configure`), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where an IAM role is attached";

/**
 * Terraform, the AWS provider and the S3 backend read the same default credentials as the AWS SDK: none found is
 * said before Terraform starts. An HCP Terraform backend keeps its credentials in the workspace, not here.
 */
export async function requireAwsCredentials(action: string, config: Config): Promise<void> {
  if (config.backend.type === "cloud") return;
  const client = new S3Client({ region: config.region });
  try {
    await client.config.credentials();
  } catch (error) {
    throw new CannotCheckError(
      `${action} needs AWS credentials and found none (${(error as Error).message}): ${CREDENTIALS_FIX}; ${OFFLINE_ALTERNATIVE}`,
    );
  } finally {
    client.destroy();
  }
}

export interface TerraformSource {
  /** The variables Terraform runs with: the user's, with the mirror's CLI configuration when there is one. */
  readonly env: NodeJS.ProcessEnv;
  /** One line for the user: where the AWS provider comes from. */
  readonly note: string;
}

/**
 * Where init finds the AWS provider: the local mirror (MTLS_TF_PROVIDER_MIRROR or a usual plugin folder, as the
 * tests use) unless the user has a CLI configuration file of their own (TF_CLI_CONFIG_FILE); else the registry.
 */
export function terraformSource(env: NodeJS.ProcessEnv = process.env): TerraformSource {
  const base = { ...env, CHECKPOINT_DISABLE: "1" };
  if (env.TF_CLI_CONFIG_FILE && fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    return { env: base, note: `Terraform installs providers as TF_CLI_CONFIG_FILE=${env.TF_CLI_CONFIG_FILE} says.` };
  }
  const mirror = findProviderMirror(env);
  if (!mirror.found) {
    return {
      env: base,
      note: `Terraform installs the AWS provider from registry.terraform.io (needs the network; ${MIRROR_ENV} names a local mirror).`,
    };
  }
  const configFile = path.join(temporaryFolder("mtls-terraform-mirror-"), "terraform.rc");
  fs.writeFileSync(configFile, cliConfiguration(mirror.mirror));
  return {
    env: { ...base, TF_CLI_CONFIG_FILE: configFile },
    note: `Terraform installs the AWS provider from the local mirror ${mirror.mirror}.`,
  };
}

const CAUSES: readonly { readonly pattern: RegExp; readonly say: (stack: string) => string }[] = [
  {
    pattern:
      /could not connect to registry\.terraform\.io|Failed to query available provider packages|registry\.terraform\.io.*(no such host|i\/o timeout|connection refused)/s,
    say: (stack) =>
      `terraform init in stack ${stack} could not reach registry.terraform.io to install the AWS provider: connect to the network, or set ${MIRROR_ENV} to a provider mirror (terraform providers mirror <dir> makes one); ${OFFLINE_ALTERNATIVE}`,
  },
  {
    pattern:
      /No valid credential sources found|failed to refresh cached credentials|NoCredentialProviders|no EC2 IMDS role found|InvalidClientTokenId|ExpiredToken|The security token included in the request is (invalid|expired)/,
    say: (stack) => `stack ${stack}: AWS refused or found no credentials: ${CREDENTIALS_FIX}; ${OFFLINE_ALTERNATIVE}`,
  },
  {
    pattern:
      /dial tcp[^\n]*(no such host|i\/o timeout|connection refused|network is unreachable)|RequestError: send request failed/,
    say: (stack) =>
      `stack ${stack}: AWS (or the state backend) cannot be reached: check the network and try again; ${OFFLINE_ALTERNATIVE}`,
  },
];

/** The cause of a failed Terraform command a user can act on without reading its output, as one line. */
export function cannotRunCause(output: string, stack: string): string | undefined {
  return CAUSES.find(({ pattern }) => pattern.test(output))?.say(stack);
}
