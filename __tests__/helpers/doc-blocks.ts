// The command blocks of a Markdown document, as the doc tests run them. A fenced block whose info string is
// sh, bash or shell is a command block; it runs, unless the text line before it is a mark that says why it cannot
// (`<!-- not run: REASON -->`). `<!-- needs: terraform -->` marks a block that runs only where the real-Terraform
// layers run. A fenced block with the info string `output` lists lines the command block before it must print.
import * as fs from "node:fs";
import * as path from "node:path";

export interface CommandBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly script: string;
  /** Why it is not run, when it is marked so. */
  readonly notRun?: string;
  readonly needsTerraform: boolean;
  /** Lines its output must contain, from an `output` block right after it. */
  readonly expectedOutput: string[];
}

export interface MarkProblem {
  readonly line: number;
  readonly problem: string;
}

export interface DocumentBlocks {
  readonly blocks: CommandBlock[];
  readonly problems: MarkProblem[];
}

const SHELL = new Set(["sh", "bash", "shell"]);
const NOT_RUN = /^<!--\s*not run:\s*(.*?)\s*-->$/;
const NEEDS = /^<!--\s*needs:\s*(.*?)\s*-->$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/;

/** The documents under test: README.md and every docs/*.md, found anew on each run. */
export function documentsUnderTest(root: string): string[] {
  const docs = fs
    .readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}

export function commandBlocks(markdown: string): DocumentBlocks {
  const lines = markdown.split("\n");
  const blocks: CommandBlock[] = [];
  const problems: MarkProblem[] = [];
  let previous = "";
  let previousLine = 0;
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) {
      if (lines[index].trim()) [previous, previousLine] = [lines[index].trim(), index + 1];
      checkStrayMark(lines, index, problems);
      continue;
    }
    const [, indent, fence, info] = open;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !lines[end].trim().startsWith(fence)) body.push(lines[end++].slice(indent.length));
    const language = info.trim().split(/\s+/)[0];
    const mark = previousLine > 0 ? previous : "";
    if (SHELL.has(language)) {
      const notRun = NOT_RUN.exec(mark)?.[1];
      if (notRun !== undefined && notRun.split(/\s+/).length < 3) {
        problems.push({ line: index + 1, problem: `the not-run mark must say why in a few words (got "${notRun}")` });
      }
      blocks.push({
        line: index + 1,
        script: body.join("\n"),
        notRun,
        needsTerraform: NEEDS.exec(mark)?.[1] === "terraform",
        expectedOutput: [],
      });
    } else if (language === "output") {
      const before = blocks[blocks.length - 1];
      if (!before || before.notRun !== undefined) {
        problems.push({ line: index + 1, problem: "an output block must follow a command block that runs" });
      } else {
        before.expectedOutput.push(...body.filter((line) => line.trim()));
      }
    }
    [previous, previousLine] = ["", 0];
    index = end;
  }
  return { blocks, problems };
}

/** The fenced blocks of one language (```mermaid, say), each with the 1-based line of its opening fence. */
export function fencedBlocks(markdown: string, language: string): { line: number; text: string }[] {
  const lines = markdown.split("\n");
  const blocks: { line: number; text: string }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    let end = index + 1;
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++;
    if (info.trim().split(/\s+/)[0] === language) {
      const body = lines.slice(index + 1, end).map((line) => line.slice(indent.length));
      blocks.push({ line: index + 1, text: body.join("\n") });
    }
    index = end;
  }
  return blocks;
}

function checkStrayMark(lines: string[], index: number, problems: MarkProblem[]): void {
  // A mark is read only as the last text before a command block's fence; anywhere else it would mark nothing.
  const line = lines[index].trim();
  if (!NOT_RUN.test(line) && !NEEDS.test(line)) return;
  const following = lines.slice(index + 1).find((candidate) => candidate.trim() !== "");
  const next = FENCE.exec(following ?? "");
  if (next && SHELL.has(next[3].trim().split(/\s+/)[0])) return;
  problems.push({ line: index + 1, problem: `"${line}" is not right before a sh block's fence` });
}
