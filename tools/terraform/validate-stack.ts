// init + validate of one synthesized stack, including its backend block. `terraform validate` skips the backend
// block, and `init` of an s3 or cloud backend needs the real bucket or organization. So the backend block is
// also written into a terraform_remote_state data source (backend_probe.tf.json): validate checks a data
// source's backend configuration against the same backend schema init uses, offline.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runTerraform, type TerraformResult } from "./cli";

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

export interface StackValidation {
  readonly backend: string;
  /** init really initialized the backend (local) or skipped it (s3, cloud: they need the real service). */
  readonly backendInitialized: boolean;
  readonly init: TerraformResult;
  readonly validate?: TerraformResult;
}

export async function validateStack(stackDir: string, env: NodeJS.ProcessEnv): Promise<StackValidation> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `mtls-validate-${path.basename(stackDir)}-`));
  fs.cpSync(stackDir, directory, { recursive: true, filter: (source) => !source.includes(".terraform") });
  const { type, probe } = backendProbe(JSON.parse(fs.readFileSync(path.join(directory, "cdk.tf.json"), "utf8")));
  fs.writeFileSync(path.join(directory, BACKEND_PROBE_FILE), JSON.stringify(probe, null, 2));
  const backendInitialized = type === "local";
  const init = await runTerraform(
    ["init", "-input=false", ...(backendInitialized ? [] : ["-backend=false"])],
    directory,
    env,
  );
  const validate = init.code === 0 ? await runTerraform(["validate"], directory, env) : undefined;
  fs.rmSync(directory, { recursive: true, force: true });
  return { backend: type, backendInitialized, init, validate };
}
