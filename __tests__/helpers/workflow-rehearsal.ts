// Rehearses a GitHub Actions job on this machine: each `run:` step in bash -eo pipefail (what `shell: bash`
// means on the runner), in a clean copy of the repository, with the workflow's env, GITHUB_ENV, GITHUB_OUTPUT
// and its `${{ }}` expressions given local values. Steps that need GitHub or the network are skipped, each with
// its reason; `uses:` steps are stood in for where the job depends on them (the provider-mirror cache) and the
// upload steps are checked to find what they would upload.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PROJECT_ROOT } from "../../lib/project-root";
import { temporaryFolder } from "../../lib/temporary-folder";

export interface WorkflowStep {
  readonly name?: string;
  readonly id?: string;
  readonly if?: string | boolean;
  readonly run?: string;
  readonly uses?: string;
  readonly shell?: string;
  readonly env?: Record<string, string | number>;
  readonly with?: Record<string, string | number | boolean>;
}

export interface WorkflowJob {
  readonly env?: Record<string, string | number>;
  readonly defaults?: { run?: { shell?: string } };
  readonly strategy?: { matrix?: Record<string, unknown[]> };
  readonly permissions?: Record<string, string>;
  readonly needs?: string | string[];
  readonly if?: string;
  readonly steps: WorkflowStep[];
}

export interface Workflow {
  readonly env?: Record<string, string | number>;
  readonly defaults?: { run?: { shell?: string } };
  readonly permissions?: Record<string, string>;
  readonly jobs: Record<string, WorkflowJob>;
}

export interface StepOutcome {
  readonly step: string;
  /** ran (with its exit code), skipped (with the reason), or not run (its `if` was false). */
  readonly outcome: "ran" | "skipped" | "condition false";
  readonly code?: number;
  readonly reason?: string;
  readonly output?: string;
}

/** Steps the rehearsal does not run, and why: each needs GitHub or the network, or is the suite itself. */
const SKIPPED: { pattern: RegExp; reason: string }[] = [
  { pattern: /^npm ci$/, reason: "installs from the registry: the copy links this checkout's node_modules" },
  { pattern: /^npm test$/, reason: "the suite itself" },
  {
    pattern: /^npm run (lint|format:check)$/,
    reason: "whole-repository checks that .ci/run makes on every clean clone",
  },
  { pattern: /\bgh pr\b/, reason: "needs GitHub (the gh CLI and a pull-request token)" },
  {
    pattern: /^terraform -chdir=\S+ (init|plan)\b/,
    reason: "runs in HCP Terraform: needs the network and TF_API_TOKEN",
  },
];

export function skipReason(run: string): string | undefined {
  return SKIPPED.find((entry) => entry.pattern.test(run.trim()))?.reason;
}

/** A clean copy of the working tree: tracked and untracked-but-not-ignored files, nothing generated. */
export function cleanCopy(): string {
  const copy = temporaryFolder("mtls-workflow-");
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: PROJECT_ROOT,
    encoding: "utf8",
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter(Boolean)) {
    const source = path.join(PROJECT_ROOT, file);
    if (!fs.existsSync(source)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(source, path.join(copy, file));
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
  return copy;
}

interface Context {
  readonly env: Record<string, string>;
  readonly matrix: Record<string, unknown>;
  readonly steps: Record<string, { outputs: Record<string, string> }>;
  readonly copy: string;
  failed: boolean;
}

/** hashFiles: non-empty when a file matches (only the patterns the workflows use: a name, or dir/*.ext). */
function hashFiles(copy: string, ...patterns: string[]): string {
  const matches = patterns.some((pattern) => {
    const [dir, glob] = pattern.includes("/") ? [path.dirname(pattern), path.basename(pattern)] : [".", pattern];
    const folder = path.join(copy, dir);
    if (!fs.existsSync(folder)) return false;
    const regex = new RegExp(`^${glob.replace(/\./g, "\\.").replace(/\*/g, "[^/]*")}$`);
    return fs.readdirSync(folder).some((name) => regex.test(name));
  });
  return matches ? "matched" : "";
}

function lookup(context: Context, reference: string): unknown {
  const [root, ...rest] = reference.split(".");
  const roots: Record<string, unknown> = {
    env: context.env,
    matrix: context.matrix,
    steps: context.steps,
    runner: { temp: context.env.RUNNER_TEMP, os: "Linux" },
    // A push to main of a repository checked out locally: no pull request, no secrets, no inputs.
    github: { event_name: "push", event: {}, repository: "local/rehearsal", token: "" },
    inputs: {},
    secrets: {},
  };
  if (!(root in roots)) throw new Error(`unknown expression context ${root} in ${reference}`);
  return rest.reduce<any>((value, key) => (value == null ? undefined : value[key]), roots[root]);
}

/** Evaluates a GitHub expression (the subset the workflows use) with local values. */
export function evaluate(expression: string, context: Context): unknown {
  const parts = expression.split(/('(?:[^']|'')*')/);
  const js = parts
    .map((part, index) =>
      index % 2 === 1
        ? JSON.stringify(part.slice(1, -1).replace(/''/g, "'"))
        : part.replace(/[A-Za-z_][\w-]*(?:\.[\w-]+)*/g, (reference, offset: number) => {
            const isCall = /^\s*\(/.test(part.slice(offset + reference.length));
            return isCall || /^(true|false|null)$/.test(reference) ? reference : `lookup(${JSON.stringify(reference)})`;
          }),
    )
    .join("");
  const functions = {
    always: () => true,
    cancelled: () => false,
    success: () => !context.failed,
    failure: () => context.failed,
    hashFiles: (...patterns: string[]) => hashFiles(context.copy, ...patterns),
  };
  const run = new Function("lookup", ...Object.keys(functions), `return (${js});`);
  return run((reference: string) => lookup(context, reference), ...Object.values(functions));
}

export function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => String(evaluate(expression, context) ?? ""));
}

