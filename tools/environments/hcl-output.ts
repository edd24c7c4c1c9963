// synth --hcl: cdktf 0.21's HCL renderer writes what Terraform refuses or reads differently, so its output is
// repaired, formatted by `terraform fmt` and read back before it is written: lifecycle preconditions and
// postconditions come out as attributes (Terraform wants blocks), depends_on as quoted strings (deprecated), and a
// multi-line string ending in a newline as a heredoc with one newline more than the string has, a multi-line
// string it has no type for between quotes across lines (HCL refuses that), and an HCP Terraform workspace without
// its project. Each stack's
// repaired HCL is parsed (@cdktf/hcl2json, HashiCorp's HCL parser built to WebAssembly) and must hold the same
// configuration as the stack's Terraform JSON; where it does not, --hcl is refused for that stack, naming the
// attribute. Then terraform fmt lays it out (one process for every stack).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { CannotCheckError, UserError } from "../../lib/user-error";
import { hclValue } from "../terraform/hcl";

/** A conversion this module cannot make reliably: --hcl is refused, in one line. */
export class HclConversionError extends UserError {}

const CONDITION_LIST = /^\s*(precondition|postcondition) = \[$/;
const CONDITION_ATTRIBUTE = /^(condition|error_message) = /;
const QUOTED_REFERENCE = /^"([A-Za-z0-9_.-]+)",$/;

/**
 * cdktf's HCL for one stack, as Terraform reads it: condition attribute lists become blocks, depends_on holds
 * references, a heredoc loses the empty last line cdktf adds to a string that ends in a newline, and the cloud
 * block is written from the stack's JSON.
 */
export function repairCdktfHcl(text: string, stack: string, json: Record<string, any> = {}): string {
  const lines = text.split("\n");
  const out: string[] = [];
  const cloud = json.terraform?.cloud;
  const refuse = (index: number, why: string) => {
    throw new HclConversionError(
      `--hcl: the ${stack} stack's line ${index + 1} (${JSON.stringify(lines[index].trim())}) ${why}; ` +
        "use the Terraform JSON (drop --hcl)",
    );
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const condition = CONDITION_LIST.exec(line);
    if (condition) {
      // precondition = [ { condition = ..., error_message = ... }, ... ]  ->  one precondition { } block each
      for (index++; lines[index]?.trim() !== "]"; index++) {
        if (lines[index]?.trim() !== "{") refuse(index, `is not a ${condition[1]} cdktf is known to write`);
        out.push(`${condition[1]} {`);
        for (index++; lines[index]?.trim() !== "},"; index++) {
          if (!CONDITION_ATTRIBUTE.test(lines[index] ?? "")) refuse(index, `is not a ${condition[1]} attribute`);
          out.push(lines[index]);
        }
        out.push("}");
      }
      continue;
    }
    if (line.trim() === "cloud {" && cloud) {
      // cdktf renders the cloud block's workspaces with its name alone (a workspace's project is dropped): the block
      // is written again from the JSON. Its settings are plain values, so each is written as HCL's literal of it.
      for (let depth = 1; depth > 0;) {
        index++;
        if (index >= lines.length) refuse(index - 1, "opens a cloud block that does not close");
        depth += lines[index].trim().endsWith("{") ? 1 : lines[index].trim() === "}" ? -1 : 0;
      }
      out.push(...cloudBlock(cloud));
      continue;
    }
    if (line.trim() === "depends_on = [") {
      out.push(line);
      for (index++; lines[index]?.trim() !== "]"; index++) {
        const reference = QUOTED_REFERENCE.exec(lines[index]?.trim() ?? "");
        if (!reference) refuse(index, "is not a resource address in depends_on");
        out.push(`${reference![1]},`);
      }
      out.push(lines[index]);
      continue;
    }
    // cdktf writes a string "a\nb\n" as <<EOF, a, b, an empty line, EOF: a heredoc ends each line with a newline,
    // so the empty line is one newline too many.
    if (line === "EOF" && out.at(-1) === "" && out.at(-2) !== undefined && !out.at(-2)!.endsWith("<<EOF")) {
      out.pop();
    }
    out.push(line);
  }
  return out.join("\n");
}

function cloudBlock(cloud: Record<string, unknown>): string[] {
  const { workspaces, ...settings } = cloud;
  const attributes = (values: object) => Object.entries(values).map(([name, value]) => `${name} = ${hclValue(value)}`);
  return [
    "cloud {",
    ...attributes(settings),
    ...(workspaces ? ["workspaces {", ...attributes(workspaces), "}"] : []),
    "}",
  ];
}

/**
 * cdktf writes a string it has no type for (an output's map, say) between quotes as it is, newlines included, and
 * HCL's quoted strings cannot span lines: each newline inside a quoted string becomes the escape \n. A small scanner
 * of HCL's lexical states (code, quoted string, interpolation with its brace depth, heredoc) finds them.
 */
export function escapeNewlinesInQuotedStrings(text: string): string {
  // The open contexts, innermost last: a quoted string, or an interpolation counting its own open braces.
  const open: ({ kind: "string" } | { kind: "interpolation"; braces: number })[] = [];
  let out = "";
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    const inside = open.at(-1);
    if (inside?.kind === "string") {
      if (char === "\\") {
        out += text.slice(at, at + 2);
        at++;
      } else if (char === '"') {
        open.pop();
        out += char;
      } else if ((char === "$" || char === "%") && text[at + 1] === "{") {
        open.push({ kind: "interpolation", braces: 0 });
        out += text.slice(at, at + 2);
        at++;
      } else if ((char === "$" || char === "%") && text[at + 1] === char && text[at + 2] === "{") {
        out += text.slice(at, at + 3);
        at += 2;
      } else out += char === "\n" ? "\\n" : char;
      continue;
    }
    if (!inside && text.startsWith("<<EOF\n", at)) {
      const end = text.indexOf("\nEOF\n", at);
      const stop = end < 0 ? text.length : end + "\nEOF\n".length;
      out += text.slice(at, stop);
      at = stop - 1;
      continue;
    }
    if (char === '"') open.push({ kind: "string" });
    else if (inside?.kind === "interpolation" && char === "{") inside.braces++;
    else if (inside?.kind === "interpolation" && char === "}") {
      if (inside.braces === 0) open.pop();
      else inside.braces--;
    }
    out += char;
  }
  return out;
}

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
    throw new HclConversionError(`--hcl: terraform fmt refused the HCL (${first.trim()}); use the Terraform JSON`);
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
      `--hcl: cdktf writes the ${stack} stack's HCL wrong (${where}), so it is not written: use the Terraform JSON (drop --hcl)`,
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
