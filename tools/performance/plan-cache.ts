// plan:offline's cache of finished plans, on when MTLS_PLAN_OFFLINE_CACHE names a folder. The test run sets it, so
// the plan-offline tests, the doc test of docs/teams.md and the rehearsal of the pull-request workflow, which all
// plan the shipped example, share one real plan of each stack. A plan is keyed by everything it reads: the
// stack's synthesized files, the override (less the stand-in's port), the upstream fixture state, the CA bundle
// the AWS provider is given (AWS_CA_BUNDLE), and the Terraform and provider versions. Only successful plans are
// kept. When two runs plan the same key at once, the second waits for the first (tools/file-lock.ts) and takes its
// plan.
import { createHash, randomUUID } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { acquireFileLock } from "../file-lock";
import { terraformAvailability } from "../terraform/cli";
import { AWS_PROVIDER_VERSION } from "../terraform/provider-mirror";

export const PLAN_CACHE_ENV = "MTLS_PLAN_OFFLINE_CACHE";

/** A plan on a loaded machine takes well under this; past it the waiter plans on its own. */
const WAIT_FOR_OTHER_PLAN_MS = 15 * 60_000;

export interface PlanInputs {
  /** The stack's folder as planned: synthesized files and the override file. */
  readonly directory: string;
  /** The upstream fixture state the plan reads, when the stack has an upstream. */
  readonly fixture?: string;
  /** The stand-in's address, which varies from run to run and is left out of the key. */
  readonly awsUrl: string;
}

function filesUnder(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => !file.split(path.sep).includes(".terraform") && fs.statSync(path.join(folder, file)).isFile())
    .sort();
}

/** What the provider reads through AWS_CA_BUNDLE: the file's contents, or that there is none. */
function caBundle(env: NodeJS.ProcessEnv): string {
  const file = env.AWS_CA_BUNDLE;
  if (!file) return "none";
  return fs.existsSync(file) ? fs.readFileSync(file, "latin1") : `missing ${file}`;
}

export function planKey(inputs: PlanInputs, env: NodeJS.ProcessEnv): string {
  const hash = createHash("sha256");
  // Without Terraform nothing is planned; the key is still made (the plan that follows fails and is not kept).
  const terraform = terraformAvailability(env);
  hash.update(`${terraform.available ? terraform.version : "no terraform"}\0aws ${AWS_PROVIDER_VERSION}\0`);
  for (const file of filesUnder(inputs.directory)) {
    // latin1 maps each byte to one character, so binary assets hash exactly; the URL is ASCII.
    const content = fs.readFileSync(path.join(inputs.directory, file), "latin1").replaceAll(inputs.awsUrl, "<aws>");
    hash.update(`${file}\0`).update(content, "latin1").update("\0");
  }
  hash.update(`fixture\0${inputs.fixture ?? ""}\0`);
  hash.update(`AWS_CA_BUNDLE\0${caBundle(env)}`);
  return hash.digest("hex").slice(0, 32);
}

export interface Cached<T> {
  readonly value: T;
  /** True when the value came from the cache. */
  readonly cached: boolean;
}

function read<T>(file: string): T | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined;
}

/**
 * The cached value under `key`, or `produce`'s, kept when `keep` says so. Without a cache folder it just produces.
 */
export async function cachedPlan<T>(
  key: () => string,
  produce: () => Promise<T>,
  keep: (value: T) => boolean,
  folder = process.env[PLAN_CACHE_ENV],
): Promise<Cached<T>> {
  if (!folder) return { value: await produce(), cached: false };
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${key()}.json`);
  const hit = read<T>(file);
  if (hit !== undefined) return { value: hit, cached: true };
  let release = () => {};
  try {
    ({ release } = await acquireFileLock(`${file}.lock`, {
      command: "plan:offline",
      waitMs: WAIT_FOR_OTHER_PLAN_MS,
      display: `${file}.lock`,
      tool: "plan:offline",
      timedOut: () => new Error("waited too long for another plan of the same stack"),
    }));
  } catch {
    // The other run is stuck: plan without the cache rather than fail.
  }
  try {
    const planned = read<T>(file);
    if (planned !== undefined) return { value: planned, cached: true };
    const value = await produce();
    if (keep(value)) {
      const temporary = `${file}.${randomUUID()}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify(value));
      fs.renameSync(temporary, file);
    }
    return { value, cached: false };
  } finally {
    release();
  }
}
