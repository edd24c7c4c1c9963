// Prepares a synthesized stack for Terraform runs without AWS: a scratch copy, the mocked AWS provider,
// and upstream remote-state outputs overridden with fixtures.
import * as fs from "node:fs";
import * as path from "node:path";
import type { ApiType, Config } from "../../../lib/config/schema";
import { UPSTREAM, type StackName } from "../../../lib/contract";
import { PROJECT_ROOT } from "../../../lib/project-root";
import { initThen, type StepResult } from "../../../tools/terraform/cli";
import { withSharedProvider } from "../../../tools/performance/shared-provider";
import { hclValue } from "../../../tools/terraform/hcl";
import { UPSTREAM_FIXTURES } from "../../../tools/terraform/upstream-fixtures";
import { temporaryFolder } from "../../../lib/temporary-folder";

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
  return overrideData(upstream, UPSTREAM_FIXTURES[upstream], "");
}

function overrideData(upstream: StackName, outputs: object, indent: string): string {
  const block = [
    "override_data {",
    `  target = data.terraform_remote_state.${upstream}`,
    `  values = { outputs = ${hclValue(outputs).replace(/\n/g, "\n  ")} }`,
    "}",
    "",
  ].join("\n");
  return block.replace(/^(?=.)/gm, indent);
}

/** The api stack's custom domain, which carries the precondition on the pinned truststore version. */
const CUSTOM_DOMAIN: Record<ApiType, string> = {
  http: "aws_apigatewayv2_domain_name.custom_domain",
  rest: "aws_api_gateway_domain_name.custom_domain",
};

/**
 * The api stack's run that plans against an empty truststore version (the upstream fixture with that one output
 * emptied): the domain's precondition must refuse it before anything changes. Generated for both API types.
 */
