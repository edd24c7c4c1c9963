// Synthesis for the tests, once per configuration per test run: the first worker to synthesize a configuration
// stores the result in the run's cache (run-cache.ts) and every later call gets a fresh copy of it, so a test may
// change what it gets. The app code loads only when a configuration is synthesized for real.
import * as fs from "node:fs";
import type { Config } from "../../lib/config/schema";
import { STACK_ORDER, type StackName } from "../../lib/contract";
import { askTerraformVersionOncePerFile } from "../../tools/performance/cdktf-version-check";
import { cachedInRun, cacheKey } from "../../tools/performance/run-cache";
import { temporaryFolder } from "../../lib/temporary-folder";

export type StackJson = Record<string, any>;
export type SynthesizedStacks = Record<StackName, StackJson>;

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on a cache miss only: cdktf and the stacks cost
   each test file about a second to load. */
const cdktf = () => {
  askTerraformVersionOncePerFile();
  return require("cdktf") as typeof import("cdktf");
};
const app = () => require("../../stacks/app") as typeof import("../../stacks/app");
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * A self-managed configuration reads the PKI tool's folder when it is synthesized, and tests change that folder
 * between synths: those are synthesized every time.
 */
function cacheable(config: Config): boolean {
  return config.pki.mode !== "self-managed";
}

/** Synthesizes every stack of a configuration in memory, without the cache. */
export function synthStacksUncached(config: Config): SynthesizedStacks {
  const { Testing } = cdktf();
  const stacks = app().buildStacks(Testing.app(), config);
  return Object.fromEntries(
    STACK_ORDER.map((name) => [name, JSON.parse(Testing.synth(stacks[name]))]),
  ) as SynthesizedStacks;
}

/** Synthesizes every stack of a configuration in memory and parses its Terraform JSON. */
export function synthStacks(config: Config): SynthesizedStacks {
  if (!cacheable(config)) return synthStacksUncached(config);
  const file = cachedInRun(`stacks-${cacheKey(config)}.json`, (into) =>
    fs.writeFileSync(into, JSON.stringify(synthStacksUncached(config))),
  );
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Synthesizes to an output folder without the cache: for tests that compare two synths of one configuration. */
export function synthToDirectoryUncached(config: Config, outdir = temporaryFolder("mtls-synth-")): string {
  const application = new (cdktf().App)({ outdir, skipValidation: false });
  app().buildStacks(application, config);
  application.synth();
  return outdir;
}

/** Synthesizes to a real output folder (with assets and manifest), as `cdktf synth` does: a new folder each call. */
export function synthToDirectory(config: Config): string {
  if (!cacheable(config)) return synthToDirectoryUncached(config);
  const synthesized = cachedInRun(`outdir-${cacheKey(config)}`, (into) => synthToDirectoryUncached(config, into));
  const outdir = temporaryFolder("mtls-synth-");
  fs.cpSync(synthesized, outdir, { recursive: true });
  return outdir;
}

/** Every resource of a type in a stack, by logical name. */
export function resourcesOf(stack: StackJson, type: string): Record<string, any> {
  return stack.resource?.[type] ?? {};
}

/** Replaces the Lambda bundle hashes, which change with the function code and the esbuild version. */
export function normalizeBundleHashes(stack: StackJson): StackJson {
  return JSON.parse(
    JSON.stringify(stack)
      .replace(/(assets\/[A-Za-z0-9_]+\/)[0-9A-F]{32}(\/function\.zip)/g, "$1<bundle-hash>$2")
      .replace(/("source_code_hash":")[A-Za-z0-9+/]{43}=/g, "$1<bundle-sha256>"),
  );
}
