// One running AWS provider for the whole test run. Starting the ~700 MB provider binary is most of what
// `terraform validate` and `terraform test` cost (a test run block starts it several times, validate once per
// module), so the test run starts it once in debug mode and those commands attach to it through
// TF_REATTACH_PROVIDERS. Unconfigured uses attach: validate, and terraform test with a mock_provider. Configured
// uses attach one at a time, to a provider of their own (providerForConfiguredUses): plan:offline's plans and the
// run-stacks test's, whose provider starts without AWS_CA_BUNDLE (with it, the second configuration fails: "unable
// to add custom RootCAs HTTPClient"; the stand-in is plain HTTP on loopback anyway). Real deploys and plans
// against AWS (npm run plan, deploy) keep their own provider.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AWS_PROVIDER_VERSION, findProviderMirror } from "../terraform/provider-mirror";
import { temporaryFolder } from "../../lib/temporary-folder";

/** The reattach JSON of the run's shared provider, set by the test run (jest's global setup) for its workers. */
export const SHARED_PROVIDER_ENV = "MTLS_TF_SHARED_PROVIDER";

export interface SharedProvider {
  /** TF_REATTACH_PROVIDERS' value: the provider's address and pid. */
  readonly reattach: string;
  /** Stops the provider and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * The provider executable in the mirror the environment finds (provider-mirror.ts), when it is unpacked
 * (<mirror>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/); none without a mirror or for a packed one,
 * whose zip every init unpacks on its own.
 */
export function providerExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findProviderMirror(env);
  if (!found.found) return undefined;
  const mirror = found.mirror;
  const arch = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" }[process.arch as string] ?? process.arch;
  const folder = path.join(
    mirror,
    "registry.terraform.io",
    "hashicorp",
    "aws",
    AWS_PROVIDER_VERSION,
    `${process.platform}_${arch}`,
  );
  if (!fs.existsSync(folder)) return undefined;
  const name = fs.readdirSync(folder).find((file) => file.startsWith("terraform-provider-aws"));
  return name && path.join(folder, name);
}

/** The reattach configuration the provider prints when it starts in debug mode. */
export function reattachLine(output: string): string | undefined {
  return output.match(/TF_REATTACH_PROVIDERS='(\{.*\})'/)?.[1];
}

/**
 * Starts the provider in debug mode under a shell that stops it when its stdin closes: the provider cannot
 * outlive the process that started it, even when that process is killed without a chance to clean up.
 */
export function startSharedProvider(
  executable: string,
  timeoutMs = 60_000,
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): Promise<SharedProvider> {
  const guard = 'trap "" INT; "$0" -debug & provider=$!; cat >/dev/null; kill "$provider"; wait "$provider"';
  // The provider leaves its socket behind when stopped: it goes in a folder of our own, removed with it.
  const sockets = temporaryFolder("mtls-tf-provider-");
  const child = spawn("sh", ["-c", guard, executable], {
    cwd,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...env, CHECKPOINT_DISABLE: "1", PLUGIN_UNIX_SOCKET_DIR: sockets },
  });
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  const stop = async () => {
    child.stdin.end();
    await exited;
    fs.rmSync(sockets, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = "";
    let started = false;
    const fail = (reason: string) => {
      if (started) return;
      clearTimeout(timer);
      void stop();
      reject(new Error(`the shared AWS provider (${executable}) did not start: ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail(`no reattach line within ${timeoutMs / 1000} s`), timeoutMs);
    const read = (chunk: Buffer) => {
      if (started) return;
      output += chunk;
      const reattach = reattachLine(output);
      if (!reattach) return;
      clearTimeout(timer);
      // The provider keeps logging; reading on (and dropping it) keeps it from blocking on a full pipe.
      started = true;
      output = "";
      resolve({ reattach, stop });
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("error", (error) => fail(error.message));
    child.on("close", (code) => fail(`it exited with ${code}`));
  });
}

/**
 * The environment for a Terraform command that never configures the provider (validate, terraform test with a
 * mock provider): attached to the run's shared provider when there is one, unchanged otherwise.
 */
export function withSharedProvider(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const reattach = env[SHARED_PROVIDER_ENV] ?? process.env[SHARED_PROVIDER_ENV];
  return reattach ? { ...env, TF_REATTACH_PROVIDERS: reattach } : env;
}

/**
 * One AWS provider process for a series of Terraform commands that configure it (plan:offline's plans, the
 * run-stacks test's plan and apply), started at the first: each attaches to it (TF_REATTACH_PROVIDERS), one at a
 * time, instead of starting the provider three or four times (schema, validate, plan, apply), and init installs
 * nothing. It starts without AWS_CA_BUNDLE, which makes a second configuration fail; these commands talk to a
 * plain-HTTP stand-in on loopback. Without an unpacked mirror (or when it does not start), each command starts its
 * own provider as usual. An attached provider reads relative paths (a Lambda's `filename`) from its own working
 * folder, not the stack's: `cwd` is the folder of the stack that has them.
 */
export function providerForConfiguredUses(env: NodeJS.ProcessEnv, cwd?: string) {
  let started: Promise<SharedProvider | undefined> | undefined;
  const start = async () => {
    const executable = providerExecutable(env);
    if (!executable) return undefined;
    const { AWS_CA_BUNDLE: _bundle, ...withoutBundle } = env;
    return startSharedProvider(executable, 60_000, withoutBundle, cwd).catch(() => undefined);
  };
  return {
    /** `env` attached to the provider, which starts at the first call. */
    async env(): Promise<NodeJS.ProcessEnv> {
      const provider = await (started ??= start());
      return provider ? { ...env, TF_REATTACH_PROVIDERS: provider.reattach } : env;
    },
    async stop(): Promise<void> {
      await (await started)?.stop();
    },
  };
}
