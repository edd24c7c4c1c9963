// The emulator override the harness writes beside each synthesized stack (never part of what users synthesize):
// every AWS endpoint of the provider, the S3 backend and each remote-state reader goes to the emulator, with
// static credentials (never the user's), path-style S3 and no account or region lookups. The backend and the
// readers keep every setting the stack was synthesized with (bucket, key, region, encrypt, use_lockfile) and only
// gain the emulator's: the wiring under test is the synthesized one.
import * as fs from "node:fs";
import * as path from "node:path";
import { OFFLINE_SERVICES } from "../terraform/offline-aws";

export const EMULATOR_OVERRIDE_FILE = "emulator_override.tf.json";

/** moto's default account, which its ARNs carry. */
export const EMULATOR_ACCOUNT_ID = "123456789012";

/** What the S3 backend and a terraform_remote_state reader need to reach the emulator's S3. */
export function emulatorS3Settings(url: string): Record<string, unknown> {
  return {
    endpoints: { s3: url, sts: url, iam: url },
    use_path_style: true,
    access_key: "emulator",
    secret_key: "emulator",
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
  };
}

/** Retries of a failed AWS call: moto answers an unimplemented call with HTTP 500 (moto-gaps.ts, provider-retries). */
export const EMULATOR_MAX_RETRIES = 2;

export function emulatorOverride(stackJson: Record<string, any>, url: string): Record<string, unknown> {
  const backend = stackJson.terraform?.backend?.s3;
  if (!backend) throw new Error("the emulator layer applies stacks synthesized with an S3 backend");
  const readers = (stackJson.data?.terraform_remote_state ?? {}) as Record<string, { config: Record<string, unknown> }>;
  return {
    "//": "Written by the emulator test layer into its scratch synth only: every AWS call goes to the local emulator.",
    terraform: { backend: { s3: { ...backend, ...emulatorS3Settings(url) } } },
    provider: {
      aws: {
        access_key: "emulator",
        secret_key: "emulator",
        s3_use_path_style: true,
        skip_credentials_validation: true,
        // The account is asked for (moto's STS answers 123456789012), so allowed_account_ids is checked for real.
        skip_metadata_api_check: true,
        skip_region_validation: true,
        max_retries: EMULATOR_MAX_RETRIES,
        endpoints: [Object.fromEntries(OFFLINE_SERVICES.map((service) => [service, url]))],
      },
    },
    ...(Object.keys(readers).length > 0 && {
      data: {
        terraform_remote_state: Object.fromEntries(
          Object.entries(readers).map(([name, reader]) => [
            name,
            { config: { ...reader.config, ...emulatorS3Settings(url) } },
          ]),
        ),
      },
    }),
  };
}

/** Writes the override into a synthesized stack's folder. */
export function writeEmulatorOverride(directory: string, stackJson: Record<string, any>, url: string): void {
  const file = path.join(directory, EMULATOR_OVERRIDE_FILE);
  fs.writeFileSync(file, JSON.stringify(emulatorOverride(stackJson, url), null, 2));
}
