// Prepares a synthesized stack for Terraform runs without AWS: a scratch copy, the mocked AWS provider,
// and upstream remote-state outputs overridden with fixtures.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ApiType, Config } from "../../lib/config/schema";
import { UPSTREAM, type StackName } from "../../lib/contract";
import { PROJECT_ROOT } from "../../lib/project-root";
import { initThen, type StepResult } from "./cli";
import { hclValue } from "./hcl";
import { UPSTREAM_FIXTURES } from "./upstream-fixtures";

const TESTS_DIR = path.join(PROJECT_ROOT, "terraform-tests");

type PkiMode = Config["pki"]["mode"];

/**
 * The assertion files for a stack: the api stack's differ between HTTP and REST (api-<type>.tftest.hcl); the
 * others have <stack>.tftest.hcl for every pki mode and <stack>-<mode>.tftest.hcl for one mode, when present.
 */
export function testFilesFor(stack: StackName, apiType: ApiType, pkiMode: PkiMode = "acm-pca"): string[] {
  if (stack === "api") return [path.join(TESTS_DIR, `api-${apiType}.tftest.hcl`)];
  return [`${stack}.tftest.hcl`, `${stack}-${pkiMode}.tftest.hcl`]
    .map((name) => path.join(TESTS_DIR, name))
    .filter((file) => fs.existsSync(file));
}

/** mock_provider "aws" with the shared mocks and the stack's own (terraform-tests/mocks/). */
export function awsMockProvider(stack: StackName): string {
  const files = ["common.hcl", `${stack}.hcl`].map((name) => path.join(TESTS_DIR, "mocks", name));
  const body = files
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file, "utf8"))
    .join("\n");
  return `mock_provider "aws" {\n${body.replace(/^(?=.)/gm, "  ")}}\n`;
}

/**
 * override_data blocks that feed the stack's terraform_remote_state with outputs shaped like upstream's. A stack
 * that reads no remote state (the truststore in self-managed mode) gets none.
 */
export function upstreamOverrides(stack: StackName, stackJson: Record<string, any>): string {
  const upstream = UPSTREAM[stack];
  if (!upstream || !stackJson.data?.terraform_remote_state?.[upstream]) return "";
  return [
    "override_data {",
    `  target = data.terraform_remote_state.${upstream}`,
    `  values = { outputs = ${hclValue(UPSTREAM_FIXTURES[upstream]).replace(/\n/g, "\n  ")} }`,
    "}",
    "",
  ].join("\n");
}

/**
 * terraform test destroys what it applied; lifecycle.prevent_destroy (the CAs' deletion protection) would
 * fail that teardown. The scratch copy lifts it; the synthesized JSON keeps it, and a synthesis test checks it.
 */
export function liftPreventDestroy(stackJson: Record<string, any>): string[] {
  const lifted: string[] = [];
  for (const [type, resources] of Object.entries<Record<string, any>>(stackJson.resource ?? {})) {
    for (const [name, resource] of Object.entries<any>(resources)) {
      if (resource.lifecycle?.prevent_destroy) {
        delete resource.lifecycle.prevent_destroy;
        lifted.push(`${type}.${name}`);
      }
    }
  }
  return lifted;
}

export interface ScratchStack {
  readonly directory: string;
  readonly liftedPreventDestroy: string[];
}

/** Copies a synthesized stack folder into a scratch folder with a generated terraform test file. */
export function prepareScratchStack(
  stackDir: string,
  stack: StackName,
  apiType: ApiType,
  pkiMode: PkiMode = "acm-pca",
): ScratchStack {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `mtls-tf-${stack}-`));
  fs.cpSync(stackDir, directory, { recursive: true });
  const jsonFile = path.join(directory, "cdk.tf.json");
  const stackJson = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  const liftedPreventDestroy = liftPreventDestroy(stackJson);
  fs.writeFileSync(jsonFile, JSON.stringify(stackJson, null, 2));

  const testFile = [
    `# Generated from terraform-tests/ for the ${stack} stack.`,
    awsMockProvider(stack),
    upstreamOverrides(stack, stackJson),
    ...testFilesFor(stack, apiType, pkiMode).map((file) => fs.readFileSync(file, "utf8")),
  ].join("\n");
  fs.mkdirSync(path.join(directory, "tests"));
  fs.writeFileSync(path.join(directory, "tests", `${stack}.tftest.hcl`), testFile);
  return { directory, liftedPreventDestroy };
}

/**
 * terraform init, then terraform test (which applies the scratch stack with the mocked provider and destroys it).
 * Validation runs separately, for many stacks in one process (validate-stacks.ts): each run loads the ~700 MB
 * provider schema, the dominant cost of the offline layer.
 */
export function mockApply(directory: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  return initThen(["test"], directory, env);
}
