// Reads a synthesized output folder (cdktf.out or cdktf.out.<environment>) through its manifest: each stack's
// folder, Terraform JSON and dependencies, in the order the stacks must be applied.
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../lib/user-error";

export interface SynthesizedStack {
  readonly name: string;
  /** Folder Terraform runs in: <outdir>/stacks/<stack>. */
  readonly directory: string;
  readonly dependencies: readonly string[];
  readonly json: Record<string, any>;
}

interface Manifest {
  stacks: Record<
    string,
    { name: string; workingDirectory: string; synthesizedStackPath: string; dependencies: string[] }
  >;
}

export class SynthOutputError extends UserError {}

export function readSynthOutput(outdir: string): SynthesizedStack[] {
  const manifestFile = path.join(outdir, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    throw new SynthOutputError(
      `${outdir} holds no manifest.json: synthesize first (npx cdktf synth, or npm run synth:env -- <environment>)`,
    );
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
  const stacks = Object.values(manifest.stacks).map((stack) => {
    const file = path.join(outdir, stack.synthesizedStackPath);
    if (!file.endsWith(".json")) {
      throw new SynthOutputError(
        `${outdir} holds HCL (${stack.synthesizedStackPath}), and the tools read Terraform JSON: synthesize again without --hcl`,
      );
    }
    return {
      name: stack.name,
      directory: path.join(outdir, stack.workingDirectory),
      dependencies: stack.dependencies,
      json: JSON.parse(fs.readFileSync(file, "utf8")),
    };
  });
  return dependencyOrder(stacks);
}

/** Stacks ordered so that each comes after the stacks it depends on; ties keep name order, for stable output. */
export function dependencyOrder<T extends { name: string; dependencies: readonly string[] }>(
  stacks: readonly T[],
): T[] {
  const pending = [...stacks].sort((a, b) => a.name.localeCompare(b.name));
  const ordered: T[] = [];
  while (pending.length > 0) {
    const index = pending.findIndex((stack) =>
      stack.dependencies.every((dependency) => ordered.some((done) => done.name === dependency)),
    );
    if (index < 0) {
      const names = pending.map((stack) => `${stack.name} (needs ${stack.dependencies.join(", ")})`);
      throw new SynthOutputError(`the stacks' dependencies form a cycle or name a missing stack: ${names.join("; ")}`);
    }
    ordered.push(...pending.splice(index, 1));
  }
  return ordered;
}
