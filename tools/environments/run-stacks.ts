// Runs terraform in each stack's folder in dependency order (destroy: the reverse), and stops at the first stack
// that fails.
import { spawn } from "node:child_process";
import { cannotRunCause } from "./stack-command-faults";
import type { SynthesizedStack } from "./synth-output";

export type StackAction = "plan" | "deploy" | "destroy";

export interface RunOptions {
  /** deploy and destroy: go ahead without asking (for CI with a reviewed plan). @default false */
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
      /** A cause outside the stacks (no network, no credentials), as one line with what to do. */
      readonly cannotRun?: string;
    };

export function commandsFor(action: StackAction, options: RunOptions = {}): string[][] {
  const init = ["init", "-input=false"];
  if (action === "plan") return [init, ["plan", "-input=false"]];
  const verb = action === "deploy" ? "apply" : "destroy";
  return [init, options.autoApprove ? [verb, "-input=false", "-auto-approve"] : [verb]];
}

export async function runStacks(
  action: StackAction,
  stacks: readonly SynthesizedStack[],
  run: TerraformRunner,
  log: (line: string) => void,
  options: RunOptions = {},
): Promise<RunResult> {
  const completed: string[] = [];
  // A stack is destroyed before the stacks it reads: dns, api, truststore, then pki.
  const ordered = action === "destroy" ? [...stacks].reverse() : stacks;
  for (const [index, stack] of ordered.entries()) {
    log(`\n=== ${action} ${stack.name} (${index + 1}/${ordered.length}) in ${stack.directory}`);
    const started = Date.now();
    for (const args of commandsFor(action, options)) {
      const result = await run(args, stack.directory);
      if (result.code !== 0) {
        return {
          ok: false,
          completed,
          failedStack: stack.name,
          failedCommand: `terraform ${args.join(" ")}`,
          notRun: ordered.slice(index + 1).map((later) => later.name),
          hint: hintFor(result.output, stack),
          cannotRun: cannotRunCause(result.output, stack.name),
        };
      }
    }
    completed.push(stack.name);
    log(`=== ${action} ${stack.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { ok: true, completed };
}

/**
 * The refusals a user can act on: a later stack planned before its upstream stack was applied, and a destroy
 * stopped by deletion protection (prevent_destroy on the ACM Private CAs).
 */
function hintFor(output: string, stack: SynthesizedStack): string | undefined {
  if (/Instance cannot be destroyed/.test(output)) {
    return `${stack.name} is protected from deletion (pki.deletionProtection puts prevent_destroy on the CAs): to delete it on purpose, set pki.deletionProtection to false in the environment's configuration and run destroy again; ACM Private CA then keeps each CA restorable for pki.permanentDeletionDays (7-30 days).`;
  }
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

/**
 * Runs terraform with the user's terminal for input (apply asks for approval) and streams what it prints; init's
 * output is held back and shown only when init fails for a reason cannotRunCause does not put in one line.
 */
export function streamingTerraform(env: NodeJS.ProcessEnv): TerraformRunner {
  return (args, cwd) =>
    new Promise((resolve, reject) => {
      const child = spawn("terraform", args, { cwd, env, stdio: ["inherit", "pipe", "pipe"] });
      const quiet = args[0] === "init";
      const held: [NodeJS.WriteStream, Buffer][] = [];
      let tail = "";
      const forward = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
        if (quiet) held.push([target, chunk]);
        else target.write(chunk);
        tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL);
      };
      child.stdout.on("data", forward(process.stdout));
      child.stderr.on("data", forward(process.stderr));
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0 && !cannotRunCause(tail, "")) for (const [target, chunk] of held) target.write(chunk);
        resolve({ code: code ?? 1, output: tail });
      });
    });
}
