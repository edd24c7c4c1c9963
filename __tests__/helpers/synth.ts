import { App, Testing } from "cdktf";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildStacks } from "../../stacks/app";
import type { Config } from "../../lib/config/schema";
import { STACK_ORDER, type StackName } from "../../lib/contract";

export type StackJson = Record<string, any>;
export type SynthesizedStacks = Record<StackName, StackJson>;

/** Synthesizes every stack of a configuration in memory and parses its Terraform JSON. */
export function synthStacks(config: Config): SynthesizedStacks {
  const app = Testing.app();
  const stacks = buildStacks(app, config);
  return Object.fromEntries(
    STACK_ORDER.map((name) => [name, JSON.parse(Testing.synth(stacks[name]))]),
  ) as SynthesizedStacks;
}

/** Synthesizes to a real output folder (with assets and manifest), as `cdktf synth` does. */
export function synthToDirectory(config: Config): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "mtls-synth-"));
  const app = new App({ outdir, skipValidation: false });
  buildStacks(app, config);
  app.synth();
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