export function emptyTruststoreVersionRun(apiType: ApiType): string {
  return [
    "# The api stack refuses to plan a custom domain pinned to an empty truststore version (the precondition on the",
    "# truststore stack's truststore_version output), before anything changes.",
    'run "an_empty_truststore_version_fails_the_api_plan" {',
    "  command = plan",
    "",
    overrideData("truststore", { ...UPSTREAM_FIXTURES.truststore, truststore_version: "" }, "  ").trimEnd(),
    `  expect_failures = [${CUSTOM_DOMAIN[apiType]}]`,
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

/** Copies a synthesized stack folder to a folder, without its prevent_destroy; returns what was lifted. */
function copyStack(stackDir: string, directory: string, edit?: (stackJson: Record<string, any>) => void) {
  fs.cpSync(stackDir, directory, { recursive: true, filter: (source) => !source.includes(".terraform") });
  const jsonFile = path.join(directory, "cdk.tf.json");
  const stackJson = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
  edit?.(stackJson);
  const liftedPreventDestroy = liftPreventDestroy(stackJson);
  fs.writeFileSync(jsonFile, JSON.stringify(stackJson, null, 2));
  return { stackJson, liftedPreventDestroy };
}

/**
 * The generated terraform test file of a stack: the mocked provider, the upstream overrides and the stack's
 * assertion files. With a module source, every run block applies that module instead of the root configuration.
 */
function testFileFor(
  stack: StackName,
  stackJson: Record<string, any>,
  apiType: ApiType,
  pkiMode: PkiMode,
  moduleSource?: string,
): string {
  const runs = [
    ...(stack === "api" ? [emptyTruststoreVersionRun(apiType)] : []),
    ...testFilesFor(stack, apiType, pkiMode).map((file) => fs.readFileSync(file, "utf8")),
  ];
  const inModule = moduleSource
    ? runs.map((text) =>
        text.replace(/^(run "[^"]+" \{)$/gm, `$1\n  module {\n    source = ${JSON.stringify(moduleSource)}\n  }\n`),
      )
    : runs;
  return [
    `# Generated from terraform-tests/ for the ${stack} stack.`,
    awsMockProvider(stack),
    upstreamOverrides(stack, stackJson),
    ...inModule,
  ].join("\n");
}

/** Copies a synthesized stack folder into a scratch folder with a generated terraform test file. */
export function prepareScratchStack(
  stackDir: string,
  stack: StackName,
  apiType: ApiType,
  pkiMode: PkiMode = "acm-pca",
): ScratchStack {
  const directory = temporaryFolder(`mtls-tf-${stack}-`);
  const { stackJson, liftedPreventDestroy } = copyStack(stackDir, directory);
  fs.mkdirSync(path.join(directory, "tests"));
  fs.writeFileSync(
    path.join(directory, "tests", `${stack}.tftest.hcl`),
    testFileFor(stack, stackJson, apiType, pkiMode),
  );
  return { directory, liftedPreventDestroy };
}

/**
 * terraform init, then terraform test (which applies the scratch stack with the mocked provider and destroys it),
 * attached to the run's shared provider when there is one (the mirror is not under test here: init installs
 * nothing then). Validation runs separately, for many stacks in one process (validate-stacks.ts).
 */
export function mockApply(directory: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  return initThen(["test"], directory, withSharedProvider(env));
}

export interface MockApplyCase {
  /** Names the stack's module folder and test file: letters, digits, _ and -. */
  readonly name: string;
  /** The synthesized stack folder (<outdir>/stacks/<stack>). */
  readonly directory: string;
  readonly stack: StackName;
  readonly apiType: ApiType;
  /** @default "acm-pca" */
  readonly pkiMode?: PkiMode;
  /** A change to the scratch copy's JSON, for a control case whose assertions must fail. */
  readonly edit?: (stackJson: Record<string, any>) => void;
}

export interface MockApplyOutcome {
  /** The test file's verdict, as terraform test printed it ("pass", "fail"), or "missing" from the output. */
  readonly verdict: string;
  /** What terraform test printed for this file, from "in progress" to its verdict. */
  readonly output: string;
  readonly liftedPreventDestroy: string[];
}

export interface MockApplyRun {
  readonly run: StepResult;
  /** By case name. */
  readonly outcomes: Record<string, MockApplyOutcome>;
}

/** The lines terraform test printed for one test file, and its verdict. */
export function testFileSection(output: string, file: string): { verdict: string; output: string } {
  const lines = output.split("\n");
  const first = lines.findIndex((line) => line.startsWith(`${file}... in progress`));
  const verdict = /^(.+?)\.\.\. (pass|fail|skip|error)$/;
  const last = lines.findIndex((line, index) => index > first && line.match(verdict)?.[1] === file);
  if (first < 0 || last < 0) return { verdict: "missing", output: "" };
  return { verdict: lines[last].match(verdict)![2], output: lines.slice(first, last + 1).join("\n") };
}

/**
 * Mock-applies many stacks in one terraform test process: each stack is a module folder of one scratch root and
 * has its own test file (its own mocked provider and upstream overrides) whose run blocks apply that module.
 */
export async function mockApplyStacks(cases: readonly MockApplyCase[], env: NodeJS.ProcessEnv): Promise<MockApplyRun> {
  const root = temporaryFolder("mtls-tf-test-");
  fs.mkdirSync(path.join(root, "tests"));
  // An empty root module: without one, init would not read the test files and install their modules.
  fs.writeFileSync(path.join(root, "main.tf.json"), JSON.stringify({ terraform: {} }));
  const lifted: Record<string, string[]> = {};
  for (const testCase of cases) {
    const { stackJson, liftedPreventDestroy } = copyStack(
      testCase.directory,
      path.join(root, testCase.name),
      testCase.edit,
    );
    lifted[testCase.name] = liftedPreventDestroy;
    const text = testFileFor(
      testCase.stack,
      stackJson,
      testCase.apiType,
      testCase.pkiMode ?? "acm-pca",
      `./${testCase.name}`,
    );
    fs.writeFileSync(path.join(root, "tests", `${testCase.name}.tftest.hcl`), text);
  }
  const run = await initThen(["test"], root, withSharedProvider(env));
  fs.rmSync(root, { recursive: true, force: true });
  const outcomes = Object.fromEntries(
    cases.map(({ name }) => [
      name,
      { ...testFileSection(run.output, `tests/${name}.tftest.hcl`), liftedPreventDestroy: lifted[name] },
    ]),
  );
  return { run, outcomes };
}