function condition(step: WorkflowStep, context: Context): boolean {
  if (step.if === undefined) return !context.failed;
  const expression = String(step.if).replace(/^\$\{\{\s*|\s*\}\}$/g, "");
  const guarded = /\b(always|cancelled|failure)\(\)/.test(expression);
  return (guarded || !context.failed) && Boolean(evaluate(expression, context));
}

function stringEnv(values: Record<string, string | number> | undefined, context: Context): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([name, value]) => [name, substitute(String(value), context)]),
  );
}

function readKeyValues(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return Object.fromEntries(
    fs
      .readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/** What a `uses:` step means here: the cache step restores the provider mirror from this machine's. */
function standIn(step: WorkflowStep, context: Context, providerMirror: string | undefined): StepOutcome {
  const name = step.name ?? step.uses!;
  if (step.uses!.startsWith("actions/cache") && providerMirror) {
    const target = substitute(String(step.with?.path), context);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target)) fs.symlinkSync(providerMirror, target, "dir");
    return { step: name, outcome: "ran", code: 0, output: `restored ${target} from ${providerMirror}` };
  }
  return { step: name, outcome: "skipped", reason: `action ${step.uses}: stood for by this machine` };
}

export interface Rehearsal {
  readonly copy: string;
  readonly outcomes: StepOutcome[];
}

export function rehearseJob(
  workflow: Workflow,
  job: WorkflowJob,
  matrix: Record<string, unknown>,
  options: { providerMirror?: string; skip?: (run: string) => string | undefined } = {},
): Rehearsal {
  const copy = cleanCopy();
  const runnerTemp = temporaryFolder("mtls-runner-");
  const context: Context = {
    env: { CI: "true", GITHUB_ACTIONS: "true", RUNNER_TEMP: runnerTemp },
    matrix,
    steps: {},
    copy,
    failed: false,
  };
  Object.assign(context.env, stringEnv(workflow.env, context), stringEnv(job.env, context));
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of job.steps.entries()) {
    const name = step.name ?? step.run ?? step.uses ?? `step ${index + 1}`;
    if (!condition(step, context)) {
      outcomes.push({ step: name, outcome: "condition false" });
      continue;
    }
    if (step.uses) {
      outcomes.push(standIn(step, context, options.providerMirror));
      continue;
    }
    const run = substitute(step.run!, context);
    const reason = (options.skip ?? skipReason)(run);
    if (reason) {
      outcomes.push({ step: name, outcome: "skipped", reason });
      continue;
    }
    const files = { env: path.join(runnerTemp, `env-${index}`), output: path.join(runnerTemp, `output-${index}`) };
    const script = path.join(runnerTemp, `step-${index}.sh`);
    fs.writeFileSync(script, run);
    const shell = step.shell ?? job.defaults?.run?.shell ?? workflow.defaults?.run?.shell;
    // GitHub: `shell: bash` is bash --noprofile --norc -eo pipefail; without it, sh -e (or bash -e), no pipefail.
    const command = shell === "bash" ? ["--noprofile", "--norc", "-eo", "pipefail", script] : ["-e", script];
    const result = spawnSync("bash", command, {
      cwd: copy,
      encoding: "utf8",
      env: {
        ...process.env,
        ...context.env,
        ...stringEnv(step.env, context),
        GITHUB_ENV: files.env,
        GITHUB_OUTPUT: files.output,
      },
      timeout: 600_000,
    });
    const code = result.status ?? 1;
    outcomes.push({ step: name, outcome: "ran", code, output: `${result.stdout}${result.stderr}`.slice(-4000) });
    Object.assign(context.env, readKeyValues(files.env));
    if (step.id) context.steps[step.id] = { outputs: readKeyValues(files.output) };
    if (code !== 0) context.failed = true;
  }
  return { copy, outcomes };
}
