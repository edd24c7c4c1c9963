// Before the first test file of a jest run: what every worker shares for the run, reached through the environment
// the workers inherit. The run's AWS provider (tools/performance/shared-provider.ts) and a per-run cache folder
// (tools/performance/run-cache.ts) that also holds each Lambda's bundle and plan:offline's plans of the shipped
// example (tools/performance/plan-cache.ts); global-teardown.ts stops and removes both. Every temporary folder of the run
// (the tests', and those of the tools and Terraform they start) goes in one folder of the run: TMPDIR points
// there for every worker and child process, and it is removed at the end, on a failure, and on Ctrl-C.
import * as fs from "node:fs";
import * as path from "node:path";
import { BUNDLE_CACHE_ENV } from "../lib/bundling/bundle";
import { TERRAFORM_CHECKED_ENV, terraformAvailability } from "../tools/terraform/cli";
import { PLAN_CACHE_ENV } from "../tools/performance/plan-cache";
import {
  providerExecutable,
  SHARED_PROVIDER_ENV,
  startSharedProvider,
  type SharedProvider,
} from "../tools/performance/shared-provider";
import { nodeOptionsQuietingCdktf, quietKnownWarnings } from "../lib/known-warnings";
import { removedWithProcess, temporaryFolder } from "../lib/temporary-folder";
import { createRunCache } from "../tools/performance/run-cache";

export const RUN_RESOURCES = Symbol.for("apigw-mtls.test-run-resources");

export interface RunResources {
  provider?: SharedProvider;
  cache?: string;
  temporary?: string;
}

async function startProvider(): Promise<SharedProvider | undefined> {
  if (process.env[SHARED_PROVIDER_ENV] || !terraformAvailability().available) return undefined;
  const executable = providerExecutable();
  if (!executable) {
    console.warn("No shared AWS provider (a packed mirror): each Terraform command starts its own.");
    return undefined;
  }
  try {
    const provider = await startSharedProvider(executable);
    process.env[SHARED_PROVIDER_ENV] = provider.reattach;
    return provider;
  } catch (error) {
    // Only slower without it: every Terraform command then starts its own provider, as plans always do.
    console.warn(`No shared AWS provider: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The Go garbage collector's pace for every Terraform and provider process of the run (they inherit it), unless the
 * caller set one. At Go's default (100) the AWS provider spends about a quarter of a plan's CPU collecting: the
 * example's four offline plans took 24.2 CPU s at 100, 17.5 at 400 (the provider's peak memory 490 -> 840 MB) and
 * 15.5 at 800 (1.26 GB). It changes when memory is reclaimed, nothing Terraform computes.
 */
export const TEST_RUN_GOGC = "400";

export default async function globalSetup(): Promise<void> {
  process.env.GOGC ??= TEST_RUN_GOGC;
  // cdktf's DEP0044 on Node 22+: this process runs the tests itself with --runInBand (one file), the workers
  // otherwise.
  quietKnownWarnings();
  process.env.NODE_OPTIONS = nodeOptionsQuietingCdktf(process.env.NODE_OPTIONS);
  // The test files and the tools they start find Terraform and the mirror as checked here, once.
  const terraform = terraformAvailability();
  if (terraform.available) process.env[TERRAFORM_CHECKED_ENV] = terraform.env[TERRAFORM_CHECKED_ENV];
  const resources: RunResources = {};
  (globalThis as Record<symbol, unknown>)[RUN_RESOURCES] = resources;
  // Made before TMPDIR points into it, so it lies in the system's own temporary folder (short socket paths).
  resources.temporary = temporaryFolder("apigw-mtls-test-run-");
  process.env.TMPDIR = resources.temporary;
  resources.cache = createRunCache();
  // Ctrl-C ends jest without its global teardown: both folders go then too.
  removedWithProcess(resources.cache);
  process.env[BUNDLE_CACHE_ENV] = fs.mkdtempSync(path.join(resources.cache, "functions-"));
  process.env[PLAN_CACHE_ENV] = fs.mkdtempSync(path.join(resources.cache, "plans-"));
  resources.provider = await startProvider();
}
