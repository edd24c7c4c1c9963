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

const BEGIN = "-----BEGIN ";
const HEADER = /-----BEGIN ([A-Z0-9 ]{1,64})-----/y;

/**
 * Where the first END line of each label lies at or after a position, remembered per label: the scan asks for
 * ever later positions, so each label's END lines are searched for once in all, and a file of a million
 * unterminated BEGIN lines costs one pass, not a million.
 */
function endFinder(content: string): (label: string, from: number) => number {
  const known = new Map<string, { from: number; at: number }>();
  return (label, from) => {
    const cached = known.get(label);
    if (cached && cached.from <= from && (cached.at === -1 || cached.at >= from)) return cached.at;
    const at = content.indexOf(`-----END ${label}-----`, from);
    known.set(label, { from, at });
    return at;
  };
}

/**
 * Splits the file in one linear pass. A block runs from a BEGIN line to the first END line of the same label;
 * a BEGIN line without one is text outside any block.
 */
export function splitPem(content: string): PemFile {
  const blocks: PemBlock[] = [];
  const strayText: PemFile["strayText"] = [];
  const findEnd = endFinder(content);
  let position = 0;
  let line = 1;
  const noteStray = (text: string, startLine: number) => {
    text.split("\n").forEach((row, offset) => {
      if (row.trim()) strayText.push({ line: startLine + offset, text: row.trim() });
    });
  };
  for (let begin = content.indexOf(BEGIN); begin !== -1;) {
    HEADER.lastIndex = begin;
    const header = HEADER.exec(content);
    const end = header ? findEnd(header[1], HEADER.lastIndex) : -1;
    if (!header || end === -1) {
      begin = content.indexOf(BEGIN, begin + BEGIN.length);
      continue;
    }
    const stop = end + `-----END ${header[1]}-----`.length;
    const before = content.slice(position, begin);
    noteStray(before, line);
    line += countLines(before);
    const text = content.slice(begin, stop);
    blocks.push({ index: blocks.length + 1, label: header[1], text, line });
    line += countLines(text);
    position = stop;
    begin = content.indexOf(BEGIN, stop);
  }
  noteStray(content.slice(position), line);
  return { blocks, strayText };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
