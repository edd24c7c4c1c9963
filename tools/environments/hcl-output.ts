// synth --hcl's last steps: each stack's HCL, repaired (hcl-repair.ts), is read back with HashiCorp's HCL parser
// (@cdktf/hcl2json, built to WebAssembly) and must hold the same configuration as the stack's Terraform JSON; where
// it does not, --hcl is refused for that stack in one line naming the attribute, and nothing is written. Then
// terraform fmt lays every stack out, in one process.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { CannotCheckError } from "../../lib/user-error";
import { escapeNewlinesInQuotedStrings, HclConversionError, repairCdktfHcl } from "./hcl-repair";

/** `terraform fmt` over every stack's HCL at once (one process): Terraform's own layout. */
export function terraformFmt(directory: string, env: NodeJS.ProcessEnv = process.env): void {
  const run = spawnSync("terraform", ["fmt", "-recursive", "-list=false", directory], {
    encoding: "utf8",
    env: { ...env, CHECKPOINT_DISABLE: "1" },
  });
  if (run.error) {
    throw new CannotCheckError(
      `--hcl formats the HCL with terraform fmt, and no terraform is on PATH (${run.error.message}): ` +
        "install Terraform, or drop --hcl for the Terraform JSON",
    );
  }
  if (run.status !== 0) {
    const first = run.stderr.split("\n").find((line) => line.trim()) ?? `exit ${run.status}`;
    throw new HclConversionError(
      `--hcl: terraform fmt refused the HCL (${first.trim()}); use the Terraform JSON (drop --hcl)`,
    );
  }
}

/**
 * The configuration as both parsers give it: cdktf's "//" notes and empty blocks dropped (cdktf's HCL always has a
 * required_providers block), a block given once as a one-element list taken as the block, numbers and booleans as
 * the strings Terraform converts them to, depends_on as references.
 */
export function comparable(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => comparable(item));
    if (key === "depends_on") return items.map((item) => String(item).replace(/^\$\{(.*)\}$/, "$1"));
    return items.length === 1 && isObject(items[0]) ? items[0] : items;
  }
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([name]) => name !== "//")
        .map(([name, item]) => [name, comparable(item, name)])
        .filter(([, item]) => !isObject(item) || Object.keys(item).length > 0),
    );
  }
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function valueAt(value: unknown, at: string): unknown {
  return at
    .split(/\.|(?=\[)/)
    .reduce<unknown>(
      (inner, step) => (inner as Record<string, unknown> | undefined)?.[step.replace(/^\[(\d+)\]$/, "$1")],
      value,
    );
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** The first path where two comparable configurations differ, e.g. resource.aws_s3_object.bundle.content. */
export function firstDifference(left: unknown, right: unknown, at = ""): string | undefined {
  if (isDeepStrictEqual(left, right)) return undefined;
  if (isObject(left) && isObject(right)) {
    for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const found = firstDifference(left[name], right[name], at ? `${at}.${name}` : name);
      if (found) return found;
    }
  }
  if (Array.isArray(left) && Array.isArray(right) && left.length === right.length) {
    for (let index = 0; index < left.length; index++) {
      const found = firstDifference(left[index], right[index], `${at}[${index}]`);
      if (found) return found;
    }
  }
  return at || "(the whole file)";
}

/**
 * HashiCorp's HCL parser, loaded on first use. Required untyped: its declarations pull the DOM library into the
 * whole program (/// <reference lib="dom" />), which changes Node's crypto types everywhere.
 */
function hcl2json(): { parse(name: string, text: string): Promise<unknown> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("@cdktf/hcl2json");
}

/** Parses a stack's HCL back and refuses it when it says anything other than the stack's Terraform JSON. */
export async function checkHclMatchesJson(stack: string, hcl: string, json: unknown): Promise<void> {
  const { parse } = hcl2json();
  let parsed: unknown;
  try {
    parsed = await parse(`${stack}/cdk.tf`, hcl);
  } catch (error) {
    // hcl2json reports every diagnostic in one message: "parse config: [<file>:<range>: <summary>; <detail> ...]".
    const first = /(\S+:\d+,\d+-\d+,\d+): ([^;]+)/.exec(String((error as Error).message ?? error));
    const where = first ? `${first[2]} at ${first[1]}` : "it does not parse";
    throw new HclConversionError(
      `--hcl: cdktf writes the ${stack} stack's HCL wrong (${where}), so it is not written: ` +
        "use the Terraform JSON (drop --hcl)",
    );
  }
  const [hclSide, jsonSide] = [comparable(parsed), comparable(json)];
  const difference = firstDifference(hclSide, jsonSide);
  if (difference) {
    const shown = (side: unknown) => clip(JSON.stringify(valueAt(side, difference)) ?? "nothing");
    throw new HclConversionError(
      `--hcl: the ${stack} stack's ${difference} does not convert to HCL reliably (cdktf's HCL reads back ` +
        `${shown(hclSide)}, the Terraform JSON has ${shown(jsonSide)}); use the Terraform JSON (drop --hcl)`,
    );
  }
}

/**
 * Every stack's cdk.tf in a synthesized folder, repaired, formatted and checked against its Terraform JSON
 * (by stack name). Refuses (throws) on the first stack that does not convert; the caller discards the folder.
 */
export async function finishHcl(outdir: string, jsonByStack: Record<string, unknown>): Promise<void> {
  const files = Object.keys(jsonByStack).map((stack) => ({
    stack,
    file: path.join(outdir, "stacks", stack, "cdk.tf"),
  }));
  for (const { stack, file } of files) {
    const json = jsonByStack[stack] as Record<string, any>;
    const hcl = repairCdktfHcl(escapeNewlinesInQuotedStrings(fs.readFileSync(file, "utf8")), stack, json);
    // Checked before terraform fmt, which changes only layout (also inside expressions, which hcl2json gives as text).
    await checkHclMatchesJson(stack, hcl, json);
    fs.writeFileSync(file, hcl);
  }
  terraformFmt(path.join(outdir, "stacks"));
}
