// Splits a PEM file into its blocks, remembering where each starts, and what text lies outside them.

export interface PemBlock {
  /** 1-based position among the blocks. */
  readonly index: number;
  readonly label: string;
  /** The whole block, BEGIN to END line. */
  readonly text: string;
  /** 1-based line of the BEGIN line. */
  readonly line: number;
}

export interface PemFile {
  readonly blocks: PemBlock[];
  /** Non-blank text between or around blocks, with its 1-based line. */
  readonly strayText: { line: number; text: string }[];
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export function splitPem(content: string): PemFile {
  const blocks: PemBlock[] = [];
  const strayText: PemFile["strayText"] = [];
  let position = 0;
  let line = 1;
  const noteStray = (text: string, startLine: number) => {
    text.split("\n").forEach((row, offset) => {
      if (row.trim()) strayText.push({ line: startLine + offset, text: row.trim() });
    });
  };
  for (const match of content.matchAll(BLOCK)) {
    const before = content.slice(position, match.index);
    noteStray(before, line);
    line += countLines(before);
    blocks.push({ index: blocks.length + 1, label: match[1], text: match[0], line });
    line += countLines(match[0]);
    position = match.index + match[0].length;
  }
  noteStray(content.slice(position), line);
  return { blocks, strayText };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
