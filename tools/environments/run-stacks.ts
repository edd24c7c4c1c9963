// Runs terraform in each stack's folder in dependency order, and stops at the first stack that fails.
import { spawn } from "node:child_process";
import type { SynthesizedStack } from "./synth-output";

export type StackAction = "plan" | "deploy";

export interface RunOptions {
  /** deploy only: apply without asking (for CI with a reviewed plan). @default false */
  readonly autoApprove?: boolean;
}

/** Runs one terraform command in a folder: exit code, and the tail of what it printed (for hints). */
export type TerraformRunner = (args: string[], cwd: string) => Promise<{ code: number; output: string }>;

export type RunResult =
  | { readonly ok: true; readonly completed: string[] }
  | {
      readonly ok: false;
      readonly completed: string[];
      readonly failedStack: string;
      readonly failedCommand: string;
      readonly notRun: string[];
      readonly hint?: string;
    };

export function commandsFor(action: StackAction, options: RunOptions = {}): string[][] {
  const init = ["init", "-input=false"];
  if (action === "plan") return [init, ["plan", "-input=false"]];
  return [init, options.autoApprove ? ["apply", "-input=false", "-auto-approve"] : ["apply"]];
}

export async function runStacks(
  action: StackAction,
  stacks: readonly SynthesizedStack[],
  run: TerraformRunner,
  log: (line: string) => void,
  options: RunOptions = {},
): Promise<RunResult> {
  const completed: string[] = [];
  for (const [index, stack] of stacks.entries()) {
    log(`\n=== ${action} ${stack.name} (${index + 1}/${stacks.length}) in ${stack.directory}`);
    for (const args of commandsFor(action, options)) {
      const result = await run(args, stack.directory);
      if (result.code !== 0) {
        return {
          ok: false,
          completed,
          failedStack: stack.name,
          failedCommand: `terraform ${args.join(" ")}`,
          notRun: stacks.slice(index + 1).map((later) => later.name),
          hint: hintFor(result.output, stack),
        };
      }
    }
    completed.push(stack.name);
  }
  return { ok: true, completed };
}

/** A plan of a later stack fails while its upstream stack has not been applied: say so instead of a bare error. */
function hintFor(output: string, stack: SynthesizedStack): string | undefined {
  const reader = /data\.terraform_remote_state\.([\w-]+)/.exec(output);
  const missing =
    /Unable to find remote state|No stored state was found|Unsupported attribute|does not have an attribute/;
  if (!reader || !missing.test(output)) return undefined;
  return `${stack.name} reads the outputs of ${reader[1]}, which has no state in this environment yet: apply the stacks in order (npm run deploy -- <environment>) before planning the later ones.`;
}

export function describeResult(action: StackAction, environment: string, result: RunResult): string {
  if (result.ok) return `${action} finished for every stack of ${environment}: ${result.completed.join(", ")}.`;
  return [
    `${action} failed in stack "${result.failedStack}" of environment ${environment} (${result.failedCommand}).`,
    result.completed.length > 0 ? `Done before it: ${result.completed.join(", ")}.` : "",
    result.notRun.length > 0 ? `Not run: ${result.notRun.join(", ")}.` : "",
    result.hint ?? "",
  ]
    .filter(Boolean)
    .join("\n");
}

const OUTPUT_TAIL = 64 * 1024;

/** Runs terraform with the user's terminal for input (apply asks for approval) and streams what it prints. */
export function streamingTerraform(env: NodeJS.ProcessEnv): TerraformRunner {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      const child = spawn("terraform", args, { cwd, env, stdio: ["inherit", "pipe", "pipe"] });
      let tail = "";
      const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
        target.write(chunk);
        tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL);
      };
      child.stdout.on("data", forward(process.stdout));
      child.stderr.on("data", forward(process.stderr));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code: code ?? 1, output: tail }));
    });
}
