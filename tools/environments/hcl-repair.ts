// cdktf 0.21's HCL renderer writes what Terraform refuses or reads differently: lifecycle preconditions and
// postconditions as attributes (Terraform wants blocks), depends_on as quoted strings (deprecated), a multi-line
// string ending in a newline as a heredoc with one newline more than the string has, a multi-line string it has no
// type for between quotes across lines (HCL refuses that), and an HCP Terraform workspace without its project. These
// functions repair each; hcl-output.ts then proves the result says what the Terraform JSON says.
import { UserError } from "../../lib/user-error";
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
